/**
 * The schedule JSON that `staffcast schedule --out` writes, read back (by `roster` and
 * `simulate`) with every field checked: a hand-edited or truncated file gets messages naming
 * the field (`shifts[3].breaks: expected array, received null`), never a TypeError.
 *
 * @module
 */
import { z } from "zod";
import { DataError } from "../io/errors.ts";
import { zodIssues } from "../io/zod-issues.ts";
import { parseInstant } from "../time/instant.ts";
import type { ScheduleResult } from "./design.ts";
import { SHIFT_MODEL_LIMITS } from "./size.ts";

const instant = z.string().refine((text) => typeof parseInstant(text) === "number", {
  message: "expected an ISO-8601 instant with an offset, such as 2025-01-06T08:00:00Z",
});
const count = z.number().int().min(0).max(100_000);

const breakSlot = z.object({
  kind: z.enum(["break", "meal"]),
  start: instant,
  end: instant,
  count,
});

const scheduledShift = z.object({
  name: z.string().min(1),
  start: instant,
  end: instant,
  count,
  breaks: z.array(breakSlot).max(10_000),
});

const coveragePoint = z.object({
  start: instant,
  required: z.number().min(0).max(100_000),
  scheduled: z.number().min(-100_000).max(100_000),
});

const scheduleSchema = z.object({
  status: z.enum(["optimal", "feasible", "timeLimit", "infeasible", "error"]),
  objective: z.number().nullable(),
  gap: z.number().nullable(),
  shifts: z.array(scheduledShift).max(SHIFT_MODEL_LIMITS.shifts),
  coverage: z.array(coveragePoint).max(SHIFT_MODEL_LIMITS.intervals),
  explanation: z.string().optional(),
  shiftFile: z.unknown().optional(),
});

/** A schedule read back, with the shift file it was designed with (if it carries one). */
export type ScheduleJson = ScheduleResult & { readonly shiftFile?: unknown };

/**
 * Validates a parsed schedule JSON.
 *
 * @param needs - what the caller cannot do without: `shiftFile` (roster), `coverage` (a
 *   non-empty coverage: simulate)
 * @throws DataError naming each bad field by its path
 * @example
 * const schedule = parseScheduleJson(JSON.parse(text), { needs: ["shiftFile"] });
 */
export function parseScheduleJson(
  raw: unknown,
  options: { readonly needs?: readonly ("shiftFile" | "coverage")[] } = {},
): ScheduleJson {
  const fields = typeof raw === "object" && raw !== null ? Object.keys(raw) : [];
  if (!["status", "shifts", "coverage"].some((f) => fields.includes(f)))
    throw new DataError([
      { message: 'not a schedule from "staffcast schedule --out" (no status, shifts or coverage)' },
    ]);
  const parsed = scheduleSchema.safeParse(raw);
  if (!parsed.success) throw new DataError(zodIssues(parsed.error));
  const schedule = parsed.data;
  const needs = options.needs ?? [];
  if (needs.includes("shiftFile") && schedule.shiftFile === undefined)
    throw new DataError([
      {
        field: "shiftFile",
        message: 'missing: not a schedule from "staffcast schedule --out" (it adds the shift file)',
      },
    ]);
  if (needs.includes("coverage") && schedule.coverage.length === 0)
    throw new DataError([{ field: "coverage", message: "empty: the schedule covers nothing" }]);
  return {
    status: schedule.status,
    objective: schedule.objective,
    gap: schedule.gap,
    shifts: schedule.shifts,
    coverage: schedule.coverage,
    ...(schedule.explanation === undefined ? {} : { explanation: schedule.explanation }),
    ...(schedule.shiftFile === undefined ? {} : { shiftFile: schedule.shiftFile }),
  };
}
