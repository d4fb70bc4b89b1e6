/**
 * Independent checks of a schedule: coverage recomputed from the shifts and breaks it lists,
 * hard coverage, break counts, windows and order, and the objective recomputed from the spec's
 * costs. Used by the tests on every schedule they produce, and available to users of the
 * library.
 *
 * @module
 */
import { createZone, formatInstant, type Zone } from "../time/zone.ts";
import { appendAll } from "../math/extent.ts";
import { own } from "./groups.ts";
import type { ShiftModel } from "./model.ts";
import type { ScheduledShift, ScheduleResult } from "./result.ts";
import { unpaidMinutes } from "./shifts.ts";
import type { ShiftTemplate } from "./spec.ts";
import { shiftLane, verifyGroupCoverage } from "./verify-groups.ts";

/** One agent's breaks on a shift: [start, end) instants per break, in the template's order. */
export type AgentBreaks = { start: number; end: number; kind: "break" | "meal" }[];

const UTC = createZone("UTC");

/**
 * Splits a shift's break slots among its `count` agents: break k's slots (listed in the
 * template's order) sorted by start and paired by rank with break k - 1's, which keeps every
 * agent's breaks in order whenever the prefix counts allow it.
 *
 * @param zone - the clock of the shift's start in messages (default UTC)
 * @returns per agent, its breaks in order
 * @throws RangeError when a slot is of the wrong kind, or the slots of a break do not add up
 *   to the shift's count
 * @example
 * splitBreaks(schedule.shifts[0], spec.shifts[0]); // [[{ start, end, kind: "meal" }], ...]
 */
export function splitBreaks(
  shift: ScheduledShift,
  template: ShiftTemplate,
  zone: Zone = UTC,
): AgentBreaks[] {
  const agents: AgentBreaks[] = Array.from({ length: shift.count }, () => []);
  const name = (): string => `${shift.name} ${formatInstant(shift.startMs, zone)}`;
  let cursor = 0;
  template.breaks.forEach((rule, k) => {
    const slots: { start: number; end: number }[] = [];
    let total = 0;
    while (total < shift.count && cursor < shift.breaks.length) {
      const slot = shift.breaks[cursor++]!;
      if (slot.kind !== rule.kind) {
        throw new RangeError(
          `${name()}: break ${k + 1} should be a ${rule.kind}, found a ${slot.kind}`,
        );
      }
      for (let c = 0; c < slot.count; c++) slots.push({ start: slot.startMs, end: slot.endMs });
      total += slot.count;
    }
    if (total !== shift.count) {
      throw new RangeError(
        `${name()}: break ${k + 1} has ${total} slots for ${shift.count} agents`,
      );
    }
    slots.sort((a, b) => a.start - b.start);
    slots.forEach((s, a) => agents[a]!.push({ ...s, kind: rule.kind }));
  });
  return agents;
}

/**
 * Re-verifies a schedule against its model's requirement and spec.
 *
 * @returns the problems found (empty when coverage, breaks and objective all check out)
 * @example
 * verifySchedule(result, built); // => [] for a schedule the solver gave
 */
export function verifySchedule(result: ScheduleResult, built: ShiftModel): string[] {
  const problems: string[] = [];
  const { starts, required, intervalMinutes: interval, spec, zone } = built;
  const count = starts.length;
  const stepMs = interval * 60_000;
  const begin = starts[0]!;
  const index = (t: number): number => {
    const i = Math.round((t - begin) / stepMs);
    return spec.cyclic ? ((i % count) + count) % count : i;
  };
  const templates = new Map(spec.shifts.map((t) => [t.name, t]));
  const scheduled = new Array<number>(count).fill(0);
  const lanes = built.groups.length === 0 ? [undefined] : built.groups;
  const byGroup = lanes.map(() => new Array<number>(count).fill(0)); // working per group
  const laneIndex = new Map(built.groups.map((g, k) => [g, k]));
  let cost = 0;
  const instances = new Set<string>();
  for (const shift of result.shifts) {
    const t = templates.get(shift.name);
    if (t === undefined) {
      problems.push(`unknown template ${shift.name}`);
      continue;
    }
    const name = `${shift.name} ${formatInstant(shift.startMs, zone)}`;
    const lane = shiftLane(shift, t, laneIndex, built.groups.length > 0, name, problems);
    if (lane === undefined) continue;
    const mine = byGroup[lane]!;
    const start = shift.startMs;
    let end = shift.endMs;
    if (end <= start) end += count * stepMs; // wrapped
    const length = (end - start) / stepMs;
    if (!t.lengthMinutes.includes(length * interval)) {
      problems.push(`${name}: length ${length * interval} min not allowed`);
    }
    const paidSeconds = (length * interval - unpaidMinutes(t)) * 60;
    if (shift.paidSeconds !== paidSeconds)
      problems.push(`${name}: ${shift.paidSeconds} s paid, recomputed ${paidSeconds} s`);
    const first = index(start);
    for (let q = 0; q < length; q++) {
      const i = spec.cyclic ? (first + q) % count : first + q;
      if (i < 0 || i >= count) problems.push(`${name}: outside the horizon`);
      else {
        scheduled[i]! += shift.count;
        mine[i]! += shift.count;
      }
    }
    const factor =
      shift.group === undefined ? 1 : (own(built.groupOptions.groupCostPerHour, shift.group) ?? 1);
    cost += (shift.count * t.costPerHour * paidSeconds * factor) / 3600;
    instances.add(`${first}|${length}`);
    let perAgent: AgentBreaks[];
    try {
      perAgent = splitBreaks(shift, t, zone);
    } catch (error) {
      problems.push((error as Error).message);
      continue;
    }
    for (const breaks of perAgent) {
      let previousEnd = start;
      breaks.forEach((b, k) => {
        const rule = t.breaks[k]!;
        let from = b.start;
        let to = b.end;
        if (from < start) {
          from += count * stepMs;
          to += count * stepMs;
        }
        if (to - from !== rule.durationMinutes * 60_000)
          problems.push(`${name}: break ${k + 1} lasts ${(to - from) / 60_000} min`);
        if (
          from < start + rule.earliestAfterStartMinutes * 60_000 ||
          to > end - rule.latestBeforeEndMinutes * 60_000
        ) {
          problems.push(
            `${name}: break ${k + 1} at ${new Date(b.start).toISOString()} outside its window`,
          );
        }
        if (from < previousEnd) problems.push(`${name}: breaks overlap or are out of order`);
        previousEnd = to;
        for (let m = from; m < to; m += stepMs) {
          const i = index(m);
          if (i >= 0 && i < count) {
            scheduled[i]! -= 1;
            mine[i]! -= 1;
          }
        }
      });
    }
  }
  let under = 0;
  let over = 0;
  result.coverage.forEach((c, i) => {
    const at = formatInstant(c.startMs, zone);
    if (Math.abs(c.scheduled - scheduled[i]!) > 1e-9) {
      problems.push(`coverage at ${at}: reported ${c.scheduled}, recomputed ${scheduled[i]!}`);
    }
    if (c.required !== required[i])
      problems.push(`coverage at ${at}: required ${c.required} != ${required[i]!}`);
    if (built.groups.length > 0) return; // checked per group below
    const r = required[i]!;
    const s = scheduled[i]!;
    if (spec.coverage === "hard" && s < Math.ceil(r - 1e-9))
      problems.push(`hard coverage fails at ${at}: ${s} < ${r}`);
    under += Math.max(0, r - s);
    over += Math.max(0, s - r);
  });
  if (built.groups.length > 0) {
    const checked = verifyGroupCoverage(result, built, byGroup);
    appendAll(problems, checked.problems);
    under = checked.under;
    over = checked.over;
  }
  if (result.coverage.length !== count)
    problems.push(
      `coverage: ${result.coverage.length} intervals reported, ${count} in the horizon`,
    );
  const objective =
    cost +
    spec.underPenalty * under +
    spec.overPenalty * over +
    (spec.shiftInstanceCost > 0 ? spec.shiftInstanceCost * instances.size : 0);
  if (
    result.objective !== null &&
    Math.abs(objective - result.objective) > 1e-6 * Math.max(1, Math.abs(objective))
  ) {
    problems.push(`objective: reported ${result.objective}, recomputed ${objective}`);
  }
  return problems;
}
