/**
 * The shift design model (Dantzig 1954 set covering; Aykin 1996 implicit breaks): integer x_s
 * agents on concrete shift s; for each break k of s and each allowed start w, integer b_skw
 * agents taking it there, sum_w b_skw = x_s; breaks of one shift in their listed order (agents
 * starting break k by w have finished break k - 1: prefix counts, so that an order-preserving
 * pairing exists and no two breaks of an agent overlap); coverage of interval t:
 * sum_{s works t} x_s - sum_{breaks at t} b + u_t - o_t = r_t, with u_t = 0 and
 * o_t >= ceil(r_t) - r_t under hard coverage; optional binaries y for distinct (start, length)
 * shifts used (x_s <= M y). Objective: shift cost (cost per paid hour) + underPenalty sum u +
 * overPenalty sum o + shiftInstanceCost sum y.
 *
 * @module
 */
import { plural } from "../io/text.ts";
import { maxOf } from "../math/extent.ts";
import { createZone, formatInstant, type Zone } from "../time/zone.ts";
import { requirementHorizon } from "./horizon.ts";
import { MilpBuilder, type Milp } from "./milp.ts";
import type { RequirementPoint } from "./result.ts";
import { concreteShifts, span, type ConcreteShift } from "./shifts.ts";
import { checkShiftModelSize, estimateShiftModel } from "./size.ts";
import type { ShiftSpec } from "./spec.ts";

/** The model of a shift design problem and how to read its solution. */
export interface ShiftModel {
  readonly model: Milp;
  readonly spec: ShiftSpec;
  readonly zone: Zone;
  /** Interval length, minutes. */
  readonly intervalMinutes: number;
  /** Interval starts of the horizon, UTC epoch milliseconds. */
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

/**
 * Why hard coverage is impossible whatever the solver does: intervals with a requirement that
 * no shift works, or more than the templates' maxCount allow; undefined when none.
 */
function hardCoverageProblem(
  shifts: readonly ConcreteShift[],
  required: readonly number[],
  label: (i: number, j: number) => string,
): string | undefined {
  const count = required.length;
  const capacity = new Array<number>(count).fill(0);
  for (const s of shifts) {
    const cap = Math.min(s.template.maxCount, 1e9);
    for (const t of span(s, count)) capacity[t] = Math.min(1e12, capacity[t]! + cap);
  }
  const need = (i: number): number => Math.ceil(required[i]! - 1e-9);
  const problems: string[] = [];
  for (let i = 0; i < count;) {
    if (need(i) <= capacity[i]!) {
      i++;
      continue;
    }
    let j = i;
    let most = need(i);
    while (j + 1 < count && need(j + 1) > capacity[j + 1]!) {
      j++;
      most = Math.max(most, need(j));
    }
    problems.push(
      capacity[i] === 0
        ? `no shift template works ${label(i, j)} (up to ${plural(most, "agent")} required)`
        : `the templates' maxCount allow at most ${capacity[i]} agents ${label(i, j)}, where up to ${most} are required`,
    );
    i = j + 1;
  }
  return problems.length > 0 ? problems.slice(0, 10).join("; ") : undefined;
}

/** Adds the break variables of each shift, their links to x and their order rows. */
function addBreaks(
  builder: MilpBuilder,
  shifts: readonly ConcreteShift[],
  x: readonly number[],
  intervalMinutes: number,
): number[][][] {
  return shifts.map((s, i) => {
    const perBreak = s.windows.map((window, k) =>
      window.map((w) =>
        builder.addVar({ integer: true, upper: Number.POSITIVE_INFINITY, name: `b${i}_${k}_${w}` }),
      ),
    );
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
      const prevLength = s.template.breaks[k - 1]!.durationMinutes / intervalMinutes;
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
    return perBreak;
  });
}

/**
 * Builds the shift design model. Checks first that hard coverage is possible at all (every
 * interval with a requirement reachable by some shift, within the templates' maxCount) and
 * records where it is not (`impossible`).
 *
 * @throws DataError when there is no requirement, or the model would be too large
 * @example
 * const built = buildShiftModel(requirements, spec);
 * built.shifts.length; // the concrete shifts the templates allow
 */
export function buildShiftModel(
  requirements: readonly RequirementPoint[],
  spec: ShiftSpec,
): ShiftModel {
  const zone = createZone(spec.timeZone);
  const horizon = requirementHorizon(requirements, spec.intervalMinutes);
  const { starts, required, intervalMinutes: interval } = horizon;
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
  const impossible =
    spec.coverage === "hard" ? hardCoverageProblem(shifts, required, label) : undefined;

  const maxRequired = Math.ceil(maxOf(required, (r) => r, 0));
  const builder = new MilpBuilder();
  const x = shifts.map((s, i) => {
    const bound = Math.min(s.template.maxCount, maxRequired * (1 + s.template.breaks.length) + 1);
    return builder.addVar({ cost: s.cost, upper: bound, integer: true, name: `x${i}` });
  });
  const b = addBreaks(builder, shifts, x, interval);
  // Coverage.
  const working: number[][] = Array.from({ length: count }, () => []);
  const coefficients: number[][] = Array.from({ length: count }, () => []);
  shifts.forEach((s, i) => {
    for (const t of span(s, count)) {
      working[t]!.push(x[i]!);
      coefficients[t]!.push(1);
    }
    s.windows.forEach((window, k) => {
      const dur = s.template.breaks[k]!.durationMinutes / interval;
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
  addCounts(builder, shifts, x);
  if (spec.shiftInstanceCost > 0) addInstances(builder, shifts, x, spec.shiftInstanceCost);
  return {
    model: builder.build(),
    spec,
    zone,
    intervalMinutes: interval,
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

/** The templates' counts per day: minCount <= sum x <= maxCount. */
function addCounts(
  builder: MilpBuilder,
  shifts: readonly ConcreteShift[],
  x: readonly number[],
): void {
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
        { lower: t.minCount, upper: t.maxCount, name: `count_${key}` },
      );
    }
  }
}

/** Distinct shift instances (start, length) used: a binary y each, x <= M y, cost per y. */
function addInstances(
  builder: MilpBuilder,
  shifts: readonly ConcreteShift[],
  x: readonly number[],
  cost: number,
): void {
  const byInstance = new Map<string, number[]>();
  shifts.forEach((s, i) => {
    const key = `${s.first}|${s.length}`;
    const list = byInstance.get(key) ?? [];
    list.push(i);
    byInstance.set(key, list);
  });
  for (const [key, members] of byInstance) {
    const y = builder.addVar({ cost, upper: 1, integer: true, name: `y${key}` });
    for (const i of members) {
      const big = builder.build().upper[x[i]!]!;
      builder.addRow([x[i]!, y], [1, -big], { upper: 0, name: `use${i}` });
    }
  }
}
