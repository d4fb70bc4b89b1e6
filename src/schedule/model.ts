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
import { DataError } from "../io/errors.ts";
import { plural } from "../io/text.ts";
import { maxOf } from "../math/extent.ts";
import { createZone, formatInstant, type Zone } from "../time/zone.ts";
import {
  groupRequirements,
  groupTransfers,
  own,
  requirementGroups,
  templateAllows,
  templateGroupProblems,
  type GroupPair,
  type ShiftGroupOptions,
} from "./groups.ts";
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
  /** Agents required per interval (the groups summed). */
  readonly required: readonly number[];
  /** The requirement's skill groups, in order; empty: one workforce. */
  readonly groups: readonly string[];
  /** Agents required per group and interval (without groups, one row: `required`). */
  readonly groupRequired: readonly (readonly number[])[];
  /** The groups' skills and costs as given. */
  readonly groupOptions: ShiftGroupOptions;
  /** Skill transfers (group `from` covering group `to`): their column per interval. */
  readonly transfers: readonly (GroupPair & { readonly columns: readonly number[] })[];
  /** Concrete shifts (with groups: one per shift and group its template may staff). */
  readonly shifts: readonly ConcreteShift[];
  /** Column of x for each shift. */
  readonly x: readonly number[];
  /** Columns of b for each shift, break and window position (parallel to windows). */
  readonly b: readonly (readonly number[][])[];
  /** Columns of shortfall and excess per group and interval: group * intervals + interval. */
  readonly under: readonly number[];
  readonly over: readonly number[];
  /** Why hard coverage cannot be met at all (found before solving), or undefined. */
  readonly impossible?: string;
}

/** One group's coverage to check: its name (none without groups), requirement, who covers it. */
interface Lane {
  readonly name?: string;
  readonly required: readonly number[];
  readonly coveredBy: (s: ConcreteShift) => boolean;
}

/**
 * Why hard coverage is impossible whatever the solver does: intervals with a requirement that
 * no shift works, or more than the templates' maxCount allow; undefined when none. With
 * groups, per group, counting the shifts of every group that may cover it.
 */
function hardCoverageProblem(
  shifts: readonly ConcreteShift[],
  lanes: readonly Lane[],
  label: (i: number, j: number) => string,
): string | undefined {
  const problems: string[] = [];
  for (const lane of lanes) {
    const required = lane.required;
    const count = required.length;
    const capacity = new Array<number>(count).fill(0);
    for (const s of shifts) {
      if (!lane.coveredBy(s)) continue;
      const cap = Math.min(s.template.maxCount, 1e9);
      for (const t of span(s, count)) capacity[t] = Math.min(1e12, capacity[t]! + cap);
    }
    const need = (i: number): number => Math.ceil(required[i]! - 1e-9);
    const prefix = lane.name === undefined ? "" : `group ${lane.name}: `;
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
        prefix +
          (capacity[i] === 0
            ? `no shift template works ${label(i, j)} (up to ${plural(most, "agent")} required)`
            : `the templates' maxCount allow at most ${capacity[i]} agents ${label(i, j)}, where up to ${most} are required`),
      );
      i = j + 1;
    }
  }
  return problems.length > 0 ? problems.slice(0, 10).join("; ") : undefined;
}

/** The concrete shifts once per group their template may staff, costed at the group's rate. */
function withGroups(
  shifts: readonly ConcreteShift[],
  groups: readonly string[],
  costs: ShiftGroupOptions["groupCostPerHour"],
): ConcreteShift[] {
  if (groups.length === 0) return [...shifts];
  return shifts.flatMap((s) =>
    groups
      .filter((g) => templateAllows(s.template, g))
      .map((g) => ({ ...s, group: g, cost: s.cost * (own(costs, g) ?? 1) })),
  );
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
 * records where it is not (`impossible`). With groups (points with a `group`): one coverage
 * row per (interval, group), shifts per group their template may staff, and skill transfers
 * u >= 0 from each group to each group whose queues its skills include:
 * coverage(t, g) = its shifts working t + sum_h u(t, h to g) - sum_k u(t, g to k), the
 * transfers out of a group at most its agents working.
 *
 * @param options - the groups' skills (transfers) and relative costs
 * @throws DataError when there is no requirement, a template names a group the requirement
 *   lacks, or the model would be too large
 * @example
 * const built = buildShiftModel(requirements, spec);
 * built.shifts.length; // the concrete shifts the templates allow
 */
export function buildShiftModel(
  requirements: readonly RequirementPoint[],
  spec: ShiftSpec,
  options: ShiftGroupOptions = {},
): ShiftModel {
  const zone = createZone(spec.timeZone);
  const groups = requirementGroups(requirements);
  const groupIssues = templateGroupProblems(spec, groups);
  if (groupIssues.length > 0) throw new DataError(groupIssues);
  const horizon = requirementHorizon(requirements, spec.intervalMinutes);
  const { starts, intervalMinutes: interval } = horizon;
  const count = starts.length;
  const pairs = groupTransfers(groups, options.groupSkills);
  checkShiftModelSize(
    estimateShiftModel(
      spec,
      interval,
      count,
      zone.dayOf(starts[0]!),
      zone.dayOf(starts[0]! + count * interval * 60_000 - 1),
      groups.length === 0 ? undefined : { groups, transfers: pairs },
    ),
    interval,
  );
  const groupRequired =
    groups.length === 0 ? [horizon.required] : groupRequirements(requirements, horizon, groups);
  const required =
    groups.length === 0
      ? horizon.required
      : starts.map((_, t) => groupRequired.reduce((sum, r) => sum + r[t]!, 0));
  const shifts = withGroups(
    concreteShifts(spec, zone, starts, interval),
    groups,
    options.groupCostPerHour,
  );
  const laneIndex = new Map(groups.map((g, k) => [g, k]));
  const laneOf = (s: ConcreteShift): number =>
    s.group === undefined ? 0 : laneIndex.get(s.group)!;
  const label = (i: number, j: number): string =>
    `${formatInstant(starts[i]!, zone)} to ${formatInstant(starts[j]! + interval * 60_000, zone)}`;
  const lanes: Lane[] =
    groups.length === 0
      ? [{ required, coveredBy: () => true }]
      : groups.map((g, k) => ({
          name: g,
          required: groupRequired[k]!,
          coveredBy: (s) => s.group === g || pairs.some((p) => p.to === g && p.from === s.group),
        }));
  const impossible =
    spec.coverage === "hard" ? hardCoverageProblem(shifts, lanes, label) : undefined;

  const maxRequired = Math.ceil(maxOf(required, (r) => r, 0));
  const builder = new MilpBuilder();
  const x = shifts.map((s, i) => {
    const bound = Math.min(s.template.maxCount, maxRequired * (1 + s.template.breaks.length) + 1);
    return builder.addVar({ cost: s.cost, upper: bound, integer: true, name: `x${i}` });
  });
  const b = addBreaks(builder, shifts, x, interval);
  // Coverage, per group (one lane without groups) and interval: row lane * count + t.
  const rows = lanes.length * count;
  const working: number[][] = Array.from({ length: rows }, () => []);
  const coefficients: number[][] = Array.from({ length: rows }, () => []);
  shifts.forEach((s, i) => {
    const base = laneOf(s) * count;
    for (const t of span(s, count)) {
      working[base + t]!.push(x[i]!);
      coefficients[base + t]!.push(1);
    }
    s.windows.forEach((window, k) => {
      const dur = s.template.breaks[k]!.durationMinutes / interval;
      window.forEach((w, q) => {
        for (let d = 0; d < dur; d++) {
          const t = (s.first + w + d) % count;
          working[base + t]!.push(b[i]![k]![q]!);
          coefficients[base + t]!.push(-1);
        }
      });
    });
  });
  const transfers = pairs.map((p, k) => ({
    ...p,
    columns: starts.map((_, t) => builder.addVar({ name: `tr${k}_${t}` })),
  }));
  const under: number[] = [];
  const over: number[] = [];
  const hard = spec.coverage === "hard";
  lanes.forEach((lane, g) => {
    const suffix = (t: number): string => (lane.name === undefined ? `${t}` : `${g}_${t}`);
    const moved = transfers.flatMap((tr) =>
      tr.to === lane.name ? [{ tr, sign: 1 }] : tr.from === lane.name ? [{ tr, sign: -1 }] : [],
    );
    for (let t = 0; t < count; t++) {
      const r = lane.required[t]!;
      const u = builder.addVar({
        cost: spec.underPenalty,
        upper: hard ? 0 : Number.POSITIVE_INFINITY,
        name: `u${suffix(t)}`,
      });
      const o = builder.addVar({
        cost: spec.overPenalty,
        lower: hard ? Math.max(0, Math.ceil(r - 1e-9) - r) : 0,
        name: `o${suffix(t)}`,
      });
      under.push(u);
      over.push(o);
      const row = g * count + t;
      builder.addRow(
        [...working[row]!, ...moved.map((m) => m.tr.columns[t]!), u, o],
        [...coefficients[row]!, ...moved.map((m) => m.sign), 1, -1],
        { lower: r, upper: r, name: `cov${suffix(t)}` },
      );
    }
  });
  addLending(builder, transfers, groups, working, coefficients, count);
  addCounts(builder, shifts, x);
  if (spec.shiftInstanceCost > 0) addInstances(builder, shifts, x, spec.shiftInstanceCost);
  return {
    model: builder.build(),
    spec,
    zone,
    intervalMinutes: interval,
    starts,
    required,
    groups,
    groupRequired,
    groupOptions: options,
    transfers,
    shifts,
    x,
    b,
    under,
    over,
    ...(impossible === undefined ? {} : { impossible }),
  };
}

/** A group lends at most the agents it has working: sum of its transfers out <= its working. */
function addLending(
  builder: MilpBuilder,
  transfers: readonly (GroupPair & { readonly columns: readonly number[] })[],
  groups: readonly string[],
  working: readonly (readonly number[])[],
  coefficients: readonly (readonly number[])[],
  count: number,
): void {
  groups.forEach((g, k) => {
    const out = transfers.filter((tr) => tr.from === g);
    if (out.length === 0) return;
    for (let t = 0; t < count; t++) {
      const row = k * count + t;
      builder.addRow(
        [...working[row]!, ...out.map((tr) => tr.columns[t]!)],
        [...coefficients[row]!, ...out.map(() => -1)],
        { lower: 0, name: `lend${k}_${t}` },
      );
    }
  });
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
