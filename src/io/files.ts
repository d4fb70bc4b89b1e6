/**
 * Reading inputs (a path or `-` for stdin) and writing outputs safely.
 *
 * Inputs are read whole, up to {@link MAX_INPUT_BYTES}; a larger input is refused with a
 * message saying how to split it (JavaScript strings cannot hold much more, and the parsed rows
 * need several times the text's size).
 *
 * Outputs go to the file the user named, and only there:
 * - a regular file (or a new one) is replaced atomically: the text is written to a temporary
 *   file beside it (`.<name>.<pid>.<random>.tmp`, with the target's permissions), which is then
 *   renamed over it, so a failed or interrupted run never leaves half a file;
 * - a symbolic link is followed to its target, which is then written as above (the link stays);
 * - anything else that is not a folder (a FIFO, a character device such as a terminal) is
 *   written through, directly: renaming over it would replace a device or a pipe with a file.
 * Temporary files are removed on errors and, through {@link onInterrupt}, on SIGINT and SIGTERM;
 * those left by a run killed outright (kill -9) are removed by the next write of the same
 * output (their process no longer exists).
 *
 * @module
 */
import { isUtf8 } from "node:buffer";
import { randomBytes } from "node:crypto";
import { createReadStream, rmSync } from "node:fs";
import { chmod, lstat, open, readdir, readlink, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { onInterrupt } from "./cleanup.ts";
import { DataError, NoInputError, StaffcastError, EXIT } from "./errors.ts";

/** Where a command reads stdin from and writes stdout to (injectable for tests). */
export interface Streams {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: {
    write(chunk: string): unknown;
    /** Present on real streams: "drain" after a write that returned false. */
    once?(event: "drain", listener: () => void): unknown;
  };
  readonly stderr: { write(chunk: string): unknown; readonly isTTY?: boolean };
}

/**
 * The largest input staffcast reads, bytes: 256 MiB. About 4 million interval rows; a larger
 * export is best split by date or by queue and run in parts.
 */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/** Display name of an input: the path, or `<stdin>` for `-`. */
export function inputName(path: string): string {
  return path === "-" ? "<stdin>" : path;
}

function tooLarge(file: string): DataError {
  return new DataError([
    {
      file,
      message:
        `larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB, the most staffcast reads from one ` +
        "input: split it (by date or by queue) and run the parts separately",
    },
  ]);
}

/** The bytes of a stream, refusing more than {@link MAX_INPUT_BYTES}. */
async function readBounded(stream: NodeJS.ReadableStream, file: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer: Buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > MAX_INPUT_BYTES) {
      (stream as { destroy?: () => void }).destroy?.();
      throw tooLarge(file);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Offset of the first byte that breaks UTF-8 (RFC 3629: no overlong forms, no surrogates, at
 * most U+10FFFF), or the length when there is none.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return i;
}

/**
 * Text of an input's bytes: UTF-8, with a byte-order mark kept for the parsers to skip. Refuses
 * UTF-16 (by its byte-order mark), invalid UTF-8 (naming the line and byte: Latin-1 text would
 * otherwise turn distinct names into the same U+FFFD) and what is not text (a NUL byte).
 *
 * @throws DataError (exit 65)
 */
export function decodeText(bytes: Buffer, file: string): string {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    throw new DataError([
      { file, line: 1, message: "the file is UTF-16 text: convert it to UTF-8 and try again" },
    ]);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    let line = 1;
    for (let i = bytes.indexOf(10); i >= 0 && i < nul; i = bytes.indexOf(10, i + 1)) line++;
    throw new DataError([
      { file, line, message: `not a text file: it has a NUL byte (byte ${nul + 1})` },
    ]);
  }
  if (!isUtf8(bytes)) {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = bytes.indexOf(10); i >= 0 && i < at; i = bytes.indexOf(10, i + 1)) line++;
    throw new DataError([
      {
        file,
        line,
        message: `not valid UTF-8 at byte ${at + 1} (0x${bytes[at]!.toString(16).toUpperCase().padStart(2, "0")}): save the file as UTF-8 (it may be Latin-1 or Windows-1252)`,
      },
    ]);
  }
  return bytes.toString("utf8");
}

/**
 * Reads a whole text input: a path, or `-` for `streams.stdin` (by default the process's stdin).
 * UTF-8 only (a byte-order mark is dropped); at most {@link MAX_INPUT_BYTES}.
 *
 * @throws NoInputError (exit 2) when the file does not exist or cannot be read
 * @throws DataError (exit 65) when it is larger than {@link MAX_INPUT_BYTES} or not text
 */
export async function readText(
  path: string,
  streams: Pick<Streams, "stdin"> = { stdin: process.stdin },
): Promise<string> {
  const file = inputName(path);
  if (path === "-") return decodeText(await readBounded(streams.stdin, file), file);
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error("folder"), { code: "EISDIR" });
    if (info.isFile() && info.size > MAX_INPUT_BYTES) throw tooLarge(file);
    bytes = await readBounded(createReadStream(path), file);
  } catch (error) {
    if (error instanceof StaffcastError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a folder, not a file"
          : code === "EACCES"
            ? "cannot be read (permission denied)"
            : `cannot be read (${code ?? "error"})`;
    throw new NoInputError(`${path}: ${why}`);
  }
  return decodeText(bytes, file);
}

/** Words for the error codes a write can meet (the code itself when it has none). */
export function writeFailure(code: string | undefined): string {
  switch (code) {
    case "ENOSPC":
      return "no space left on the device";
    case "EDQUOT":
      return "disk quota exceeded";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "read-only file system";
    case "ENOENT":
      return "its folder does not exist";
    case "ENOTDIR":
      return "a part of the path is not a folder";
    case "EISDIR":
      return "it is a folder";
    case "ENXIO":
      return "nothing reads from it";
    case undefined:
      return "unknown error";
    default:
      return code;
  }
}

/** The error of a failed write of `path`, for people (exit 1). */
export function writeError(path: string, error: unknown): StaffcastError {
  const code = (error as NodeJS.ErrnoException).code;
  return new StaffcastError(`cannot write ${path}: ${writeFailure(code)}`, EXIT.failure);
}

/**
 * Where writing `path` really goes: symbolic links followed (up to 40 of them) to the path they
 * name, and what is there now.
 */
export async function outputTarget(
  path: string,
): Promise<{ path: string; kind: "missing" | "file" | "folder" | "special" }> {
  let target = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let info;
    try {
      info = await lstat(target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT")
        return { path: target, kind: "missing" };
      throw error;
    }
    if (info.isSymbolicLink()) {
      target = resolve(dirname(target), await readlink(target));
      continue;
    }
    if (info.isFile()) return { path: target, kind: "file" };
    if (info.isDirectory()) return { path: target, kind: "folder" };
    return { path: target, kind: "special" };
  }
  throw Object.assign(new Error("too many symbolic links"), { code: "ELOOP" });
}

/** Whether process `pid` is alive on this machine (EPERM: alive, someone else's). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Temporary files this process is writing now (never removed as stale). */
const ownTemporaries = new Set<string>();

/** Matches `.<name>.<pid>.<hex>.tmp` for a target file called `name`. */
function temporaryPattern(name: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^\\.${escaped}\\.(\\d+)\\.[0-9a-f]{8}\\.tmp$`);
}

/**
 * Removes the temporary files of earlier writes of `target` whose process no longer exists
 * (left by kill -9 or a power cut): a later run cleans up after a killed one.
 */
async function removeStaleTemporaries(target: string): Promise<void> {
  const folder = dirname(target);
  const pattern = temporaryPattern(basename(target));
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const m = pattern.exec(name);
    if (m === null) continue;
    const path = join(folder, name);
    if (ownTemporaries.has(path)) continue;
    const pid = Number(m[1]);
    if (pid !== process.pid && processAlive(pid)) continue;
    await rm(path, { force: true });
  }
}

/**
 * Writes text to `path` atomically, or to stdout for `-` (see the module for what "atomically"
 * means for links, FIFOs and devices).
 *
 * @throws StaffcastError (exit 1) when the file cannot be written; the target is untouched
 */
export async function writeTextAtomic(path: string, text: string, streams: Streams): Promise<void> {
  await writeChunksAtomic(path, [text], streams);
}

/**
 * Writes a sequence of text chunks to `path` (see the module), or to stdout for `-`. Large
 * outputs never have to exist as one string.
 *
 * @throws StaffcastError (exit 1) when the file cannot be written; a regular target is untouched
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
  let target: Awaited<ReturnType<typeof outputTarget>>;
  try {
    target = await outputTarget(path);
  } catch (error) {
    throw writeError(path, error);
  }
  if (target.kind === "folder") throw writeError(path, { code: "EISDIR" });
  if (target.kind === "special") {
    // A FIFO or a device: write through (opening a FIFO waits for its reader, as `cat > fifo`).
    try {
      const handle = await open(target.path, "w");
      try {
        for (const chunk of chunks) await handle.write(chunk);
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw writeError(path, error);
    }
    return;
  }
  await removeStaleTemporaries(target.path);
  const tmp = join(
    dirname(target.path),
    `.${basename(target.path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  ownTemporaries.add(tmp);
  const withdraw = onInterrupt(() => {
    rmSync(tmp, { force: true });
  });
  try {
    const handle = await open(tmp, "wx");
    try {
      if (target.kind === "file") await chmod(tmp, (await stat(target.path)).mode & 0o7777);
      for (const chunk of chunks) await handle.write(chunk);
    } finally {
      await handle.close();
    }
    await rename(tmp, target.path);
  } catch (error) {
    await rm(tmp, { force: true });
    if (typeof (error as NodeJS.ErrnoException).code !== "string") throw error; // not I/O
    throw writeError(path, error);
  } finally {
    ownTemporaries.delete(tmp);
    withdraw();
  }
}
