/**
 * Test fixtures for large rosters: a seeded week of designed shifts (early, middle, late and
 * night shifts of 8 paid hours, part-time shifts of 6, each with a break and an unpaid meal)
 * for a number of agents, built directly as a schedule (no shift design: fast), and agents
 * with full-time (32-40 h, 5 days) and part-time (16-24 h, 4 days) contracts, some with a day
 * off or a morning-only day; and an independent check of a roster's rules from its segments.
 */
import { createRandom } from "../../src/math/random.ts";
import {
  parseShiftSpec,
  type Agent,
  type Availability,
  type RosterResult,
  type ScheduleResult,
  type ScheduledShift,
  type ShiftSpec,
} from "../../src/schedule/index.ts";

export const MONDAY = Date.UTC(2025, 0, 6);
const H = 3_600_000;
const DAY = 24 * H;

const breaks = [
  {
    kind: "break",
    durationMinutes: 15,
    earliestAfterStartMinutes: 60,
    latestBeforeEndMinutes: 240,
  },
  {
    kind: "meal",
    durationMinutes: 30,
    earliestAfterStartMinutes: 150,
    latestBeforeEndMinutes: 90,
    paid: false,
  },
];

/** Templates: name, earliest and latest start (hours), length (minutes), share of the day. */
const TEMPLATES = [
  ["early", 6, 8, 510, 0.3],
  ["middle", 8.5, 12, 510, 0.25],
  ["late", 12.5, 15.5, 510, 0.25],
  ["night", 21, 22, 510, 0.08],
  ["part", 15, 18, 390, 0.12],
] as const;

export const weekSpec: ShiftSpec = parseShiftSpec({
  intervalMinutes: 15,
  shifts: TEMPLATES.map(([name, from, to, length]) => ({
    name,
    startEarliest: clock(from),
    startLatest: clock(to),
    lengthMinutes: length,
    breaks,
  })),
});

function clock(hours: number): string {
  const m = Math.round(hours * 60);
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** A week for `agents` agents, about `perAgent` agent-shifts each. */
export function rosterWeek(
  seed: number,
  agents: number,
  perAgent = 4.1,
): { schedule: ScheduleResult; agents: Agent[]; availability: Availability[] } {
  const random = createRandom(seed, 0);
  const total = Math.round(agents * perAgent);
  const level = [1.1, 1.05, 1, 1, 1.05, 0.9, 0.8];
  const levels = level.reduce((a, b) => a + b, 0);
  const shifts: ScheduledShift[] = [];
  level.forEach((l, d) => {
    for (const [name, from, to, length, share] of TEMPLATES) {
      const wanted = Math.round(((total * l) / levels) * share);
      const starts: number[] = [];
      for (let h = from; h <= to; h += 0.5) if (random() < 0.6) starts.push(h);
      if (starts.length === 0) starts.push(from);
      const counts = starts.map(() => 0);
      for (let k = 0; k < wanted; k++) counts[Math.floor(random() * starts.length)]!++;
      starts.forEach((h, k) => {
        const count = counts[k]!;
        if (count === 0) return;
        const startMs = MONDAY + d * DAY + h * H;
        const at = (minutes: number): number => startMs + minutes * 60_000;
        shifts.push({
          name,
          startMs,
          endMs: at(length),
          count,
          paidSeconds: (length - 30) * 60,
          breaks: [
            { kind: "break", startMs: at(90), endMs: at(105), count },
            { kind: "meal", startMs: at(210), endMs: at(240), count },
          ],
        });
      });
    }
  });
  const schedule: ScheduleResult = {
    status: "optimal",
    objective: 0,
    gap: 0,
    timeZone: "UTC",
    shifts,
    coverage: [],
  };
  const list: Agent[] = [];
  const availability: Availability[] = [];
  const date = (d: number): string => new Date(MONDAY + d * DAY).toISOString().slice(0, 10);
  for (let k = 0; k < agents; k++) {
    const id = `A${String(k + 1).padStart(4, "0")}`;
    const full = random() < 0.8;
    list.push(
      full
        ? { id, minSecondsWeek: 32 * 3600, maxSecondsWeek: 40 * 3600, maxDaysWeek: 5 }
        : { id, minSecondsWeek: 16 * 3600, maxSecondsWeek: 24 * 3600, maxDaysWeek: 4 },
    );
    if (random() < 0.2) availability.push({ agentId: id, date: date(Math.floor(random() * 7)) });
    if (random() < 0.1)
      availability.push({
        agentId: id,
        date: date(Math.floor(random() * 7)),
        from: "06:00",
        to: "16:00",
      });
  }
  return { schedule, agents: list, availability };
}

/** An agent's shifts rebuilt from its segments: start, end and paid hours. */
export function shiftsOf(
  roster: Pick<RosterResult, "segments">,
): Map<string, { start: number; end: number; paid: number }[]> {
  const out = new Map<string, { start: number; end: number; paid: number }[]>();
  for (const s of roster.segments) {
    const list = out.get(s.agentId) ?? [];
    const last = list[list.length - 1];
    const paid = s.activity === "meal" ? 0 : (s.endMs - s.startMs) / H;
    if (last !== undefined && last.end === s.startMs) {
      last.end = s.endMs;
      last.paid += paid;
    } else list.push({ start: s.startMs, end: s.endMs, paid });
    out.set(s.agentId, list);
  }
  return out;
}

/**
 * The rules a roster of {@link rosterWeek} breaks, in words (UTC days; a night shift works 3+
 * hours between 22:00 and 06:00): one shift a day, the rest, weekly hours and days, nights, two
 * consecutive days off, availability, and no shift given to more agents than it has.
 */
export function brokenRules(
  roster: Pick<RosterResult, "segments">,
  schedule: ScheduleResult,
  agents: readonly Agent[],
  availability: readonly Availability[],
  rules: { restHours: number; maxNights: number },
): string[] {
  const problems: string[] = [];
  const byId = new Map(agents.map((a) => [a.id, a]));
  const given = new Map<string, number>();
  for (const [id, list] of shiftsOf(roster)) {
    const agent = byId.get(id);
    if (agent === undefined) {
      problems.push(`${id}: unknown agent`);
      continue;
    }
    const days = list.map((s) => Math.floor((s.start - MONDAY) / DAY));
    if (new Set(days).size !== days.length) problems.push(`${id}: two shifts a day`);
    for (let k = 1; k < list.length; k++)
      if (list[k]!.start - list[k - 1]!.end < rules.restHours * H) problems.push(`${id}: rest`);
    const hours = list.reduce((s, x) => s + x.paid, 0);
    if (hours > (agent.maxSecondsWeek ?? Infinity) / 3600 + 1e-9) problems.push(`${id}: hours`);
    if (list.length > (agent.maxDaysWeek ?? 7)) problems.push(`${id}: days`);
    const nights = list.filter((s) => {
      let minutes = 0;
      for (let t = s.start; t < s.end; t += 15 * 60_000) {
        const m = ((t % DAY) + DAY) % DAY;
        if (m >= 22 * H || m < 6 * H) minutes += 15;
      }
      return minutes >= 180;
    }).length;
    if (nights > rules.maxNights) problems.push(`${id}: nights`);
    const off = [0, 1, 2, 3, 4, 5].some((d) => !days.includes(d) && !days.includes(d + 1));
    if (!off) problems.push(`${id}: no two consecutive days off`);
    for (const s of list) {
      const day = Math.floor((s.start - MONDAY) / DAY);
      for (const a of availability) {
        if (a.agentId !== id || a.date !== new Date(MONDAY + day * DAY).toISOString().slice(0, 10))
          continue;
        const from = a.from === undefined ? null : Number(a.from.slice(0, 2)) * H;
        const to = a.to === undefined ? null : Number(a.to.slice(0, 2)) * H;
        const dayStart = MONDAY + day * DAY;
        if (from === null || s.start < dayStart + from || s.end > dayStart + (to ?? 24 * H))
          problems.push(`${id}: unavailable on ${a.date}`);
      }
      given.set(String(s.start) + "|" + String(s.end), (given.get(`${s.start}|${s.end}`) ?? 0) + 1);
    }
  }
  const designed = new Map<string, number>();
  for (const s of schedule.shifts) {
    const key = `${s.startMs}|${s.endMs}`;
    designed.set(key, (designed.get(key) ?? 0) + s.count);
  }
  for (const [key, n] of given)
    if (n > (designed.get(key) ?? 0))
      problems.push(`shift ${key}: ${n} agents, more than designed`);
  return problems;
}
