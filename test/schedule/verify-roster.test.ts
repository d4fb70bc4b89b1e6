/**
 * verifyRoster: a real roster (the small-team example through buildRoster, and a week of night
 * shifts) checks out clean, and each rule broken in a copy of it is named.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildRoster,
  designShifts,
  highsSolver,
  parseShiftSpec,
  readAgentsCsv,
  readAvailabilityCsv,
  readRequirementPointsCsv,
  readShiftFile,
  verifyRoster,
  type Agent,
  type RosterOptions,
  type RosterResult,
  type ScheduleResult,
  type Segment,
  type ShiftSpec,
} from "../../src/schedule/index.ts";
import { createZone } from "../../src/time/zone.ts";

const HOUR = 3_600_000;
const DIR = "examples/small-team";

let schedule: ScheduleResult;
let spec: ShiftSpec;
let options: RosterOptions;
let roster: RosterResult;

beforeAll(async () => {
  const { points } = await readRequirementPointsCsv(`${DIR}/requirements.csv`);
  spec = (await readShiftFile(`${DIR}/shifts.json`)).spec;
  const { rows: agents } = await readAgentsCsv(`${DIR}/agents.csv`);
  const { rows: availability } = await readAvailabilityCsv(`${DIR}/availability.csv`);
  schedule = await designShifts(points, spec, { relativeGap: 1e-6 });
  options = { agents, availability, twoConsecutiveDaysOff: true, maxNightShiftsWeek: 3 };
  roster = await buildRoster(schedule, spec, options, highsSolver, {
    timeLimitSeconds: 120,
    relativeGap: 0.05,
  });
}, 240_000);

/** A shift an agent works: its segments' span and the local day. */
interface Block {
  readonly agentId: string;
  readonly start: number;
  readonly end: number;
  readonly day: number;
}

/** The shifts of each agent, rebuilt from contiguous segments. */
function blocks(r: RosterResult): Map<string, Block[]> {
  const zone = createZone(r.timeZone);
  const out = new Map<string, Block[]>();
  for (const s of r.segments) {
    const list = out.get(s.agentId) ?? [];
    const last = list[list.length - 1];
    if (last !== undefined && last.end === s.startMs)
      list[list.length - 1] = { ...last, end: s.endMs };
    else
      list.push({ agentId: s.agentId, start: s.startMs, end: s.endMs, day: zone.dayOf(s.startMs) });
    out.set(s.agentId, list);
  }
  return out;
}

/** A copy of the roster with other segments. */
const withSegments = (r: RosterResult, segments: Segment[]): RosterResult => ({
  ...r,
  segments: [...segments].sort((p, q) =>
    p.agentId < q.agentId ? -1 : p.agentId > q.agentId ? 1 : p.startMs - q.startMs,
  ),
});

/** A copy of the roster with the shift `block` moved to agent `to`. */
function moveShift(r: RosterResult, block: Block, to: string): RosterResult {
  return withSegments(
    r,
    r.segments.map((s) =>
      s.agentId === block.agentId && s.startMs >= block.start && s.endMs <= block.end
        ? { ...s, agentId: to }
        : s,
    ),
  );
}

/**
 * The first move of one agent's shift to another agent (on a day that one does not work) for
 * which `fits(target's shifts, moved shift, target)` holds.
 */
function findMove(
  r: RosterResult,
  fits: (mine: readonly Block[], moved: Block, target: Agent) => boolean,
): { roster: RosterResult; block: Block; to: string } {
  const all = blocks(r);
  for (const target of options.agents) {
    const mine = all.get(target.id) ?? [];
    for (const [from, theirs] of all) {
      if (from === target.id) continue;
      for (const b of theirs) {
        if (mine.some((m) => m.day === b.day)) continue;
        if (fits(mine, b, target))
          return { roster: moveShift(r, b, target.id), block: b, to: target.id };
      }
    }
  }
  throw new Error("no such move in this roster");
}

const named = (problems: string[], pattern: RegExp): void => {
  expect(problems).toContainEqual(expect.stringMatching(pattern));
};

describe("verifyRoster on the small-team roster", () => {
  it("finds no problem in a roster from buildRoster", () => {
    expect(["optimal", "feasible"]).toContain(roster.status);
    expect(roster.segments.length).toBeGreaterThan(0);
    expect(verifyRoster(roster, schedule, spec, options)).toEqual([]);
  });

  it("names a break moved off the schedule's slots", () => {
    const segs = roster.segments;
    const k = segs.findIndex(
      (s, i) =>
        s.activity === "break" &&
        segs[i - 1]?.activity === "onQueue" &&
        segs[i - 1]!.endMs === s.startMs &&
        segs[i + 1]?.activity === "onQueue" &&
        segs[i + 1]!.startMs === s.endMs &&
        segs[i + 1]!.endMs - segs[i + 1]!.startMs > 2 * HOUR,
    );
    const moved = segs.map((s, i) =>
      i === k - 1
        ? { ...s, endMs: s.endMs + HOUR }
        : i === k
          ? { ...s, startMs: s.startMs + HOUR, endMs: s.endMs + HOUR }
          : i === k + 1
            ? { ...s, startMs: s.startMs + HOUR }
            : s,
    );
    named(verifyRoster(withSegments(roster, moved), schedule, spec, options), /no such break slot/);
  });

  it("names a shift that the schedule does not have, and the count it leaves short", () => {
    const last = roster.segments.findIndex(
      (s, i) => roster.segments[i + 1]?.startMs !== s.endMs && s.activity === "onQueue",
    );
    const longer = roster.segments.map((s, i) =>
      i === last ? { ...s, endMs: s.endMs + HOUR } : s,
    );
    const problems = verifyRoster(withSegments(roster, longer), schedule, spec, options);
    named(problems, /is no scheduled shift/);
    named(problems, /agents scheduled, \d+ rostered and 0 reported short/);
  });

  it("names a second shift on one local day", () => {
    const all = blocks(roster);
    const found = [...all.entries()].flatMap(([id, mine]) =>
      [...all.values()]
        .flat()
        .filter(
          (b) =>
            b.agentId !== id &&
            mine.some((m) => m.day === b.day && (b.start >= m.end || b.end <= m.start)),
        )
        .map((b) => ({ id, b })),
    )[0]!;
    const problems = verifyRoster(moveShift(roster, found.b, found.id), schedule, spec, options);
    named(problems, new RegExp(`^${found.id}: more than one shift on 2025-01-`));
  });

  it("names a rest shorter than the minimum", () => {
    const move = findMove(roster, (mine, b) =>
      mine.some(
        (m) =>
          (b.start > m.end && b.start - m.end < 11 * HOUR) ||
          (m.start > b.end && m.start - b.end < 11 * HOUR),
      ),
    );
    named(
      verifyRoster(move.roster, schedule, spec, options),
      new RegExp(`^${move.to}: [\\d.]+ h rest between .* less than 11 h`),
    );
  });

  it("names paid hours above the weekly maximum", () => {
    const paid = (b: Block): number => (b.end - b.start) / HOUR - 0.5; // less the unpaid meal, at most
    const move = findMove(
      roster,
      (mine, b, a) =>
        mine.reduce((s, m) => s + paid(m), 0) + paid(b) > (a.maxSecondsWeek ?? Infinity) / 3600 + 1,
    );
    named(
      verifyRoster(move.roster, schedule, spec, options),
      new RegExp(`^${move.to}: [\\d.]+ paid hours in week 1 \\(from 2025-01-06\\), more than \\d+`),
    );
  });

  it("names more working days than the contract allows", () => {
    const move = findMove(roster, (mine, _b, a) => mine.length === a.maxDaysWeek);
    named(
      verifyRoster(move.roster, schedule, spec, options),
      new RegExp(`^${move.to}: works 6 days in week 1 .*, more than 5`),
    );
  });

  it("names a week without two consecutive days off", () => {
    const first = createZone(spec.timeZone).dayOf(schedule.shifts[0]!.startMs);
    const move = findMove(roster, (mine, b) => {
      const worked = new Set([...mine.map((m) => m.day), b.day]);
      return [0, 1, 2, 3, 4, 5].every((d) => worked.has(first + d) || worked.has(first + d + 1));
    });
    named(
      verifyRoster(move.roster, schedule, spec, options),
      new RegExp(`^${move.to}: no two consecutive days off in week 1`),
    );
  });

  it("names work on a day off and outside an availability window", () => {
    // ada is not available on 2025-01-08 (availability.csv)
    const jan8 = Date.UTC(2025, 0, 8) / 86_400_000;
    const move = findMove(roster, (_mine, b, a) => a.id === "ada" && b.day === jan8);
    named(
      verifyRoster(move.roster, schedule, spec, options),
      /^ada: works on 2025-01-08, a day it is not available/,
    );
    const someone = roster.segments[0]!;
    const date = new Date(someone.startMs).toISOString().slice(0, 10);
    const narrowed = {
      ...options,
      availability: [
        ...options.availability!,
        { agentId: someone.agentId, date, from: "00:00", to: "01:00" },
      ],
    };
    named(
      verifyRoster(roster, schedule, spec, narrowed),
      new RegExp(
        `^${someone.agentId}: works .* outside its availability on ${date} \\(00:00-01:00\\)`,
      ),
    );
  });

  it("names a shift of a skill group worked without its skills", () => {
    const group = "team";
    const grouped: ScheduleResult = {
      ...schedule,
      shifts: schedule.shifts.map((s) => ({ ...s, group })),
    };
    const rostered: RosterResult = {
      ...roster,
      segments: roster.segments.map((s) => ({ ...s, group })),
      shortfalls: roster.shortfalls.map((f) => ({ ...f, group })),
    };
    const skilled = { ...options, groupSkills: { [group]: ["orders"] } };
    expect(verifyRoster(rostered, grouped, spec, skilled)).toEqual([]);
    const id = roster.segments[0]!.agentId;
    const unskilled = {
      ...skilled,
      agents: options.agents.map((a) => (a.id === id ? { ...a, skills: ["returns"] } : a)),
    };
    named(
      verifyRoster(rostered, grouped, spec, unskilled),
      new RegExp(`^${id}: works for group team on .* without its skills orders`),
    );
  });

  it("names a summary that does not match the segments", () => {
    const [first, ...rest] = roster.agents;
    const wrong = {
      ...roster,
      agents: [
        {
          ...first!,
          paidSeconds: first!.paidSeconds + 1800,
          unsocialShifts: first!.unsocialShifts + 1,
        },
        ...rest,
      ],
    };
    const problems = verifyRoster(wrong, schedule, spec, options);
    named(
      problems,
      new RegExp(
        `^summary of ${first!.agentId}: paidSeconds ${first!.paidSeconds + 1800}, recomputed ${first!.paidSeconds}`,
      ),
    );
    named(problems, new RegExp(`^summary of ${first!.agentId}: unsocialShifts`));
    named(
      verifyRoster({ ...roster, agents: rest }, schedule, spec, options),
      new RegExp(`^no summary for agent ${first!.agentId}`),
    );
  });

  it("names a shift dropped from the roster and a shortfall that is not there", () => {
    const b = [...blocks(roster).values()][0]![0]!;
    const dropped = withSegments(
      roster,
      roster.segments.filter(
        (s) => !(s.agentId === b.agentId && s.startMs >= b.start && s.endMs <= b.end),
      ),
    );
    const problems = verifyRoster(dropped, schedule, spec, options);
    named(problems, /agents scheduled, \d+ rostered and 0 reported short/);
    named(problems, new RegExp(`^summary of ${b.agentId}: shifts`));
    const s = schedule.shifts[0]!;
    const invented = {
      ...roster,
      shortfalls: [
        ...roster.shortfalls,
        { name: s.name, startMs: s.startMs, endMs: s.endMs, missing: 1 },
      ],
    };
    named(verifyRoster(invented, schedule, spec, options), /reported short/);
  });

  it("names more agents on a break slot than the schedule has", () => {
    // two agents on one shift with the first break at different slots: the second takes the first's
    const segs = roster.segments;
    const firstBreak = (b: Block): Segment | undefined =>
      segs.find(
        (s) =>
          s.agentId === b.agentId &&
          s.startMs >= b.start &&
          s.endMs <= b.end &&
          s.activity !== "onQueue",
      );
    const all = [...blocks(roster).values()].flat();
    let pair: [Segment, Segment] | undefined;
    for (const p of all) {
      for (const q of all) {
        const [x, y] = [firstBreak(p), firstBreak(q)];
        if (
          p.start === q.start &&
          p.end === q.end &&
          x !== undefined &&
          y !== undefined &&
          x.startMs < y.startMs &&
          y.startMs - x.startMs <= HOUR
        )
          pair = [x, y];
      }
    }
    const [x, y] = pair!;
    const shiftBy = x.startMs - y.startMs;
    const moved = segs.map((s) =>
      s.agentId !== y.agentId
        ? s
        : s === y
          ? { ...s, startMs: s.startMs + shiftBy, endMs: s.endMs + shiftBy }
          : s.endMs === y.startMs
            ? { ...s, endMs: s.endMs + shiftBy }
            : s.startMs === y.endMs
              ? { ...s, startMs: s.startMs + shiftBy }
              : s,
    );
    named(
      verifyRoster(withSegments(roster, moved), schedule, spec, options),
      /agents take break 1 at .*, its slot has/,
    );
  });

  it("names a wrong objective, a bound above it, and changes that do not match the kept roster", () => {
    named(
      verifyRoster({ ...roster, objective: (roster.objective ?? 0) + 50 }, schedule, spec, options),
      /^objective: reported/,
    );
    named(
      verifyRoster({ ...roster, bound: (roster.objective ?? 0) + 50 }, schedule, spec, options),
      /^bound .* above the objective/,
    );
    const kept = [...blocks(roster).values()]
      .flat()
      .map((b) => ({ agentId: b.agentId, startMs: b.start, endMs: b.end }));
    expect(verifyRoster(roster, schedule, spec, { ...options, keep: kept })).toEqual([]);
    const problems = verifyRoster(roster, schedule, spec, { ...options, keep: kept.slice(1) });
    named(problems, /^changes: 0 reported, 1 recomputed/);
    named(problems, /^changeCount 0, recomputed 1/);
  });

  it("names segments of unknown agents, overlapping segments, and segments without a roster", () => {
    const s = roster.segments[0]!;
    named(
      verifyRoster(
        withSegments(roster, [...roster.segments, { ...s, agentId: "zz" }]),
        schedule,
        spec,
        options,
      ),
      /unknown agent zz/,
    );
    named(
      verifyRoster(
        withSegments(roster, [
          ...roster.segments,
          { ...s, startMs: s.startMs + HOUR / 2, endMs: s.endMs + HOUR / 2 },
        ]),
        schedule,
        spec,
        options,
      ),
      new RegExp(`^${s.agentId}: segments overlap`),
    );
    named(
      verifyRoster({ ...roster, status: "timeLimit" }, schedule, spec, options),
      /^status timeLimit, yet segments/,
    );
  });
});

describe("verifyRoster on a week of night shifts", () => {
  // 22:00-06:00 in Berlin every night of 2025-01-06..12, one agent each, three agents
  const nightSpec = parseShiftSpec({
    intervalMinutes: 60,
    timeZone: "Europe/Berlin",
    shifts: [{ name: "night", startEarliest: "22:00", startLatest: "22:00", lengthMinutes: 480 }],
  });
  const nights: ScheduleResult = {
    status: "optimal",
    objective: 0,
    gap: 0,
    timeZone: "Europe/Berlin",
    coverage: [],
    shifts: Array.from({ length: 7 }, (_, d) => ({
      name: "night",
      startMs: Date.UTC(2025, 0, 6 + d, 21),
      endMs: Date.UTC(2025, 0, 7 + d, 5),
      count: 1,
      paidSeconds: 8 * 3600,
      breaks: [],
    })),
  };
  const agents: Agent[] = ["n1", "n2", "n3"].map((id) => ({
    id,
    minSecondsWeek: 20 * 3600,
    maxSecondsWeek: 40 * 3600,
    maxDaysWeek: 5,
  }));
  const rules = { agents, maxNightShiftsWeek: 3, twoConsecutiveDaysOff: true };
  let nightRoster: RosterResult;
  beforeAll(async () => {
    nightRoster = await buildRoster(nights, nightSpec, rules, highsSolver, {
      timeLimitSeconds: 60,
      relativeGap: 0,
    });
  }, 60_000);

  it("finds no problem, and the objective (hours below the minimum, fairness) recomputed matches", () => {
    expect(nightRoster.status).toBe("optimal");
    expect(nightRoster.objective).toBeGreaterThan(0); // 7 shifts of 8 h: someone is below 20 h
    expect(
      nightRoster.agents.every((a) => a.nightShifts === a.shifts && a.unsocialShifts === a.shifts),
    ).toBe(true);
    expect(verifyRoster(nightRoster, nights, nightSpec, rules)).toEqual([]);
  });

  it("names night shifts above the weekly cap", () => {
    const all = blocks(nightRoster);
    const busiest = [...all.entries()].sort((p, q) => q[1].length - p[1].length)[0]!;
    const other = [...all.values()].flat().find((b) => b.agentId !== busiest[0])!;
    const problems = verifyRoster(
      moveShift(nightRoster, other, busiest[0]),
      nights,
      nightSpec,
      rules,
    );
    named(
      problems,
      new RegExp(
        `^${busiest[0]}: ${busiest[1].length + 1} night shifts in week 1 \\(from 2025-01-06\\), more than 3`,
      ),
    );
    named(problems, new RegExp(`^summary of ${busiest[0]}: nightShifts`));
  });
});

// 2025-03-30: Berlin's clocks move from 02:00 (+01:00) to 03:00 (+02:00). Agent a is available
// 12:00-16:00 local that day: 10:00-14:00 UTC.
const dstSpec = parseShiftSpec({
  intervalMinutes: 60,
  timeZone: "Europe/Berlin",
  shifts: [{ name: "day", startEarliest: "12:00", startLatest: "13:00", lengthMinutes: 240 }],
});
const dstRules: RosterOptions = {
  agents: [{ id: "a" }],
  availability: [{ agentId: "a", date: "2025-03-30", from: "12:00", to: "16:00" }],
};
/** A schedule of one shift on that day, from `startMs` for 4 hours. */
const dstSchedule = (startMs: number): ScheduleResult => ({
  status: "optimal",
  objective: 4,
  gap: 0,
  timeZone: "Europe/Berlin",
  coverage: [],
  shifts: [
    { name: "day", startMs, endMs: startMs + 4 * HOUR, count: 1, paidSeconds: 14_400, breaks: [] },
  ],
});

describe("verifyRoster on the local clock", () => {
  /** A one-shift schedule and its roster: agent a works it, from `startMs` for 4 hours. */
  const oneShift = (startMs: number): [ScheduleResult, RosterResult] => [
    dstSchedule(startMs),
    {
      status: "optimal",
      objective: 0, // fair (the only agent) and unsocial within its share (a Sunday: 1 of 1)
      bound: 0,
      gap: 0,
      stoppedBy: "gap",
      work: 0,
      workLimit: 100_000,
      timeZone: "Europe/Berlin",
      segments: [{ agentId: "a", startMs, endMs: startMs + 4 * HOUR, activity: "onQueue" }],
      agents: [
        {
          agentId: "a",
          shifts: 1,
          days: 1,
          paidSeconds: 14_400,
          belowMinimumSeconds: 0,
          nightShifts: 0,
          unsocialShifts: 1,
        },
      ],
      shortfalls: [],
      changes: [],
      changeCount: 0,
    },
  ];

  it("reads availability windows as local clock times on the day the clocks change", () => {
    // 12:00-16:00 local is 10:00-14:00 UTC that day
    const [inside, fits] = oneShift(Date.UTC(2025, 2, 30, 10));
    expect(verifyRoster(fits, inside, dstSpec, dstRules)).toEqual([]);
    const [later, late] = oneShift(Date.UTC(2025, 2, 30, 11));
    expect(verifyRoster(late, later, dstSpec, dstRules)).toEqual([
      "a: works 2025-03-30T13:00:00+02:00 to 2025-03-30T17:00:00+02:00, outside its availability on 2025-03-30 (12:00-16:00)",
    ]);
  });
});

describe("buildRoster on the local clock", () => {
  it("#15 reads availability as local clock times on the day the clocks change (found by verifyRoster)", async () => {
    // 2025-03-30, Europe/Berlin: clocks move from 02:00 (+01:00) to 03:00 (+02:00). An agent
    // available 12:00-16:00 local may work a shift 12:00-16:00 (10:00-14:00 UTC), not one
    // 13:00-17:00 (11:00-15:00 UTC): before the fix the window was read an hour late.
    const limits = { timeLimitSeconds: 30, relativeGap: 0, workLimit: 10_000 };
    const fits = await buildRoster(
      dstSchedule(Date.UTC(2025, 2, 30, 10)),
      dstSpec,
      dstRules,
      highsSolver,
      limits,
    );
    expect(fits.shortfalls).toEqual([]);
    expect(verifyRoster(fits, dstSchedule(Date.UTC(2025, 2, 30, 10)), dstSpec, dstRules)).toEqual(
      [],
    );
    const late = await buildRoster(
      dstSchedule(Date.UTC(2025, 2, 30, 11)),
      dstSpec,
      dstRules,
      highsSolver,
      limits,
    );
    expect(late.shortfalls.map((s) => s.missing)).toEqual([1]);
  });
});
