/**
 * A seeded generator of realistic weeks for a TV-shopping contact centre, for the roster
 * benchmarks (issue 15): the requirement curve per interval, the shift file (early, middle, late
 * and night templates of 8.5 hours and capped part-time morning and evening ones of 6.5 hours,
 * each with two paid 15-minute breaks and an unpaid 30-minute meal), the agents with their
 * contracts, their availability (time off, leave, part-timers who only work mornings or
 * evenings) and the roster's rules. Every random draw comes from an explicit PRNG (mulberry32)
 * seeded by the caller: the same parameters give the same week, byte for byte.
 *
 * The curve's total is scaled to the number of agents so that the designed week needs about
 * 4.2 agent-shifts per agent (1,896 for 450 agents, 8,431 for 2,000 with seed 1): 80 % of the
 * agents are full-time (32-40 paid hours, at most 5 days), 20 % part-time (16-24 hours, at most
 * 4 days), so the contracts can give at most about 4.8 shifts and 36.8 paid hours an agent
 * before availability (about 4.75 after it): the week needs 88-89 % of that, enough capacity but
 * not a lot more.
 *
 * `designWeek` designs the week with the library's `designShifts` (the built package);
 * `writeWeekFiles` writes the CLI's input files (requirements.csv, shifts.json, agents.csv,
 * availability.csv) so the CLI can be timed on the same week.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createZone, formatDay, formatInstant, parseDay, type Zone } from "staffcast";
import {
  designShifts,
  parseShiftSpec,
  type Agent,
  type Availability,
  type DesignOptions,
  type RequirementPoint,
  type RosterOptions,
  type ScheduleResult,
  type ShiftSpec,
} from "staffcast/schedule";

/** What a generated week depends on. */
export interface WeekParams {
  readonly seed: number;
  readonly agents: number;
  /** Days of the week to generate (default 7). */
  readonly days?: number;
  /** The first local day, "YYYY-MM-DD" (default 2025-01-06, a Monday). */
  readonly startDate?: string;
  /** The centre's time zone (default Europe/Berlin). */
  readonly timeZone?: string;
  /** Requirement interval, minutes: 15 or 30 (default 15). */
  readonly intervalMinutes?: number;
  /** Minutes between two starts of a shift template (default 30). */
  readonly startStepMinutes?: number;
}

/** A generated week: everything the design and the roster read. */
export interface GeneratedWeek {
  readonly params: Required<WeekParams>;
  readonly requirements: RequirementPoint[];
  /** The shift file as JSON (what `staffcast schedule --shifts` reads). */
  readonly shiftFile: ShiftFileJson;
  readonly spec: ShiftSpec;
  readonly agents: Agent[];
  readonly availability: Availability[];
  /** The roster's options: agents, availability and the rules. */
  readonly roster: RosterOptions;
}

/** The roster's rules of every generated week. */
export const WEEK_RULES = {
  minRestSeconds: 11 * 3600,
  twoConsecutiveDaysOff: true,
  maxNightShiftsWeek: 3,
} as const;

/**
 * Required on-queue agent-hours per agent per week: the curve's total is scaled to agents x this.
 * Calibrated so that the design needs about 4.2 agent-shifts per agent (bench/roster.ts prints
 * the figure): 450 agents -> about 1,900, 2,000 -> about 8,500.
 */
export const ON_QUEUE_HOURS_PER_AGENT = 24.4;
/** Part-time (6.5-hour) shifts per template, day and agent, at most. */
const PART_SHIFTS_PER_AGENT_DAY = 0.05;
/** Share of full-time agents. */
const FULL_TIME_SHARE = 0.8;

/**
 * mulberry32: a small, fast 32-bit PRNG; numbers in [0, 1).
 *
 * @example
 * const rnd = mulberry32(42); rnd(); // the same first number on every run
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A PRNG of its own for each part of the week: the curve does not change with the agents. */
function stream(seed: number, part: number): () => number {
  return mulberry32(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + part * 0x27d4eb2d);
}

/** An integer in [lo, hi]. */
function between(rnd: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rnd() * (hi - lo + 1));
}

const bump = (h: number, at: number, width: number): number => Math.exp(-(((h - at) / width) ** 2));

/**
 * Relative call volume at local hour `h` (fractional) of a day of the week (0 Sunday ... 6
 * Saturday), before the day's level: a quiet night (the hotline stays open), a ramp from 06:00,
 * a morning peak around 10:30 (morning shows), an afternoon plateau and the highest peak at
 * prime time (around 20:45), then a fall to the night after 22:30. Weekends ramp up later,
 * with a smaller morning and a larger prime-time peak.
 */
export function dayShape(h: number, weekday: number): number {
  const weekend = weekday === 0 || weekday === 6;
  const night = 0.12;
  const open = weekend ? 7 : 6;
  const up = Math.min(1, Math.max(0, (h - open) / 3));
  const down = Math.min(1, Math.max(0, (24.5 - h) / 2));
  const level =
    0.7 +
    (weekend ? 0.15 : 0.3) * bump(h, 10.5, 2) +
    0.1 * bump(h, 15, 2.5) +
    (weekend ? 0.55 : 0.4) * bump(h, 20.75, 1.6);
  return night + (1 - night) * Math.min(up, down) * level;
}

/** Day levels, Sunday first (Monday is the busiest weekday). */
const DAY_LEVEL = [0.9, 1.05, 1, 0.97, 0.97, 0.95, 0.88];

/**
 * The requirement curve: agents per interval, the shape of {@link dayShape} times the day's
 * level, with 3 to 5 ad bursts a day (a product aired: +20-50 % for 45 minutes, decaying) and
 * +-4 % noise, scaled to `agents` x {@link ON_QUEUE_HOURS_PER_AGENT} agent-hours a week.
 */
function requirementCurve(
  p: Required<WeekParams>,
  zone: Zone,
  firstDay: number,
): RequirementPoint[] {
  const rnd = stream(p.seed, 1);
  const stepMs = p.intervalMinutes * 60_000;
  const from = zone.dayStart(firstDay);
  const to = zone.dayStart(firstDay + p.days);
  // bursts per local day: [start minute, strength]
  const bursts = new Map<number, [number, number][]>();
  for (let d = 0; d < p.days; d++) {
    const n = between(rnd, 3, 5);
    bursts.set(
      firstDay + d,
      Array.from({ length: n }, () => [between(rnd, 8 * 4, 23 * 4 - 1) * 15, 0.2 + 0.3 * rnd()]),
    );
  }
  const raw: { startMs: number; value: number }[] = [];
  for (let t = from; t < to; t += stepMs) {
    const day = zone.dayOf(t);
    const minute = zone.clockMinutes(t);
    const weekday = new Date(day * 86_400_000).getUTCDay();
    let value = dayShape(minute / 60, weekday) * DAY_LEVEL[weekday]!;
    for (const [at, strength] of bursts.get(day) ?? []) {
      const after = minute - at;
      if (after >= 0 && after < 45) value *= 1 + strength * (1 - after / 60);
    }
    value *= 1 + 0.08 * (rnd() - 0.5);
    raw.push({ startMs: t, value });
  }
  const hours = raw.reduce((s, r) => s + r.value, 0) * (p.intervalMinutes / 60);
  const scale = (p.agents * ON_QUEUE_HOURS_PER_AGENT * (p.days / 7)) / hours;
  return raw.map((r) => ({
    startMs: r.startMs,
    required: Math.max(1, Math.round(r.value * scale)),
  }));
}

/** The shift file's templates: early, middle, late and night, each with 2 breaks and a meal. */
export function shiftFileJson(
  intervalMinutes: number,
  timeZone: string,
  agents: number,
  startStep = 30,
): ShiftFileJson {
  // part-time shifts per template and day, at most: about what a quarter of part-timers work
  const partCap = Math.max(1, Math.round(agents * PART_SHIFTS_PER_AGENT_DAY));
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
    {
      kind: "break",
      durationMinutes: 15,
      earliestAfterStartMinutes: 270,
      latestBeforeEndMinutes: 45,
    },
  ];
  const template = (name: string, from: string, to: string, lengths: number[], cost: number) => ({
    name,
    startEarliest: from,
    startLatest: to,
    startStepMinutes: startStep,
    lengthMinutes: lengths,
    costPerHour: cost,
    breaks,
  });
  return {
    intervalMinutes,
    timeZone,
    coverage: "soft",
    underPenalty: 50,
    overPenalty: 1,
    shifts: [
      template("early", "06:00", "08:00", [510], 1),
      template("middle", "08:30", "12:00", [510], 1),
      template("late", "12:30", "15:30", [510], 1.05),
      template("night", "21:00", "23:00", [510], 1.25),
      { ...template("part-am", "06:00", "10:00", [390], 1), maxCount: partCap },
      { ...template("part-pm", "15:00", "18:00", [390], 1.05), maxCount: partCap },
    ],
  };
}

/** The shift file as JSON. */
export interface ShiftFileJson {
  readonly intervalMinutes: number;
  readonly timeZone: string;
  readonly coverage: string;
  readonly underPenalty: number;
  readonly overPenalty: number;
  readonly shifts: readonly unknown[];
}

/** Agents: 3/4 full-time (32-40 h, 5 days), 1/4 part-time (16-24 h, 4 days), shuffled. */
function makeAgents(p: Required<WeekParams>): Agent[] {
  const rnd = stream(p.seed, 2);
  const full = Math.round(p.agents * FULL_TIME_SHARE);
  const kinds = Array.from({ length: p.agents }, (_, i) => i < full);
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
  }
  const width = String(p.agents).length;
  return kinds.map((isFull, i) => ({
    id: `A${String(i + 1).padStart(width, "0")}`,
    skills: ["orders"],
    minSecondsWeek: (isFull ? 32 : 16) * 3600,
    maxSecondsWeek: (isFull ? 40 : 24) * 3600,
    maxDaysWeek: isFull ? 5 : 4,
  }));
}

/**
 * Availability: part-timers, one in four only mornings (06:00-16:00), one in four only evenings
 * (12:00-24:00), every day; a quarter of the agents ask for a day off (one in three of them two
 * days); 3 % are on leave for 3 to 7 consecutive days.
 */
function makeAvailability(
  p: Required<WeekParams>,
  agents: readonly Agent[],
  firstDay: number,
): Availability[] {
  const rnd = stream(p.seed, 3);
  const out: Availability[] = [];
  for (const a of agents) {
    const partTime = a.maxDaysWeek === 4;
    const offDays = new Set<number>();
    const pattern = partTime ? rnd() : 1;
    if (rnd() < 0.25) {
      offDays.add(between(rnd, 0, p.days - 1));
      if (rnd() < 1 / 3) offDays.add(between(rnd, 0, p.days - 1));
    }
    if (rnd() < 0.03) {
      const from = between(rnd, 0, p.days - 1);
      const length = between(rnd, 3, 7);
      for (let d = from; d < Math.min(p.days, from + length); d++) offDays.add(d);
    }
    for (let d = 0; d < p.days; d++) {
      const date = formatDay(firstDay + d);
      if (offDays.has(d)) out.push({ agentId: a.id, date });
      else if (pattern < 0.25) out.push({ agentId: a.id, date, from: "06:00", to: "16:00" });
      else if (pattern < 0.5) out.push({ agentId: a.id, date, from: "12:00", to: "24:00" });
    }
  }
  return out;
}

/**
 * A week for `agents` agents.
 *
 * @throws RangeError for a start date that does not parse or an unknown time zone
 * @example
 * const week = generateWeek({ seed: 1, agents: 450 });
 */
export function generateWeek(params: WeekParams): GeneratedWeek {
  const p: Required<WeekParams> = {
    seed: params.seed,
    agents: params.agents,
    days: params.days ?? 7,
    startDate: params.startDate ?? "2025-01-06",
    timeZone: params.timeZone ?? "Europe/Berlin",
    intervalMinutes: params.intervalMinutes ?? 15,
    startStepMinutes: params.startStepMinutes ?? 30,
  };
  const firstDay = parseDay(p.startDate);
  if (typeof firstDay === "string") throw new RangeError(`startDate ${p.startDate}: ${firstDay}`);
  const zone = createZone(p.timeZone);
  const shiftFile = shiftFileJson(p.intervalMinutes, zone.name, p.agents, p.startStepMinutes);
  const agents = makeAgents(p);
  const availability = makeAvailability(p, agents, firstDay);
  return {
    params: p,
    requirements: requirementCurve(p, zone, firstDay),
    shiftFile,
    spec: parseShiftSpec(shiftFile),
    agents,
    availability,
    roster: { agents, availability, ...WEEK_RULES },
  };
}

/** A designed week and what the design took. */
export interface DesignedWeek {
  readonly schedule: ScheduleResult;
  readonly seconds: number;
  /** Designed shifts with agents (instances), and agents on them summed (agent-shifts). */
  readonly instances: number;
  readonly agentShifts: number;
}

/**
 * Designs the week's shifts with `designShifts` (HiGHS; default gap 0.1 %, time limit 60 s).
 *
 * @example
 * const { schedule, agentShifts } = await designWeek(generateWeek({ seed: 1, agents: 450 }));
 */
export async function designWeek(
  week: GeneratedWeek,
  options: DesignOptions = {},
): Promise<DesignedWeek> {
  const started = performance.now();
  const schedule = await designShifts(week.requirements, week.spec, {
    relativeGap: 1e-3,
    timeLimitSeconds: 60,
    ...options,
  });
  const seconds = (performance.now() - started) / 1000;
  const used = schedule.shifts.filter((s) => s.count > 0);
  return {
    schedule,
    seconds,
    instances: used.length,
    agentShifts: used.reduce((sum, s) => sum + s.count, 0),
  };
}

/**
 * Writes the week as the CLI's input files into `dir` (created): requirements.csv
 * (`start,queue,agents`, local times with their offset), shifts.json, agents.csv,
 * availability.csv.
 *
 * @returns the paths written, by name
 */
export async function writeWeekFiles(
  week: GeneratedWeek,
  dir: string,
): Promise<{ requirements: string; shifts: string; agents: string; availability: string }> {
  await mkdir(dir, { recursive: true });
  const zone = createZone(week.params.timeZone);
  const hours = (s: number | undefined): string => (s === undefined ? "" : String(s / 3600));
  const files = {
    requirements: join(dir, "requirements.csv"),
    shifts: join(dir, "shifts.json"),
    agents: join(dir, "agents.csv"),
    availability: join(dir, "availability.csv"),
  };
  const lines = (header: string, rows: string[]): string => [header, ...rows].join("\n") + "\n";
  await writeFile(
    files.requirements,
    lines(
      "start,queue,agents",
      week.requirements.map((r) => `${formatInstant(r.startMs, zone)},orders,${r.required}`),
    ),
  );
  await writeFile(files.shifts, `${JSON.stringify(week.shiftFile, null, 2)}\n`);
  await writeFile(
    files.agents,
    lines(
      "agent_id,skills,min_hours_week,max_hours_week,max_days_week",
      week.agents.map(
        (a) =>
          `${a.id},${(a.skills ?? []).join(";")},${hours(a.minSecondsWeek)},${hours(a.maxSecondsWeek)},${a.maxDaysWeek ?? ""}`,
      ),
    ),
  );
  await writeFile(
    files.availability,
    lines(
      "agent_id,date,available_from,available_to",
      week.availability.map((a) => `${a.agentId},${a.date},${a.from ?? ""},${a.to ?? ""}`),
    ),
  );
  return files;
}
