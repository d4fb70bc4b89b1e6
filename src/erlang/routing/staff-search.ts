/**
 * Local search over agents per group on some way of judging a staffing (the evaluation, a
 * calibrated evaluation, or a simulation check): add where the shortfall closes most per unit of
 * cost until every target holds, then take the first move that lowers cost and keeps every
 * target: drop an agent (dearest group first), or exchange (one agent more in one group for two
 * fewer in another, or one fewer of a dearer group). Deterministic (groups in file order) and
 * bounded by a count of moves.
 *
 * @module
 */

/** Agents per group. */
export type Staffing = Record<string, number>;

/** What the search needs to know of the interval. */
export interface SearchSpace {
  /** Groups that answer a queue with calls (the others stay at 0). */
  readonly groups: readonly string[];
  readonly floor: Readonly<Record<string, number>>;
  readonly limit: Readonly<Record<string, number>>;
  readonly costPerHour: Readonly<Record<string, number>>;
}

/**
 * How far a staffing misses every target (0: all met), or undefined when it cannot be judged
 * (a simulation check beyond its work limit).
 */
export type Judge = (y: Staffing) => number | undefined;

/** The cost of a staffing. */
export function staffingCost(space: SearchSpace, y: Staffing): number {
  return space.groups.reduce((a, g) => a + y[g]! * space.costPerHour[g]!, 0);
}

/**
 * Adds one agent where `judge`'s shortfall closes most per unit of cost; false when no agent
 * helps (or every group is at its limit) or `judge` cannot tell.
 */
export function addOne(space: SearchSpace, y: Staffing, judge: Judge): boolean {
  const base = judge(y);
  if (base === undefined) return false;
  let best: string | undefined;
  let bestGain = 0;
  for (const g of space.groups) {
    if (y[g]! >= space.limit[g]!) continue;
    const after = judge({ ...y, [g]: y[g]! + 1 });
    if (after === undefined) return false;
    const gain = (base - after) / space.costPerHour[g]!;
    if (gain > bestGain + 1e-12) {
      best = g;
      bestGain = gain;
    }
  }
  if (best === undefined) return false;
  y[best] = y[best]! + 1;
  return true;
}

/**
 * Adds agents (see {@link addOne}) until `judge` says every target holds; false when no agent
 * helps, a limit is reached, or `judge` cannot tell.
 */
export function addUntilMet(space: SearchSpace, y: Staffing, judge: Judge): boolean {
  for (;;) {
    const miss = judge(y);
    if (miss === undefined) return false;
    if (miss === 0) return true;
    if (!addOne(space, y, judge)) return false;
  }
}

/**
 * Drops agents, dearest group first, while `check` says every target still holds (the check
 * alone: no exchanges, a few checks at most per group).
 */
export function dropWhileMet(space: SearchSpace, y: Staffing, judge: Judge): void {
  const dearestFirst = [...space.groups].sort(
    (a, b) => space.costPerHour[b]! - space.costPerHour[a]!,
  );
  for (const g of dearestFirst)
    while (y[g]! > space.floor[g]! && judge({ ...y, [g]: y[g]! - 1 }) === 0) y[g] = y[g]! - 1;
}

/** The moves that lower cost, in the order they are tried. */
function* cheaper(space: SearchSpace, y: Staffing): Generator<Staffing> {
  const dearestFirst = [...space.groups].sort(
    (a, b) => space.costPerHour[b]! - space.costPerHour[a]!,
  );
  for (const g of dearestFirst) if (y[g]! > space.floor[g]!) yield { ...y, [g]: y[g]! - 1 };
  for (const h of space.groups) {
    if (y[h]! >= space.limit[h]!) continue;
    for (const g of dearestFirst) {
      if (g === h) continue;
      for (const k of [2, 1]) {
        if (y[g]! - k < space.floor[g]!) continue;
        if (space.costPerHour[h]! >= k * space.costPerHour[g]! - 1e-12) continue;
        yield { ...y, [h]: y[h]! + 1, [g]: y[g]! - k };
      }
    }
  }
}

/**
 * Improves a staffing that meets every target: takes the first cheaper move that still meets
 * them, again and again, at most `maxMoves` times. Returns whether `y` meets every target.
 */
export function improve(space: SearchSpace, y: Staffing, judge: Judge, maxMoves = 1000): boolean {
  if (judge(y) !== 0) return false;
  for (let moves = 0; moves < maxMoves; moves++) {
    let next: Staffing | undefined;
    for (const z of cheaper(space, y)) {
      const miss = judge(z);
      if (miss === undefined) return true;
      if (miss === 0) {
        next = z;
        break;
      }
    }
    if (next === undefined) return true;
    for (const g of space.groups) y[g] = next[g]!;
  }
  return true;
}
