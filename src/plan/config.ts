/**
 * The plan configuration: inputs, calendar, per-queue service targets, pools of cross-trained
 * agents, the shift file, solver limits and rostering rules. Validated with zod (every problem
 * named by its path, e.g. `queues.vip.serviceLevel`) and exported as JSON Schema
 * (`staffcast/plan-config.schema.json`).
 *
 * Units are in the names: durations in seconds (`slSeconds`, `patienceSeconds`), rates as
 * fractions (`serviceLevel` 0.8), the interval in minutes (`intervalMinutes`, like the shift
 * file). Paths are relative to the configuration file.
 *
 * @module
 */
import { z } from "zod";
import { DataError, type DataIssue } from "../io/errors.ts";
import { STAFFING_LIMITS } from "../erlang/limits.ts";
import { identifierProblem } from "../io/identifiers.ts";
import { parseRecord } from "../io/records.ts";
import { createZone } from "../time/zone.ts";
import { zodIssues } from "../io/zod-issues.ts";

const L = STAFFING_LIMITS;
import { ACTUALS_FORMATS } from "../actuals/index.ts";
import { agentGroupSchema, routedQueueFields } from "../erlang/routing/model.ts";
import { groupConfigIssues } from "./config-groups.ts";
import { DEFAULT_WORK_LIMIT, WORK_LIMIT_MAX } from "../schedule/work-limit.ts";
/** A number in a closed range [min, max]. */
const within = (range: { min: number; max: number }) => z.number().min(range.min).max(range.max);

/** Service targets and staffing parameters of one queue. */
export const queueTargetsSchema = z
  .strictObject({
    // the targets validate as the routing file's do (one definition, in staffcast/erlang)
    serviceLevel: routedQueueFields.serviceLevel.describe(
      "share of calls answered within slSeconds (default 0.8 when no other target is given)",
    ),
    slSeconds: routedQueueFields.slSeconds.describe("T of the service level, seconds"),
    asaSeconds: routedQueueFields.asaSeconds.describe("maximum average speed of answer, seconds"),
    maxAbandonRate: routedQueueFields.maxAbandonRate.describe(
      "maximum share of calls abandoned (needs patienceSeconds)",
    ),
    patienceSeconds: routedQueueFields.patienceSeconds.describe(
      "mean caller patience, seconds: Erlang A instead of Erlang C",
    ),
    maxOccupancy: routedQueueFields.maxOccupancy.describe("maximum share of agents' time on calls"),
    shrinkage: within(L.shrinkage)
      .default(0)
      .describe(
        "share of paid time not on the phones (absence, meetings; not the breaks the schedule places); with groups, each group's instead",
      ),
    minAgents: within(L.agents)
      .int()
      .default(0)
      .describe("agents at least while the queue has calls; with groups, each group's instead"),
    ahtSeconds: routedQueueFields.ahtSeconds.describe(
      "handle time, seconds, when the history has no aht_s",
    ),
    priority: routedQueueFields.priority.describe(
      "with groups: 1 = highest; unset: equal to the other unset queues, below every set one",
    ),
    rejectShare: z
      .number()
      .min(0)
      .lt(1)
      .optional()
      .describe(
        "with groups: share of calls refused before queueing (a blacklist), never offered (default 0)",
      ),
  })
  .refine((q) => q.maxAbandonRate === undefined || q.patienceSeconds !== undefined, {
    message: "maxAbandonRate needs patienceSeconds (abandonment exists only in Erlang A)",
    path: ["maxAbandonRate"],
  });

/**
 * A CSV input of the plan as it is written: its path and how it differs from staffcast's own
 * format (see `CsvDialect`: delimiter, column mapping, local clock times in the plan's
 * `timeZone`, a date-fns time pattern, decimal comma).
 */
const csvInputFields = {
  path: z.string().min(1).describe("the file, relative to the configuration's folder"),
  columns: z
    .record(z.string().min(1).max(200), z.string().min(1).max(200))
    .optional()
    .describe('staffcast\'s column name -> the file\'s header, e.g. { "start": "Interval" }'),
  localTimes: z
    .boolean()
    .optional()
    .describe("times without an offset are clock times in the plan's timeZone"),
  timeFormat: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('a date-fns pattern of the times, e.g. "M/d/yyyy h:mm a"'),
  delimiter: z
    .enum([",", ";", "\t", "|"])
    .optional()
    .describe("the field delimiter (default: detected from the header)"),
  decimalComma: z.boolean().optional().describe("numbers are written with a decimal comma"),
};

export const csvInputSchema = z.strictObject({
  ...csvInputFields,
  format: z
    .enum(["staffcast"])
    .optional()
    .describe("the file's format: staffcast's own (the default), read through the fields above"),
});

/**
 * The history as it is written: also an ACD's interval export read by its preset (`format`
 * `amazon-connect`, `genesys-cloud`, `avaya-cms`; see `parseActualsExport`).
 */
export const historyInputSchema = z.strictObject({
  ...csvInputFields,
  format: z
    .enum(ACTUALS_FORMATS)
    .optional()
    .describe(
      "staffcast's history or actuals CSV (the default, read through the fields above), or a vendor's interval export",
    ),
});

/** A CSV input: a path, or a path with how the file is written. */
function csvInput(description: string) {
  return z.union([z.string().min(1), csvInputSchema]).describe(description);
}

/** The whole configuration. */
export const planConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  history: z
    .union([z.string().min(1), historyInputSchema])
    .describe("CSV start,queue,calls[,aht_s], or an ACD export"),
  ads: csvInput(
    "CSV air_time,channel[,queue][,grp][,duration_s]: as aired before start, as planned after",
  ).optional(),
  holidays: csvInput("CSV date[,name]").optional(),
  agents: csvInput(
    "CSV agent_id[,skills][,min_hours_week][,max_hours_week][,max_days_week]: a roster is built when given",
  ).optional(),
  availability: csvInput("CSV agent_id,date[,available_from,available_to]").optional(),
  shifts: z.string().min(1).describe("the shift file of staffcast schedule (JSON)"),
  timeZone: z
    .string()
    .min(1)
    .default("UTC")
    .describe("IANA zone of the local calendar and of output times"),
  intervalMinutes: z
    .number()
    .int()
    .positive()
    .max(1440)
    .optional()
    .describe("forecast and staffing interval, minutes (default: the history's)"),
  start: z
    .string()
    .min(1)
    .describe("first day, YYYY-MM-DD (local midnight) or an ISO-8601 instant"),
  days: z.number().int().min(1).max(366).describe("days to plan"),
  queues: z
    .record(z.string().min(1), queueTargetsSchema)
    .default({})
    .describe("targets per queue; a queue of the history not listed here gets 80 % in 20 s"),
  pools: z
    .array(z.array(z.string().min(1)).min(2))
    .default([])
    .describe(
      "queues answered by one pool of cross-trained agents: staffed on their combined load to the strictest of their targets (a shorthand: not with groups)",
    ),
  groups: z
    .record(z.string().min(1), agentGroupSchema)
    .optional()
    .describe(
      "skill groups of agents (as in the routing file): the queues each answers, in order, and after how long a wait; its cost, shrinkage and floor. Staffed, scheduled, rostered and simulated by group",
    ),
  solver: z
    .strictObject({
      engine: z.enum(["highs", "js"]).default("highs"),
      timeLimitSeconds: z
        .number()
        .positive()
        .max(86_400)
        .default(60)
        .describe(
          "wall-clock safety net, seconds: a step it stops may differ between runs (a warning says so)",
        ),
      gap: z.number().positive().lt(1).default(1e-4),
      workLimit: z
        .number()
        .int()
        .min(1)
        .max(WORK_LIMIT_MAX)
        .default(DEFAULT_WORK_LIMIT)
        .describe(
          "deterministic limit of each step's solves: LP iterations of HiGHS, summed (the js engine cannot count them)",
        ),
    })
    .default({
      engine: "highs",
      timeLimitSeconds: 60,
      gap: 1e-4,
      workLimit: DEFAULT_WORK_LIMIT,
    })
    .describe("limits of each integer program (shift design, roster)"),
  roster: z
    .strictObject({
      minRestHours: z.number().min(0).max(48).default(11),
      twoConsecutiveDaysOff: z.boolean().default(false),
      maxNightShiftsWeek: z.number().int().min(0).max(7).optional(),
    })
    .default({ minRestHours: 11, twoConsecutiveDaysOff: false })
    .describe("rules of the roster"),
});

/** The schema without the two input paths required (a configuration for {@link runPlan}). */
export const rowsConfigSchema = planConfigSchema.partial({ history: true, shifts: true });

/**
 * The configuration as {@link runPlan} takes it: `history` and `shifts` (paths) may be absent,
 * since runPlan is given their rows.
 */
export type PlanConfig = z.infer<typeof rowsConfigSchema>;
/** A configuration file as `staffcast plan` reads it: the input paths are there. */
export type PlanFileConfig = PlanConfig & {
  readonly history: NonNullable<PlanConfig["history"]>;
  readonly shifts: string;
};

/** Options of {@link parsePlanConfig}. */
export interface ParsePlanConfigOptions {
  /**
   * Whether `history` and `shifts` (input paths) are required: true (the default) for a
   * configuration file; false for a service that gives {@link runPlan} the rows itself.
   */
  readonly filePaths?: boolean;
}

/** Targets of one queue, validated. */
export type QueueTargets = z.infer<typeof queueTargetsSchema>;

/** The JSON Schema of the configuration file (draft 2020-12). */
export function planConfigJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(planConfigSchema, { io: "input" }),
    title: "staffcast plan configuration",
  };
}

/**
 * Validates a configuration (parsed JSON).
 *
 * @throws DataError naming every bad field by its path (`queues.vip.serviceLevel`, `pools[0][1]`)
 * @example
 * parsePlanConfig({ history: "history.csv", shifts: "shifts.json", start: "2025-01-06", days: 7 });
 * // a service with the rows in memory:
 * const config = parsePlanConfig({ start: "2025-01-06", days: 7 }, { filePaths: false });
 * await runPlan({ config, history: rows, shifts: spec });
 */
export function parsePlanConfig(
  raw: unknown,
  options?: { readonly filePaths?: true },
): PlanFileConfig;
export function parsePlanConfig(raw: unknown, options: ParsePlanConfigOptions): PlanConfig;
export function parsePlanConfig(raw: unknown, options: ParsePlanConfigOptions = {}): PlanConfig {
  // Queue targets are keyed by queue name: read them into a null-prototype object, so that a
  // queue named __proto__ or constructor is a queue like any other (see io/records.ts).
  const object = typeof raw === "object" && raw !== null && !Array.isArray(raw);
  const rawQueues = object ? (raw as { queues?: unknown }).queues : undefined;
  const rawGroups = object ? (raw as { groups?: unknown }).groups : undefined;
  const schema = options.filePaths === false ? rowsConfigSchema : planConfigSchema;
  const parsed = schema.safeParse(
    object ? { ...raw, queues: {}, ...(rawGroups === undefined ? {} : { groups: {} }) } : raw,
  );
  const unknownHint = "unknown field (see the README, or staffcast plan --print-schema)";
  const issues: DataIssue[] = parsed.success ? [] : zodIssues(parsed.error, unknownHint);
  const queues = parseRecord(rawQueues, "queues", queueTargetsSchema, issues, unknownHint);
  const groups =
    rawGroups === undefined
      ? undefined
      : parseRecord(rawGroups, "groups", agentGroupSchema, issues, unknownHint);
  if (!parsed.success || issues.length > 0) throw new DataError(issues);
  const config: PlanConfig = {
    ...parsed.data,
    queues,
    ...(groups === undefined ? {} : { groups }),
  };
  try {
    createZone(config.timeZone);
  } catch (error) {
    issues.push({ field: "timeZone", message: (error as Error).message });
  }
  if (config.intervalMinutes !== undefined && 1440 % config.intervalMinutes !== 0)
    issues.push({
      field: "intervalMinutes",
      message: `must divide a day (1440 minutes), got ${config.intervalMinutes}`,
    });
  for (const q of Object.keys(config.queues)) {
    const problem = identifierProblem(q);
    if (problem !== undefined) issues.push({ field: `queues.${q}`, message: problem });
  }
  const seen = new Map<string, string>();
  config.pools.forEach((pool, i) => {
    pool.forEach((q, j) => {
      const problem = identifierProblem(q);
      if (problem !== undefined) issues.push({ field: `pools[${i}][${j}]`, message: problem });
      const other = seen.get(q);
      if (other !== undefined)
        issues.push({ field: `pools[${i}][${j}]`, message: `queue "${q}" is already in ${other}` });
      seen.set(q, `pools[${i}]`);
    });
  });
  for (const issue of groupConfigIssues(config, rawQueues))
    if (!issues.some((i) => i.field === issue.field && i.message === issue.message))
      issues.push(issue);
  if (issues.length > 0) throw new DataError(issues);
  return config;
}
