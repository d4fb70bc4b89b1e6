import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { csvNumber, formatCsv, parseCsv } from "../../src/io/csv.ts";
import { DataError } from "../../src/io/errors.ts";

describe("parseCsv", () => {
  it("handles a BOM, CRLF, blank lines, trimming and a missing final newline", () => {
    const t = parseCsv("\uFEFFa, b\r\n\r\n 1 ,2\r\n3,4", "f.csv");
    expect(t.header).toEqual(["a", "b"]);
    expect(t.records()).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(Array.from({ length: t.length }, (_, r) => t.line(r))).toEqual([3, 4]);
  });

  it("reads quoted fields with commas, escaped quotes and line breaks, keeping line numbers", () => {
    const t = parseCsv('a,b\n"x, y","say ""hi""\nthere"\n5,6\n', "f.csv");
    expect(t.records()).toEqual([
      ["x, y", 'say "hi"\nthere'],
      ["5", "6"],
    ]);
    expect(Array.from({ length: t.length }, (_, r) => t.line(r))).toEqual([2, 4]);
  });

  it("finds a quoted field after plain lines, and plain lines after it", () => {
    const t = parseCsv('a,b\n1,2\n3,4\n"x,""y""",5\n6,7\n8,9', "f.csv");
    expect(t.records()).toEqual([
      ["1", "2"],
      ["3", "4"],
      ['x,"y"', "5"],
      ["6", "7"],
      ["8", "9"],
    ]);
    expect(Array.from({ length: t.length }, (_, r) => t.line(r))).toEqual([2, 3, 4, 5, 6]);
  });

  it("reports structural problems with their lines", () => {
    const fail = (text: string): string => {
      try {
        parseCsv(text, "f.csv");
      } catch (error) {
        expect(error).toBeInstanceOf(DataError);
        return (error as Error).message;
      }
      return "no error";
    };
    expect(fail("")).toMatch(/f\.csv: the file is empty/);
    expect(fail("a,a\n1,2")).toMatch(/f\.csv:1:2: duplicate column "a"/);
    expect(fail("a,b\n1\n")).toMatch(/f\.csv:2: expected 2 fields/);
    expect(fail('a,b\n"1,2\n')).toMatch(/f\.csv:2: quoted field is never closed/);
    expect(fail('a,b\n"1"x,2\n')).toMatch(/f\.csv:2: text after a closing quote/);
  });

  const cell = fc.string({
    unit: fc.constantFrom("a", "b", ",", '"', "\n", " ", "1", "é"),
    maxLength: 8,
  });
  test.prop([fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 20 })])(
    "parse(format(rows)) round-trips, spaces and quotes included",
    (rows) => {
      // a record of two empty cells is a blank line, which readers skip
      const kept = rows.filter(([x, y]) => `${x}${y}` !== "");
      const back = parseCsv(formatCsv(["x", "y"], kept), "p.csv");
      expect(back.records()).toEqual(kept);
    },
  );
});

describe("csvNumber", () => {
  it("writes numbers unrounded and non-finite values as empty cells", () => {
    expect(csvNumber(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(csvNumber(Number.POSITIVE_INFINITY)).toBe("");
    expect(csvNumber(Number.NaN)).toBe("");
    expect(csvNumber(null)).toBe("");
  });
});
