/**
 * Writing a folder of outputs (a plan) as one unit: every file is written into a temporary
 * sibling folder, which then takes the target's place, so readers see the old folder or the new
 * one, never a mixture, and a failed run leaves the old one as it was.
 *
 * Node has no atomic exchange of two folders, so the swap is two renames (the old folder aside
 * to `.<name>.<pid>.<random>.old`, the new one in). They run under a lock file beside the target
 * (`.<name>.lock`, see lock.ts), so concurrent runs never interleave them; on SIGINT or SIGTERM
 * the temporary folder is removed and an old folder already set aside is put back; after a run
 * killed outright, the next run for the same target puts back an old folder whose target is
 * missing and removes the other leftovers.
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { existsSync, renameSync, rmSync } from "node:fs";
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { onInterrupt } from "./cleanup.ts";
import { outputTarget, processAlive, writeError } from "./files.ts";
import { acquireLock } from "./lock.ts";
import { StaffcastError, UsageError } from "./errors.ts";

/** Options of {@link writeFolderAtomic}. */
export interface FolderOptions {
  /**
   * Called with the target and its entries when it exists and is not empty (under the lock,
   * just before anything is replaced); throws to refuse (e.g. a UsageError naming what would
   * be lost).
   */
  readonly checkReplace: (folder: string, entries: readonly string[]) => void | Promise<void>;
}

/** The folder a path names, symbolic links followed; a UsageError if it is a file. */
export async function folderTarget(path: string): Promise<string> {
  let target;
  try {
    target = await outputTarget(path);
  } catch (error) {
    throw writeError(path, error);
  }
  if (target.kind === "file" || target.kind === "special")
    throw new UsageError(`--out ${path}: exists and is not a folder`);
  return target.path;
}

/**
 * Leftovers of runs that no longer exist, beside `target`: an old folder set aside while the
 * target is missing goes back in place; temporary and old folders are removed.
 */
async function recoverLeftovers(target: string): Promise<void> {
  const parent = dirname(target);
  const escaped = basename(target).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`^\\.${escaped}\\.(\\d+)\\.[0-9a-f]{8}\\.(tmp|old)$`);
  const found = (await readdir(parent)).flatMap((name) => {
    const m = pattern.exec(name);
    if (m === null) return [];
    const pid = Number(m[1]);
    return pid === process.pid || !processAlive(pid) ? [{ name, kind: m[2]! }] : [];
  });
  for (const { name, kind } of found) {
    const path = join(parent, name);
    if (kind === "old" && !existsSync(target)) await rename(path, target);
    else await rm(path, { recursive: true, force: true });
  }
}

/**
 * Writes `files` (name -> text) as the folder `out`, replacing it if it exists (when
 * `checkReplace` allows).
 *
 * @throws UsageError from `checkReplace`; StaffcastError (exit 1) when the folder cannot be
 *   written or another run holds its lock
 */
export async function writeFolderAtomic(
  out: string,
  files: Readonly<Record<string, string>>,
  options: FolderOptions,
): Promise<void> {
  const target = await folderTarget(out);
  const parent = dirname(target);
  const name = basename(target);
  const lock = await acquireLock(join(parent, `.${name}.lock`), out);
  const suffix = `${process.pid}.${randomBytes(4).toString("hex")}`;
  const tmp = join(parent, `.${name}.${suffix}.tmp`);
  const old = join(parent, `.${name}.${suffix}.old`);
  const undo = (): void => {
    rmSync(tmp, { recursive: true, force: true });
    if (existsSync(old) && !existsSync(target)) renameSync(old, target);
  };
  const withdraw = onInterrupt(undo);
  try {
    await recoverLeftovers(target);
    if (existsSync(target)) {
      const entries = await readdir(target);
      if (entries.length > 0) await options.checkReplace(out, entries);
    }
    await mkdir(tmp);
    for (const [file, text] of Object.entries(files)) await writeFile(join(tmp, file), text);
    lock.check();
    if (existsSync(target)) await rename(target, old);
    await rename(tmp, target);
    await rm(old, { recursive: true, force: true });
  } catch (error) {
    try {
      undo();
    } catch {
      // the original error says more
    }
    if (error instanceof StaffcastError) throw error;
    if (typeof (error as NodeJS.ErrnoException).code !== "string") throw error;
    throw writeError(out, error);
  } finally {
    withdraw();
    lock.release();
  }
}
