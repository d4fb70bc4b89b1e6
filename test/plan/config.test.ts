/**
 * The plan configuration: defaults, errors naming the field, and the committed JSON Schema.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DataError } from "../../src/io/errors.ts";
import { parsePlanConfig, planConfigJsonSchema } from "../../src/plan/index.ts";
import { DEFAULT_WORK_LIMIT, WORK_LIMIT_MAX } from "../../src/schedule/index.ts";

const minimal = { history: "h.csv", shifts: "s.json", start: "2025-01-06", days: 7 };

function fields(raw: unknown): string[] {
  try {
    parsePlanConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return (error as DataError).issues.map((i) => `${i.field}: ${i.message}`);
  }
  return [];
}

describe("plan configuration", () => {
  it("fills the defaults", () => {
    const c = parsePlanConfig({ ...minimal, queues: { sales: { serviceLevel: 0.8 } } });
    expect(c.timeZone).toBe("UTC");
    expect(c.pools).toEqual([]);
    expect(c.solver).toEqual({
      engine: "highs",
      timeLimitSeconds: 60,
      gap: 1e-4,
      workLimit: DEFAULT_WORK_LIMIT,
    });
    expect(c.roster).toEqual({ minRestHours: 11, twoConsecutiveDaysOff: false });
    expect(c.queues["sales"]).toEqual({
      serviceLevel: 0.8,
      slSeconds: 20,
      shrinkage: 0,
      minAgents: 0,
    });
  });

  it("names every bad field", () => {
    expect(
      fields({
        ...minimal,
        days: 0,
        interval: 15,
        queues: { vip: { serviceLevel: 90, maxAbandonRate: 0.05 } },
        pools: [
          ["orders", "vip"],
          ["vip", "after"],
        ],
      }),
    ).toEqual([
      "days: Too small: expected number to be >=1",
      "interval: unknown field (see the README, or staffcast plan --print-schema)",
      "queues.vip.serviceLevel: serviceLevel is a fraction from 0.01 to below 1, e.g. 0.8 for 80 %",
      "queues.vip.maxAbandonRate: maxAbandonRate needs patienceSeconds (abandonment exists only in Erlang A)",
    ]);
    expect(
      fields({
        ...minimal,
        pools: [
          ["orders", "vip"],
          ["vip", "after"],
        ],
      }),
    ).toEqual(['pools[1][0]: queue "vip" is already in pools[0]']);
    expect(fields({ shifts: "s.json", start: "2025-01-06", days: 7 })[0]).toMatch(/^history: /);
  });

  it("takes solver.workLimit: a whole number from 1 to 1e9, the default when left out", () => {
    expect(parsePlanConfig({ ...minimal, solver: { workLimit: 5000 } }).solver).toEqual({
      engine: "highs",
      timeLimitSeconds: 60,
      gap: 1e-4,
      workLimit: 5000,
    });
    expect(parsePlanConfig({ ...minimal, solver: { gap: 0.01 } }).solver.workLimit).toBe(
      DEFAULT_WORK_LIMIT,
    );
    expect(
      parsePlanConfig({ ...minimal, solver: { workLimit: WORK_LIMIT_MAX } }).solver.workLimit,
    ).toBe(1e9);
    for (const bad of [0, -5, 1.5, 1e9 + 1, "100"])
      expect(fields({ ...minimal, solver: { workLimit: bad } })).toEqual([
        expect.stringMatching(/^solver\.workLimit: /),
      ]);
  });

  it("ships its JSON Schema as schema/plan-config.schema.json (regenerate: staffcast plan --print-schema)", () => {
    const committed = JSON.parse(readFileSync("schema/plan-config.schema.json", "utf8")) as unknown;
    expect(committed).toEqual(planConfigJsonSchema());
  });

  it("accepts the bundled example's configuration", () => {
    const c = parsePlanConfig(JSON.parse(readFileSync("examples/tv-shopping/plan.json", "utf8")));
    expect(Object.keys(c.queues)).toEqual(["orders", "vip", "aftersales"]);
    // the groups of the example's routing file
    const routing = JSON.parse(readFileSync("examples/tv-shopping/routing.json", "utf8")) as {
      groups: Record<string, { serves: { queue: string; afterSeconds?: number }[] }>;
    };
    expect(Object.keys(c.groups!)).toEqual(Object.keys(routing.groups));
    for (const [g, group] of Object.entries(routing.groups))
      expect(c.groups![g]!.serves).toEqual(
        group.serves.map((s) => ({ queue: s.queue, afterSeconds: s.afterSeconds ?? 0 })),
      );
  });
});

describe("plan configuration with skill groups", () => {
  const groups = {
    desk: { serves: [{ queue: "vip" }, { queue: "orders" }], shrinkage: 0.1, minAgents: 1 },
    sales: { serves: [{ queue: "orders" }, { queue: "vip", afterSeconds: 15 }] },
  };

  it("reads groups (names like __proto__ too), queue priority and rejectShare", () => {
    const c = parsePlanConfig({
      ...minimal,
      queues: { vip: { priority: 1 }, orders: { priority: 2, rejectShare: 0.02 } },
      groups: { ...groups, ["__proto__"]: { serves: [{ queue: "vip" }] } },
    });
    expect(Object.keys(c.groups!)).toEqual(["desk", "sales", "__proto__"]);
    expect(c.groups!["sales"]).toEqual({
      serves: [
        { queue: "orders", afterSeconds: 0 },
        { queue: "vip", afterSeconds: 15 },
      ],
      costPerHour: 1,
      shrinkage: 0,
      minAgents: 0,
    });
    expect(c.queues["orders"]!.rejectShare).toBe(0.02);
    expect(c.queues["vip"]!.priority).toBe(1);
    // without groups nothing changes: no groups field, no rejectShare filled in
    const plain = parsePlanConfig({ ...minimal, queues: { vip: {} } });
    expect(Object.keys(plain)).not.toContain("groups");
    expect(Object.keys(plain.queues["vip"]!)).toEqual(["slSeconds", "shrinkage", "minAgents"]);
  });

  it("names every field that does not fit the groups", () => {
    expect(
      fields({
        ...minimal,
        queues: { vip: { shrinkage: 0.1 }, orders: { minAgents: 2 } },
        groups,
        pools: [["orders", "vip"]],
      }),
    ).toEqual([
      "queues.vip.shrinkage: shrinkage belongs to the groups, not to a queue (give it to each group)",
      "queues.orders.minAgents: minAgents belongs to the groups, not to a queue (give it to each group)",
      "pools: pools is a shorthand for groups (a pool is one group answering its queues first come, first served): give groups or pools, not both",
    ]);
    expect(
      fields({
        ...minimal,
        queues: { after: {} },
        groups: {
          desk: { serves: [{ queue: "vip" }, { queue: "vip" }] },
          bad: { serves: [{ queue: "vip", afterSeconds: -1 }], cost: 2 },
        },
      }),
    ).toEqual([
      "groups.bad.serves[0].afterSeconds: Too small: expected number to be >=0",
      "groups.bad.cost: unknown field (see the README, or staffcast plan --print-schema)",
    ]);
    expect(
      fields({
        ...minimal,
        queues: { after: {} },
        groups: { desk: { serves: [{ queue: "vip" }, { queue: "vip" }] } },
      }),
    ).toEqual([
      'groups.desk.serves[1].queue: queue "vip" is listed twice',
      'queues.after: no group serves queue "after"',
    ]);
    expect(fields({ ...minimal, groups: {} })).toEqual(["groups: no group"]);
    expect(fields({ ...minimal, queues: { vip: { priority: 1, rejectShare: 0.1 } } })).toEqual([
      "queues.vip.priority: priority applies with groups (pools answer their calls first come, first served)",
      "queues.vip.rejectShare: rejectShare applies with groups (pools answer their calls first come, first served)",
    ]);
  });
});

describe("a configuration for rows given in memory", () => {
  it("may leave out the history and shift file paths when filePaths is false", () => {
    const config = parsePlanConfig({ start: "2025-01-06", days: 7 }, { filePaths: false });
    expect(config.history).toBeUndefined();
    expect(config.shifts).toBeUndefined();
    expect(config.days).toBe(7);
  });

  it("still requires them for a configuration file (the default)", () => {
    expect(() => parsePlanConfig({ start: "2025-01-06", days: 7 })).toThrow(/history/);
  });

  it("still checks every other field", () => {
    expect(() => parsePlanConfig({ start: "2025-01-06", days: 0 }, { filePaths: false })).toThrow(
      /days/,
    );
  });
});
