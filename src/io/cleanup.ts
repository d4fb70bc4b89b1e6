/**
 * Clean-up on interruption: the temporary files, folders and locks a command holds while it
 * writes its outputs, removed when the process is told to stop (SIGINT, SIGTERM, SIGHUP).
 *
 * The writers register a synchronous task for as long as they hold something and withdraw it
 * when done. The executable (src/cli.ts) watches the number of pending tasks and listens for the
 * signals only while there are any: a signal listener keeps Node from stopping at once, and a
 * Ctrl-C during a long computation (a solver run) must still stop the command immediately.
 * Nothing here touches `process` itself, so the library stays free of global side effects.
 *
 * @module
 */

const tasks = new Set<() => void>();
let observer: ((pending: number) => void) | undefined;

/**
 * Registers a synchronous clean-up task, to be run if the process is interrupted before the
 * returned function withdraws it.
 *
 * @returns a function that withdraws the task (call it once the held resource is released)
 * @example
 * const done = onInterrupt(() => rmSync(tmp, { force: true }));
 * try { ...write tmp, rename it... } finally { done(); }
 */
export function onInterrupt(task: () => void): () => void {
  tasks.add(task);
  observer?.(tasks.size);
  return () => {
    if (tasks.delete(task)) observer?.(tasks.size);
  };
}

/**
 * Runs every registered task, newest first (each one's failure is ignored: the others must still
 * run), and forgets them. For the signal handler of the executable.
 */
export function runInterruptTasks(): void {
  const all = [...tasks].reverse();
  tasks.clear();
  for (const task of all) {
    try {
      task();
    } catch {
      // best effort: a file already gone, a folder not writable
    }
  }
  observer?.(0);
}

/**
 * Sets the function told the number of pending tasks whenever it changes (the executable
 * installs its signal listeners while it is above 0). One observer; a second call replaces it.
 */
export function observeInterruptTasks(callback: ((pending: number) => void) | undefined): void {
  observer = callback;
}

/** Number of tasks registered now (for tests). */
export function pendingInterruptTasks(): number {
  return tasks.size;
}
