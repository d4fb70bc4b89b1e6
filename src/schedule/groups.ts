/**
 * Skill groups in shift design: the groups of a requirement (its `group` column), which
 * templates may staff which group, each group's requirement on the design's grid, and which
 * group may cover which (skill transfer, after Bhulai, Koole & Pot 2008: agents of group h may
 * cover group g's requirement when h's skills include every queue of g's).
 *
 * @module
 */
import { DataError, type DataIssue } from "../io/errors.ts";
import { inferSpacing } from "../time/duration.ts";
import type { Horizon } from "./horizon.ts";
import type { RequirementPoint } from "./result.ts";
import type { ShiftSpec, ShiftTemplate } from "./spec.ts";

/** The skill groups of shift design (options of `buildShiftModel` and `designShifts`). */
export interface ShiftGroupOptions {
  /**
   * Each group's skills (the queues it answers, e.g. from a routing model's `serves`). Group h
   * may cover group g's requirement when skills(h) include all of skills(g) (h not g). Without
   * them, or for a group they lack, no group covers another.
   */
  readonly groupSkills?: Readonly<Record<string, readonly string[]>>;
  /**
   * Each group's relative cost per hour (a routing model's `costPerHour`): a shift of group g
   * costs its template's cost times this factor (default 1).
   */
  readonly groupCostPerHour?: Readonly<Record<string, number>>;
}

/** A pair of groups where the first may cover the second's requirement. */
export interface GroupPair {
  readonly from: string;
  readonly to: string;
}

/** The value of `key` in a record, own properties only (a group may be named `constructor`). */
export function own<T>(
  record: Readonly<Record<string, T>> | undefined,
  key: string,
): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * The groups of a requirement, in the order they first appear; empty when it has none.
 *
 * @throws DataError when some points have a group and others do not
 */
export function requirementGroups(points: readonly RequirementPoint[]): string[] {
  const groups = new Set<string>();
  let without = 0;
  for (const p of points) {
    if (p.group === undefined) without++;
    else groups.add(p.group);
  }
  if (groups.size > 0 && without > 0)
    throw new DataError([
      { field: "group", message: `${without} requirement points have no group, the others have` },
    ]);
  return [...groups];
}

/** Whether a template may staff a group (templates without `groups` staff every group). */
export function templateAllows(template: ShiftTemplate, group: string): boolean {
  return template.groups === undefined || template.groups.includes(group);
}

/**
 * The templates' `groups` that the requirement lacks, each named by its field
 * (`shifts[1].groups[0]`).
 */
export function templateGroupProblems(spec: ShiftSpec, groups: readonly string[]): DataIssue[] {
  const issues: DataIssue[] = [];
  const known = new Set(groups);
  spec.shifts.forEach((t, i) => {
    if (t.groups === undefined) return;
    if (groups.length === 0) {
      issues.push({
        field: `shifts[${i}].groups`,
        message: "the requirements have no group column: a template cannot be limited to groups",
      });
      return;
    }
    t.groups.forEach((g, k) => {
      if (!known.has(g))
        issues.push({
          field: `shifts[${i}].groups[${k}]`,
          message: `unknown group "${g}": the requirements' groups are ${groups.join(", ")}`,
        });
    });
  });
  return issues;
}

/**
 * Which group may cover which: every (h, g), h not g, both with skills, where h's skills
 * include all of g's; in the groups' order, by the covered group first.
 *
 * @example
 * groupTransfers(["all", "vip"], { all: ["orders", "vip"], vip: ["vip"] }); // => [{ from: "all", to: "vip" }]
 */
export function groupTransfers(
  groups: readonly string[],
  skills: Readonly<Record<string, readonly string[]>> | undefined,
): GroupPair[] {
  const pairs: GroupPair[] = [];
  for (const to of groups) {
    const need = own(skills, to);
    if (need === undefined) continue;
    for (const from of groups) {
      const have = own(skills, from);
      if (from === to || have === undefined) continue;
      if (need.every((q) => have.includes(q))) pairs.push({ from, to });
    }
  }
  return pairs;
}

/**
 * Each group's requirement on the horizon's grid (as `requirementHorizon` puts the total:
 * missing intervals 0, coarser rows repeat, finer ones take the maximum), in `groups` order.
 */
export function groupRequirements(
  points: readonly RequirementPoint[],
  horizon: Horizon,
  groups: readonly string[],
): number[][] {
  const { starts, intervalMinutes } = horizon;
  const step = intervalMinutes * 60_000;
  const count = starts.length;
  const first = starts[0]!;
  const grid = inferSpacing([...new Set(points.map((p) => p.startMs))].sort((a, b) => a - b));
  const spacing = grid.ok ? grid.spacingMs : step;
  const index = new Map(groups.map((g, k) => [g, k]));
  const required = groups.map(() => new Array<number>(count).fill(0));
  for (const p of points) {
    const row = required[index.get(p.group!)!]!;
    const from = Math.floor((p.startMs - first) / step);
    const to = Math.max(from + 1, Math.ceil((p.startMs + spacing - first) / step));
    for (let i = from; i < to && i < count; i++) row[i] = Math.max(row[i]!, p.required);
  }
  return required;
}
