/**
 * Independent checks of a schedule: coverage recomputed from the shifts and breaks it lists,
 * hard coverage, break counts and order, and the objective recomputed from the spec's costs.
 * Used by the tests on every schedule they produce, and available to users of the library.
 *
 * @module
 */
import { parseInstant } from "../time/instant.ts";
import type { ScheduleResult, ScheduledShift, ShiftModel } from "./design.ts";
import type { ShiftTemplate } from "./spec.ts";

/** One agent's breaks on a shift: [start, end) instants per break, in the template's order. */
export type AgentBreaks = { start: number; end: number; kind: "break" | "meal" }[];

function ms(text: string): number {
  const t = parseInstant(text);
  if (typeof t === "string") throw new RangeError(`bad instant "${text}": ${t}`);
  return t;
}

/**
 * Splits a shift's break slots among its `count` agents: break k's slots (listed in the
 * template's order) sorted by start and paired by rank with break k - 1's, which keeps every
 * agent's breaks in order whenever the prefix counts allow it.
 *
 * @returns per agent, its breaks in order
 * @throws RangeError when the slots of a break do not add up to the shift's count
 */
export function splitBreaks(shift: ScheduledShift, template: ShiftTemplate): AgentBreaks[] {
  const agents: AgentBreaks[] = Array.from({ length: shift.count }, () => []);
  let cursor = 0;
  template.breaks.forEach((rule, k) => {
    const slots: { start: number; end: number }[] = [];
    let total = 0;
    while (total < shift.count && cursor < shift.breaks.length) {
      const slot = shift.breaks[cursor++]!;
      if (slot.kind !== rule.kind) {
        throw new RangeError(
          `${shift.name} ${shift.start}: break ${k + 1} should be a ${rule.kind}, found a ${slot.kind}`,
        );
      }
      for (let c = 0; c < slot.count; c++) slots.push({ start: ms(slot.start), end: ms(slot.end) });
      total += slot.count;
    }
    if (total !== shift.count) {
      throw new RangeError(
        `${shift.name} ${shift.start}: break ${k + 1} has ${total} slots for ${shift.count} agents`,
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
 */
export function verifySchedule(result: ScheduleResult, built: ShiftModel): string[] {
  const problems: string[] = [];
  const { starts, required, interval, spec } = built;
  const count = starts.length;
  const stepMs = interval * 60_000;
  const begin = starts[0]!;
  const index = (t: number): number => {
    const i = Math.round((t - begin) / stepMs);
    return spec.cyclic ? ((i % count) + count) % count : i;
  };
  const templates = new Map(spec.shifts.map((t) => [t.name, t]));
  const scheduled = new Array<number>(count).fill(0);
  let cost = 0;
  const instances = new Set<string>();
  for (const shift of result.shifts) {
    const t = templates.get(shift.name);
    if (t === undefined) {
      problems.push(`unknown template ${shift.name}`);
      continue;
    }
    const start = ms(shift.start);
    let end = ms(shift.end);
    if (end <= start) end += count * stepMs; // wrapped
    const length = (end - start) / stepMs;
    if (!t.lengths.includes(length * interval)) {
      problems.push(`${shift.name} ${shift.start}: length ${length * interval} min not allowed`);
    }
    const first = index(start);
    for (let q = 0; q < length; q++) {
      const i = spec.cyclic ? (first + q) % count : first + q;
      if (i < 0 || i >= count) problems.push(`${shift.name} ${shift.start}: outside the horizon`);
      else scheduled[i]! += shift.count;
    }
    const unpaid = t.breaks.reduce((a, b) => a + (b.paid ? 0 : b.minutes), 0);
    cost += (shift.count * t.costPerHour * (length * interval - unpaid)) / 60;
    instances.add(`${first}|${length}`);
    let perAgent: AgentBreaks[];
    try {
      perAgent = splitBreaks(shift, t);
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
        if (to - from !== rule.minutes * 60_000)
          problems.push(
            `${shift.name} ${shift.start}: break ${k + 1} lasts ${(to - from) / 60_000} min`,
          );
        if (
          from < start + rule.earliestAfterStart * 60_000 ||
          to > end - rule.latestBeforeEnd * 60_000
        ) {
          problems.push(
            `${shift.name} ${shift.start}: break ${k + 1} at ${new Date(b.start).toISOString()} outside its window`,
          );
        }
        if (from < previousEnd)
          problems.push(`${shift.name} ${shift.start}: breaks overlap or are out of order`);
        previousEnd = to;
        for (let m = from; m < to; m += stepMs) {
          const i = index(m);
          if (i >= 0 && i < count) scheduled[i]! -= 1;
        }
      });
    }
  }
  let under = 0;
  let over = 0;
  result.coverage.forEach((c, i) => {
    if (Math.abs(c.scheduled - scheduled[i]!) > 1e-9) {
      problems.push(`coverage at ${c.start}: reported ${c.scheduled}, recomputed ${scheduled[i]!}`);
    }
    if (c.required !== required[i])
      problems.push(`coverage at ${c.start}: required ${c.required} != ${required[i]!}`);
    const r = required[i]!;
    const s = scheduled[i]!;
    if (spec.coverage === "hard" && s < Math.ceil(r - 1e-9))
      problems.push(`hard coverage fails at ${c.start}: ${s} < ${r}`);
    under += Math.max(0, r - s);
    over += Math.max(0, s - r);
  });
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
