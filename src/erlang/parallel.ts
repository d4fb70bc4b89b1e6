/**
 * Requirements for big forecasts on several threads: rows are independent, so the table is cut
 * into contiguous ranges, staffed side by side (the calling thread takes the first range) and
 * put back together. The numbers are those of {@link computeRequirementTable}, bit for bit.
 *
 * @module
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { DataError, type DataIssue } from "../io/errors.ts";
import {
  computeRequirementTable,
  resolveRows,
  staffResolved,
  type ForecastColumns,
  type RequirementsOptions,
  type ResolvedRows,
} from "./requirements.ts";
import { createStaffer } from "./staffing.ts";
import { createRequirementTable, type RequirementTable } from "./table.ts";
import { appendAll } from "../math/extent.ts";

/** Below this many rows a worker thread costs more to start than it saves. */
const MIN_ROWS_PER_THREAD = 25_000;

/** What a worker receives: one range of resolved rows and the policy. */
export interface WorkerTask {
  readonly rows: ResolvedRows;
  readonly policy: RequirementsOptions;
}

/** What a worker sends back. */
export type WorkerReply =
  | { readonly ok: true; readonly table: RequirementTable }
  | { readonly ok: false; readonly issues?: readonly DataIssue[]; readonly message: string };

/** Options of {@link computeRequirementTableParallel}. */
export interface ParallelOptions {
  /** Threads to use, the calling one included (default: the machine's available parallelism). */
  readonly threads?: number;
  /** Rows per thread below which fewer threads are used (default 25,000). */
  readonly minRowsPerThread?: number;
}

const FLOAT_COLUMNS = [
  "intervalSeconds",
  "ahtSeconds",
  "loadErlangs",
  "agents",
  "scheduledAgents",
  "fractionalAgents",
  "fractionalScheduledAgents",
  "probWait",
  "serviceLevel",
  "asaSeconds",
  "occupancy",
  "abandonRate",
  "meanQueueLength",
] as const;

/** Rows `from` to `to` of resolved rows, copied (so that they can be transferred). @internal */
export function sliceRows(rows: ResolvedRows, from: number, to: number): ResolvedRows {
  return {
    calls: rows.calls.slice(from, to),
    intervalSeconds: rows.intervalSeconds.slice(from, to),
    ahtSeconds: rows.ahtSeconds.slice(from, to),
    shrinkage: rows.shrinkage.slice(from, to),
  };
}

/**
 * A script beside the calling module, by its base name (`.ts` when the caller runs from source
 * under a TypeScript loader, `.js` when built).
 *
 * @internal
 */
export function besideModule(moduleUrl: string, baseName: string): URL {
  const ext = moduleUrl.endsWith(".ts") ? ".ts" : ".js";
  return new URL(`./${baseName}${ext}`, moduleUrl);
}

/** Options of the parent's command line that a worker needs to load modules the same way. */
const LOADER_FLAGS = new Set([
  "--import",
  "--require",
  "-r",
  "--loader",
  "--experimental-loader",
  "--conditions",
  "-C",
]);

/**
 * The part of a process's `execArgv` to hand to a worker: module loaders and conditions (so a
 * TypeScript loader such as tsx keeps working), `--experimental-*`, `--enable-source-maps` and
 * `--no-warnings`. Everything else is left out: workers inherit the whole list by default, and
 * options such as `--input-type` or `-e` make them fail.
 *
 * @example
 * workerExecArgv(["--input-type=module", "--import", "tsx", "-e", "code"]); // => ["--import", "tsx"]
 * @internal
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    const name = arg.includes("=") ? arg.slice(0, arg.indexOf("=")) : arg;
    if (LOADER_FLAGS.has(name)) {
      out.push(arg);
      if (name === arg && i + 1 < execArgv.length) out.push(execArgv[++i]!);
    } else if (
      name.startsWith("--experimental-") ||
      name === "--enable-source-maps" ||
      name === "--no-warnings"
    ) {
      out.push(arg);
    } else if (
      (arg === "-e" || arg === "--eval" || arg === "-p" || arg === "--print") &&
      i + 1 < execArgv.length
    ) {
      i++; // skip the script text too
    }
  }
  return out;
}

/**
 * Whether a worker thread can run `script`: a built `.js` always; a `.ts` source only when this
 * process runs under a TypeScript loader it hands to workers (tsx), not under a test runner
 * that transforms modules in-process.
 *
 * @internal
 */
export function canRunWorker(script: URL, execArgv: readonly string[] = process.execArgv): boolean {
  if (!script.pathname.endsWith(".ts")) return true;
  // a loader that compiles TypeScript, handed on to workers (see workerExecArgv)
  return workerExecArgv(execArgv).some(
    (arg) => /(^|[/=@])(tsx|ts-node)\b/.test(arg) || arg === "--experimental-strip-types",
  );
}

/**
 * Starts a worker thread on `script` with `task` (the buffers of `transferList` moved, not
 * copied) and resolves with the one message it sends back.
 *
 * @internal
 */
export function runWorker<R>(
  script: URL,
  task: unknown,
  transferList: ArrayBuffer[] = [],
): Promise<R> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, {
      workerData: task,
      execArgv: workerExecArgv(process.execArgv),
      transferList,
    });
    let settled = false;
    worker.once("message", (reply: R) => {
      settled = true;
      resolve(reply);
    });
    worker.once("error", (error) => {
      settled = true;
      reject(error);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`staffing worker stopped with exit code ${code}`));
    });
  });
}

/**
 * Bounds of contiguous row ranges, one per thread: range k is rows bounds[k] to bounds[k + 1].
 * One range (no worker) when the rows are too few to be worth a thread.
 *
 * @internal
 */
export function threadRanges(rows: number, parallel: ParallelOptions): number[] {
  const minRows = parallel.minRowsPerThread ?? MIN_ROWS_PER_THREAD;
  const threads = Math.max(
    1,
    Math.min(parallel.threads ?? availableParallelism(), Math.floor(rows / Math.max(1, minRows))),
  );
  return Array.from({ length: threads + 1 }, (_, k) => Math.round((k * rows) / threads));
}

/** Shifts the row indices of issues found in a range starting at `offset`. @internal */
export function offsetIssues(issues: readonly DataIssue[], offset: number): DataIssue[] {
  return issues.map((issue) =>
    issue.row === undefined ? issue : { ...issue, row: issue.row + offset },
  );
}

/**
 * {@link computeRequirementTable} on several threads, for forecasts of hundreds of thousands
 * of rows; small forecasts are staffed on the calling thread. Same results, same errors.
 *
 * @throws DataError listing the rows that cannot be staffed (first 20 per thread)
 * @throws RangeError for an invalid policy
 * @example
 * const table = await computeRequirementTableParallel(forecast, { ahtSeconds: 240 });
 */
export async function computeRequirementTableParallel(
  forecast: ForecastColumns,
  options: RequirementsOptions,
  parallel: ParallelOptions = {},
): Promise<RequirementTable> {
  const n = forecast.queue.length;
  const bounds = threadRanges(n, parallel);
  if (bounds.length <= 2) return computeRequirementTable(forecast, options);

  const staffer = createStaffer(options); // an invalid policy is reported before any row
  const rows = resolveRows(forecast, options);
  const script = besideModule(import.meta.url, "requirements-worker");
  const workers = bounds.slice(1, -1).map((from, k) => {
    // sliceRows made plain (not shared) buffers: move them
    const part = sliceRows(rows, from, bounds[k + 2]!);
    return runWorker<WorkerReply>(script, { rows: part, policy: options } satisfies WorkerTask, [
      part.calls.buffer as ArrayBuffer,
      part.intervalSeconds.buffer as ArrayBuffer,
      part.ahtSeconds.buffer as ArrayBuffer,
      part.shrinkage.buffer as ArrayBuffer,
    ]);
  });
  // The calling thread staffs the first range meanwhile.
  const issues: DataIssue[] = [];
  let first: RequirementTable | undefined;
  try {
    first = staffResolved(rows, options, 0, bounds[1]);
  } catch (error) {
    if (!(error instanceof DataError)) {
      await Promise.allSettled(workers);
      throw error;
    }
    appendAll(issues, error.issues);
  }
  const replies = await Promise.all(workers);
  replies.forEach((reply, k) => {
    if (reply.ok) return;
    if (reply.issues === undefined) throw new Error(reply.message);
    appendAll(issues, offsetIssues(reply.issues, bounds[k + 1]!));
  });
  if (issues.length > 0) throw new DataError(issues);

  const table = createRequirementTable(n, staffer.model);
  const parts = [first!, ...replies.map((r) => (r as { table: RequirementTable }).table)];
  parts.forEach((part, k) => {
    const offset = bounds[k]!;
    for (const name of FLOAT_COLUMNS) table[name].set(part[name], offset);
    table.stable.set(part.stable, offset);
    for (let i = 0; i < part.length; i++) table.binding[offset + i] = part.binding[i]!;
  });
  return table;
}
