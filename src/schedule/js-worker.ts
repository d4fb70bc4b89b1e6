/**
 * javascript-lp-solver on a thread of its own. The library is synchronous and checks its own
 * timeout only between branch-and-bound nodes, never inside a long LP solve, so a solve on the
 * calling thread could overrun its time limit many times over. Here it runs in a worker thread
 * that is terminated when the time limit passes; what the worker reported until then (the LP
 * relaxation, then the integer solution) is kept.
 *
 * The worker's code is a short CommonJS script given as text (`eval`), so that it runs the same
 * from src/ (under a TypeScript loader or vitest) and from dist/; it loads the library by its
 * resolved path.
 *
 * @module
 * @internal
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Model as JsModel, SolveResult as JsResult } from "javascript-lp-solver";

/**
 * Share of the time left that the integer solve is given as the library's own timeout: it
 * stops between nodes by then and hands back its incumbent before the worker is terminated at
 * the limit itself.
 */
const OWN_TIMEOUT_SHARE = 0.8;

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const loaded = require(workerData.library);
const solver = loaded.default ?? loaded;
const relaxed = solver.Solve(workerData.relaxed);
parentPort.postMessage({ kind: "relaxed", result: relaxed });
if (workerData.integer !== null && relaxed.feasible) {
  const started = Date.now();
  const timeoutMs = Math.max(1, (workerData.deadlineMs - started) * ${OWN_TIMEOUT_SHARE});
  workerData.integer.options = { ...workerData.integer.options, timeout: timeoutMs };
  const result = solver.Solve(workerData.integer);
  parentPort.postMessage({
    kind: "integer",
    result,
    seconds: (Date.now() - started) / 1000,
    timeoutSeconds: timeoutMs / 1000,
  });
}
`;

/** What a run of the worker came to. */
export interface JsRun {
  /** The LP relaxation's solution, when the worker got that far. */
  readonly relaxed?: JsResult;
  /** The integer solve's answer, when it was asked for and the worker got that far. */
  readonly integer?: JsResult;
  /** Seconds the integer solve took, and the timeout it had (it stopped early if less). */
  readonly integerSeconds?: number;
  readonly integerTimeoutSeconds?: number;
  /** Why the worker failed (an exception, a thread that died), if it did. */
  readonly failure?: string;
  /** The time limit passed before the worker was done: it was terminated. */
  readonly timedOut: boolean;
}

type Message =
  | { readonly kind: "relaxed"; readonly result: JsResult }
  | {
      readonly kind: "integer";
      readonly result: JsResult;
      readonly seconds: number;
      readonly timeoutSeconds: number;
    };

let library: string | undefined;

/** The path of javascript-lp-solver's CommonJS build, resolved once. */
function libraryPath(): string {
  library ??= createRequire(import.meta.url).resolve("javascript-lp-solver");
  return library;
}

/**
 * Solves the LP relaxation and then (when `integer` is given and the relaxation is feasible)
 * the integer model in a worker thread, within `limitSeconds` of wall-clock time counted from
 * the call (the thread's start included).
 *
 * @example
 * const run = await runJsSolver(relaxedModel, integerModel, 5);
 * run.timedOut; // true when the worker had to be terminated
 */
export function runJsSolver(
  relaxed: JsModel,
  integer: JsModel | null,
  limitSeconds: number,
): Promise<JsRun> {
  const limitMs = Math.max(1, limitSeconds * 1000);
  return new Promise((resolve) => {
    let run: { -readonly [K in keyof JsRun]: JsRun[K] } = { timedOut: false };
    let settled = false;
    let worker: Worker;
    const finish = (extra: Partial<JsRun>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      run = { ...run, ...extra };
      void worker.terminate();
      resolve(run);
    };
    const timer = setTimeout(() => {
      finish({ timedOut: true });
    }, limitMs);
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          library: libraryPath(),
          relaxed,
          integer,
          deadlineMs: Date.now() + limitMs,
        },
        execArgv: [],
        // the library's own output (if any) is not the caller's: never printed
        stdout: true,
        stderr: true,
      });
    } catch (error) {
      clearTimeout(timer);
      resolve({ timedOut: false, failure: error instanceof Error ? error.message : String(error) });
      return;
    }
    worker.stdout.resume();
    worker.stderr.resume();
    worker.on("message", (message: Message) => {
      if (message.kind === "relaxed") {
        run.relaxed = message.result;
        if (integer === null || !message.result.feasible) finish({});
      } else {
        finish({
          integer: message.result,
          integerSeconds: message.seconds,
          integerTimeoutSeconds: message.timeoutSeconds,
        });
      }
    });
    worker.once("error", (error) => {
      finish({ failure: error.message });
    });
    worker.once("exit", (code) => {
      finish({ failure: `its worker thread stopped early (exit code ${code})` });
    });
  });
}
