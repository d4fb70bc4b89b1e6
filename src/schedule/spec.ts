/**
 * The shift file: interval, time zone, coverage policy and shift templates with breaks,
 * validated with zod (every problem named by its path, e.g. `shifts[0].breaks[1].minutes`).
 *
 * @module
 */
import { z } from "zod";
import { DataError, type DataIssue } from "../io/errors.ts";
import { zodIssues } from "../io/zod-issues.ts";
import { createZone } from "../time/zone.ts";

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

/** Minutes within a day. */
const minutes = () => z.number().int().min(0).max(1440);
/** Costs and penalties: 0 to a million per unit (beyond, solvers lose precision or abort). */
const cost = () => z.number().min(0).max(1e6);
/** Agents on a template per day. */
const agents = () => z.number().int().min(0).max(100_000);

const breakSchema = z.strictObject({
  kind: z.enum(["break", "meal"]).default("break"),
  minutes: minutes().positive(),
  earliestAfterStart: minutes().default(0),
  latestBeforeEnd: minutes().default(0),
  paid: z.boolean().optional(),
});

const shiftSchema = z.strictObject({
  name: z.string().min(1),
  startEarliest: z.string().regex(HHMM, "expected a time HH:MM"),
  startLatest: z.string().regex(HHMM, "expected a time HH:MM"),
  startStep: minutes().positive().optional(),
  lengthMinutes: z.union([minutes().positive(), z.array(minutes().positive()).min(1).max(1440)]),
  days: z.array(z.enum(WEEKDAYS)).min(1).optional(),
  costPerHour: cost().default(1),
  minCount: agents().default(0),
  maxCount: agents().optional(),
  breaks: z.array(breakSchema).max(12).default([]),
});

const specSchema = z.strictObject({
  interval: minutes().positive().optional(),
  timeZone: z.string().min(1).default("UTC"),
  coverage: z.enum(["soft", "hard"]).default("soft"),
  underPenalty: cost().default(100),
  overPenalty: cost().default(1),
  cyclic: z.boolean().default(false),
  shiftInstanceCost: cost().default(0),
  shifts: z.array(shiftSchema).min(1).max(1000),
});

/** A break of a shift template (minutes). */
export interface BreakRule {
  readonly kind: "break" | "meal";
  readonly minutes: number;
  readonly earliestAfterStart: number;
  readonly latestBeforeEnd: number;
  readonly paid: boolean;
}

/** A shift template (times in local minutes since midnight). */
export interface ShiftTemplate {
  readonly name: string;
  /** Earliest and latest start, local minutes since midnight; latest < earliest wraps past midnight. */
  readonly startEarliest: number;
  readonly startLatest: number;
  readonly startStep: number;
  readonly lengths: readonly number[];
  /** Weekdays (0 Sunday ... 6 Saturday) on which the shift may start. */
  readonly days: readonly number[];
  readonly costPerHour: number;
  /** Agents on this template per day: at least, at most. */
  readonly minCount: number;
  readonly maxCount: number;
  /** Taken in this order. */
  readonly breaks: readonly BreakRule[];
}

/** A validated shift file. */
export interface ShiftSpec {
  /** Interval, minutes (divides a day); undefined: the requirements' spacing. */
  readonly interval: number | undefined;
  readonly timeZone: string;
  readonly coverage: "soft" | "hard";
  readonly underPenalty: number;
  readonly overPenalty: number;
  readonly cyclic: boolean;
  readonly shiftInstanceCost: number;
  readonly shifts: readonly ShiftTemplate[];
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/**
 * Validates a parsed shift file.
 *
 * @param interval - the interval to check multiples against when the file gives none (the
 *   requirements' spacing), minutes
 * @throws DataError naming the field of every problem (path as in the file)
 * @example
 * parseShiftSpec({ interval: 15, shifts: [{ name: "day", startEarliest: "08:00", startLatest: "10:00", lengthMinutes: 480 }] });
 */
export function parseShiftSpec(input: unknown, interval?: number): ShiftSpec {
  const parsed = specSchema.safeParse(input);
  if (!parsed.success) {
    throw new DataError(zodIssues(parsed.error));
  }
  const raw = parsed.data;
  const issues: DataIssue[] = [];
  const step = raw.interval ?? interval;
  if (step !== undefined && 1440 % step !== 0) {
    issues.push({ field: "interval", message: `must divide a day (1440 minutes), got ${step}` });
  }
  try {
    createZone(raw.timeZone);
  } catch (error) {
    issues.push({ field: "timeZone", message: (error as Error).message });
  }
  const names = new Set<string>();
  const multiple = (field: string, v: number): void => {
    if (step !== undefined && v % step !== 0) {
      issues.push({
        field,
        message: `must be a multiple of the interval (${step} minutes), got ${v}`,
      });
    }
  };
  const shifts: ShiftTemplate[] = raw.shifts.map((s, i) => {
    const at = `shifts[${i}]`;
    if (names.has(s.name))
      issues.push({ field: `${at}.name`, message: `duplicate name "${s.name}"` });
    names.add(s.name);
    const lengths = [
      ...new Set(Array.isArray(s.lengthMinutes) ? s.lengthMinutes : [s.lengthMinutes]),
    ].sort((a, b) => a - b);
    const startStep = s.startStep ?? step ?? 15;
    multiple(`${at}.startStep`, startStep);
    multiple(`${at}.startEarliest`, minutesOf(s.startEarliest));
    multiple(`${at}.startLatest`, minutesOf(s.startLatest));
    lengths.forEach((l, k) => {
      multiple(
        Array.isArray(s.lengthMinutes) ? `${at}.lengthMinutes[${k}]` : `${at}.lengthMinutes`,
        l,
      );
      if (l > 1440)
        issues.push({ field: `${at}.lengthMinutes`, message: `at most 24 hours, got ${l}` });
    });
    const breaks: BreakRule[] = s.breaks.map((b, k) => {
      multiple(`${at}.breaks[${k}].minutes`, b.minutes);
      return { ...b, paid: b.paid ?? b.kind !== "meal" };
    });
    // Every break must fit its window on every length; breaks in order must fit together.
    if (step !== undefined) {
      for (const length of lengths) {
        let earliestFree = 0;
        breaks.forEach((b, k) => {
          const first = Math.max(Math.ceil(b.earliestAfterStart / step) * step, earliestFree);
          const last = length - b.latestBeforeEnd - b.minutes;
          if (last < first) {
            issues.push({
              field: `${at}.breaks[${k}]`,
              message:
                `no room for the ${b.minutes}-minute ${b.kind} of a ${length}-minute shift: it must start ` +
                `at least ${first} minutes after the start (its window and the breaks before it) and end ` +
                `at least ${b.latestBeforeEnd} minutes before the end`,
            });
          }
          earliestFree = first + b.minutes;
        });
      }
    }
    const maxCount = s.maxCount ?? Number.POSITIVE_INFINITY;
    if (s.minCount > maxCount) {
      issues.push({ field: `${at}.minCount`, message: `exceeds maxCount (${maxCount})` });
    }
    return {
      name: s.name,
      startEarliest: minutesOf(s.startEarliest),
      startLatest: minutesOf(s.startLatest),
      startStep,
      lengths,
      days:
        s.days === undefined
          ? [0, 1, 2, 3, 4, 5, 6]
          : [...new Set(s.days.map((d) => WEEKDAYS.indexOf(d)))],
      costPerHour: s.costPerHour,
      minCount: s.minCount,
      maxCount,
      breaks,
    };
  });
  if (issues.length > 0) throw new DataError(issues);
  return {
    interval: step,
    timeZone: raw.timeZone,
    coverage: raw.coverage,
    underPenalty: raw.underPenalty,
    overPenalty: raw.overPenalty,
    cyclic: raw.cyclic,
    shiftInstanceCost: raw.shiftInstanceCost,
    shifts,
  };
}
