/**
 * A roster being built and improved: each agent's shifts, and the load that the hard rules of
 * the roster model (roster-model.ts) count, so that whether an agent may take one more shift is
 * a question of its own few shifts: skills and availability, one shift a day, the rest between
 * shifts, weekly hours and days, the night cap, two consecutive days off. The model stays the
 * definition of the rules: tests check that every roster this state allows is a feasible point
 * of the model.
 *
 * @module
 */
import type { RosterContext } from "./roster-model.ts";
import { weeklyHours } from "./roster-types.ts";

/** Hours within this of a limit count as at the limit (paid time sums in floating point). */
const HOURS_TOLERANCE = 1e-9;

/** Number of set bits of a 7-bit mask. */
export function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

/** Whether a 7-day mask of worked days leaves two consecutive days free. */
export function twoFree(mask: number): boolean {
  for (let k = 0; k < 6; k++) if ((mask & (3 << k)) === 0) return true;
  return false;
}

/** Each agent's shifts (instance indices) and what the hard rules count of them. */
export class RosterState {
  /** Per agent, its instances (in the order they were added). */
  readonly shifts: number[][];
  /** Per instance, agents on it. */
  readonly filled: Int32Array;
  /** Per instance, the agents on it. */
  readonly holders: Set<number>[];
  private readonly hours: Float64Array;
  private readonly days: Int32Array;
  private readonly nights: Int32Array;
  /** Per agent week, the worked days of the week as bits (bit k: the week's day k). */
  private readonly mask: Int32Array;
  private readonly maxHours: Float64Array;

  constructor(private readonly ctx: RosterContext) {
    const weeks = ctx.rules.weeks;
    const agents = ctx.agents.length;
    this.shifts = ctx.agents.map(() => []);
    this.filled = new Int32Array(ctx.instances.length);
    this.holders = ctx.instances.map(() => new Set<number>());
    this.hours = new Float64Array(agents * weeks);
    this.days = new Int32Array(agents * weeks);
    this.nights = new Int32Array(agents * weeks);
    this.mask = new Int32Array(agents * weeks);
    this.maxHours = Float64Array.from(
      ctx.agents,
      (a) => weeklyHours(a).max ?? Number.POSITIVE_INFINITY,
    );
  }

  /** Whether agent `a` may take instance `i` besides its shifts (capacity not counted). */
  canAdd(a: number, i: number): boolean {
    const { ctx } = this;
    const n = ctx.instances.length;
    if (ctx.allowed[a * n + i] === 0) return false;
    const inst = ctx.instances[i]!;
    const { weeks, firstDay, restMs, options } = ctx.rules;
    const aw = a * weeks + inst.week;
    const bit = 1 << (inst.day - firstDay - 7 * inst.week);
    const mask = this.mask[aw]!;
    if ((mask & bit) !== 0) return false;
    if (this.hours[aw]! + inst.paidHours > this.maxHours[a]! + HOURS_TOLERANCE) return false;
    const agent = ctx.agents[a]!;
    if (agent.maxDaysWeek !== undefined && this.days[aw]! + 1 > agent.maxDaysWeek) return false;
    const nightCap = options.maxNightShiftsWeek;
    if (inst.night && nightCap !== undefined && this.nights[aw]! + 1 > nightCap) return false;
    if (options.twoConsecutiveDaysOff === true && !twoFree(mask | bit)) return false;
    for (const j of this.shifts[a]!) {
      const other = ctx.instances[j]!;
      if (inst.start < other.end + restMs && other.start < inst.end + restMs) return false;
    }
    return true;
  }

  /** Gives instance `i` to agent `a` (the caller checked {@link canAdd}). */
  add(a: number, i: number): void {
    this.count(a, i, 1);
    this.shifts[a]!.push(i);
    this.holders[i]!.add(a);
  }

  /** Takes instance `i` from agent `a`. */
  remove(a: number, i: number): void {
    const list = this.shifts[a]!;
    const k = list.indexOf(i);
    if (k < 0) return;
    list.splice(k, 1);
    this.holders[i]!.delete(a);
    this.count(a, i, -1);
  }

  /** Replaces agent `a`'s shifts (the caller knows the new ones keep the rules). */
  replace(a: number, shifts: readonly number[]): void {
    for (const i of [...this.shifts[a]!]) this.remove(a, i);
    for (const i of shifts) this.add(a, i);
  }

  /** The days agent `a` works in week `w`, as a 7-bit mask (bit k: the week's day k). */
  workedDays(a: number, w: number): number {
    return this.mask[a * this.ctx.rules.weeks + w]!;
  }

  /** Paid hours of agent `a` over the horizon. */
  hoursOf(a: number): number {
    const w = this.ctx.rules.weeks;
    let h = 0;
    for (let k = 0; k < w; k++) h += this.hours[a * w + k]!;
    return h;
  }

  private count(a: number, i: number, sign: 1 | -1): void {
    const inst = this.ctx.instances[i]!;
    const { weeks, firstDay } = this.ctx.rules;
    const aw = a * weeks + inst.week;
    this.filled[i]! += sign;
    this.hours[aw]! += sign * inst.paidHours;
    this.days[aw]! += sign;
    if (inst.night) this.nights[aw]! += sign;
    this.mask[aw]! ^= 1 << (inst.day - firstDay - 7 * inst.week);
  }
}
