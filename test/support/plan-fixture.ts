/**
 * A small plan for tests: three queues (two pooled), two weeks of 30-minute history on
 * weekdays 08:00-18:00, two shift templates (one with a lunch), thirty agents, one day planned.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { HistoryInterval } from "../../src/forecast/index.ts";
import {
  parsePlanConfig,
  runPlan,
  type PlanConfig,
  type PlanResult,
} from "../../src/plan/index.ts";
import { parseShiftSpec, type ShiftSpec } from "../../src/schedule/index.ts";

export const FIXTURE_START = Date.UTC(2025, 0, 20); // a Monday

/** Calls of queue q in the 30-minute slot s (0 = 08:00) of a weekday, deterministic. */
function calls(q: number, s: number, day: number): number {
  const shape = [
    0.6, 0.9, 1.2, 1.3, 1.2, 1.0, 0.9, 1.0, 1.1, 1.2, 1.1, 1.0, 0.9, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4,
    0.3,
  ];
  const level = [30, 6, 12][q]!;
  return Math.round(level * shape[s]! * (1 + 0.05 * (((day * 7 + s * 3 + q) % 5) - 2)));
}

export function fixtureHistory(): HistoryInterval[] {
  const out: HistoryInterval[] = [];
  const queues = ["orders", "vip", "after"];
  for (let d = -14; d < 0; d++) {
    const day = FIXTURE_START + d * 86_400_000;
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    queues.forEach((queue, q) => {
      for (let s = 0; s < 20; s++) {
        out.push({
          queue,
          startMs: day + 8 * 3_600_000 + s * 1_800_000,
          calls: calls(q, s, d),
          ahtSeconds: [240, 300, 420][q]!,
        });
      }
    });
  }
  return out;
}

export const fixtureShiftFile = {
  interval: 30,
  shifts: [
    {
      name: "day",
      startEarliest: "07:30",
      startLatest: "10:00",
      lengthMinutes: [480, 510],
      breaks: [
        { kind: "meal", minutes: 30, earliestAfterStart: 180, latestBeforeEnd: 120, paid: false },
      ],
    },
    {
      name: "part",
      startEarliest: "08:00",
      startLatest: "14:00",
      lengthMinutes: 240,
      costPerHour: 1.2,
    },
  ],
};

export const fixtureConfig: PlanConfig = parsePlanConfig({
  history: "history.csv",
  shifts: "shifts.json",
  start: "2025-01-20",
  days: 1,
  queues: {
    orders: { serviceLevel: 0.8, slSeconds: 20, shrinkage: 0.1 },
    vip: { serviceLevel: 0.9, slSeconds: 10, patienceSeconds: 120 },
    after: { serviceLevel: 0.7, slSeconds: 60, maxOccupancy: 0.85 },
  },
  pools: [["orders", "after"]],
  solver: { timeLimitSeconds: 30, gap: 1e-6 },
});

export const fixtureSpec: ShiftSpec = parseShiftSpec(fixtureShiftFile);

export const fixtureAgents = Array.from({ length: 30 }, (_, i) => ({
  id: `ag${i + 1}`,
  maxHoursWeek: 40,
}));

let cached: Promise<PlanResult> | undefined;
/** The fixture's plan (computed once per test file). */
export function fixturePlan(): Promise<PlanResult> {
  cached ??= runPlan({
    config: fixtureConfig,
    history: fixtureHistory(),
    shifts: fixtureSpec,
    agents: fixtureAgents,
  });
  return cached;
}

/**
 * A fresh folder with the fixture as files (history.csv, shifts.json) and a configuration
 * plan.json (one day, `extra` fields merged in); returns the folder.
 */
export function smallPlanFolder(extra: Record<string, unknown> = {}): string {
  const d = mkdtempSync(join(tmpdir(), "staffcast-plan-"));
  const history = [
    "start,queue,calls,aht_s",
    ...fixtureHistory().map(
      (h) => `${new Date(h.startMs).toISOString()},${h.queue},${h.calls},${h.ahtSeconds}`,
    ),
  ];
  writeFileSync(join(d, "history.csv"), `${history.join("\n")}\n`);
  writeFileSync(join(d, "shifts.json"), JSON.stringify(fixtureShiftFile));
  writeFileSync(
    join(d, "plan.json"),
    JSON.stringify({
      history: "history.csv",
      shifts: "shifts.json",
      start: "2025-01-20",
      days: 1,
      solver: { timeLimitSeconds: 20 },
      ...extra,
    }),
  );
  return d;
}

/**
 * The fixture's queues answered by skill groups: a VIP desk (vip, then orders, at least one
 * agent), sales (orders, vip after 15 s) and care (after, orders after 60 s); vip first.
 */
export const fixtureGroups = {
  desk: { serves: [{ queue: "vip" }, { queue: "orders" }], shrinkage: 0.1, minAgents: 1 },
  sales: { serves: [{ queue: "orders" }, { queue: "vip", afterSeconds: 15 }], shrinkage: 0.1 },
  care: { serves: [{ queue: "after" }, { queue: "orders", afterSeconds: 60 }] },
};

/** The fixture's configuration with groups instead of pools (one day). */
export const fixtureGroupConfig: PlanConfig = parsePlanConfig({
  history: "history.csv",
  shifts: "shifts.json",
  start: "2025-01-20",
  days: 1,
  queues: {
    orders: { serviceLevel: 0.8, slSeconds: 20, priority: 2, rejectShare: 0.02 },
    vip: { serviceLevel: 0.9, slSeconds: 10, patienceSeconds: 120, priority: 1 },
    after: { serviceLevel: 0.7, slSeconds: 60, maxOccupancy: 0.85, priority: 3 },
  },
  groups: fixtureGroups,
  solver: { timeLimitSeconds: 30, gap: 1e-6 },
});

/** Agents by skill set: desk and sales (vip;orders), care (after;orders), all-rounders. */
export const fixtureSkilledAgents = [
  ...Array.from({ length: 20 }, (_, i) => ({ id: `s${i + 1}`, skills: ["vip", "orders"] })),
  ...Array.from({ length: 8 }, (_, i) => ({ id: `c${i + 1}`, skills: ["after", "orders"] })),
  ...Array.from({ length: 4 }, (_, i) => ({ id: `a${i + 1}`, skills: ["orders", "after"] })),
  { id: "o1", skills: ["orders"] },
].map((a) => ({ ...a, maxHoursWeek: 40 }));

let groupCached: Promise<PlanResult> | undefined;
/** The fixture's plan by group (computed once per test file). */
export function fixtureGroupPlan(): Promise<PlanResult> {
  groupCached ??= runPlan({
    config: fixtureGroupConfig,
    history: fixtureHistory(),
    shifts: fixtureSpec,
    agents: fixtureSkilledAgents,
  });
  return groupCached;
}
