/**
 * Composing a simulation from a planner's files: the step series and grids it builds, the agents
 * reader, the plan folder's shrinkage, and the pools of planSimulation.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  gridSpacingMs,
  parseIntervalAgentsCsv,
  seriesAt,
  stepSeries,
} from "../../src/erlang/index.ts";
import { DataError } from "../../src/io/errors.ts";
import { folderPlanShrinkage } from "../../src/plan/formats/index.ts";
import { planSimulation } from "../../src/plan/simulation.ts";
import { createZone } from "../../src/time/zone.ts";

const T0 = Date.UTC(2025, 0, 6, 8);
const Q = 900_000;
const zone = createZone("UTC");

describe("step series", () => {
  it("places values on the grid from the smallest start, 0 between", () => {
    const s = stepSeries([T0 + 2 * Q, T0], [4, 3], Q);
    expect(s.startMs).toBe(T0);
    expect(s.stepSeconds).toBe(900);
    expect(Array.from(s.values)).toEqual([3, 0, 4]);
    expect(seriesAt(s, T0 + Q + 1)).toBe(0);
    expect(seriesAt(s, T0 + 2 * Q + Q - 1)).toBe(4);
    expect(seriesAt(s, T0 - 1)).toBe(0);
    expect(seriesAt(s, T0 + 3 * Q)).toBe(0);
    expect(seriesAt(7, T0)).toBe(7);
  });

  it("finds the grid of starts and names duplicates and starts off it", () => {
    expect(gridSpacingMs([T0, T0 + Q, T0 + 2 * Q, T0 + 4 * Q], "f.csv")).toBe(Q);
    expect(gridSpacingMs([T0], "f.csv")).toBe(1_800_000);
    expect(() => gridSpacingMs([T0, T0], "f.csv")).toThrow(/two rows of one queue start at/);
    expect(() => gridSpacingMs([T0, T0 + Q, T0 + 2 * Q, T0 + 2 * Q + 60_000], "f.csv")).toThrow(
      /off the grid of the others \(every 15 min\)/,
    );
  });
});

describe("parseIntervalAgentsCsv", () => {
  it("reads agents per queue and interval and locates a bad cell", () => {
    const read = parseIntervalAgentsCsv(
      "start,queue,agents\n2025-01-06T08:00Z,orders,12\n2025-01-06T08:15Z,orders,2.5\n",
      "req.csv",
    );
    expect(read.rows).toEqual([
      { startMs: T0, queue: "orders", agents: 12 },
      { startMs: T0 + Q, queue: "orders", agents: 2.5 },
    ]);
    expect(() =>
      parseIntervalAgentsCsv("start,queue,agents\n2025-01-06T08:00Z,orders,x\n", "req.csv"),
    ).toThrow(/req\.csv:2:3/);
  });
});

describe("folderPlanShrinkage", () => {
  const dir = mkdtempSync(join(tmpdir(), "staffcast-shrink-"));
  const at = (json: string): number | undefined => {
    writeFileSync(join(dir, "plan.json"), json);
    return folderPlanShrinkage(join(dir, "schedule.json"));
  };

  it("takes the largest queue shrinkage of a plan folder", () => {
    expect(
      at(
        JSON.stringify({
          config: { queues: { a: { shrinkage: 0.2 }, b: { shrinkage: 0.35 } } },
          summary: {},
        }),
      ),
    ).toBe(0.35);
  });

  it("is undefined for stdin, no plan.json or one that is not a plan", () => {
    expect(folderPlanShrinkage("-")).toBeUndefined();
    expect(folderPlanShrinkage(join(dir, "nowhere", "schedule.json"))).toBeUndefined();
    expect(at("{")).toBeUndefined();
    expect(at("null")).toBeUndefined();
    expect(at(JSON.stringify({ config: { queues: null }, summary: {} }))).toBeUndefined();
    expect(at(JSON.stringify({ config: { queues: { a: { shrinkage: 0.2 } } } }))).toBeUndefined();
  });

  it("counts a queue shrinkage outside 0..0.99 as 0", () => {
    expect(
      at(JSON.stringify({ config: { queues: { a: { shrinkage: 5 }, b: null } }, summary: {} })),
    ).toBe(0);
  });
});

describe("planSimulation", () => {
  const forecast = {
    file: "f.csv",
    rows: [
      { queue: "a", startMs: T0, calls: 10, ahtSeconds: 180 },
      { queue: "b", startMs: T0, calls: 5, ahtSeconds: 240 },
      { queue: "a", startMs: T0 + Q, calls: 12, ahtSeconds: 180 },
      { queue: "b", startMs: T0 + Q, calls: 6, ahtSeconds: 240 },
    ],
  };

  it("gives each queue its own pool from agents per queue", () => {
    const { options, pools } = planSimulation({
      forecast,
      zone,
      staffing: {
        kind: "perQueue",
        file: "r.csv",
        rows: [
          { queue: "a", startMs: T0, agents: 3 },
          { queue: "a", startMs: T0 + Q, agents: 4 },
          { queue: "b", startMs: T0, agents: 2 },
          { queue: "b", startMs: T0 + Q, agents: 2 },
        ],
      },
    });
    expect(pools).toEqual([
      { name: "a", queues: ["a"] },
      { name: "b", queues: ["b"] },
    ]);
    expect(options.report).toEqual({ startMs: T0, intervalSeconds: 900, count: 2 });
    expect(options.dayStartsMs).toEqual([Date.UTC(2025, 0, 6)]);
    expect(Array.from(options.pools[0]!.agents.values)).toEqual([3, 4]);
    // a flat rate, calls per second: 10 calls over 15 minutes
    expect(options.pools[0]!.streams[0]!.rate.values[0]).toBeCloseTo(10 / 900, 12);
  });

  it("pools every queue on a schedule's agents, shrinkage off", () => {
    const { options, pools } = planSimulation({
      forecast,
      zone,
      staffing: {
        kind: "schedule",
        file: "s.json",
        coverage: [
          { startMs: T0, scheduled: 10 },
          { startMs: T0 + Q, scheduled: 1 },
        ],
        shrinkage: 0.3,
        shrinkageFrom: "--shrinkage",
      },
    });
    expect(pools).toEqual([
      { name: "all", queues: ["a", "b"], shrinkage: 0.3, shrinkageFrom: "--shrinkage" },
    ]);
    // floor(10 x 0.7) = 7; one scheduled agent is never shrunk to none
    expect(Array.from(options.pools[0]!.agents.values)).toEqual([7, 1]);
  });

  it("refuses a queue without agents, and a forecast without rows", () => {
    const staffing = {
      kind: "perQueue" as const,
      file: "r.csv",
      rows: [{ queue: "a", startMs: T0, agents: 3 }],
    };
    expect(() => planSimulation({ forecast, zone, staffing })).toThrow(
      /no agents for queue "b" of the forecast/,
    );
    expect(() => planSimulation({ forecast: { file: "f.csv", rows: [] }, zone, staffing })).toThrow(
      DataError,
    );
  });
});
