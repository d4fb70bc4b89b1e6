/**
 * A lock file beside an output, so that two runs writing the same output take turns instead of
 * interleaving their renames.
 *
 * The lock holds the process id, host name and start time of its holder, written whole before it
 * appears (a hard link of a finished temporary file, which fails when the lock exists: no reader
 * ever sees half a lock). A second run finds the lock and stops, naming the holder. A lock whose
 * process no longer exists on this host (killed outright, kill -9) is stale and taken over:
 * moved aside under a unique name, checked to be the one judged stale, then deleted. Node has
 * no advisory locks (flock); one race remains, two runs taking over the same stale lock within
 * microseconds of each other, and the holder re-checks its lock just before it renames anything
 * ({@link FileLock.check}).
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { readFileSync, unlinkSync } from "node:fs";
import { link, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { onInterrupt } from "./cleanup.ts";
import { processAlive } from "./files.ts";
import { EXIT, StaffcastError } from "./errors.ts";

/** A lock held by this process. */
export interface FileLock {
  readonly path: string;
  /** @throws StaffcastError (exit 1) when the lock is no longer this process's */
  check(): void;
  /** Deletes the lock (if it is still this process's). */
  release(): void;
}

interface Holder {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
}

function parseHolder(text: string): Holder | null {
  try {
    const v = JSON.parse(text) as Partial<Holder>;
    if (
      typeof v.pid === "number" &&
      typeof v.hostname === "string" &&
      typeof v.startedAt === "string"
    )
      return { pid: v.pid, hostname: v.hostname, startedAt: v.startedAt };
  } catch {
    // not a lock of ours
  }
  return null;
}

async function readIfThere(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/**
 * Takes the lock at `path` for writing `what` (named in messages).
 *
 * @throws StaffcastError (exit 1) when another live process holds it, or it cannot be made
 */
export async function acquireLock(path: string, what: string): Promise<FileLock> {
  const mine = `${JSON.stringify({
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date().toISOString(),
  })}\n`;
  const draft = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
  try {
    await writeFile(draft, mine, { flag: "wx" });
  } catch (error) {
    throw new StaffcastError(
      `cannot write ${what}: cannot create the lock file ${path} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
      EXIT.failure,
    );
  }
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await link(draft, path);
        return held(path, mine);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const text = await readIfThere(path);
      if (text === null) continue; // released meanwhile: try again
      const holder = parseHolder(text);
      const stale =
        holder !== null &&
        holder.hostname === hostname() &&
        (holder.pid === process.pid || !processAlive(holder.pid));
      if (!stale) {
        const who =
          holder === null
            ? "another process"
            : `process ${holder.pid} on ${holder.hostname} (since ${holder.startedAt})`;
        throw new StaffcastError(
          `${what} is being written by ${who}: wait for it to finish (its lock is ${path}; ` +
            "delete that file if no such run is going on)",
          EXIT.failure,
        );
      }
      // Take the stale lock over: move it aside, and make sure it is the one judged stale.
      const aside = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.stale`;
      try {
        await rename(path, aside);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
        throw error;
      }
      const moved = await readIfThere(aside);
      if (moved !== text) {
        // another run took it over first and this moved its fresh lock: put it back
        await link(aside, path).catch(() => undefined);
      }
      await unlink(aside).catch(() => undefined);
    }
    throw new StaffcastError(
      `cannot write ${what}: its lock ${path} keeps changing hands`,
      EXIT.failure,
    );
  } catch (error) {
    if (error instanceof StaffcastError) throw error;
    throw new StaffcastError(
      `cannot write ${what}: cannot take the lock ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      EXIT.failure,
    );
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

function held(path: string, mine: string): FileLock {
  const ours = (): boolean => {
    try {
      return readFileSync(path, "utf8") === mine;
    } catch {
      return false;
    }
  };
  const release = (): void => {
    if (ours()) {
      try {
        unlinkSync(path);
      } catch {
        // already gone
      }
    }
  };
  const withdraw = onInterrupt(release);
  return {
    path,
    check() {
      if (!ours())
        throw new StaffcastError(
          `the lock ${path} was taken by another process while this one held it: nothing replaced`,
          EXIT.failure,
        );
    },
    release() {
      release();
      withdraw();
    },
  };
}
