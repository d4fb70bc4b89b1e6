/**
 * The routing model of a multi-skill centre: call queues (one per number dialled, or a VIP
 * flag) with their targets and priority, and agent groups (skill sets) with the queues they
 * answer and after how long a wait. Validated with zod (every problem named by its path, e.g.
 * `groups.sales.serves[1].afterSeconds`) and exported as JSON Schema
 * (`staffcast/routing.schema.json`).
 *
 * Semantics (the simulator implements them exactly, see simulate-routing.ts):
 * 1. a call of queue q may be answered by group g once it has waited `afterSeconds(g, q)`;
 * 2. on arrival, among groups with an idle agent that may answer at once, the call goes to the
 *    group where q stands earliest in `serves`; among equally ranked groups, to the agent idle
 *    longest; else it waits;
 * 3. an agent who becomes free takes, among the waiting calls it may answer, one of the best
 *    (lowest) queue priority, and among those the one waiting longest (non-preemptive);
 * 4. a waiting call that becomes eligible for a group with an idle agent is taken at once;
 * 5. callers abandon after an exponential patience (mean `patienceSeconds`; none: never);
 * 6. handle times have the queue's AHT, whichever group answers;
 * 7. agents per group change at interval boundaries; agents leaving finish their call first.
 * Service level of a queue = answered within its `slSeconds` / offered; calls refused before
 * queueing (`rejectShare`, e.g. a blacklist) are reported apart and never offered.
 *
 * Ranges are those of {@link STAFFING_LIMITS}.
 *
 * @module
 */
import { z } from "zod";
import { DataError, type DataIssue } from "../../io/errors.ts";
import { identifierProblem } from "../../io/identifiers.ts";
import { parseJsonText } from "../../io/json.ts";
import { readInput } from "../../io/read-input.ts";
import { parseRecord } from "../../io/records.ts";
import { zodIssues } from "../../io/zod-issues.ts";
import { appendAll } from "../../math/extent.ts";
import { STAFFING_LIMITS } from "../limits.ts";

const L = STAFFING_LIMITS;
const within = (range: { min: number; max: number }) => z.number().min(range.min).max(range.max);
const fractionMessage = (what: string): string =>
  `${what} is a fraction from 0.01 to below 1, e.g. 0.8 for 80 %`;

/** The most queues and groups a routing file may have. */
export const ROUTING_LIMITS = { queues: 100, groups: 100, priority: 1000 } as const;

/** The targets and parameters of one queue (the plan configuration's, less shrinkage and floors). */
export const routedQueueFields = {
  serviceLevel: z
    .number()
    .gte(L.serviceLevelFraction.min, fractionMessage("serviceLevel"))
    .lt(1, fractionMessage("serviceLevel"))
    .optional()
    .describe(
      "share of offered calls answered within slSeconds (default 0.8 when no other target)",
    ),
  slSeconds: within(L.slSeconds).default(20).describe("T of the service level, seconds"),
  asaSeconds: z
    .number()
    .positive()
    .max(L.asaSeconds.max)
    .optional()
    .describe("maximum mean wait of offered calls, seconds"),
  maxAbandonRate: within(L.capFraction)
    .optional()
    .describe("maximum share of offered calls abandoned (needs patienceSeconds)"),
  patienceSeconds: within(L.patienceSeconds)
    .optional()
    .describe("mean caller patience, seconds (exponential); none: callers never hang up"),
  maxOccupancy: within(L.capFraction)
    .optional()
    .describe("maximum share of time on calls, for every group that answers the queue"),
  ahtSeconds: within(L.ahtSeconds)
    .optional()
    .describe("handle time, seconds, when the forecast has no aht_s"),
  priority: z
    .number()
    .int("priority is a whole number, 1 = highest")
    .min(1)
    .max(ROUTING_LIMITS.priority)
    .optional()
    .describe("1 = highest; unset: equal to the other unset queues, below every set one"),
  rejectShare: z
    .number()
    .min(0)
    .lt(1)
    .default(0)
    .describe(
      "share of calls refused before queueing (a blacklist): never offered, reported apart",
    ),
};

const groupLevelOnly = (field: "shrinkage" | "minAgents") =>
  z
    .unknown()
    .optional()
    .refine((v) => v === undefined, `${field} belongs to the groups, not to a queue`);

/** One queue of the routing file. */
export const routedQueueSchema = z
  .strictObject({
    ...routedQueueFields,
    shrinkage: groupLevelOnly("shrinkage"),
    minAgents: groupLevelOnly("minAgents"),
  })
  .refine((q) => q.maxAbandonRate === undefined || q.patienceSeconds !== undefined, {
    message: "maxAbandonRate needs patienceSeconds (abandonment exists only with a patience)",
    path: ["maxAbandonRate"],
  });

/** One skill group: the queues it answers, in order, and its cost and staffing parameters. */
export const agentGroupSchema = z.strictObject({
  serves: z
    .array(
      z.strictObject({
        queue: z.string().min(1).describe("a queue of `queues`"),
        afterSeconds: within({ min: 0, max: L.patienceSeconds.max })
          .default(0)
          .describe("the group may answer a call of this queue once it has waited this long"),
      }),
    )
    .min(1)
    .max(ROUTING_LIMITS.queues)
    .describe(
      "the queues the group answers; on arrival a call prefers the group where its queue stands earliest",
    ),
  costPerHour: z
    .number()
    .positive()
    .max(1e6)
    .default(1)
    .describe("cost of an agent-hour of the group (relative)"),
  shrinkage: within(L.shrinkage)
    .default(0)
    .describe("share of paid time not on the phones (absence, meetings)"),
  minAgents: within(L.agents)
    .int()
    .default(0)
    .describe("productive agents at least while a queue the group answers has calls"),
});

/** The routing file (see the module's semantics). */
export const routingSchema = z.strictObject({
  $schema: z.string().optional(),
  intervalMinutes: z
    .number()
    .int()
    .positive()
    .max(1440)
    .optional()
    .describe("staffing interval, minutes (must match the forecast's when given)"),
  queues: z.record(z.string(), z.unknown()).describe("the call queues by name"),
  groups: z.record(z.string(), z.unknown()).describe("the agent groups by name"),
});

/** One queue, validated. */
export type RoutedQueue = Omit<z.infer<typeof routedQueueSchema>, "shrinkage" | "minAgents">;
/** One group, validated. */
export type AgentGroup = z.infer<typeof agentGroupSchema>;

/** A validated routing model: queues and groups in file order (null-prototype records). */
export interface RoutingModel {
  readonly intervalMinutes?: number;
  readonly queues: Readonly<Record<string, RoutedQueue>>;
  readonly groups: Readonly<Record<string, AgentGroup>>;
}

/** The JSON Schema of the routing file (draft 2020-12). */
export function routingJsonSchema(): Record<string, unknown> {
  const documented = routingSchema.extend({
    queues: z
      .record(z.string(), z.strictObject(routedQueueFields))
      .describe("the call queues by name"),
    groups: z.record(z.string(), agentGroupSchema).describe("the agent groups by name"),
  });
  return { ...z.toJSONSchema(documented, { io: "input" }), title: "staffcast routing model" };
}

const UNKNOWN_HINT = "unknown field (see docs/formats.md, or schema/routing.schema.json)";

/**
 * Validates a routing model (parsed JSON).
 *
 * @param file - named in every problem
 * @throws DataError naming every bad field by its path (`groups.sales.serves[1].queue`)
 * @example
 * parseRouting({
 *   queues: { vip: { priority: 1, serviceLevel: 0.9, slSeconds: 10 }, orders: {} },
 *   groups: { sales: { serves: [{ queue: "orders" }, { queue: "vip", afterSeconds: 15 }] } },
 * }, "routing.json");
 */
export function parseRouting(raw: unknown, file?: string): RoutingModel {
  // field problems first; the cross-references (unknown queues, unserved queues) once every
  // field is valid
  const issues: DataIssue[] = [];
  const parsed = routingSchema.safeParse(raw);
  if (!parsed.success) appendAll(issues, zodIssues(parsed.error, UNKNOWN_HINT));
  const object = parsed.success ? parsed.data : undefined;
  // the records from the raw JSON: zod's record would drop a queue named __proto__
  const rawObject =
    object === undefined ? undefined : (raw as { queues?: unknown; groups?: unknown });
  const queues = parseRecord(rawObject?.queues, "queues", routedQueueSchema, issues, UNKNOWN_HINT);
  const groups = parseRecord(rawObject?.groups, "groups", agentGroupSchema, issues, UNKNOWN_HINT);
  const model: RoutingModel = {
    ...(object?.intervalMinutes === undefined ? {} : { intervalMinutes: object.intervalMinutes }),
    queues: stripGroupFields(queues),
    groups,
  };
  if (issues.length === 0) appendAll(issues, routingProblems(model));
  if (issues.length > 0)
    throw new DataError(file === undefined ? issues : issues.map((i) => ({ file, ...i })));
  return model;
}

function stripGroupFields(
  queues: Record<string, z.infer<typeof routedQueueSchema>>,
): Record<string, RoutedQueue> {
  const out = Object.create(null) as Record<string, RoutedQueue>;
  for (const [name, q] of Object.entries(queues)) {
    const rest: Record<string, unknown> = { ...q };
    delete rest["shrinkage"];
    delete rest["minAgents"];
    out[name] = rest as RoutedQueue;
  }
  return out;
}

/**
 * The problems of a routing model whose fields are each valid: names, unknown queues, queues
 * no group serves, a queue listed twice in one group, the interval.
 */
export function routingProblems(model: RoutingModel): DataIssue[] {
  const issues: DataIssue[] = [];
  const queueNames = Object.keys(model.queues);
  const groupNames = Object.keys(model.groups);
  if (queueNames.length === 0) issues.push({ field: "queues", message: "no queue" });
  if (groupNames.length === 0) issues.push({ field: "groups", message: "no group" });
  if (queueNames.length > ROUTING_LIMITS.queues)
    issues.push({ field: "queues", message: `at most ${ROUTING_LIMITS.queues} queues` });
  if (groupNames.length > ROUTING_LIMITS.groups)
    issues.push({ field: "groups", message: `at most ${ROUTING_LIMITS.groups} groups` });
  for (const q of queueNames) {
    const problem = identifierProblem(q);
    if (problem !== undefined) issues.push({ field: `queues.${q}`, message: problem });
  }
  const served = new Set<string>();
  for (const g of groupNames) {
    const problem = identifierProblem(g);
    if (problem !== undefined) issues.push({ field: `groups.${g}`, message: problem });
    const seen = new Set<string>();
    model.groups[g]!.serves.forEach((s, i) => {
      const field = `groups.${g}.serves[${i}].queue`;
      if (!Object.hasOwn(model.queues, s.queue))
        issues.push({ field, message: `unknown queue "${s.queue}" (not in queues)` });
      else if (seen.has(s.queue))
        issues.push({ field, message: `queue "${s.queue}" is listed twice` });
      seen.add(s.queue);
      served.add(s.queue);
    });
  }
  for (const q of queueNames)
    if (!served.has(q) && groupNames.length > 0)
      issues.push({ field: `queues.${q}`, message: `no group serves queue "${q}"` });
  if (model.intervalMinutes !== undefined && 1440 % model.intervalMinutes !== 0)
    issues.push({
      field: "intervalMinutes",
      message: `must divide a day (1440 minutes), got ${model.intervalMinutes}`,
    });
  return issues;
}

/** The queues of the model in file order, with their priority rank (unset: after every set). */
export function queueOrder(model: RoutingModel): { name: string; priority: number }[] {
  return Object.entries(model.queues).map(([name, q]) => ({
    name,
    priority: q.priority ?? ROUTING_LIMITS.priority + 1,
  }));
}

/** The queues a group answers (its skill set), in its `serves` order. */
export function groupQueues(model: RoutingModel, group: string): string[] {
  return model.groups[group]!.serves.map((s) => s.queue);
}

/**
 * The routing model of pools: each pool one group (named after its queues joined by `+`)
 * answering its queues first come first served, and every other queue its own group.
 */
export function poolsRouting(
  queues: Readonly<Record<string, RoutedQueue>>,
  pools: readonly (readonly string[])[],
): RoutingModel {
  const groups = Object.create(null) as Record<string, AgentGroup>;
  const pooled = new Set(pools.flat());
  for (const pool of pools)
    groups[pool.join("+")] = {
      serves: pool.map((queue) => ({ queue, afterSeconds: 0 })),
      costPerHour: 1,
      shrinkage: 0,
      minAgents: 0,
    };
  for (const q of Object.keys(queues))
    if (!pooled.has(q))
      groups[q] = {
        serves: [{ queue: q, afterSeconds: 0 }],
        costPerHour: 1,
        shrinkage: 0,
        minAgents: 0,
      };
  return { queues, groups };
}

/**
 * Reads and validates a routing file (a path, or `-` for stdin).
 *
 * @throws NoInputError (exit 2) when it cannot be read; DataError (exit 65) naming the file and
 *   the field, or the line and column of a JSON syntax error
 */
export async function readRoutingFile(
  path: string,
  options: { readonly stdin?: NodeJS.ReadableStream } = {},
): Promise<RoutingModel> {
  const { text, file } = await readInput(path, options);
  return parseRouting(parseJsonText(text, file), file);
}
