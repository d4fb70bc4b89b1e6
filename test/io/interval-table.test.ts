import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/io/csv.ts";
import { DataError } from "../../src/io/errors.ts";
import { parseNumberCell, readIntervalColumns } from "../../src/io/interval-table.ts";

/** The grammar numeric cells must follow (decimal notation only). */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

describe("parseNumberCell", () => {
  it.each([
    ["12", 12],
    ["-0.5", -0.5],
    ["+.5", 0.5],
    ["5.", 5],
    ["1.5e3", 1500],
    ["2E-2", 0.02],
  ])("reads %j", (text, value) => {
    expect(parseNumberCell(text)).toBe(value);
  });

  it.each([
    "",
    " ",
    "0x10",
    "0b1",
    "0o7",
    "Infinity",
    "-Infinity",
    "NaN",
    "1,5",
    "1e",
    "12 ",
    " 1",
    "1_000",
    "--1",
  ])("rejects %j", (text) => {
    expect(parseNumberCell(text)).toBeUndefined();
  });

  test.prop([
    fc.string({
      unit: fc.constantFrom("0", "1", "9", ".", "e", "E", "+", "-", "x", "b", "o", " ", "I", "n"),
      maxLength: 8,
    }),
  ])("accepts exactly the decimal grammar", (text) => {
    const v = parseNumberCell(text);
    if (DECIMAL.test(text) && Number.isFinite(Number(text))) expect(v).toBe(Number(text));
    else expect(v).toBeUndefined();
  });
});

describe("readIntervalColumns", () => {
  it("reads rows into columns, NaN marking empty optional cells", () => {
    const t = parseCsv(
      "start,queue,calls,aht_s,shrinkage\n2025-01-06T08:00:00Z,a,10,180,\n2025-01-06T08:15:00+01:00,b,0,,0.3\n",
      "f.csv",
    );
    const c = readIntervalColumns(t, "f.csv");
    expect(c.queue).toEqual(["a", "b"]);
    expect([...c.startMs]).toEqual([Date.UTC(2025, 0, 6, 8), Date.UTC(2025, 0, 6, 7, 15)]);
    expect([...c.calls]).toEqual([10, 0]);
    expect([...c.ahtSeconds]).toEqual([180, Number.NaN]);
    expect([...c.shrinkage]).toEqual([Number.NaN, 0.3]);
  });

  it("names file, line, column and field of every bad cell", () => {
    const t = parseCsv("start,calls,aht_s\n2025-01-06T08:00:00Z,-1,0\nmonday,x,60\n", "f.csv");
    let message = "";
    try {
      readIntervalColumns(t, "f.csv");
    } catch (error) {
      expect(error).toBeInstanceOf(DataError);
      message = (error as Error).message;
    }
    expect(message).toContain('f.csv:2:2: calls: expected a number from 0 to 1e7 (got "-1")');
    expect(message).toContain(
      'f.csv:2:3: aht_s: expected a number of seconds from 1 to 86400 (got "0")',
    );
    expect(message).toContain("f.csv:3:1: start: expected an ISO-8601 date-time");
    expect(message).toContain('f.csv:3:2: calls: expected a number from 0 to 1e7 (got "x")');
  });
});
