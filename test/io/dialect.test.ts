/**
 * CSV files as people have them, rewritten into staffcast's own CSV: delimiters, mapped
 * columns, local clock times (with the daylight-saving policy), date-fns patterns, h:mm:ss,
 * decimal commas, percent cells and "-". Expected instants are worked out by hand from the
 * zones' published offsets (Asia/Shanghai UTC+8 all year; America/New_York EST -5 / EDT -4,
 * changing 2025-03-09 02:00 and 2025-11-02 02:00; Europe/Berlin CET +1 in March 2025 before
 * the 30th).
 */
import { describe, expect, it } from "vitest";
import {
  delimiterHint,
  detectDelimiter,
  instantsOfLocalTime,
  normalizeCsv,
  type FormatFields,
} from "../../src/io/dialect.ts";
import { DataError, formatIssue } from "../../src/io/errors.ts";
import { createZone } from "../../src/time/zone.ts";

const HISTORY: FormatFields = {
  kinds: { start: "instant", calls: "number", aht_s: "seconds", service_level: "fraction" },
  keys: ["queue"],
};

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof DataError) return error.issues.map(formatIssue);
    throw error;
  }
  throw new Error("expected a DataError");
}

describe("detectDelimiter", () => {
  it("picks the candidate seen most in the header, outside quotes", () => {
    expect(detectDelimiter("start,queue,calls\n")).toBe(",");
    expect(detectDelimiter("\uFEFFInterval;Queue;Offered\r\n1;2;3")).toBe(";");
    expect(detectDelimiter("a\tb\tc\n")).toBe("\t");
    expect(detectDelimiter("a|b|c")).toBe("|");
    expect(detectDelimiter('"x;y;z",b\n')).toBe(",");
    expect(detectDelimiter("calls\n")).toBe(",");
  });

  it("hints at the delimiter a header read with commas seems to use", () => {
    expect(delimiterHint(["Interval;Queue;Offered"])).toBe(
      'it seems to use ";" between fields: give --delimiter ";"',
    );
    expect(delimiterHint(["start", "calls"])).toBeUndefined();
  });
});

describe("normalizeCsv", () => {
  it("reads the new user's export: ';', BOM, CRLF, local Shanghai times, h:mm:ss, mapping", () => {
    const text =
      "\uFEFFInterval;Queue;Offered;Handled;AHT;Abandoned\r\n" +
      "2025-02-03 08:00;orders;120;112;00:04:20;8\r\n" +
      "2025-02-03 08:15;orders;-;;0:03:05.5;0\r\n";
    const out = normalizeCsv(text, "export.csv", HISTORY, {
      columns: { start: "Interval", queue: "Queue", calls: "Offered", aht_s: "AHT" },
      localTimes: true,
      timeZone: "Asia/Shanghai",
    });
    expect(out).toBe(
      "start,queue,calls,Handled,aht_s,Abandoned\n" +
        "2025-02-03T00:00:00Z,orders,120,112,260,8\n" +
        "2025-02-03T00:15:00Z,orders,,,185.5,0\n",
    );
  });

  it("returns a plain staffcast CSV unchanged", () => {
    const text = "start,calls\n2025-01-06T08:00:00Z,12\n";
    expect(normalizeCsv(text, "f.csv", HISTORY)).toBe(text);
  });

  it("repeats an autumn hour in order of appearance, per queue; refuses a spring gap", () => {
    const dialect = { localTimes: true, timeZone: "America/New_York" } as const;
    const autumn =
      "start,queue,calls\n" +
      "2025-11-02 01:30,a,1\n2025-11-02 01:30,b,2\n2025-11-02 01:30,a,3\n2025-11-02 01:30,b,4\n";
    expect(normalizeCsv(autumn, "f.csv", HISTORY, dialect)).toBe(
      "start,queue,calls\n" +
        "2025-11-02T05:30:00Z,a,1\n2025-11-02T05:30:00Z,b,2\n" +
        "2025-11-02T06:30:00Z,a,3\n2025-11-02T06:30:00Z,b,4\n",
    );
    const spring = "start,queue,calls\n2025-03-09 01:30,a,1\n2025-03-09 02:30,a,2\n";
    expect(issuesOf(() => normalizeCsv(spring, "f.csv", HISTORY, dialect))).toEqual([
      'f.csv:3:1: start: "2025-03-09 02:30" does not exist in America/New_York (the clocks skip it on that day) (got "2025-03-09 02:30")',
    ]);
  });

  it("refuses impossible local dates and years before 1900, as the offset times are", () => {
    const dialect = { localTimes: true, timeZone: "Europe/Berlin" } as const;
    const text = "start,calls\n2025-02-30 08:00,1\n0050-01-01 08:00,2\n2025-01-06 08:00,3\n";
    const issues = issuesOf(() => normalizeCsv(text, "f.csv", HISTORY, dialect));
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatch(/^f\.csv:2:1: start: /);
    expect(issues[1]).toMatch(/^f\.csv:3:1: start: /);
  });

  it("reads date-fns patterns, local or with their own offset", () => {
    const text = "start,calls\n3/17/2025 8:00 AM,1\n3/17/2025 1:15 PM,2\n";
    expect(
      normalizeCsv(text, "f.csv", HISTORY, {
        timeFormat: "M/d/yyyy h:mm a",
        localTimes: true,
        timeZone: "Europe/Berlin",
      }),
    ).toBe("start,calls\n2025-03-17T07:00:00Z,1\n2025-03-17T12:15:00Z,2\n");
    expect(
      normalizeCsv("start,calls\n17.03.2025 08:00 +0100,1\n", "f.csv", HISTORY, {
        timeFormat: "dd.MM.yyyy HH:mm xx",
      }),
    ).toBe("start,calls\n2025-03-17T07:00:00Z,1\n");
    expect(
      issuesOf(() => normalizeCsv(text, "f.csv", HISTORY, { timeFormat: "M/d/yyyy h:mm a" })),
    ).toEqual([
      'f.csv:2:1: start: no time-zone offset: add --local-times to read it in --tz (got "3/17/2025 8:00 AM")',
      'f.csv:3:1: start: no time-zone offset: add --local-times to read it in --tz (got "3/17/2025 1:15 PM")',
    ]);
    expect(
      issuesOf(() =>
        normalizeCsv("start,calls\n2025-03-17,1\n", "f.csv", HISTORY, {
          timeFormat: "M/d/yyyy h:mm a",
          localTimes: true,
        }),
      ),
    ).toEqual(['f.csv:2:1: start: expected a time like "M/d/yyyy h:mm a" (got "2025-03-17")']);
  });

  it("reads decimal commas and percent fractions; refuses a percent count", () => {
    const text = 'start;calls;aht_s;service_level\n2025-01-06T08:00Z;"4,5";1:00:00;88,14%\n';
    expect(normalizeCsv(text, "f.csv", HISTORY, { decimalComma: true })).toBe(
      "start,calls,aht_s,service_level\n2025-01-06T08:00Z,4.5,3600,0.8814\n",
    );
    expect(
      issuesOf(() => normalizeCsv("start;calls\n2025-01-06T08:00Z;50%\n", "f.csv", HISTORY, {})),
    ).toEqual(['f.csv:2:2: calls: a percent where a count or amount is expected (got "50%")']);
  });

  it("keeps every record on its line, across quoted line breaks and blank lines", () => {
    const text = 'queue;start;calls\n"two\nlines";2025-01-06T08:00Z;1\n\nq;2025-01-06T08:15Z;x\n';
    const out = normalizeCsv(text, "f.csv", HISTORY, {});
    expect(out.split("\n")[4]).toBe("q,2025-01-06T08:15Z,x");
  });

  it("names a mapped column the header lacks, and keeps a clashing one apart", () => {
    expect(
      issuesOf(() =>
        normalizeCsv("Interval,calls\n", "f.csv", HISTORY, { columns: { start: "Start time" } }),
      ),
    ).toEqual([
      'f.csv:1: column "Start time" (given for start) is not in the header (columns: Interval,calls)',
    ]);
    expect(
      normalizeCsv("start,Begin,calls\nx,2025-01-06T08:00Z,1\n", "f.csv", HISTORY, {
        columns: { start: "Begin" },
      }),
    ).toBe("start (not used),start,calls\nx,2025-01-06T08:00Z,1\n");
  });

  it("maps one header to several names: copies after the file's columns", () => {
    const text = "Interval;Offered;AHT\n2025-03-09 01:30;12;0:04:20\n2025-03-09 03:00;x;4\n";
    const dialect = {
      columns: { start: "Interval", calls: "Offered", offered: "Offered", aht_s: "AHT" },
      localTimes: true,
      timeZone: "America/New_York",
    };
    const fields: FormatFields = { kinds: { ...HISTORY.kinds, offered: "number" } };
    expect(normalizeCsv(text.replace(";x;", ";13;"), "f.csv", fields, dialect)).toBe(
      "start,calls,aht_s,offered\n2025-03-09T06:30:00Z,12,260,12\n2025-03-09T07:00:00Z,13,4,13\n",
    );
    // a copied instant is converted once: a repeated local hour is not counted twice
    const twice = normalizeCsv(
      "When;N\n2025-11-02 01:30;1\n2025-11-02 01:30;2\n",
      "f.csv",
      { kinds: { start: "instant", end: "instant" } },
      { columns: { start: "When", end: "When" }, localTimes: true, timeZone: "America/New_York" },
    );
    expect(twice).toBe(
      "start,N,end\n2025-11-02T05:30:00Z,1,2025-11-02T05:30:00Z\n2025-11-02T06:30:00Z,2,2025-11-02T06:30:00Z\n",
    );
    // a bad cell is reported once, at the source column
    const percent = "Interval;Offered\n2025-01-06 08:00;5%\n";
    expect(
      issuesOf(() =>
        normalizeCsv(percent, "f.csv", fields, {
          columns: { calls: "Offered", offered: "Offered", start: "Interval" },
        }),
      ),
    ).toEqual(['f.csv:2:2: calls: a percent where a count or amount is expected (got "5%")']);
  });

  it("reads tab-separated files with an empty first field", () => {
    expect(normalizeCsv("queue\tstart\tcalls\n\t2025-01-06T08:00Z\t1\n", "f.tsv", HISTORY)).toBe(
      "queue,start,calls\n,2025-01-06T08:00Z,1\n",
    );
  });
});

describe("instantsOfLocalTime", () => {
  it("finds none in a gap, two in a repeated hour, one otherwise", () => {
    const ny = createZone("America/New_York");
    expect(instantsOfLocalTime(Date.UTC(2025, 2, 9, 2, 30), ny)).toEqual([]);
    expect(instantsOfLocalTime(Date.UTC(2025, 10, 2, 1, 30), ny)).toEqual([
      Date.UTC(2025, 10, 2, 5, 30),
      Date.UTC(2025, 10, 2, 6, 30),
    ]);
    expect(instantsOfLocalTime(Date.UTC(2025, 0, 6, 8), ny)).toEqual([Date.UTC(2025, 0, 6, 13)]);
  });
});

describe("the format readers read other dialects", () => {
  it("reads the new user's export as history, locating errors in the original file", async () => {
    const { parseHistoryCsv } = await import("../../src/forecast/index.ts");
    const dialect = {
      columns: { start: "Interval", queue: "Queue", calls: "Offered", aht_s: "AHT" },
      localTimes: true,
      timeZone: "Asia/Shanghai",
    };
    const text =
      "\uFEFFInterval;Queue;Offered;Handled;AHT;Abandoned\r\n" +
      "2025-02-03 08:00;orders;120;112;00:04:20;8\r\n" +
      "2025-02-03 08:15;orders;97;90;00:03:10;7\r\n";
    expect(parseHistoryCsv(text, "export.csv", { dialect }).rows).toEqual([
      { queue: "orders", startMs: Date.UTC(2025, 1, 3, 0), calls: 120, ahtSeconds: 260 },
      { queue: "orders", startMs: Date.UTC(2025, 1, 3, 0, 15), calls: 97, ahtSeconds: 190 },
    ]);
    const bad = text.replace(";97;", ";lots;");
    expect(issuesOf(() => parseHistoryCsv(bad, "export.csv", { dialect }))[0]).toMatch(
      /^export\.csv:3:3: calls: .*\(got "lots"\)$/,
    );
    // without --local-times the reader says what to add
    expect(
      issuesOf(() =>
        parseHistoryCsv(text, "export.csv", { dialect: { ...dialect, localTimes: false } }),
      )[0],
    ).toMatch(/^export\.csv:2:1: start: no time-zone offset/);
  });

  it("says which delimiter a header seems to use when told another", async () => {
    const { parseHistoryCsv } = await import("../../src/forecast/index.ts");
    expect(
      issuesOf(() =>
        parseHistoryCsv("start;calls\n2025-01-06T08:00Z;1\n", "f.csv", {
          dialect: { delimiter: "," },
        }),
      )[0],
    ).toBe(
      'f.csv:1: missing column "start" (columns: start;calls): it seems to use ";" between fields: give --delimiter ";"',
    );
  });
});
