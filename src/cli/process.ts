/**
 * What the executable does about its process: write errors on stdout and stop signals.
 *
 * - A closed pipe (`staffcast ... | head`) ends the command quietly (exit 0).
 * - Any other write error on stdout (a full disk: ENOSPC, an I/O error) is reported in one line
 *   on stderr, and the command exits 1, the code of a failure that is neither bad data nor
 *   usage; never a stack trace.
 * - SIGINT, SIGTERM and SIGHUP remove the temporary files and folders the command holds (and
 *   put back an old plan folder set aside), then stop the process by the same signal. The
 *   listeners are installed only while something is held: otherwise the default action stops
 *   the process at once, even in the middle of a long computation.
 *
 * @module
 */
import { observeInterruptTasks, runInterruptTasks } from "../io/cleanup.ts";
import { writeFailure } from "../io/files.ts";

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** The part of `process` this module uses (injectable for tests). */
export interface GuardedProcess {
  readonly stdout: { on(event: "error", listener: (error: Error) => void): unknown };
  readonly stderr: { write(chunk: string): unknown };
  on(event: (typeof SIGNALS)[number], listener: () => void): unknown;
  removeListener(event: (typeof SIGNALS)[number], listener: () => void): unknown;
  kill(pid: number, signal: string): unknown;
  exit(code: number): never;
  readonly pid: number;
}

/** Installs the stdout error handler and the signal clean-up on a process. */
export function guardProcess(proc: GuardedProcess): void {
  proc.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") return proc.exit(0);
    runInterruptTasks();
    proc.stderr.write(`error: cannot write to standard output: ${writeFailure(error.code)}\n`);
    return proc.exit(1);
  });

  const handlers = new Map<string, () => void>();
  const uninstall = (): void => {
    for (const [signal, handler] of handlers) proc.removeListener(signal as never, handler);
    handlers.clear();
  };
  observeInterruptTasks((pending) => {
    if (pending > 0 && handlers.size === 0) {
      for (const signal of SIGNALS) {
        const handler = (): void => {
          uninstall();
          runInterruptTasks();
          proc.kill(proc.pid, signal); // the default action now: stop as the signal says
        };
        handlers.set(signal, handler);
        proc.on(signal, handler);
      }
    } else if (pending === 0 && handlers.size > 0) uninstall();
  });
}
