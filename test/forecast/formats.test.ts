/**
 * The forecast engine's readers and writer (src/forecast/formats): typed rows from a good file,
 * and every bad cell located as `file:line:column: field` (line 1 is the header), as the CLI
 * prints them.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  forecastCalls,
  forecastCsvChunks,
  formatForecastCsv,
  parseAdsCsv,
  parseForecastCsv,
  parseHistoryCsv,
  parseHolidaysCsv,
  parseOverridesCsv,
  readAdsCsv,
  readForecastCsv,
  readHistoryCsv,
  readHolidaysCsv,
  readOverridesCsv,
  type HistoryInterval,
} from "../../src/forecast/index.ts";
import { DataError, formatIssue } from "../../src/io/errors.ts";
import { locateRows } from "../../src/io/table-read.ts";
import { createZone } from "../../src/time/zone.ts";

/** The issues of the DataError that `read` throws, as the CLI prints them. */
function problems(read: () => unknown): string[] {
  try {
    read();
  } catch (error) {
    if (error instanceof DataError) return error.issues.map(formatIssue);
    throw error;
  }
  throw new Error("expected a DataError");
}

const at = (hour: number, minute = 0): number => Date.UTC(2025, 0, 6, hour, minute);

describe("history CSV", () => {
  it("reads queues, calls and an optional AHT", () => {
    const read = parseHistoryCsv(
      "start,queue,calls,aht_s\n2025-01-06T08:00:00Z,orders,12,180\n2025-01-06T09:00:00+01:00,vip,3,\n",
      "h.csv",
    );
    expect(read.file).toBe("h.csv");
    expect(read.warnings).toEqual([]);
    expect(read.rows).toEqual([
      { queue: "orders", startMs: at(8), calls: 12, ahtSeconds: 180 },
      { queue: "vip", startMs: at(8), calls: 3 },
    ]);
    expect(parseHistoryCsv("start,calls\n2025-01-06T08:00:00Z,1\n").rows[0]!.queue).toBe("");
  });

  it("locates bad cells and missing columns", () => {
    expect(
      problems(() =>
        parseHistoryCsv(
          "start,queue,calls,aht_s\n2025-01-06T08:00:00Z,a,-1,180\n2025-01-06T08:30:00,a,2,0\n",
          "h.csv",
        ),
      ),
    ).toEqual([
      'h.csv:2:3: calls: expected a number from 0 to 1e7 (got "-1")',
      'h.csv:3:1: start: no time-zone offset (add Z or +HH:MM, or read clock times in a zone with --local-times) (got "2025-01-06T08:30:00")',
      'h.csv:3:4: aht_s: expected a number of seconds from 1 to 86400 (got "0")',
    ]);
    expect(problems(() => parseHistoryCsv("queue,calls\na,1\n", "h.csv"))).toEqual([
      'h.csv:1: missing column "start" (columns: queue,calls)',
    ]);
  });

  it("gives the engine's errors about a row their place in the file (locateRows)", () => {
    const history = parseHistoryCsv(
      "start,calls\n2025-01-06T08:00:00Z,5\n2025-01-06T09:10:00Z,5\n2025-01-06T10:00:00Z,5\n",
      "h.csv",
    );
    const options = { start: Date.UTC(2025, 0, 7), days: 1, stepMinutes: 60 };
    expect(
      problems(() => {
        try {
          forecastCalls(history.rows, options);
        } catch (error) {
          throw error instanceof DataError ? locateRows(error, history) : error;
        }
      }),
    ).toEqual([
      'h.csv:3:1: start: does not start on the 60-minute grid of local time in UTC (got "2025-01-06T09:10:00Z")',
    ]);
  });
});

describe("ad log CSV", () => {
  it("reads aired and planned spots with their optional cells", () => {
    const read = parseAdsCsv(
      "air_time,channel,queue,grp,duration_s,planned_time\n" +
        "2025-01-06T08:00:00Z,TV1,,2.5,30,2025-01-06T07:58:00Z\n" +
        "2025-01-06T09:00:00Z,Radio,orders,,,\n",
    );
    expect(read.file).toBe("<input>");
    expect(read.rows).toEqual([
      { airMs: at(8), channel: "TV1", grp: 2.5, durationSeconds: 30, plannedMs: at(7, 58) },
      { airMs: at(9), channel: "Radio", queue: "orders" },
    ]);
  });

  it("locates bad cells (all of a row) and missing columns", () => {
    expect(
      problems(() =>
        parseAdsCsv(
          "air_time,channel,queue,grp,duration_s,planned_time\n" +
            "2025-01-06T08:00:00Z,TV1,,1,30,\n" +
            "soon,,q,-1,0,later\n",
          "ads.csv",
        ),
      ),
    ).toEqual([
      'ads.csv:3:1: air_time: expected an ISO-8601 date-time such as 2025-01-06T08:00:00Z (got "soon")',
      'ads.csv:3:2: channel: expected a channel name (got "")',
      'ads.csv:3:4: grp: expected a number from 0 to 10000 (got "-1")',
      'ads.csv:3:5: duration_s: expected a number of seconds above 0, at most 86400 (got "0")',
      'ads.csv:3:6: planned_time: expected an ISO-8601 date-time such as 2025-01-06T08:00:00Z (got "later")',
    ]);
    expect(problems(() => parseAdsCsv("air_time\n2025-01-06T08:00:00Z\n", "ads.csv"))).toEqual([
      'ads.csv:1: missing column "channel" (columns: air_time)',
    ]);
  });
});

describe("holidays CSV", () => {
  it("reads dates and optional names", () => {
    expect(parseHolidaysCsv("date,name\n2025-12-25,Christmas\n2025-12-26,\n").rows).toEqual([
      { date: "2025-12-25", name: "Christmas" },
      { date: "2025-12-26" },
    ]);
  });

  it("locates dates that are not calendar dates", () => {
    expect(problems(() => parseHolidaysCsv("name,date\nx,2025-02-30\ny,\n", "hol.csv"))).toEqual([
      'hol.csv:2:2: date: 2025-02-30 is not a calendar date (got "2025-02-30")',
      'hol.csv:3:2: date: expected a date such as 2025-01-06 (got "")',
    ]);
  });
});

describe("overrides CSV", () => {
  it("reads factors and totals, for one queue or all", () => {
    const read = parseOverridesCsv(
      "start,end,queue,factor,calls\n" +
        "2025-01-06T08:00:00Z,2025-01-06T10:00:00Z,orders,1.5,\n" +
        "2025-01-06T12:00:00Z,2025-01-06T13:00:00Z,,,40\n",
    );
    expect(read.rows).toEqual([
      { startMs: at(8), endMs: at(10), queue: "orders", factor: 1.5 },
      { startMs: at(12), endMs: at(13), calls: 40 },
    ]);
  });

  it("locates bad cells and a file without a factor or calls column", () => {
    expect(
      problems(() =>
        parseOverridesCsv(
          "start,end,factor,calls\n" +
            "2025-01-06T08:00:00Z,2025-01-06T07:00:00Z,2,\n" +
            "2025-01-06T08:00:00Z,2025-01-06T09:00:00Z,1,2\n" +
            "2025-01-06T08:00:00Z,2025-01-06T09:00:00Z,101,\n" +
            "2025-01-06T08:00:00Z,2025-01-06T09:00:00Z,,2e7\n" +
            "2025-01-06T08:00:00Z,2025-01-06T09:00:00Z,,\n",
          "o.csv",
        ),
      ),
    ).toEqual([
      'o.csv:2:2: end: must be after start (got "2025-01-06T07:00:00Z")',
      'o.csv:3:3: factor: give a factor or calls, not both (got "1")',
      'o.csv:4:3: factor: expected a number from 0 to 100 (got "101")',
      'o.csv:5:4: calls: expected a number from 0 to 1e7 (got "2e7")',
      'o.csv:6:3: factor: expected a factor or calls (got "")',
    ]);
    expect(
      problems(() => parseOverridesCsv("start,queue\n2025-01-06T08:00:00Z,a\n", "o.csv")),
    ).toEqual([
      'o.csv:1: missing column "end" (columns: start,queue)',
      'o.csv:1: expected a "factor" or a "calls" column (columns: start,queue)',
    ]);
  });
});

describe("forecast CSV", () => {
  const history: HistoryInterval[] = [];
  for (let day = 0; day < 21; day++) {
    for (let h = 8; h < 12; h++) {
      const startMs = Date.UTC(2025, 0, 6 + day, h);
      history.push({ queue: "orders", startMs, calls: 10 + h + (day % 7), ahtSeconds: 200 + h });
      history.push({ queue: "vip, gold", startMs, calls: 2 + (h % 2) });
    }
  }

  it("writes what it reads back, local times with their offset", () => {
    const result = forecastCalls(history, {
      start: Date.UTC(2025, 0, 27, -1),
      days: 2,
      timeZone: "Europe/Berlin",
    });
    const text = formatForecastCsv(result);
    expect(text.split("\n")[0]).toBe("start,queue,calls,calls_p10,calls_p90,aht_s");
    expect(text).toContain('2025-01-27T09:00:00+01:00,"vip, gold",');
    expect([...forecastCsvChunks(result)].join("")).toBe(text);
    const read = parseForecastCsv(text, "f.csv");
    expect(read.rows).toHaveLength(result.rows.length);
    read.rows.forEach((row, i) => {
      const r = result.rows[i]!;
      expect(row).toEqual({
        queue: r.queue,
        startMs: r.startMs,
        calls: r.calls,
        p10: r.p10,
        p90: r.p90,
        ...(r.ahtSeconds === undefined ? {} : { ahtSeconds: r.ahtSeconds }),
      });
    });
  });

  it("reads a forecast without percentiles or AHT", () => {
    expect(parseForecastCsv("start,calls\n2025-01-06T08:00:00Z,4.5\n").rows).toEqual([
      { queue: "", startMs: at(8), calls: 4.5 },
    ]);
  });

  it("writes 1,024 lines a chunk and refuses a number that is not finite", () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      queue: "q",
      startMs: at(0) + i * 900_000,
      calls: 1,
      p10: 0,
      p90: 2,
    }));
    const result = { rows, models: [], warnings: [], zone: createZone("UTC"), intervalMinutes: 15 };
    expect([...forecastCsvChunks(result)].map((c) => c.split("\n").length - 1)).toEqual([
      1024, 977,
    ]);
    rows[5] = { ...rows[5]!, p90: Number.POSITIVE_INFINITY };
    expect(() => formatForecastCsv(result)).toThrow(
      "the forecast's calls_p90 is Infinity, not a finite number",
    );
  });

  it("locates bad cells, the percentiles' too", () => {
    expect(
      problems(() =>
        parseForecastCsv("start,queue,calls\n2025-01-06T08:00:00Z,a,x\n", "forecast.csv"),
      ),
    ).toEqual(['forecast.csv:2:3: calls: expected a number from 0 to 1e7 (got "x")']);
    expect(
      problems(() =>
        parseForecastCsv(
          "start,queue,calls,calls_p10,calls_p90\n" +
            "2025-01-06T08:00:00Z,a,3,1,5\n" +
            "2025-01-06T08:15:00Z,a,3,-2,\n",
          "forecast.csv",
        ),
      ),
    ).toEqual([
      'forecast.csv:3:4: calls_p10: expected a number from 0 to 1e7 (got "-2")',
      'forecast.csv:3:5: calls_p90: expected a number from 0 to 1e7 (got "")',
    ]);
  });
});

describe("reading paths and stdin", () => {
  it("reads each format from a path, and from `-` with the stream given", async () => {
    const dir = mkdtempSync(join(tmpdir(), "staffcast-formats-"));
    const file = (name: string, text: string): string => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const history = await readHistoryCsv(file("h.csv", "start,calls\n2025-01-06T08:00:00Z,7\n"));
    expect(history.rows).toEqual([{ queue: "", startMs: at(8), calls: 7 }]);
    expect(history.file).toBe(join(dir, "h.csv"));
    const ads = await readAdsCsv(file("a.csv", "air_time,channel\n2025-01-06T08:00:00Z,TV\n"));
    expect(ads.rows).toEqual([{ airMs: at(8), channel: "TV" }]);
    const holidays = await readHolidaysCsv(file("d.csv", "date\n2025-12-25\n"));
    expect(holidays.rows).toEqual([{ date: "2025-12-25" }]);
    const overrides = await readOverridesCsv(
      file("o.csv", "start,end,factor\n2025-01-06T08:00:00Z,2025-01-06T09:00:00Z,0\n"),
    );
    expect(overrides.rows).toEqual([{ startMs: at(8), endMs: at(9), factor: 0 }]);
    const forecast = await readForecastCsv("-", {
      stdin: Readable.from(["start,calls,calls_p90\n2025-01-06T08:00:00Z,1,3\n"]),
    });
    expect(forecast.file).toBe("<stdin>");
    expect(forecast.rows).toEqual([{ queue: "", startMs: at(8), calls: 1, p90: 3 }]);
    await expect(
      readHistoryCsv("-", { stdin: Readable.from(["start,calls\n2025-01-06T08:00:00Z,x\n"]) }),
    ).rejects.toThrow('<stdin>:2:2: calls: expected a number from 0 to 1e7 (got "x")');
  });
});
