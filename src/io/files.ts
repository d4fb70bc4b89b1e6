/**
 * Reading inputs (a path or `-` for stdin) and writing outputs atomically (a temporary file in
 * the target's directory, renamed into place, so a failed run never leaves half a file).
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { open, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { NoInputError, StaffcastError, EXIT } from "./errors.ts";

/** Where a command reads stdin from and writes stdout to (injectable for tests). */
export interface Streams {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown; readonly isTTY?: boolean };
}

/** Display name of an input: the path, or `<stdin>` for `-`. */
export function inputName(path: string): string {
  return path === "-" ? "<stdin>" : path;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Reads a whole text input.
 *
 * @throws NoInputError (exit 2) when the file does not exist or cannot be read
 */
export async function readText(path: string, streams: Streams): Promise<string> {
  if (path === "-") return readAll(streams.stdin);
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : "cannot be read";
    throw new NoInputError(`${path}: ${why}`);
  }
}

/**
 * Writes text to `path` atomically, or to stdout for `-`.
 *
 * @throws StaffcastError (exit 1) when the file cannot be written; the target is untouched
 */
export async function writeTextAtomic(path: string, text: string, streams: Streams): Promise<void> {
  await writeChunksAtomic(path, [text], streams);
}

/**
 * Writes a sequence of text chunks to `path` atomically (into a temporary file beside it, then
 * renamed over it), or to stdout for `-`. Large outputs never have to exist as one string.
 *
 * @throws StaffcastError (exit 1) when the file cannot be written; the target is untouched
 */
export async function writeChunksAtomic(
  path: string,
  chunks: Iterable<string>,
  streams: Streams,
): Promise<void> {
  if (path === "-") {
    for (const chunk of chunks) streams.stdout.write(chunk);
    return;
  }
  const tmp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    const handle = await open(tmp, "w");
    try {
      for (const chunk of chunks) await handle.write(chunk);
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== "string") throw error; // not an I/O failure
    throw new StaffcastError(`cannot write ${path} (${code})`, EXIT.failure);
  }
}
