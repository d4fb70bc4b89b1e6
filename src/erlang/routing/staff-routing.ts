/**
 * Agents per group and interval for a forecast, at least cost, every queue meeting its targets
 * (see staff-interval.ts for one interval). Intervals with the same loads are staffed once.
 * Output rows: per interval and group the productive and scheduled agents (scheduled =
 * ceil(agents / (1 - the group's shrinkage))); per interval and queue the calls, the calls
 * refused, and the service level, mean wait and abandonment at that staffing with what
 * produced them.
 *
 * @module
 */
import { scheduledFromProductive } from "../staffing.ts";
import type { RoutingModel } from "./model.ts";
import {
  ROUTED_STAFFING_LIMITS,
  staffRoutedInterval,
  type FigureMethod,
  type RoutedIntervalOptions,
  type RoutedIntervalStaffing,
} from "./staff-interval.ts";

/** One forecast row: calls dialled to a queue in an interval. */
export interface RoutedForecastRow {
  readonly startMs: number;
  readonly queue: string;
  /** Calls dialled (the queue's reject share is taken off). */
  readonly calls: number;
  /** AHT, seconds; undefined: the queue's `ahtSeconds` in the routing. */
  readonly ahtSeconds?: number | undefined;
}

/** Options of {@link staffRouting}. */
export interface RoutingStaffingOptions extends RoutedIntervalOptions {
  readonly routing: RoutingModel;
  readonly intervalSeconds: number;
  readonly rows: readonly RoutedForecastRow[];
  /** Called after each distinct interval is staffed (done, of total). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Agents of one group in one interval. */
export interface GroupRequirement {
  readonly startMs: number;
  readonly group: string;
  /** Productive agents. */
  readonly agents: number;
  /** ceil(agents / (1 - shrinkage)). */
  readonly scheduledAgents: number;
}

/** One queue in one interval at the staffing found. */
export interface QueueOutcome {
  readonly startMs: number;
  readonly queue: string;
  /** Calls offered (dialled, less those refused). */
  readonly calls: number;
  readonly rejected: number;
  /** null when no call is offered. */
  readonly serviceLevel: number | null;
  readonly asaSeconds: number | null;
  readonly abandonRate: number | null;
  readonly method: FigureMethod | null;
}

/** Result of {@link staffRouting}. */
export interface RoutingStaffingResult {
  /** By interval, then group in the routing's order. */
  readonly groups: readonly GroupRequirement[];
  /** By interval, then queue in the routing's order (queues of the forecast). */
  readonly queues: readonly QueueOutcome[];
  /** Intervals where some target is not met at the staffing found (its work limit reached). */
  readonly unmetStartsMs: readonly number[];
  /** Intervals staffed on the evaluation alone: the run's simulation budget was spent. */
  readonly uncheckedStartsMs: readonly number[];
  /** Productive agent-hours: the staffing's, the all-skills pool's and no sharing's. */
  readonly agentHours: {
    readonly staffed: number;
    readonly pooled: number;
    readonly separate: number;
  };
}

/**
 * Staffs every interval of a forecast for a routing model.
 *
 * @throws RangeError for a queue the routing lacks or a queue without a handle time
 * @example
 * const r = staffRouting({ routing, intervalSeconds: 900, rows: forecastRows });
 * r.groups; // [{ startMs, group: "vipdesk", agents: 3, scheduledAgents: 4 }, ...]
 */
export function staffRouting(options: RoutingStaffingOptions): RoutingStaffingResult {
  const plan = prepareRouting(options);
  const results = plan.tasks.map((task, k) => {
    const r = staffTask(
      options.routing,
      options.intervalSeconds,
      task,
      plan.budgetPerInterval,
      options,
    );
    options.onProgress?.(k + 1, plan.tasks.length);
    return r;
  });
  return assembleRouting(options, plan, results);
}

/** One distinct load to staff: the first interval with it (for messages) and its loads. */
export interface RoutingTask {
  readonly startMs: number;
  readonly loads: Readonly<Record<string, { readonly calls: number; readonly ahtSeconds: number }>>;
}

/** A forecast read for staffing: its intervals, and the distinct loads to staff. */
export interface PreparedRouting {
  readonly starts: readonly number[];
  /** Per start, the index of its task. */
  readonly taskOf: ReadonlyMap<number, number>;
  readonly rows: ReadonlyMap<number, ReadonlyMap<string, { calls: number; ahtSeconds: number }>>;
  readonly forecastQueues: ReadonlySet<string>;
  readonly tasks: readonly RoutingTask[];
  /**
   * Calls each task's checks may simulate: the run's limit shared evenly, so that a task's
   * staffing does not depend on the order (or the thread) tasks are staffed in.
   */
  readonly budgetPerInterval: number;
}

/**
 * Reads the forecast rows into intervals and distinct loads (offered: reject shares taken off).
 *
 * @throws RangeError for a queue the routing lacks, a queue without a handle time, or two rows
 *   of one queue at one time
 */
export function prepareRouting(options: RoutingStaffingOptions): PreparedRouting {
  const { routing } = options;
  const queueNames = Object.keys(routing.queues);
  const byStart = new Map<number, Map<string, { calls: number; ahtSeconds: number }>>();
  const forecastQueues = new Set<string>();
  for (const r of options.rows) {
    const spec = Object.hasOwn(routing.queues, r.queue) ? routing.queues[r.queue] : undefined;
    if (spec === undefined) throw new RangeError(`queue "${r.queue}" is not in the routing`);
    const aht = r.ahtSeconds ?? spec.ahtSeconds;
    if (aht === undefined)
      throw new RangeError(`${r.queue}: no handle time (give aht_s, or ahtSeconds in the routing)`);
    forecastQueues.add(r.queue);
    let row = byStart.get(r.startMs);
    if (row === undefined)
      byStart.set(r.startMs, (row = new Map<string, { calls: number; ahtSeconds: number }>()));
    if (row.has(r.queue))
      throw new RangeError(
        `queue "${r.queue}" has two rows at ${new Date(r.startMs).toISOString()}`,
      );
    row.set(r.queue, { calls: r.calls, ahtSeconds: aht });
  }
  const starts = [...byStart.keys()].sort((a, b) => a - b);
  // distinct loads, staffed once each
  const keyOf = (row: Map<string, { calls: number; ahtSeconds: number }>): string =>
    queueNames
      .map((q) => {
        const l = row.get(q);
        return l === undefined || l.calls === 0
          ? ""
          : `${l.calls * (1 - routing.queues[q]!.rejectShare)}@${l.ahtSeconds}`;
      })
      .join("|");
  const taskOf = new Map<number, number>();
  const byKey = new Map<string, number>();
  const tasks: RoutingTask[] = [];
  for (const s of starts) {
    const row = byStart.get(s)!;
    const key = keyOf(row);
    let k = byKey.get(key);
    if (k === undefined) {
      const loads: Record<string, { calls: number; ahtSeconds: number }> = {};
      for (const [q, l] of row)
        loads[q] = {
          calls: l.calls * (1 - routing.queues[q]!.rejectShare),
          ahtSeconds: l.ahtSeconds,
        };
      byKey.set(key, (k = tasks.length));
      tasks.push({ startMs: s, loads });
    }
    taskOf.set(s, k);
  }
  return {
    starts,
    taskOf,
    rows: byStart,
    forecastQueues,
    tasks,
    budgetPerInterval: ROUTED_STAFFING_LIMITS.simulatedCalls / Math.max(1, tasks.length),
  };
}

/**
 * Staffs one task with its share of the run's simulation budget.
 *
 * @throws RangeError naming the interval when its load is beyond the staffing ranges
 */
export function staffTask(
  routing: RoutingModel,
  intervalSeconds: number,
  task: RoutingTask,
  budgetCalls: number,
  options: RoutedIntervalOptions = {},
): RoutedIntervalStaffing {
  try {
    return staffRoutedInterval(routing, task.loads, intervalSeconds, {
      ...options,
      budget: { calls: budgetCalls },
    });
  } catch (error) {
    // beyond the staffing ranges: say which interval
    if (error instanceof RangeError)
      throw new RangeError(
        `the interval at ${new Date(task.startMs).toISOString()}: ${error.message}`,
        { cause: error },
      );
    throw error;
  }
}

/** The result rows from each task's staffing (in the order of `plan.tasks`). */
export function assembleRouting(
  options: RoutingStaffingOptions,
  plan: PreparedRouting,
  results: readonly RoutedIntervalStaffing[],
): RoutingStaffingResult {
  const { routing, intervalSeconds } = options;
  const queueNames = Object.keys(routing.queues);
  const groupNames = Object.keys(routing.groups);
  const { starts, forecastQueues } = plan;
  const groups: GroupRequirement[] = [];
  const queues: QueueOutcome[] = [];
  const unmetStartsMs: number[] = [];
  const uncheckedStartsMs: number[] = [];
  const hours = intervalSeconds / 3600;
  const agentHours = { staffed: 0, pooled: 0, separate: 0 };
  for (const s of starts) {
    const row = plan.rows.get(s)!;
    const staffing = results[plan.taskOf.get(s)!]!;
    if (!staffing.met) unmetStartsMs.push(s);
    if (Object.values(staffing.queues).some((q) => q.method === "approximation"))
      uncheckedStartsMs.push(s);
    agentHours.pooled += staffing.bounds.pooled * hours;
    agentHours.separate += staffing.bounds.separate * hours;
    for (const g of groupNames) {
      const agents = staffing.agents[g] ?? 0;
      agentHours.staffed += agents * hours;
      groups.push({
        startMs: s,
        group: g,
        agents,
        scheduledAgents: scheduledFromProductive(agents, routing.groups[g]!.shrinkage),
      });
    }
    for (const q of queueNames) {
      if (!forecastQueues.has(q)) continue;
      const l = row.get(q);
      const dialled = l?.calls ?? 0;
      const rejected = dialled * routing.queues[q]!.rejectShare;
      const f = staffing.queues[q];
      queues.push({
        startMs: s,
        queue: q,
        calls: dialled - rejected,
        rejected,
        serviceLevel: f?.serviceLevel ?? null,
        asaSeconds: f?.asaSeconds ?? null,
        abandonRate: f?.abandonRate ?? null,
        method: f?.method ?? null,
      });
    }
  }
  return { groups, queues, unmetStartsMs, uncheckedStartsMs, agentHours };
}
