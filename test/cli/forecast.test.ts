/**
 * `staffcast forecast` and `staffcast backtest`: the contracts, local times, adjustments and
 * errors.
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/io/csv.ts";
import { runCli } from "../support/cli.ts";
import { expectClose } from "../support/approx.ts";

const ex = "examples/tv-shopping";
const example = [
  "forecast",
  "--history",
  `${ex}/history.csv`,
  "--ads",
  `${ex}/ads.csv`,
  "--holidays",
  `${ex}/holidays.csv`,
  "--start",
  "2003-10-20T00:00:00Z",
  "--days",
  "7",
];

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "staffcast-fc-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Calls of the half hour h (16 = 08:00) in the small history. */
const small = (h: number): number => 100 + 10 * (h % 3);

/** Weeks of a small 30-minute history, 08:00-12:00, Monday 2025-01-06 onwards. */
function smallHistory(weeks = 2, queue = "a"): string {
  const lines = ["start,queue,calls"];
  for (let d = 0; d < 7 * weeks; d++) {
    for (let h = 16; h < 24; h++) {
      const t = Date.UTC(2025, 0, 6 + d) + h * 1_800_000;
      lines.push(`${new Date(t).toISOString().replace(".000Z", "Z")},${queue},${small(h)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

describe("staffcast forecast (contract)", () => {
  it("matches the golden output for the TV-shopping example", async () => {
    const r = await runCli(example);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot("../golden/forecast-tv-shopping.csv");
    expect(r.stderr).toMatch(/warning: no history for Saturdays/);
  });

  it("writes start,queue,calls,calls_p10,calls_p90,aht_s: one row per queue per interval", async () => {
    const out = parseCsv((await runCli(example)).stdout, "out.csv");
    expect(out.header).toEqual(["start", "queue", "calls", "calls_p10", "calls_p90", "aht_s"]);
    expect(out.length).toBe(3 * 7 * 96); // orders, vip, aftersales
    const records = out.records();
    expect(new Set(records.map((r) => r[1]))).toEqual(new Set(["orders", "vip", "aftersales"]));
    expect(records[0]![0]).toBe("2003-10-20T00:00:00Z");
    expect(records[records.length - 1]![0]).toBe("2003-10-26T23:45:00Z");
    for (const [, , calls, p10, p90] of records) {
      expect(Number(p10)).toBeLessThanOrEqual(Number(calls) + 1);
      expect(Number(p90)).toBeGreaterThanOrEqual(Number(calls) - 1);
    }
  });

  it("aggregates to --interval and writes local offsets with --tz", async () => {
    const r = await runCli([
      ...example.slice(0, -4),
      "--start",
      "2003-10-20",
      "--days",
      "1",
      "--interval",
      "1h",
      "--tz",
      "America/New_York",
    ]);
    expect(r.code).toBe(0);
    const out = parseCsv(r.stdout, "out.csv").records();
    expect(out.length).toBe(3 * 24);
    expect(out[0]![0]).toBe("2003-10-20T00:00:00-04:00");
  });

  it("--actuals-until reforecasts the rest of the day from today's actuals", async () => {
    const history = smallHistory(3);
    // day 15 (Tuesday of week 3) is in the history: take its morning as today's actuals, doubled
    const doubled = history
      .split("\n")
      .map((line) =>
        line.startsWith("2025-01-21T08") || line.startsWith("2025-01-21T09")
          ? line.replace(/,(\d+)$/, (_, c: string) => `,${2 * Number(c)}`)
          : line,
      )
      .join("\n");
    const dir = tempDir({ "h.csv": doubled });
    const base = [
      "forecast",
      "--history",
      join(dir, "h.csv"),
      "--start",
      "2025-01-21T00:00:00Z",
      "--days",
      "1",
    ];
    const before = parseCsv((await runCli(base)).stdout, "o").records();
    const after = parseCsv(
      (await runCli([...base, "--actuals-until", "2025-01-21T10:00:00Z"])).stdout,
      "o",
    ).records();
    const at = (rows: string[][], time: string) => Number(rows.find((r) => r[0] === time)![2]);
    // elapsed intervals report the actuals
    expect(at(after, "2025-01-21T08:00:00Z")).toBe(2 * small(16));
    expect(at(after, "2025-01-21T09:30:00Z")).toBe(2 * small(19));
    // the rest of the day moves up towards the doubled level
    expect(at(after, "2025-01-21T11:00:00Z")).toBeGreaterThan(
      1.5 * at(before, "2025-01-21T11:00:00Z"),
    );
  });

  it("applies overrides (factor, or calls spread by the model's shape) and holidays", async () => {
    const dir = tempDir({
      "h.csv": smallHistory(3),
      "o.csv":
        "start,end,queue,factor,calls\n2025-01-27T08:00:00Z,2025-01-27T10:00:00Z,a,2,\n2025-01-28T08:00:00Z,2025-01-28T12:00:00Z,,,100\n",
      "hol.csv": "date,name\n2025-01-13,Founders Day\n2025-01-29,Founders Day\n",
    });
    // remove 2025-01-13 from the history: the holiday was closed
    const h = smallHistory(3)
      .split("\n")
      .filter((l) => !l.startsWith("2025-01-13"))
      .join("\n");
    writeFileSync(join(dir, "h.csv"), h);
    const base = [
      "forecast",
      "--history",
      join(dir, "h.csv"),
      "--start",
      "2025-01-27",
      "--days",
      "3",
    ];
    const plain = parseCsv((await runCli(base)).stdout, "o").records();
    const adjusted = parseCsv(
      (
        await runCli([
          ...base,
          "--overrides",
          join(dir, "o.csv"),
          "--holidays",
          join(dir, "hol.csv"),
        ])
      ).stdout,
      "o",
    ).records();
    const sum = (rows: string[][], from: string, to: string) =>
      rows.filter((r) => r[0]! >= from && r[0]! < to).reduce((a, r) => a + Number(r[2]), 0);
    expectClose(
      sum(adjusted, "2025-01-27T08", "2025-01-27T10"),
      2 * sum(plain, "2025-01-27T08", "2025-01-27T10"),
      { rel: 1e-12 },
    );
    expectClose(sum(adjusted, "2025-01-28T08", "2025-01-28T12"), 100, { rel: 1e-12 });
    expect(sum(adjusted, "2025-01-29", "2025-01-30")).toBe(0); // Founders Day: closed last time
    expect(sum(plain, "2025-01-29", "2025-01-30")).toBeGreaterThan(0);
  });

  it("ignores history rows at or after --start", async () => {
    const dir = tempDir({ "h.csv": smallHistory(3) });
    const r1 = await runCli([
      "forecast",
      "--history",
      join(dir, "h.csv"),
      "--start",
      "2025-01-20",
      "--days",
      "1",
    ]);
    const cut = smallHistory(3)
      .split("\n")
      .filter((l) => l === "" || l.startsWith("start") || l < "2025-01-20")
      .join("\n");
    writeFileSync(join(dir, "cut.csv"), cut);
    const r2 = await runCli([
      "forecast",
      "--history",
      join(dir, "cut.csv"),
      "--start",
      "2025-01-20",
      "--days",
      "1",
    ]);
    expect(r1.stdout).toBe(r2.stdout);
  });
});

describe("staffcast forecast (bad input)", () => {
  const cases: [string, Record<string, string>, string[], RegExp, number][] = [
    [
      "bad history cell",
      { "h.csv": "start,queue,calls\n2025-01-06T08:00:00Z,a,5\n2025-01-06T08:30:00Z,a,-1\n" },
      [],
      /h\.csv:3:3: calls: expected a number from 0 to 1e7 \(got "-1"\)/,
      65,
    ],
    [
      "history start without offset",
      { "h.csv": "start,calls\n2025-01-06T08:00:00,5\n" },
      [],
      /h\.csv:2:1: start: no time-zone offset/,
      65,
    ],
    [
      "history off the grid",
      {
        "h.csv":
          "start,calls\n2025-01-06T08:00:00Z,5\n2025-01-06T09:00:00Z,5\n2025-01-06T10:00:00Z,5\n",
      },
      ["--tz", "Asia/Kolkata"],
      /h\.csv:2:1: start: does not start on the 60-minute grid of local time in Asia\/Kolkata/,
      65,
    ],
    [
      "bad ad row",
      {
        "h.csv": smallHistory(),
        "ads.csv": "air_time,channel,grp\n2025-01-06T09:00:00Z,TV,1\nsoon,TV,x\n",
      },
      ["--ads", "ADS"],
      /ads\.csv:3:1: air_time: expected an ISO-8601 date-time.*\n.*ads\.csv:3:3: grp: expected a number from 0 to 10000/,
      65,
    ],
    [
      "missing ad column",
      { "h.csv": smallHistory(), "ads.csv": "time,channel\n" },
      ["--ads", "ADS"],
      /ads\.csv:1: missing column "air_time"/,
      65,
    ],
    [
      "bad holiday",
      { "h.csv": smallHistory(), "hol.csv": "date\n2025-02-30\n" },
      ["--holidays", "HOL"],
      /hol\.csv:2:1: date: 2025-02-30 is not a calendar date/,
      65,
    ],
    [
      "bad override",
      {
        "h.csv": smallHistory(),
        "o.csv": "start,end,factor\n2025-01-20T08:00:00Z,2025-01-20T07:00:00Z,2\n",
      },
      ["--overrides", "OV"],
      /o\.csv:2:2: end: must be after start/,
      65,
    ],
    [
      "unknown zone",
      { "h.csv": smallHistory() },
      ["--tz", "Europe/Atlantis"],
      /--tz: unknown time zone/,
      2,
    ],
    [
      "start off the grid",
      { "h.csv": smallHistory() },
      ["--start", "2025-01-20T08:10:00Z"],
      /start is not on the 30-minute grid/,
      2,
    ],
    [
      "bad --days",
      { "h.csv": smallHistory() },
      ["--days", "0"],
      /--days <n>.*must be a whole number from 1 to 366/,
      2,
    ],
  ];
  it.each(cases)("%s", async (_name, files, extra, message, code) => {
    const dir = tempDir(files);
    const out = join(dir, "out.csv");
    const args = [
      "forecast",
      "--history",
      join(dir, "h.csv"),
      "--start",
      "2025-01-20",
      "--days",
      "2",
      "--out",
      out,
    ];
    const fixed = extra.map((a) =>
      a === "ADS"
        ? join(dir, "ads.csv")
        : a === "HOL"
          ? join(dir, "hol.csv")
          : a === "OV"
            ? join(dir, "o.csv")
            : a,
    );
    // later flags win over the defaults above
    const r = await runCli([...args, ...fixed]);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith(".out"))).toEqual([]);
  });
});

describe("staffcast backtest", () => {
  it("prints the JSON contract", async () => {
    const r = await runCli([
      "backtest",
      "--history",
      `${ex}/history.csv`,
      "--ads",
      `${ex}/ads.csv`,
      "--origins",
      "3",
      "--days",
      "2",
      "--interval",
      "30m",
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const json = JSON.parse(r.stdout) as {
      origins: number;
      days: number;
      interval: number;
      models: { name: string; horizons: Record<string, number | null>[] }[];
    };
    expect(json).toMatchObject({ origins: 3, days: 2, interval: 1800 });
    expect(json.models.map((m) => m.name)).toEqual([
      "staffcast",
      "seasonalNaive",
      "historicalAverage4w",
    ]);
    for (const m of json.models) {
      expect(m.horizons.map((h) => h["h"])).toEqual([1, 2]);
      for (const h of m.horizons) {
        expect(Object.keys(h).sort()).toEqual([
          "bias",
          "coverage",
          "h",
          "mase",
          "peakApe",
          "postAdWape",
          "wape",
        ]);
        for (const key of ["wape", "mase", "peakApe", "postAdWape"]) {
          expect(h[key]).toBeGreaterThan(0);
          expect(h[key]).toBeLessThan(2);
        }
      }
    }
    const ours = json.models[0]!.horizons[0]!;
    const ha = json.models[2]!.horizons[0]!;
    expect(ours["postAdWape"]!).toBeLessThan(ha["postAdWape"]!);
    expect(ours["coverage"]).toBeGreaterThan(0.5);
    expect(ha["coverage"]).toBeNull();
  });

  it("prints a table for people, no progress bar when stderr is not a terminal", async () => {
    const r = await runCli([
      "backtest",
      "--history",
      `${ex}/history.csv`,
      "--origins",
      "2",
      "--days",
      "1",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /Backtest: 2 origins, horizons 1-1 operating days, 15-minute intervals/,
    );
    expect(r.stdout).toMatch(/historicalAverage4w/);
    expect(r.stderr).toBe("");
  });
});

describe("staffcast forecast (queues)", () => {
  it("refuses queues with different interval lengths", async () => {
    const lines = ["start,queue,calls"];
    for (let q = 0; q < 8; q++) {
      lines.push(`${new Date(Date.UTC(2025, 0, 6, 8) + q * 900_000).toISOString()},a,5`);
      lines.push(`${new Date(Date.UTC(2025, 0, 6, 8) + q * 1_800_000).toISOString()},b,5`);
    }
    const dir = tempDir({ "h.csv": `${lines.join("\n")}\n` });
    const r = await runCli([
      "forecast",
      "--history",
      join(dir, "h.csv"),
      "--start",
      "2025-01-13",
      "--days",
      "1",
    ]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(
      /queues have different interval lengths: "a" 15 minutes, "b" 30 minutes/,
    );
  });
});
