/**
 * The shift file: interval, time zone, coverage policy and shift templates with breaks,
 * validated with zod (every problem named by its path as the file wrote it, e.g.
 * `shifts[0].breaks[1].durationMinutes`). Durations are in minutes, the unit in each name; the
 * old names without the unit are still read (see shift-names.ts).
 *
 * @module
 */
import { z } from "zod";
import { DataError, type DataIssue } from "../io/errors.ts";
import { zodIssues } from "../io/zod-issues.ts";
import { parseClockTime } from "../time/clock.ts";
import { createZone } from "../time/zone.ts";
import { renameOldShiftFields } from "./shift-names.ts";

const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

/** Minutes within a day. */
const minutes = () => z.number().int().min(0).max(1440);
/** Costs and penalties: 0 to a million per unit (beyond, solvers lose precision or abort). */
const cost = () => z.number().min(0).max(1e6);
/** Agents on a template per day. */
const agents = () => z.number().int().min(0).max(100_000);
/** A start time of day, `HH:MM` (00:00 to 23:59). */
const clock = () =>
  z.string().refine((t) => typeof parseClockTime(t) === "number", {
    message: "expected a time HH:MM",
  });

const breakSchema = z.strictObject({
  kind: z.enum(["break", "meal"]).default("break"),
  durationMinutes: minutes().positive(),
  earliestAfterStartMinutes: minutes().default(0),
  latestBeforeEndMinutes: minutes().default(0),
  paid: z.boolean().optional(),
});

const shiftSchema = z.strictObject({
  name: z.string().min(1),
  startEarliest: clock(),
  startLatest: clock(),
  startStepMinutes: minutes().positive().optional(),
  lengthMinutes: z.union([minutes().positive(), z.array(minutes().positive()).min(1).max(1440)]),
  days: z.array(z.enum(WEEKDAYS)).min(1).optional(),
  costPerHour: cost().default(1),
  minCount: agents().default(0),
  maxCount: agents().optional(),
  breaks: z.array(breakSchema).max(12).default([]),
  groups: z.array(z.string().min(1)).min(1).max(100).optional(),
});

const specSchema = z.strictObject({
  intervalMinutes: minutes().positive().optional(),
  timeZone: z.string().min(1).default("UTC"),
  coverage: z.enum(["soft", "hard"]).default("soft"),
  underPenalty: cost().default(100),
  overPenalty: cost().default(1),
  cyclic: z.boolean().default(false),
  shiftInstanceCost: cost().default(0),
  shifts: z.array(shiftSchema).min(1).max(1000),
});

/** A break of a shift template, durations in minutes. */
export interface BreakRule {
  readonly kind: "break" | "meal";
  /** How long the break lasts (file: `durationMinutes`, formerly `minutes`). */
  readonly durationMinutes: number;
  /** It starts at least this long after the shift's start (formerly `earliestAfterStart`). */
  readonly earliestAfterStartMinutes: number;
  /** It ends at least this long before the shift's end (formerly `latestBeforeEnd`). */
  readonly latestBeforeEndMinutes: number;
  /** Paid time (default: breaks paid, meals unpaid). */
  readonly paid: boolean;
}

/** A shift template (times of day in local minutes since midnight, durations in minutes). */
export interface ShiftTemplate {
  readonly name: string;
  /** Earliest start, local minutes since midnight (file: `startEarliest`, `HH:MM`). */
  readonly startEarliestMinutes: number;
  /** Latest start, local minutes since midnight; before the earliest: it wraps past midnight. */
  readonly startLatestMinutes: number;
  /** Minutes between two allowed starts (formerly `startStep`). */
  readonly startStepMinutes: number;
  /** The allowed lengths, minutes, ascending. */
  readonly lengthMinutes: readonly number[];
  /** Weekdays (0 Sunday ... 6 Saturday) on which the shift may start. */
  readonly days: readonly number[];
  readonly costPerHour: number;
  /** Agents on this template per day: at least, at most. */
  readonly minCount: number;
  readonly maxCount: number;
  /** Taken in this order. */
  readonly breaks: readonly BreakRule[];
  /**
   * The skill groups (the requirements' `group` column) it may staff; absent: every group.
   * Only with a requirement that has groups.
   */
  readonly groups?: readonly string[];
}

/** A validated shift file. */
export interface ShiftSpec {
  /** Interval, minutes (divides a day); undefined: the requirements' spacing (formerly `interval`). */
  readonly intervalMinutes: number | undefined;
  readonly timeZone: string;
  readonly coverage: "soft" | "hard";
  readonly underPenalty: number;
  readonly overPenalty: number;
  readonly cyclic: boolean;
  readonly shiftInstanceCost: number;
  readonly shifts: readonly ShiftTemplate[];
}

/** A validated shift file and what is worth telling about it. */
export interface ValidatedShiftSpec {
  readonly spec: ShiftSpec;
  /** The old field names it used, in words (at most one warning). */
  readonly warnings: readonly string[];
}

const minutesOf = (hhmm: string): number => parseClockTime(hhmm) as number;

/**
 * Validates a parsed shift file, old field names included (one warning for them).
 *
 * @param intervalMinutes - the interval to check multiples against when the file gives none
 *   (the requirements' spacing)
 * @throws DataError naming the field of every problem (its path as the file wrote it)
 * @example
 * const { spec, warnings } = validateShiftSpec({ interval: 15, shifts: [{ name: "day", startEarliest: "08:00", startLatest: "10:00", lengthMinutes: 480 }] });
 * warnings; // => ["old field names interval (now intervalMinutes): they are still read, ..."]
 */
export function validateShiftSpec(input: unknown, intervalMinutes?: number): ValidatedShiftSpec {
  const renamed = renameOldShiftFields(input);
  const asGiven = (issues: readonly DataIssue[]): DataIssue[] =>
    issues.map((i) => {
      const field = i.field === undefined ? undefined : renamed.asGiven.get(i.field);
      return field === undefined ? i : { ...i, field };
    });
  const parsed = specSchema.safeParse(renamed.value);
  if (!parsed.success || renamed.issues.length > 0)
    throw new DataError(
      asGiven([...renamed.issues, ...(parsed.success ? [] : zodIssues(parsed.error))]),
    );
  const raw = parsed.data;
  const issues: DataIssue[] = [];
  const step = raw.intervalMinutes ?? intervalMinutes;
  if (step !== undefined && 1440 % step !== 0) {
    issues.push({
      field: "intervalMinutes",
      message: `must divide a day (1440 minutes), got ${step}`,
    });
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
    const startStep = s.startStepMinutes ?? step ?? 15;
    multiple(`${at}.startStepMinutes`, startStep);
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
      multiple(`${at}.breaks[${k}].durationMinutes`, b.durationMinutes);
      return { ...b, paid: b.paid ?? b.kind !== "meal" };
    });
    if (step !== undefined) breakRoom(breaks, lengths, step, at, issues);
    const maxCount = s.maxCount ?? Number.POSITIVE_INFINITY;
    if (s.minCount > maxCount) {
      issues.push({ field: `${at}.minCount`, message: `exceeds maxCount (${maxCount})` });
    }
    return {
      name: s.name,
      startEarliestMinutes: minutesOf(s.startEarliest),
      startLatestMinutes: minutesOf(s.startLatest),
      startStepMinutes: startStep,
      lengthMinutes: lengths,
      days:
        s.days === undefined
          ? [0, 1, 2, 3, 4, 5, 6]
          : [...new Set(s.days.map((d) => WEEKDAYS.indexOf(d)))],
      costPerHour: s.costPerHour,
      minCount: s.minCount,
      maxCount,
      breaks,
      ...(s.groups === undefined ? {} : { groups: [...new Set(s.groups)] }),
    };
  });
  if (issues.length > 0) throw new DataError(asGiven(issues));
  return {
    spec: {
      intervalMinutes: step,
      timeZone: raw.timeZone,
      coverage: raw.coverage,
      underPenalty: raw.underPenalty,
      overPenalty: raw.overPenalty,
      cyclic: raw.cyclic,
      shiftInstanceCost: raw.shiftInstanceCost,
      shifts,
    },
    warnings: renamed.warning === undefined ? [] : [renamed.warning],
  };
}

/**
 * Checks that every break fits its window on every length, and that the breaks, in order, fit
 * together.
 */
function breakRoom(
  breaks: readonly BreakRule[],
  lengths: readonly number[],
  step: number,
  at: string,
  issues: DataIssue[],
): void {
  for (const length of lengths) {
    let earliestFree = 0;
    breaks.forEach((b, k) => {
      const first = Math.max(Math.ceil(b.earliestAfterStartMinutes / step) * step, earliestFree);
      const last = length - b.latestBeforeEndMinutes - b.durationMinutes;
      if (last < first) {
        issues.push({
          field: `${at}.breaks[${k}]`,
          message:
            `no room for the ${b.durationMinutes}-minute ${b.kind} of a ${length}-minute shift: it must start ` +
            `at least ${first} minutes after the start (its window and the breaks before it) and end ` +
            `at least ${b.latestBeforeEndMinutes} minutes before the end`,
        });
      }
      earliestFree = first + b.durationMinutes;
    });
  }
}

/**
 * Validates a parsed shift file (old field names read silently: {@link validateShiftSpec}
 * returns the warning about them).
 *
 * @param intervalMinutes - the interval to check multiples against when the file gives none (the
 *   requirements' spacing), minutes
 * @throws DataError naming the field of every problem (path as in the file)
 * @example
 * parseShiftSpec({ intervalMinutes: 15, shifts: [{ name: "day", startEarliest: "08:00", startLatest: "10:00", lengthMinutes: 480 }] });
 */
export function parseShiftSpec(input: unknown, intervalMinutes?: number): ShiftSpec {
  return validateShiftSpec(input, intervalMinutes).spec;
}
