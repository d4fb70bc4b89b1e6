/**
 * Scheduling benchmark (issue #4) on realistic call-center curves (bench/curves.ts), through the
 * built package (`staffcast/schedule`), HiGHS:
 *
 * 1. One day of 15-minute intervals, 180 shifts (57 starts of a 4-hour part-time shift, 41 starts
 *    x 3 lengths of a full-time shift with an unpaid 30-minute lunch): goal optimal in under 5 s.
 * 2. A 7-day week with a 15-minute break on every shift as well as the lunch: goal within 0.5 %
 *    of optimal in under 30 s.
 * 3. A 30-agent weekly roster (16 full-time agents at 32-40 paid hours, 14 part-time at 12-24;
 *    at most 5 days, 11 hours' rest, two consecutive days off) of a week designed for about 30
 *    agents: goal optimal in under 10 s.
 *
 * Run: `npm run bench:schedule`. Every schedule is re-verified (coverage and objective recomputed).
 */
import { cpus } from "node:os";
import {
  buildRoster,
  buildShiftModel,
  highsSolver,
  parseShiftSpec,
  solveShiftModel,
  splitMilp,
  verifySchedule,
} from "staffcast/schedule";
import { requirementCurve } from "./curves.ts";

const say = (s: string): void => {
  console.log(s);
};
say(
  `machine: ${cpus().length} cores, ${cpus()[0]?.model ?? "unknown CPU"}; node ${process.version}`,
);

const lunch = {
  kind: "meal",
  durationMinutes: 30,
  earliestAfterStartMinutes: 180,
  latestBeforeEndMinutes: 120,
  paid: false,
};
const lunchOnly = {
  intervalMinutes: 15,
  coverage: "soft",
  underPenalty: 20,
  overPenalty: 0.5,
  shifts: [
    {
      name: "part",
      startEarliest: "06:00",
      startLatest: "20:00",
      lengthMinutes: 240,
      costPerHour: 1.1,
    },
    {
      name: "full",
      startEarliest: "06:00",
      startLatest: "16:00",
      lengthMinutes: [360, 480, 600],
      costPerHour: 1,
      breaks: [lunch],
    },
  ],
};
const withBreaks = {
  ...lunchOnly,
  shifts: [
    {
      ...lunchOnly.shifts[0]!,
      breaks: [
        {
          kind: "break",
          durationMinutes: 15,
          earliestAfterStartMinutes: 60,
          latestBeforeEndMinutes: 60,
        },
      ],
    },
    {
      ...lunchOnly.shifts[1]!,
      breaks: [
        {
          kind: "break",
          durationMinutes: 15,
          earliestAfterStartMinutes: 60,
          latestBeforeEndMinutes: 180,
        },
        lunch,
      ],
    },
  ],
};

async function design(label: string, templates: unknown, days: number, scale: number, gap: number) {
  const spec = parseShiftSpec(templates);
  const requirements = requirementCurve(days, scale);
  const started = performance.now();
  const built = buildShiftModel(requirements, spec);
  const result = await solveShiftModel(built, highsSolver, {
    timeLimitSeconds: 120,
    relativeGap: gap,
  });
  const seconds = (performance.now() - started) / 1000;
  const problems = verifySchedule(result, built);
  const peak = Math.max(...requirements.map((r) => r.required));
  const integers = built.model.integer.filter(Boolean).length;
  say(
    `${label}: ${built.shifts.length} shifts, ${built.model.cost.length} variables (${integers} integer), ` +
      `${built.model.rows.length} rows, ${splitMilp(built.model).filter((p) => p.model.integer.some(Boolean)).length} independent parts; ` +
      `peak ${peak} agents; ${result.status}, objective ${result.objective?.toFixed(2)}, gap ${((result.gap ?? Number.NaN) * 100).toFixed(3)} %; ` +
      `${seconds.toFixed(2)} s; verified: ${problems.length === 0 ? "yes" : problems.slice(0, 3).join("; ")}`,
  );
  return { spec, result };
}

await design("one day with lunches (goal: optimal < 5 s)", lunchOnly, 1, 1, 1e-6);
await design("7-day week with breaks (goal: within 0.5 % < 30 s)", withBreaks, 7, 1, 0.005);

// A week for about 30 agents, then the roster.
const small = await design("7-day week for about 30 agents", withBreaks, 7, 0.04, 0.005);
const agents = Array.from({ length: 30 }, (_, i) => ({
  id: `A${String(i + 1).padStart(2, "0")}`,
  minSecondsWeek: (i < 16 ? 32 : 12) * 3600,
  maxSecondsWeek: (i < 16 ? 40 : 24) * 3600,
  maxDaysWeek: 5,
}));
const started = performance.now();
const roster = await buildRoster(
  small.result,
  small.spec,
  { agents, minRestSeconds: 11 * 3600, twoConsecutiveDaysOff: true },
  highsSolver,
  { timeLimitSeconds: 60, relativeGap: 1e-6 },
);
const seconds = (performance.now() - started) / 1000;
const demand = small.result.shifts.reduce((a, s) => a + s.count, 0);
const missing = roster.shortfalls.reduce((a, s) => a + s.missing, 0);
say(
  `30-agent weekly roster (goal: optimal < 10 s): ${demand} agent-shifts to fill; ${roster.status}, ` +
    `gap ${((roster.gap ?? Number.NaN) * 100).toFixed(3)} %, ${missing} unfilled, ` +
    `${roster.agents.reduce((a, s) => a + s.belowMinimumSeconds, 0) / 3600} contract hours short; ${seconds.toFixed(2)} s`,
);
