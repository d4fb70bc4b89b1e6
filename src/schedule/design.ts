/**
 * Shift design: how many agents to put on which shift (template, day, start, length) so that
 * the requirement curve is covered at least cost, with breaks placed implicitly.
 *
 * Model (Dantzig 1954 set covering; Aykin 1996 implicit breaks): integer x_s agents on concrete
 * shift s; for each break k of s and each allowed start w, integer b_skw agents taking it there,
 * sum_w b_skw = x_s; breaks of one shift in their listed order (agents starting break k by w
 * have finished break k - 1: prefix counts, so that an order-preserving pairing exists and no
 * two breaks of an agent overlap); coverage of interval t: sum_{s works t} x_s - sum_{breaks at
 * t} b + u_t - o_t = r_t, with u_t = 0 and o_t >= ceil(r_t) - r_t under hard coverage; optional
 * binaries y for distinct (start, length) shifts used (x_s <= M y). Objective: shift cost (cost
 * per paid hour) + underPenalty sum u + overPenalty sum o + shiftInstanceCost sum y.
 *
 * @module
 */
import { DataError } from "../io/errors.ts";
import { plural } from "../io/text.ts";
import { createZone, formatInstant, weekdayOf, type Zone } from "../time/zone.ts";
import { MilpBuilder, type Milp } from "./milp.ts";
import {
  solveByParts,
  type MilpSolver,
  type SolveOptions,
  type SolveResult,
  type SolveStatus,
} from "./solvers.ts";
import {
  breakWindows,
  checkShiftModelSize,
  estimateShiftModel,
  SHIFT_MODEL_LIMITS,
} from "./size.ts";
import type { ShiftSpec, ShiftTemplate } from "./spec.ts";
import { maxOf } from "../math/extent.ts";
import { formatInstantUtc } from "../time/instant.ts";
import { inferSpacing } from "../time/duration.ts";

/** Agents required in one interval (summed over queues; may be fractional). */
export interface RequirementPoint {
  readonly startMs: number;
  readonly required: number;
}

/** A concrete shift: a template on a day at a start with a length. */
export interface ConcreteShift {
  readonly template: ShiftTemplate;
  /** Local day the shift belongs to (its start's day, or the day before for wrapped starts). */
  readonly day: number;
  /** First interval index in the horizon. */
  readonly first: number;
  /** Length in intervals. */
  readonly length: number;
  readonly startMs: number;
  readonly endMs: number;
  /** Cost of one agent on it: costPerHour x paid hours. */
  readonly cost: number;
  /** Per break: the allowed start offsets (intervals after the shift's start). */
  readonly windows: readonly number[][];
}

/** The model of a shift design problem and how to read its solution. */
export interface ShiftModel {
  readonly model: Milp;
  readonly spec: ShiftSpec;
  readonly zone: Zone;
  /** Interval length, minutes. */
  readonly interval: number;
  /** Interval starts of the horizon. */
  readonly starts: readonly number[];
  readonly required: readonly number[];
  readonly shifts: readonly ConcreteShift[];
  /** Column of x for each shift. */
  readonly x: readonly number[];
  /** Columns of b for each shift, break and window position (parallel to windows). */
  readonly b: readonly (readonly number[][])[];
  readonly under: readonly number[];
  readonly over: readonly number[];
  /** Why hard coverage cannot be met at all (found before solving), or undefined. */
  readonly impossible?: string;
}

/** A break slot of a shift in a result. */
export interface BreakSlot {
  readonly kind: "break" | "meal";
  readonly start: string;
  readonly end: string;
  readonly count: number;
}

/** A shift in a result. */
export interface ScheduledShift {
  readonly name: string;
  readonly start: string;
  readonly end: string;
  readonly count: number;
  /** For each break of the template, its slots (their counts add up to the shift's count). */
  readonly breaks: BreakSlot[];
}

/** Coverage of one interval. */
export interface CoveragePoint {
  readonly start: string;
  readonly required: number;
  /** Agents working (on shift and not on a break). */
  readonly scheduled: number;
}

/** The outcome of shift design (the JSON of `staffcast schedule`). */
export interface ScheduleResult {
  readonly status: SolveStatus;
  readonly objective: number | null;
  readonly gap: number | null;
  readonly shifts: ScheduledShift[];
  readonly coverage: CoveragePoint[];
  /** Why no schedule was found (infeasible, time limit, solver error), in words. */
  readonly explanation?: string;
}

const DAY = 86_400_000;

/** The instant of local clock minute `minutes` (may exceed 1440) of day `day`, or NaN in a gap. */
function localInstant(zone: Zone, day: number, minutes: number): number {
  const d = day + Math.floor(minutes / 1440);
  const m = minutes % 1440;
  const wall = d * DAY + m * 60_000;
  let t = wall - zone.offsetMinutes(wall) * 60_000;
  t = wall - zone.offsetMinutes(t) * 60_000;
  return zone.dayOf(t) === d && zone.clockMinutes(t) === m ? t : Number.NaN;
}

/**
 * The requirement on the spec's interval grid: contiguous from the first start to the last
 * end, missing intervals 0; coarser requirements repeat, finer ones take the maximum.
 */
function resample(
  points: readonly RequirementPoint[],
  wanted: number | undefined,
): { starts: number[]; required: number[]; interval: number } {
  if (points.length === 0) throw new DataError([{ message: "no requirement rows" }]);
  const sorted = [...points].sort((a, b) => a.startMs - b.startMs);
  // the requirements' own grid: their most common gap; a row off it is a typo, not a reason to
  // make every interval a second long
  const grid = inferSpacing([...new Set(sorted.map((p) => p.startMs))]);
  let spacing = grid.ok ? grid.spacingMs : Number.POSITIVE_INFINITY;
  if (grid.ok && grid.offGrid.length > 0)
    throw new DataError(
      grid.offGrid.map((t) => ({
        field: "start",
        message: `a requirement at ${formatInstantUtc(t)} is off the grid of the others (every ${grid.spacingMs / 60_000} min): is its time a typo?`,
      })),
    );
  const interval = wanted ?? (Number.isFinite(spacing) ? spacing / 60_000 : 15);
  const step = interval * 60_000;
  if (!Number.isFinite(spacing)) spacing = step;
  const first = sorted[0]!.startMs;
  const last = sorted[sorted.length - 1]!.startMs + Math.max(spacing, step);
  const count = Math.round((last - first) / step);
  if (!(count <= SHIFT_MODEL_LIMITS.intervals)) {
    // Most often a typo in one row's date: say where the widest gap is.
    let widest = 1;
    for (let i = 2; i < sorted.length; i++) {
      const gap = sorted[i]!.startMs - sorted[i - 1]!.startMs;
      if (gap > sorted[widest]!.startMs - sorted[widest - 1]!.startMs) widest = i;
    }
    const from = sorted[widest - 1]!.startMs;
    const to = sorted[widest]!.startMs;
    const hint =
      to - from >= 28 * DAY
        ? `the widest gap between two rows is ${Math.round((to - from) / DAY)} days, from ${formatInstantUtc(from)} to ${formatInstantUtc(to)}: is a date wrong?`
        : undefined;
    checkShiftModelSize({ intervals: count, shifts: 0, variables: 0, nonZeros: 0 }, interval, hint);
  }
  const starts: number[] = [];
  const required = new Array<number>(count).fill(0);
  for (let i = 0; i < count; i++) starts.push(first + i * step);
  for (const p of sorted) {
    const from = Math.floor((p.startMs - first) / step);
    const to = Math.max(from + 1, Math.ceil((p.startMs + spacing - first) / step));
    for (let i = from; i < to && i < count; i++) required[i] = Math.max(required[i]!, p.required);
  }
  return { starts, required, interval };
}

/** Every concrete shift the templates allow over the horizon. */
function concreteShifts(
  spec: ShiftSpec,
  zone: Zone,
  starts: readonly number[],
  interval: number,
): ConcreteShift[] {
  const step = interval * 60_000;
  const horizonStart = starts[0]!;
  const count = starts.length;
  const out: ConcreteShift[] = [];
  const seen = new Set<string>();
  const firstDay = zone.dayOf(horizonStart) - 1;
  const lastDay = zone.dayOf(horizonStart + count * step - 1);
  for (const t of spec.shifts) {
    const startMinutes: number[] = [];
    const latest = t.startLatest >= t.startEarliest ? t.startLatest : t.startLatest + 1440;
    for (let m = t.startEarliest; m <= latest; m += t.startStep) startMinutes.push(m);
    for (let day = firstDay; day <= lastDay; day++) {
      if (!t.days.includes(weekdayOf(day))) continue;
      for (const m of startMinutes) {
        const startMs = localInstant(zone, day, m);
        if (Number.isNaN(startMs)) continue;
        const offset = startMs - horizonStart;
        if (offset < 0 || offset >= count * step || offset % step !== 0) continue;
        const first = offset / step;
        for (const lengthMinutes of t.lengths) {
          const length = lengthMinutes / interval;
          if (spec.cyclic ? length > count : first + length > count) continue;
          const key = `${t.name}|${first}|${length}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const unpaid = t.breaks.reduce((a, b) => a + (b.paid ? 0 : b.minutes), 0);
          const s = starts[first]!;
          out.push({
            template: t,
            day,
            first,
            length,
            startMs: s,
            endMs: s + length * step,
            cost: (t.costPerHour * (lengthMinutes - unpaid)) / 60,
            windows: breakWindows(t.breaks, lengthMinutes, interval),
          });
        }
      }
    }
  }
  return out;
}

/** Intervals (horizon indices) a shift works, from its start. */
function span(shift: ConcreteShift, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < shift.length; i++) out.push((shift.first + i) % count);
  return out;
}

/**
 * Builds the shift design model. Checks first that hard coverage is possible at all (every
 * interval with a requirement reachable by some shift, within the templates' maxCount) and
 * records where it is not (`impossible`).
 *
 * @throws DataError when there is no requirement
 */
export function buildShiftModel(
  requirements: readonly RequirementPoint[],
  spec: ShiftSpec,
): ShiftModel {
  const zone = createZone(spec.timeZone);
  const { starts, required, interval } = resample(requirements, spec.interval);
  const count = starts.length;
  checkShiftModelSize(
    estimateShiftModel(
      spec,
      interval,
      count,
      zone.dayOf(starts[0]!),
      zone.dayOf(starts[0]! + count * interval * 60_000 - 1),
    ),
    interval,
  );
  const shifts = concreteShifts(spec, zone, starts, interval);
  const label = (i: number, j: number): string =>
    `${formatInstant(starts[i]!, zone)} to ${formatInstant(starts[j]! + interval * 60_000, zone)}`;

  // Hard coverage: reachable intervals and capacity.
  let impossible: string | undefined;
  if (spec.coverage === "hard") {
    const capacity = new Array<number>(count).fill(0);
    for (const s of shifts) {
      const cap = Math.min(s.template.maxCount, 1e9);
      for (const t of span(s, count)) capacity[t] = Math.min(1e12, capacity[t]! + cap);
    }
    const problems: string[] = [];
    for (let i = 0; i < count;) {
      const need = Math.ceil(required[i]! - 1e-9);
      if (need <= capacity[i]!) {
        i++;
        continue;
      }
      let j = i;
      let most = need;
      while (j + 1 < count && Math.ceil(required[j + 1]! - 1e-9) > capacity[j + 1]!) {
        j++;
        most = Math.max(most, Math.ceil(required[j]! - 1e-9));
      }
      problems.push(
        capacity[i] === 0
          ? `no shift template works ${label(i, j)} (up to ${plural(most, "agent")} required)`
          : `the templates' maxCount allow at most ${capacity[i]} agents ${label(i, j)}, where up to ${most} are required`,
      );
      i = j + 1;
    }
    if (problems.length > 0) impossible = problems.slice(0, 10).join("; ");
  }

  const maxRequired = Math.ceil(maxOf(required, (r) => r, 0));
  const builder = new MilpBuilder();
  const x: number[] = [];
  const b: number[][][] = [];
  for (const [i, s] of shifts.entries()) {
    const bound = Math.min(s.template.maxCount, maxRequired * (1 + s.template.breaks.length) + 1);
    x.push(builder.addVar({ cost: s.cost, upper: bound, integer: true, name: `x${i}` }));
  }
  // Break variables and their links.
  shifts.forEach((s, i) => {
    const perBreak = s.windows.map((window, k) =>
      window.map((w) =>
        builder.addVar({ integer: true, upper: Number.POSITIVE_INFINITY, name: `b${i}_${k}_${w}` }),
      ),
    );
    b.push(perBreak);
    perBreak.forEach((cols) => {
      builder.addRow([...cols, x[i]!], [...cols.map(() => 1), -1], {
        lower: 0,
        upper: 0,
        name: `brk${i}`,
      });
    });
    // Order: by each offset, agents starting break k have finished break k - 1.
    for (let k = 1; k < s.windows.length; k++) {
      const prev = s.windows[k - 1]!;
      const prevLength = s.template.breaks[k - 1]!.minutes / interval;
      const here = s.windows[k]!;
      if (prev[prev.length - 1]! + prevLength <= here[0]!) continue; // windows cannot overlap
      for (const w of here) {
        const mine = here.flatMap((v, q) => (v <= w ? [perBreak[k]![q]!] : []));
        const before = prev.flatMap((v, q) => (v + prevLength <= w ? [perBreak[k - 1]![q]!] : []));
        builder.addRow([...mine, ...before], [...mine.map(() => 1), ...before.map(() => -1)], {
          upper: 0,
          name: `ord${i}_${k}_${w}`,
        });
      }
    }
  });
  // Coverage.
  const working: number[][] = Array.from({ length: count }, () => []);
  const coefficients: number[][] = Array.from({ length: count }, () => []);
  shifts.forEach((s, i) => {
    for (const t of span(s, count)) {
      working[t]!.push(x[i]!);
      coefficients[t]!.push(1);
    }
    s.windows.forEach((window, k) => {
      const dur = s.template.breaks[k]!.minutes / interval;
      window.forEach((w, q) => {
        for (let d = 0; d < dur; d++) {
          const t = (s.first + w + d) % count;
          working[t]!.push(b[i]![k]![q]!);
          coefficients[t]!.push(-1);
        }
      });
    });
  });
  const under: number[] = [];
  const over: number[] = [];
  const hard = spec.coverage === "hard";
  for (let t = 0; t < count; t++) {
    const r = required[t]!;
    const u = builder.addVar({
      cost: spec.underPenalty,
      upper: hard ? 0 : Number.POSITIVE_INFINITY,
      name: `u${t}`,
    });
    const o = builder.addVar({
      cost: spec.overPenalty,
      lower: hard ? Math.max(0, Math.ceil(r - 1e-9) - r) : 0,
      name: `o${t}`,
    });
    under.push(u);
    over.push(o);
    builder.addRow([...working[t]!, u, o], [...coefficients[t]!, 1, -1], {
      lower: r,
      upper: r,
      name: `cov${t}`,
    });
  }
  // Templates' counts per day.
  const groups = new Map<string, number[]>();
  shifts.forEach((s, i) => {
    const key = `${s.template.name}|${s.day}`;
    const list = groups.get(key) ?? [];
    list.push(x[i]!);
    groups.set(key, list);
  });
  for (const [key, cols] of groups) {
    const t = shifts.find((s) => `${s.template.name}|${s.day}` === key)!.template;
    if (t.minCount > 0 || Number.isFinite(t.maxCount)) {
      builder.addRow(
        cols,
        cols.map(() => 1),
        {
          lower: t.minCount,
          upper: t.maxCount,
          name: `count_${key}`,
        },
      );
    }
  }
  // Distinct shift instances (start, length) used.
  if (spec.shiftInstanceCost > 0) {
    const byInstance = new Map<string, number[]>();
    shifts.forEach((s, i) => {
      const key = `${s.first}|${s.length}`;
      const list = byInstance.get(key) ?? [];
      list.push(i);
      byInstance.set(key, list);
    });
    for (const [key, members] of byInstance) {
      const y = builder.addVar({
        cost: spec.shiftInstanceCost,
        upper: 1,
        integer: true,
        name: `y${key}`,
      });
      for (const i of members) {
        const big = builder.build().upper[x[i]!]!;
        builder.addRow([x[i]!, y], [1, -big], { upper: 0, name: `use${i}` });
      }
    }
  }
  return {
    model: builder.build(),
    spec,
    zone,
    interval,
    starts,
    required,
    shifts,
    x,
    b,
    under,
    over,
    ...(impossible === undefined ? {} : { impossible }),
  };
}

/**
 * Solves a shift model and reads the schedule out of the solution.
 *
 * @example
 * const result = await solveShiftModel(buildShiftModel(requirements, spec), highsSolver, { timeLimitSeconds: 60, relativeGap: 1e-4 });
 */
export async function solveShiftModel(
  built: ShiftModel,
  solver: MilpSolver,
  options: SolveOptions & {
    /** When the work began (performance.now()): the time limit counts from there. */
    readonly startedAtMs?: number;
  },
): Promise<ScheduleResult> {
  const empty = {
    objective: Number.NaN,
    bound: Number.NaN,
    gap: Number.NaN,
    values: new Float64Array(),
  };
  if (built.impossible !== undefined) {
    return {
      ...readSchedule(built, { status: "infeasible", ...empty }),
      explanation: `hard coverage is impossible: ${built.impossible}`,
    };
  }
  // Building the model counts in the time limit.
  const spent =
    options.startedAtMs === undefined ? 0 : (performance.now() - options.startedAtMs) / 1000;
  if (spent >= options.timeLimitSeconds) {
    return {
      ...readSchedule(built, { status: "timeLimit", ...empty }),
      explanation: `building the model took ${spent.toFixed(1)} s of the ${options.timeLimitSeconds} s time limit`,
    };
  }
  const limits = {
    timeLimitSeconds: options.timeLimitSeconds - spent,
    relativeGap: options.relativeGap,
  };
  const solveStarted = performance.now();
  const solution = await solveByParts(solver, built.model, limits);
  const result = readSchedule(built, solution);
  if (solution.status === "timeLimit") {
    return { ...result, explanation: noScheduleInTime(options.timeLimitSeconds) };
  }
  if (solution.status !== "infeasible" || built.spec.coverage !== "hard") return result;
  // Explain: the same problem with soft coverage shows where the templates fall short.
  const soft = buildShiftModel(
    built.starts.map((startMs, i) => ({ startMs, required: built.required[i]! })),
    { ...built.spec, coverage: "soft", underPenalty: 1e6 },
  );
  // ... within what is left of the time limit (no time left: the plain explanation)
  const left = limits.timeLimitSeconds - (performance.now() - solveStarted) / 1000;
  if (!(left > 0.5)) return result;
  const relaxed = await solveByParts(solver, soft.model, { ...limits, timeLimitSeconds: left });
  if (relaxed.status !== "optimal" && relaxed.status !== "feasible") return result;
  const short: string[] = [];
  for (let i = 0; i < soft.starts.length;) {
    const missing = (k: number): number => relaxed.values[soft.under[k]!]!;
    if (missing(i) < 1e-6) {
      i++;
      continue;
    }
    let j = i;
    let most = missing(i);
    while (j + 1 < soft.starts.length && missing(j + 1) >= 1e-6)
      most = Math.max(most, missing(++j));
    short.push(
      `${formatInstant(soft.starts[i]!, built.zone)} to ${formatInstant(soft.starts[j]! + built.interval * 60_000, built.zone)} (up to ${plural(Math.ceil(most - 1e-9), "agent")} short)`,
    );
    i = j + 1;
  }
  return {
    ...result,
    explanation:
      short.length === 0
        ? result.explanation!
        : `no schedule meets hard coverage within the templates' limits (minCount, maxCount, break windows); at best it falls short ${short.slice(0, 10).join(", ")}`,
  };
}

/** What may help when a solve ends without a schedule. */
const ADVICE = "a shorter horizon, a coarser interval, fewer shift starts or a longer time limit";

/** Explanation of `timeLimit`: no schedule in time (`seconds`: the limit, when known). */
function noScheduleInTime(seconds?: number): string {
  const limit = seconds === undefined ? "the time it had" : `${seconds} s`;
  return `the solver found none in ${limit}; ${ADVICE} may help`;
}

/** Explanation of `error`: the solver failed (`message`: what failed, from the solver). */
function solverFailure(message: string | undefined): string {
  return `the solver stopped with an internal failure (${message ?? "no details"}); ${ADVICE} may help`;
}

/**
 * The schedule of a solution (coverage recomputed from the shifts and breaks it names). Without
 * a solution, the schedule is empty and `explanation` says why: `infeasible` (no schedule meets
 * hard coverage), `timeLimit` (none found in time) or `error` (the solver failed).
 */
export function readSchedule(built: ShiftModel, solution: SolveResult): ScheduleResult {
  const { zone, starts, required, interval } = built;
  const stepMs = interval * 60_000;
  const count = starts.length;
  // Instants by interval index; past the horizon's end a cyclic schedule wraps to its start.
  const iso = (index: number): string =>
    formatInstant(starts[0]! + (built.spec.cyclic ? index % count : index) * stepMs, zone);
  if (solution.status !== "optimal" && solution.status !== "feasible") {
    return {
      status: solution.status,
      objective: null,
      gap: null,
      shifts: [],
      coverage: starts.map((t, i) => ({
        start: formatInstant(t, zone),
        required: required[i]!,
        scheduled: 0,
      })),
      explanation:
        solution.status === "infeasible"
          ? "no schedule meets hard coverage within the templates' limits (minCount, maxCount, break windows)"
          : solution.status === "timeLimit"
            ? noScheduleInTime()
            : solverFailure(solution.message),
    };
  }
  const v = (j: number): number => Math.round(solution.values[j]!);
  const scheduled = new Array<number>(count).fill(0);
  const shifts: ScheduledShift[] = [];
  built.shifts.forEach((s, i) => {
    const n = v(built.x[i]!);
    if (n <= 0) return;
    for (let q = 0; q < s.length; q++) scheduled[(s.first + q) % count]! += n;
    const breaks: BreakSlot[] = [];
    s.windows.forEach((window, k) => {
      const rule = s.template.breaks[k]!;
      const dur = rule.minutes / interval;
      window.forEach((w, q) => {
        const m = v(built.b[i]![k]![q]!);
        if (m <= 0) return;
        for (let d = 0; d < dur; d++) scheduled[(s.first + w + d) % count]! -= m;
        breaks.push({
          kind: rule.kind,
          start: iso(s.first + w),
          end: iso(s.first + w + dur),
          count: m,
        });
      });
    });
    shifts.push({
      name: s.template.name,
      start: iso(s.first),
      end: iso(s.first + s.length),
      count: n,
      breaks,
    });
  });
  return {
    status: solution.status,
    objective: solution.objective,
    gap: solution.gap,
    shifts,
    coverage: starts.map((t, i) => ({
      start: formatInstant(t, zone),
      required: required[i]!,
      scheduled: scheduled[i]!,
    })),
  };
}
