/**
 * Lines of a text stream (NDJSON, logs), pulled one at a time with bounded memory.
 *
 * {@link readLines} reads the next chunk only when its consumer asks for the next line, so a
 * consumer that stops pulling (because its own output is not draining) stops the reading, and
 * the stream's backpressure reaches the writer upstream. A line longer than the limit is never
 * held whole: it is reported once and skipped up to its newline. Chunks are decoded as UTF-8
 * with the characters split between chunks put back together.
 *
 * @module
 */
import { StringDecoder } from "node:string_decoder";

/** The longest line kept by default, bytes of UTF-8 (1 MiB). */
export const DEFAULT_MAX_LINE_BYTES = 1_048_576;

/** A line of the stream (`line` is 1-based), without its `\n` or `\r\n`. */
export interface TextLine {
  readonly line: number;
  readonly text: string;
  readonly tooLong?: false;
}

/** A line longer than the limit: reported, not kept. */
export interface TooLongLine {
  readonly line: number;
  readonly text: null;
  readonly tooLong: true;
}

/** What {@link readLines} yields. */
export type LineRead = TextLine | TooLongLine;

/** Options of {@link readLines}. */
export interface ReadLinesOptions {
  /**
   * The longest line kept, bytes of UTF-8 without the line end (default
   * {@link DEFAULT_MAX_LINE_BYTES}); a longer one yields a {@link TooLongLine}.
   */
  readonly maxLineBytes?: number;
}

/**
 * The lines of a stream, pulled as they are asked for. Splits on `\n` and strips a `\r` before
 * it; a last line without a newline is yielded too (an empty one is not). Memory: one chunk and
 * at most `maxLineBytes` of the current line.
 *
 * @param stream - a Readable (or any async iterable of UTF-8 chunks or strings)
 * @example
 * for await (const l of readLines(process.stdin)) {
 *   if (l.tooLong) warn(`line ${l.line}: too long`);
 *   else handle(l.text);
 * }
 */
export async function* readLines(
  stream: AsyncIterable<string | Uint8Array>,
  options: ReadLinesOptions = {},
): AsyncGenerator<LineRead, void, undefined> {
  const maxBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const decoder = new StringDecoder("utf8");
  /** Pieces of the current line and their size in bytes (the `\r` of a CRLF may be counted). */
  let pieces: string[] = [];
  let bytes = 0;
  /** The current line is too long: it has been reported and is skipped up to its newline. */
  let skipping = false;
  let line = 0;

  /** The lines `text` completes; what follows its last newline stays pending. */
  function* split(text: string): Generator<LineRead, void, undefined> {
    let pos = 0;
    while (pos < text.length) {
      const newline = text.indexOf("\n", pos);
      const end = newline < 0 ? text.length : newline;
      if (!skipping && end > pos) {
        const piece = text.slice(pos, end);
        bytes += Buffer.byteLength(piece);
        // one byte over the limit may still be the `\r` of a CRLF
        if (bytes > maxBytes + 1) {
          skipping = true;
          pieces = [];
          bytes = 0;
          yield { line: line + 1, text: null, tooLong: true };
        } else pieces.push(piece);
      }
      if (newline < 0) return;
      line++;
      const done = finish();
      if (done !== undefined) yield done;
      pos = newline + 1;
    }
  }

  /** Ends the current line: what to yield for it, if anything. */
  function finish(): LineRead | undefined {
    if (skipping) {
      skipping = false;
      return undefined; // reported when it became too long
    }
    let text = pieces.join("");
    pieces = [];
    bytes = 0;
    if (text.endsWith("\r")) text = text.slice(0, -1);
    return Buffer.byteLength(text) > maxBytes
      ? { line, text: null, tooLong: true }
      : { line, text };
  }

  for await (const chunk of stream) {
    yield* split(typeof chunk === "string" ? chunk : decoder.write(chunk));
  }
  yield* split(decoder.end());
  if (pieces.length > 0) {
    line++;
    const done = finish();
    if (done !== undefined) yield done;
  }
}
