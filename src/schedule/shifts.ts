/**
 * Shift generation: every concrete shift (template x local day x start x length) that the
 * shift file's templates allow on the horizon, on the local clock of its time zone.
 *
 * @module
 */
import { weekdayOf, type Zone } from "../time/zone.ts";
import { breakWindows } from "./size.ts";
import type { ShiftSpec, ShiftTemplate } from "./spec.ts";

const DAY_MS = 86_400_000;

/** A concrete shift: a template on a day at a start with a length. */
export interface ConcreteShift {
  readonly template: ShiftTemplate;
  /** Local day the shift belongs to (its start's day, or the day before for wrapped starts). */
  readonly day: number;
  /** First interval index in the horizon. */
  readonly first: number;
  /** Length in intervals. */
  readonly length: number;
  /** Start and end, UTC epoch milliseconds (the end unwrapped: past the horizon if cyclic). */
  readonly startMs: number;
  readonly endMs: number;
  /** Paid time of one agent on it, seconds: its length less the template's unpaid breaks. */
  readonly paidSeconds: number;
  /**
   * Cost of one agent on it: costPerHour x paid hours (x its group's relative cost per hour,
   * with groups).
   */
  readonly cost: number;
  /** The skill group it staffs (only when the requirement has groups). */
  readonly group?: string;
  /** Per break: the allowed start offsets (intervals after the shift's start). */
  readonly windows: readonly number[][];
}

/** The instant of local clock minute `minutes` (may exceed 1440) of day `day`, or NaN in a gap. */
export function localInstant(zone: Zone, day: number, minutes: number): number {
  const d = day + Math.floor(minutes / 1440);
  const m = minutes % 1440;
  const wall = d * DAY_MS + m * 60_000;
  let t = wall - zone.offsetMinutes(wall) * 60_000;
  t = wall - zone.offsetMinutes(t) * 60_000;
  return zone.dayOf(t) === d && zone.clockMinutes(t) === m ? t : Number.NaN;
}

/** Minutes of a template's breaks that are not paid. */
export function unpaidMinutes(template: ShiftTemplate): number {
  return template.breaks.reduce((a, b) => a + (b.paid ? 0 : b.durationMinutes), 0);
}

/**
 * Every concrete shift the templates allow over the horizon (`starts`, contiguous intervals of
 * `intervalMinutes`), each (template, start, length) once.
 */
export function concreteShifts(
  spec: ShiftSpec,
  zone: Zone,
  starts: readonly number[],
  intervalMinutes: number,
): ConcreteShift[] {
  const step = intervalMinutes * 60_000;
  const horizonStart = starts[0]!;
  const count = starts.length;
  const out: ConcreteShift[] = [];
  const seen = new Set<string>();
  const firstDay = zone.dayOf(horizonStart) - 1;
  const lastDay = zone.dayOf(horizonStart + count * step - 1);
  for (const t of spec.shifts) {
    const startMinutes: number[] = [];
    const latest =
      t.startLatestMinutes >= t.startEarliestMinutes
        ? t.startLatestMinutes
        : t.startLatestMinutes + 1440;
    for (let m = t.startEarliestMinutes; m <= latest; m += t.startStepMinutes) startMinutes.push(m);
    const unpaid = unpaidMinutes(t);
    for (let day = firstDay; day <= lastDay; day++) {
      if (!t.days.includes(weekdayOf(day))) continue;
      for (const m of startMinutes) {
        const startMs = localInstant(zone, day, m);
        if (Number.isNaN(startMs)) continue;
        const offset = startMs - horizonStart;
        if (offset < 0 || offset >= count * step || offset % step !== 0) continue;
        const first = offset / step;
        for (const lengthMinutes of t.lengthMinutes) {
          const length = lengthMinutes / intervalMinutes;
          if (spec.cyclic ? length > count : first + length > count) continue;
          const key = `${t.name}|${first}|${length}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const s = starts[first]!;
          out.push({
            template: t,
            day,
            first,
            length,
            startMs: s,
            endMs: s + length * step,
            paidSeconds: (lengthMinutes - unpaid) * 60,
            cost: (t.costPerHour * (lengthMinutes - unpaid)) / 60,
            windows: breakWindows(t.breaks, lengthMinutes, intervalMinutes),
          });
        }
      }
    }
  }
  return out;
}

/** Intervals (horizon indices) a shift works, from its start (wrapped on a cyclic horizon). */
export function span(shift: ConcreteShift, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < shift.length; i++) out.push((shift.first + i) % count);
  return out;
}
