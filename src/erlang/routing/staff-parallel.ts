/**
 * Routed staffing on several threads: the distinct loads are independent (each has its own
 * share of the simulation budget and its own seeds), so they are dealt out in turn to the
 * threads, staffed side by side (the calling thread takes the first share) and put back
 * together. The staffing is that of {@link staffRouting}, bit for bit, with any thread count.
 *
 * @module
 */
import { availableParallelism } from "node:os";
import { besideModule, canRunWorker, runWorker } from "../parallel.ts";
import type { RoutedIntervalOptions, RoutedIntervalStaffing } from "./staff-interval.ts";
import {
  assembleRouting,
  prepareRouting,
  staffTask,
  type RoutingStaffingOptions,
  type RoutingStaffingResult,
  type RoutingTask,
} from "./staff-routing.ts";

/** What a worker receives. @internal */
export interface StaffWorkerTask {
  readonly routingJson: string;
  readonly intervalSeconds: number;
  readonly tasks: readonly RoutingTask[];
  readonly budgetPerInterval: number;
  readonly options: Pick<RoutedIntervalOptions, "seed" | "checkCalls">;
}

/** What a worker sends back. @internal */
export type StaffWorkerReply =
  | { readonly ok: true; readonly results: RoutedIntervalStaffing[] }
  | { readonly ok: false; readonly range: boolean; readonly message: string };

/** Below this many distinct loads a thread costs more to start than it saves. */
const MIN_TASKS_PER_THREAD = 24;

/**
 * {@link staffRouting} on `threads` threads (default: the machine's available parallelism;
 * one when the worker script cannot run here, e.g. from source under a test runner);
 * `onProgress` hears the calling thread's share.
 *
 * @throws RangeError as {@link staffRouting} does
 * @example
 * const r = await staffRoutingParallel({ routing, intervalSeconds: 900, rows }, { threads: 2 });
 */
export async function staffRoutingParallel(
  options: RoutingStaffingOptions,
  parallel: { readonly threads?: number } = {},
): Promise<RoutingStaffingResult> {
  const plan = prepareRouting(options);
  const n = plan.tasks.length;
  const script = besideModule(import.meta.url, "staff-worker");
  const threads = canRunWorker(script)
    ? Math.max(
        1,
        Math.min(parallel.threads ?? availableParallelism(), Math.floor(n / MIN_TASKS_PER_THREAD)),
      )
    : 1;
  // dealt in turn, so that each thread gets day and night alike
  const share = (t: number): number[] =>
    Array.from({ length: Math.ceil((n - t) / threads) }, (_, k) => t + k * threads);
  const { seed, checkCalls } = options;
  const taskOptions = {
    ...(seed === undefined ? {} : { seed }),
    ...(checkCalls === undefined ? {} : { checkCalls }),
  };
  const workers = Array.from({ length: threads - 1 }, (_, k) =>
    runWorker<StaffWorkerReply>(script, {
      routingJson: JSON.stringify(options.routing),
      intervalSeconds: options.intervalSeconds,
      tasks: share(k + 1).map((i) => plan.tasks[i]!),
      budgetPerInterval: plan.budgetPerInterval,
      options: taskOptions,
    } satisfies StaffWorkerTask),
  );
  const results = new Array<RoutedIntervalStaffing>(n);
  const mine = share(0);
  try {
    mine.forEach((i, k) => {
      results[i] = staffTask(
        options.routing,
        options.intervalSeconds,
        plan.tasks[i]!,
        plan.budgetPerInterval,
        taskOptions,
      );
      options.onProgress?.(k + 1, mine.length);
    });
  } catch (error) {
    await Promise.allSettled(workers);
    throw error;
  }
  const replies = await Promise.all(workers);
  replies.forEach((reply, k) => {
    if (!reply.ok) throw reply.range ? new RangeError(reply.message) : new Error(reply.message);
    share(k + 1).forEach((i, j) => (results[i] = reply.results[j]!));
  });
  return assembleRouting(options, plan, results);
}
