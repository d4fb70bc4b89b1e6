/**
 * The group checks of `verifySchedule`: each shift's group (known, and one its template may
 * staff), the transfers (allowed, non-negative, within the lending group's working agents),
 * and the coverage per (interval, group) recomputed from the shifts and the transfers.
 *
 * @module
 */
import { formatInstant } from "../time/zone.ts";
import { templateAllows } from "./groups.ts";
import type { ShiftModel } from "./model.ts";
import type { ScheduledShift, ScheduleResult } from "./result.ts";
import type { ShiftTemplate } from "./spec.ts";

/** Slack of the checks on transfers (continuous, rounded to 1e-6 in results). */
const TOLERANCE = 1e-6;

/**
 * The coverage row (group index; 0 without groups) of a shift, or undefined (a problem
 * recorded) when its group is missing, unknown or not one its template may staff.
 */
export function shiftLane(
  shift: ScheduledShift,
  template: ShiftTemplate,
  laneIndex: ReadonlyMap<string, number>,
  grouped: boolean,
  name: string,
  problems: string[],
): number | undefined {
  if (!grouped) {
    if (shift.group === undefined) return 0;
    problems.push(`${name}: group ${shift.group}, but the requirement has no groups`);
    return undefined;
  }
  if (shift.group === undefined) {
    problems.push(`${name}: no group`);
    return undefined;
  }
  const lane = laneIndex.get(shift.group);
  if (lane === undefined) problems.push(`${name}: unknown group ${shift.group}`);
  else if (!templateAllows(template, shift.group))
    problems.push(`${name}: its template may not staff group ${shift.group}`);
  else return lane;
  return undefined;
}

/**
 * Checks the transfers and the coverage per (interval, group) of a schedule with groups.
 *
 * @param working - agents of each group working per interval, recomputed from the shifts
 * @returns the problems, and the shortfall and excess summed over intervals and groups
 */
export function verifyGroupCoverage(
  result: ScheduleResult,
  built: ShiftModel,
  working: readonly (readonly number[])[],
): { problems: string[]; under: number; over: number } {
  const problems: string[] = [];
  const { groups, starts, zone, spec } = built;
  const count = starts.length;
  const stepMs = built.intervalMinutes * 60_000;
  const index = new Map(groups.map((g, k) => [g, k]));
  const allowed = new Set(built.transfers.map((p) => `${p.from}\u0000${p.to}`));
  const into = groups.map(() => new Array<number>(count).fill(0));
  const out = groups.map(() => new Array<number>(count).fill(0));
  for (const tr of result.transfers ?? []) {
    const t = Math.round((tr.startMs - starts[0]!) / stepMs);
    const at = formatInstant(tr.startMs, zone);
    const what = `transfer ${tr.from} to ${tr.to} at ${at}`;
    if (!allowed.has(`${tr.from}\u0000${tr.to}`)) {
      problems.push(`${what}: not allowed (the skills of ${tr.from} lack a queue of ${tr.to})`);
      continue;
    }
    if (t < 0 || t >= count || starts[t] !== tr.startMs) {
      problems.push(`${what}: not an interval of the horizon`);
      continue;
    }
    if (!(tr.agents >= 0) || !Number.isFinite(tr.agents)) {
      problems.push(`${what}: ${tr.agents} agents`);
      continue;
    }
    into[index.get(tr.to)!]![t]! += tr.agents;
    out[index.get(tr.from)!]![t]! += tr.agents;
  }
  let under = 0;
  let over = 0;
  const reported = result.groupCoverage ?? [];
  if (reported.length !== count * groups.length)
    problems.push(
      `group coverage: ${reported.length} points reported, ${count} intervals x ${groups.length} groups in the horizon`,
    );
  groups.forEach((group, g) => {
    for (let t = 0; t < count; t++) {
      const at = formatInstant(starts[t]!, zone);
      const own = working[g]![t]!;
      if (out[g]![t]! > own + TOLERANCE)
        problems.push(`group ${group} at ${at}: lends ${out[g]![t]!} agents, has ${own} working`);
      const covered = own + into[g]![t]! - out[g]![t]!;
      const r = built.groupRequired[g]![t]!;
      const point = reported[t * groups.length + g];
      if (point !== undefined) {
        if (point.group !== group || point.startMs !== starts[t])
          problems.push(`group coverage at ${at}: reported for ${point.group}, expected ${group}`);
        else {
          if (point.scheduled !== own)
            problems.push(
              `group ${group} at ${at}: ${point.scheduled} scheduled, recomputed ${own}`,
            );
          if (Math.abs(point.covered - covered) > TOLERANCE)
            problems.push(
              `group ${group} at ${at}: ${point.covered} covered, recomputed ${covered}`,
            );
          if (point.required !== r)
            problems.push(`group ${group} at ${at}: required ${point.required} != ${r}`);
        }
      }
      if (spec.coverage === "hard" && covered < Math.ceil(r - 1e-9) - TOLERANCE)
        problems.push(`hard coverage fails for group ${group} at ${at}: ${covered} < ${r}`);
      under += Math.max(0, r - covered);
      over += Math.max(0, covered - r);
    }
  });
  return { problems, under, over };
}
