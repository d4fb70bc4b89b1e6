/**
 * The schedule JSON that `staffcast schedule --out` writes (and `staffcast plan` as
 * schedule.json): `{ status, objective, gap, stoppedBy?, work?, shifts: [{ name, group?, start, end, count,
 * breaks: [{ kind, start, end, count }] }], coverage: [{ start, required, scheduled }],
 * groupCoverage?: [{ start, group, required, scheduled, covered }], transfers?: [{ start, from,
 * to, agents }], groups?: { <name>: { queues, costPerHour? } }, explanation?, shiftFile }`
 * (the group parts only with a requirement by skill group), instants as ISO-8601 in the shift file's time zone. Read back (by `roster` and
 * `simulate`) with every field checked: a hand-edited or truncated file gets messages naming
 * the field (`shifts[3].breaks: expected array, received null`), never a TypeError.
 *
 * @module
 */
import { z } from "zod";
import { DataError, inFile, type DataIssue } from "../../io/errors.ts";
import { parseJsonText } from "../../io/json.ts";
import { zodIssues } from "../../io/zod-issues.ts";
import { parseInstant } from "../../time/instant.ts";
import { createZone, formatInstant } from "../../time/zone.ts";
import type { ScheduledShift, ScheduleResult } from "../result.ts";
import { unpaidMinutes } from "../shifts.ts";
import { SHIFT_MODEL_LIMITS } from "../size.ts";
import { validateShiftSpec, type ShiftSpec } from "../spec.ts";
import { readInput } from "../../io/read-input.ts";
import type { ScheduleReadOptions } from "./read-options.ts";

const DAY_MS = 86_400_000;

const instant = z.string().transform((text, ctx) => {
  const ms = parseInstant(text);
  if (typeof ms === "number") return ms;
  ctx.issues.push({
    code: "custom",
    message: "expected an ISO-8601 instant with an offset, such as 2025-01-06T08:00:00Z",
    input: text,
  });
  return z.NEVER;
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
  group: z.string().min(1).optional(),
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

const groupCoveragePoint = z.object({
  start: instant,
  group: z.string().min(1),
  required: z.number().min(0).max(100_000),
  scheduled: z.number().min(-100_000).max(100_000),
  covered: z.number().min(-100_000).max(100_000),
});

const transfer = z.object({
  start: instant,
  from: z.string().min(1),
  to: z.string().min(1),
  agents: z.number().min(0).max(100_000),
});

const scheduleGroup = z.object({
  queues: z.array(z.string().min(1)).max(1000),
  costPerHour: z.number().positive().max(1e6).optional(),
});

const scheduleSchema = z.object({
  status: z.enum(["optimal", "feasible", "timeLimit", "infeasible", "error"]),
  objective: z.number().nullable(),
  gap: z.number().nullable(),
  stoppedBy: z.enum(["gap", "workLimit", "timeLimit"]).optional(),
  work: z.number().int().min(0).optional(),
  shifts: z.array(scheduledShift).max(SHIFT_MODEL_LIMITS.shifts),
  coverage: z.array(coveragePoint).max(SHIFT_MODEL_LIMITS.intervals),
  groupCoverage: z
    .array(groupCoveragePoint)
    .max(SHIFT_MODEL_LIMITS.intervals * 100)
    .optional(),
  transfers: z
    .array(transfer)
    .max(SHIFT_MODEL_LIMITS.intervals * 100 * 99)
    .optional(),
  groups: z.record(z.string().min(1), scheduleGroup).optional(),
  explanation: z.string().optional(),
  shiftFile: z.unknown().optional(),
});

/** A schedule read back, with the shift file it was designed with (if it carries one). */
export type ScheduleJson = ScheduleResult & {
  /** The shift file as the schedule carries it. */
  readonly shiftFile?: unknown;
  /** That shift file, validated. */
  readonly spec?: ShiftSpec;
  /** Old field names of the shift file, in words, with the file named (at most one). */
  readonly warnings: readonly string[];
};

/** Options of {@link parseScheduleJson}. */
export interface ScheduleJsonOptions extends ScheduleReadOptions {
  /**
   * What the caller cannot do without: `shiftFile` (roster), `coverage` (a non-empty
   * coverage: simulate).
   */
  readonly needs?: readonly ("shiftFile" | "coverage")[];
}

/**
 * Parses a schedule JSON. Paid time comes from the shift file it carries (its templates'
 * unpaid breaks); a schedule without one counts its meals unpaid and its breaks paid (the
 * shift file's default). Times are shown, when written again, in the shift file's time zone
 * (UTC without one).
 *
 * @param file - the name used in messages (default `<input>`)
 * @throws DataError naming each bad field by its path (`coverage[0].start: expected an
 *   ISO-8601 instant ...`; `shiftFile.shifts[0].lengthMinutes: ...` for its shift file)
 * @example
 * const schedule = parseScheduleJson(text, "schedule.json", { needs: ["shiftFile"] });
 * schedule.shifts[0]?.startMs; // UTC epoch milliseconds
 */
export function parseScheduleJson(
  text: string,
  file?: string,
  options?: ScheduleJsonOptions,
): ScheduleJson;
/**
 * Validates a schedule JSON value already parsed (the form of staffcast 0.1; its issues name no
 * file: prefer the text and the file's name).
 *
 * @example
 * const schedule = parseScheduleJson(JSON.parse(text), { needs: ["coverage"] });
 */
export function parseScheduleJson(value: unknown, options?: ScheduleJsonOptions): ScheduleJson;
export function parseScheduleJson(
  input: unknown,
  fileOrOptions?: string | ScheduleJsonOptions,
  more: ScheduleJsonOptions = {},
): ScheduleJson {
  if (typeof input !== "string")
    return scheduleOf(input, typeof fileOrOptions === "object" ? fileOrOptions : more, undefined);
  const file = typeof fileOrOptions === "string" ? fileOrOptions : "<input>";
  const options = typeof fileOrOptions === "object" ? fileOrOptions : more;
  const raw = parseJsonText(input, file);
  return inFile(file, () => scheduleOf(raw, options, file));
}

/**
 * Reads a schedule JSON (a path, or `-` for stdin); see {@link parseScheduleJson}.
 *
 * @throws NoInputError when the file cannot be read; DataError for bad content
 * @example
 * const schedule = await readScheduleJson("schedule.json", { needs: ["shiftFile"] });
 */
export async function readScheduleJson(
  path: string,
  options: ScheduleJsonOptions = {},
): Promise<ScheduleJson> {
  const { text, file } = await readInput(path, options);
  return parseScheduleJson(text, file, options);
}

/** The schedule of a parsed JSON value (`file` names the warning's file). */
function scheduleOf(
  raw: unknown,
  options: ScheduleJsonOptions,
  file: string | undefined,
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
  let spec: ShiftSpec | undefined;
  let warnings: readonly string[] = [];
  if (schedule.shiftFile !== undefined) {
    try {
      ({ spec, warnings } = validateShiftSpec(schedule.shiftFile));
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      throw new DataError(error.issues.map((i) => ({ ...i, field: `shiftFile.${i.field ?? ""}` })));
    }
  }
  const horizonMs = horizonOf(schedule.coverage.map((c) => c.start));
  const shifts = schedule.shifts.map((s, i): ScheduledShift => ({
    name: s.name,
    startMs: s.start,
    endMs: s.end,
    count: s.count,
    paidSeconds: paidSeconds(s, i, spec, horizonMs),
    ...(s.group === undefined ? {} : { group: s.group }),
    breaks: s.breaks.map((b) => ({ kind: b.kind, startMs: b.start, endMs: b.end, count: b.count })),
  }));
  return {
    status: schedule.status,
    objective: schedule.objective,
    gap: schedule.gap,
    ...(schedule.stoppedBy === undefined ? {} : { stoppedBy: schedule.stoppedBy }),
    ...(schedule.work === undefined ? {} : { work: schedule.work }),
    timeZone: spec === undefined ? "UTC" : createZone(spec.timeZone).name,
    shifts,
    coverage: schedule.coverage.map((c) => ({
      startMs: c.start,
      required: c.required,
      scheduled: c.scheduled,
    })),
    ...groupsRead(schedule),
    ...(schedule.explanation === undefined ? {} : { explanation: schedule.explanation }),
    ...(schedule.shiftFile === undefined ? {} : { shiftFile: schedule.shiftFile }),
    ...(spec === undefined ? {} : { spec }),
    warnings: warnings.map((w) => `${file === undefined ? "" : `${file}: `}shiftFile: ${w}`),
  };
}

/** The group parts of a schedule read (none when it has none). */
function groupsRead(
  schedule: z.infer<typeof scheduleSchema>,
): Pick<ScheduleResult, "groupCoverage" | "transfers" | "groups"> {
  const groups = schedule.groups;
  return {
    ...(schedule.groupCoverage === undefined
      ? {}
      : {
          groupCoverage: schedule.groupCoverage.map((c) => ({
            startMs: c.start,
            group: c.group,
            required: c.required,
            scheduled: c.scheduled,
            covered: c.covered,
          })),
        }),
    ...(schedule.transfers === undefined
      ? {}
      : {
          transfers: schedule.transfers.map((t) => ({
            startMs: t.start,
            from: t.from,
            to: t.to,
            agents: t.agents,
          })),
        }),
    ...(groups === undefined
      ? {}
      : {
          groups: Object.fromEntries(
            Object.entries(groups).map(([name, g]) => [
              name,
              {
                queues: g.queues,
                ...(g.costPerHour === undefined ? {} : { costPerHour: g.costPerHour }),
              },
            ]),
          ),
        }),
  };
}

/**
 * The horizon's length from its coverage's starts (a regular grid): from the first start to the
 * last end; a day when it cannot tell.
 */
function horizonOf(starts: readonly number[]): number {
  const [first, second] = starts;
  if (first === undefined || second === undefined) return DAY_MS;
  return starts[starts.length - 1]! - first + (second - first);
}

/**
 * Paid seconds of one agent on a shift read back: its length (a cyclic schedule's shift that
 * wraps past the horizon's end to its start unwrapped) less its template's unpaid breaks, or
 * without a shift file, less its meals.
 *
 * @throws DataError when the shift file lacks the shift's template
 */
function paidSeconds(
  s: { name: string; start: number; end: number; count: number; breaks: readonly BreakTimes[] },
  index: number,
  spec: ShiftSpec | undefined,
  horizonMs: number,
): number {
  const lengthMs = s.end - s.start + (s.end > s.start ? 0 : horizonMs);
  if (spec === undefined) {
    const meals = s.breaks
      .filter((b) => b.kind === "meal")
      .reduce((sum, b) => sum + b.count * (b.end - b.start), 0);
    return (lengthMs - (s.count > 0 ? meals / s.count : 0)) / 1000;
  }
  const template = spec.shifts.find((t) => t.name === s.name);
  if (template === undefined) {
    const issue: DataIssue = {
      field: `shifts[${index}].name`,
      message: `the shift file (shiftFile) has no template "${s.name}"`,
    };
    throw new DataError([issue]);
  }
  return lengthMs / 1000 - unpaidMinutes(template) * 60;
}

/** A break slot's kind, times and count, as read. */
interface BreakTimes {
  readonly kind: "break" | "meal";
  readonly start: number;
  readonly end: number;
  readonly count: number;
}

/**
 * The schedule JSON of a result: what `staffcast schedule --out` writes, one line and a
 * newline, times in the schedule's time zone, the shift file (as given) last.
 *
 * @param shiftFile - the shift file the schedule was designed with, as given (default: the one
 *   a schedule read back carries)
 * @example
 * await writeFile("schedule.json", formatScheduleJson(await designShifts(requirements, spec), raw));
 */
export function formatScheduleJson(
  schedule: ScheduleResult & { readonly shiftFile?: unknown },
  shiftFile: unknown = schedule.shiftFile,
): string {
  const zone = createZone(schedule.timeZone);
  const at = (ms: number): string => formatInstant(ms, zone);
  return `${JSON.stringify({
    status: schedule.status,
    objective: schedule.objective,
    gap: schedule.gap,
    ...(schedule.stoppedBy === undefined ? {} : { stoppedBy: schedule.stoppedBy }),
    ...(schedule.work === undefined ? {} : { work: schedule.work }),
    shifts: schedule.shifts.map((s) => ({
      name: s.name,
      ...(s.group === undefined ? {} : { group: s.group }),
      start: at(s.startMs),
      end: at(s.endMs),
      count: s.count,
      breaks: s.breaks.map((b) => ({
        kind: b.kind,
        start: at(b.startMs),
        end: at(b.endMs),
        count: b.count,
      })),
    })),
    coverage: schedule.coverage.map((c) => ({
      start: at(c.startMs),
      required: c.required,
      scheduled: c.scheduled,
    })),
    ...(schedule.groupCoverage === undefined
      ? {}
      : {
          groupCoverage: schedule.groupCoverage.map((c) => ({
            start: at(c.startMs),
            group: c.group,
            required: c.required,
            scheduled: c.scheduled,
            covered: c.covered,
          })),
        }),
    ...(schedule.transfers === undefined
      ? {}
      : {
          transfers: schedule.transfers.map((t) => ({
            start: at(t.startMs),
            from: t.from,
            to: t.to,
            agents: t.agents,
          })),
        }),
    ...(schedule.groups === undefined ? {} : { groups: schedule.groups }),
    ...(schedule.explanation === undefined ? {} : { explanation: schedule.explanation }),
    ...(shiftFile === undefined ? {} : { shiftFile }),
  })}\n`;
}
