/**
 * Paths compared as the file system sees them: symbolic links resolved.
 *
 * @module
 */
import { realpathSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";

/** A path with symbolic links resolved as far as it exists (absolute). */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Whether `path` is `folder` or inside it (both already resolved). */
export function isInside(folder: string, path: string): boolean {
  const r = relative(folder, path);
  return r === "" || (!r.startsWith("..") && !isAbsolute(r));
}
