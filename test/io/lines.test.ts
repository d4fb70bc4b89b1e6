/**
 * readLines: lines pulled from a stream, CRLF, UTF-8 split across chunks, a last line without a
 * newline, over-long lines skipped with their line numbers kept, and reading only when asked.
 */
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readLines, type LineRead } from "../../src/io/lines.ts";

/** Everything readLines yields for the given chunks. */
async function all(
  chunks: readonly (string | Buffer)[],
  maxLineBytes?: number,
): Promise<LineRead[]> {
  const out: LineRead[] = [];
  const stream = Readable.from(chunks, { objectMode: false });
  for await (const l of readLines(stream, maxLineBytes === undefined ? {} : { maxLineBytes }))
    out.push(l);
  return out;
}

describe("readLines", () => {
  it("splits on \\n, strips a \\r before it, and keeps empty lines' numbers", async () => {
    expect(await all(["a\r\nbb\n", "\r\nc\n\nd\r\n"])).toEqual([
      { line: 1, text: "a" },
      { line: 2, text: "bb" },
      { line: 3, text: "" },
      { line: 4, text: "c" },
      { line: 5, text: "" },
      { line: 6, text: "d" },
    ]);
  });

  it("joins a line and a CRLF split across chunks", async () => {
    expect(await all(["ab", "c\r", "\nde", "f\n"])).toEqual([
      { line: 1, text: "abc" },
      { line: 2, text: "def" },
    ]);
  });

  it("decodes multi-byte UTF-8 characters split across chunks", async () => {
    const bytes = Buffer.from("Zoë 🙂\nAndré\n", "utf8");
    // every split point, the ones inside a character included
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await all([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual([
        { line: 1, text: "Zoë 🙂" },
        { line: 2, text: "André" },
      ]);
    }
    // one byte at a time
    const single = [...bytes].map((b) => Buffer.from([b]));
    expect((await all(single)).map((l) => l.text)).toEqual(["Zoë 🙂", "André"]);
  });

  it("yields a last line without a newline, but no empty one after the last newline", async () => {
    expect(await all(["a\nlast"])).toEqual([
      { line: 1, text: "a" },
      { line: 2, text: "last" },
    ]);
    expect(await all(["a\n"])).toEqual([{ line: 1, text: "a" }]);
    expect(await all([])).toEqual([]);
  });

  it("reports a line longer than the limit once, skips it, and keeps counting lines", async () => {
    const long = "x".repeat(25);
    const chunks = ["ok\n", long.slice(0, 10), long.slice(10), "\nfine\n", long, "\r\n", "end"];
    expect(await all(chunks, 12)).toEqual([
      { line: 1, text: "ok" },
      { line: 2, text: null, tooLong: true },
      { line: 3, text: "fine" },
      { line: 4, text: null, tooLong: true },
      { line: 5, text: "end" },
    ]);
  });

  it("counts the limit in UTF-8 bytes, without the line end", async () => {
    // "é" is 2 bytes: 6 bytes fit a limit of 6, 8 do not; a CRLF does not count
    expect(await all(["ééé\r\néééé\n"], 6)).toEqual([
      { line: 1, text: "ééé" },
      { line: 2, text: null, tooLong: true },
    ]);
    expect(await all(["abcdefg"], 6)).toEqual([{ line: 1, text: null, tooLong: true }]);
    expect(await all(["abcdef\r"], 6)).toEqual([{ line: 1, text: "abcdef" }]);
  });

  it("skips an over-long line that arrives in many chunks, and goes on after it", async () => {
    let produced = 0;
    function* huge(): Generator<string> {
      for (let i = 0; i < 1000; i++) {
        produced++;
        yield "y".repeat(1024);
      }
      yield "\nafter\n";
    }
    const lines: LineRead[] = [];
    for await (const l of readLines(Readable.from(huge(), { objectMode: false }), {
      maxLineBytes: 4096,
    }))
      lines.push(l);
    expect(produced).toBe(1000);
    expect(lines).toEqual([
      { line: 1, text: null, tooLong: true },
      { line: 2, text: "after" },
    ]);
  });

  it("pulls chunks only as lines are asked for", async () => {
    let produced = 0;
    function* many(): Generator<string> {
      for (let i = 0; i < 10_000; i++) {
        produced++;
        yield `line ${i}\n`;
      }
    }
    const lines = readLines(Readable.from(many()));
    const first = await lines.next();
    expect(first.value).toEqual({ line: 1, text: "line 0" });
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(produced).toBeLessThan(100); // the stream's small buffer, not the whole input
    await lines.return();
  });
});
