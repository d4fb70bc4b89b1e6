/**
 * The staffing searches against independent oracles, and the bulk (column) API against the
 * object API.
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  computeRequirements,
  computeRequirementTable,
  createRequirementTable,
  createStaffer,
  requirementAt,
  squareRootStaffing,
  staffInterval,
  type ForecastInterval,
} from "../../src/erlang/index.ts";
import { staffErlangC } from "../../src/erlang/search.ts";
import { expectClose } from "../support/approx.ts";

/**
 * The textbook Erlang C search: Erlang B by its recursion from N = 0, every N tried in turn,
 * each target checked with the formulas of Gans, Koole & Mandelbaum (2003), section 4.1.
 */
function textbookErlangC(
  load: number,
  aht: number,
  t: { sl?: number; slSeconds: number; asa?: number; occ?: number },
): number {
  let b = 1;
  for (let n = 1; ; n++) {
    b = (load * b) / (n + load * b);
    if (n <= load) continue;
    const c = (n * b) / (n - load * (1 - b));
    if (t.sl !== undefined && 1 - c * Math.exp((-(n - load) * t.slSeconds) / aht) < t.sl) continue;
    if (t.asa !== undefined && (c * aht) / (n - load) > t.asa) continue;
    if (t.occ !== undefined && load / n > t.occ) continue;
    return n;
  }
}

describe("Erlang C search", () => {
  test.prop(
    [
      fc.double({ min: 0.01, max: 10_000, noNaN: true }),
      fc.double({ min: 10, max: 1200, noNaN: true }),
      fc.record(
        {
          sl: fc.double({ min: 0.3, max: 0.995, noNaN: true }),
          asa: fc.double({ min: 0.5, max: 300, noNaN: true }),
          occ: fc.double({ min: 0.5, max: 1, noNaN: true }),
        },
        { requiredKeys: [] },
      ),
      fc.double({ min: 0, max: 120, noNaN: true }),
    ],
    { numRuns: 400 },
  )("finds the same N as the textbook recursion from N = 0, loads up to 10,000 E", (a, h, t, T) => {
    const targets = {
      ...(t.sl === undefined ? {} : { serviceLevel: { fraction: t.sl, seconds: T } }),
      ...(t.asa === undefined ? {} : { asaSeconds: t.asa }),
      ...(t.occ === undefined ? {} : { maxOccupancy: t.occ }),
    };
    const none = Object.keys(targets).length === 0;
    const r = staffInterval({
      calls: (a * 900) / h,
      intervalSeconds: 900,
      ahtSeconds: h,
      targets,
      slSeconds: T,
    });
    const expected = textbookErlangC(r.loadErlangs, h, {
      ...(none ? { sl: 0.8 } : t.sl === undefined ? {} : { sl: t.sl }),
      slSeconds: T,
      ...(t.asa === undefined ? {} : { asa: t.asa }),
      ...(t.occ === undefined ? {} : { occ: t.occ }),
    });
    expect(r.agents).toBe(expected);
  });

  it("square-root staffing starts within two agents of the exact 80/20 answer from 10 to 5,000 E", () => {
    for (const a of [10, 33.3, 100, 480.5, 1000, 2500, 5000]) {
      for (const h of [60, 180, 600]) {
        const exact = staffInterval({
          calls: (a * 1800) / h,
          intervalSeconds: 1800,
          ahtSeconds: h,
        });
        const guess = squareRootStaffing(a, h, 0.8, 20, undefined);
        expect(Math.abs(guess - exact.agents), `A = ${a}, AHT ${h}`).toBeLessThanOrEqual(2);
      }
    }
  });

  it("walks down when the start is above the answer (a high floor is the only binding target)", () => {
    const r = staffInterval({
      calls: 1,
      intervalSeconds: 1800,
      ahtSeconds: 180,
      minAgents: 20_000,
    });
    expect(r.agents).toBe(20_000);
    expect(r.binding).toBe("minAgents");
    expect(r.serviceLevel).toBe(1);
  });
});

describe("bulk API", () => {
  const rows: ForecastInterval[] = [];
  for (let i = 0; i < 96; i++) {
    rows.push({
      queue: i % 2 === 0 ? "sales" : "service",
      startMs: Date.UTC(2025, 0, 6) + Math.floor(i / 2) * 1_800_000,
      calls: i % 7 === 0 ? 0 : 20 + ((i * 37) % 300),
      ...(i % 3 === 0 ? { ahtSeconds: 120 + i } : {}),
      ...(i % 5 === 0 ? { shrinkage: 0.25 } : {}),
    });
  }

  it.each([{}, { patienceSeconds: 150 }])(
    "computeRequirementTable gives the numbers of computeRequirements (%j)",
    (model) => {
      const options = { ahtSeconds: 240, shrinkage: 0.3, minAgents: 2, ...model };
      const objects = computeRequirements(rows, options);
      const table = computeRequirementTable(
        {
          queue: rows.map((r) => r.queue),
          startMs: rows.map((r) => r.startMs),
          calls: rows.map((r) => r.calls),
          ahtSeconds: rows.map((r) => r.ahtSeconds ?? Number.NaN),
          shrinkage: rows.map((r) => r.shrinkage ?? Number.NaN),
        },
        options,
      );
      expect(table.length).toBe(rows.length);
      objects.forEach((o, i) => {
        expect(requirementAt(table, i)).toEqual(o);
      });
    },
  );

  it("staffInto writes exactly what staff returns", () => {
    const staffer = createStaffer({ patienceSeconds: 90, targets: { maxAbandonRate: 0.05 } });
    const table = createRequirementTable(3, staffer.model);
    const loads = [0, 12.5, 640];
    loads.forEach((calls, i) => {
      staffer.staffInto(table, i, { calls, intervalSeconds: 900, ahtSeconds: 300 }, 0.1);
      expect(requirementAt(table, i)).toEqual(
        staffer.staff({ calls, intervalSeconds: 900, ahtSeconds: 300 }, 0.1),
      );
    });
  });

  it("lists at most 20 bad rows, then counts the rest", () => {
    const bad = Array.from({ length: 30 }, (_, i) => ({
      queue: "",
      startMs: i * 900_000,
      calls: 10,
    }));
    expect(() => computeRequirements(bad, {})).toThrow(/\.\.\. and 10 more problems like these/);
  });
});

describe("Erlang C search from any start", () => {
  test.prop(
    [
      fc.double({ min: 0.5, max: 3000, noNaN: true }),
      fc.double({ min: 30, max: 900, noNaN: true }),
      fc.integer({ min: -50, max: 200 }),
    ],
    { numRuns: 200 },
  )("reaches the same answer from above or below the square-root estimate", (a, h, offset) => {
    const targets = { serviceLevel: { fraction: 0.85, seconds: 15 }, asaSeconds: 30 };
    const usual = staffErlangC(a, h, 15, targets, 1);
    const start = Math.max(0, usual.at.agents + offset);
    const moved = staffErlangC(a, h, 15, targets, 1, start);
    expect(moved.at.agents).toBe(usual.at.agents);
    expectClose(moved.at.serviceLevel, usual.at.serviceLevel, { rel: 1e-10 });
    expectClose(moved.below.serviceLevel, usual.below.serviceLevel, { abs: 1e-10 });
  });
});
