import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/io/csv.ts";
import { runCli } from "../support/cli.ts";

const example = "examples/forecast-week.csv";

function csv(text: string) {
  return parseCsv(text, "out.csv");
}

/** `staffcast requirements --aht 180 --interval 30m` on a file with this content. */
async function requirementsEvery30m(content: string) {
  const input = join(mkdtempSync(join(tmpdir(), "staffcast-")), "in.csv");
  writeFileSync(input, content);
  return runCli(["requirements", "--forecast", input, "--aht", "180", "--interval", "30m"]);
}

describe("staffcast requirements (contract)", () => {
  it("matches the golden output for the bundled example", async () => {
    const r = await runCli([
      "requirements",
      "--forecast",
      example,
      "--sl",
      "0.8",
      "--sl-seconds",
      "20",
      "--shrinkage",
      "0.3",
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    await expect(r.stdout).toMatchFileSnapshot("../golden/requirements-example.csv");
  });

  it("adds the contract columns, passes other columns through, one row per input row in order", async () => {
    const r = await runCli(["requirements", "--forecast", example]);
    const out = csv(r.stdout);
    const input = csv(readFileSync(example, "utf8"));
    expect(out.header).toEqual([
      ...input.header,
      "load_erlangs",
      "agents",
      "scheduled_agents",
      "fractional_agents",
      "fractional_scheduled_agents",
      "service_level",
      "asa_s",
      "occupancy",
      "abandon_rate",
    ]);
    expect(out.records().length).toBe(input.records().length);
    out.records().forEach((rec, i) => {
      expect(rec.slice(0, input.header.length)).toEqual(input.records()[i]);
    });
  });

  it("--calls-column staffs to another column (a forecast percentile)", async () => {
    const mean = csv((await runCli(["requirements", "--forecast", example])).stdout);
    const p90 = csv(
      (await runCli(["requirements", "--forecast", example, "--calls-column", "calls_p90"])).stdout,
    );
    const agents = mean.header.indexOf("agents");
    let more = 0;
    p90.records().forEach((rec, i) => {
      expect(Number(rec[agents])).toBeGreaterThanOrEqual(Number(mean.records()[i]![agents]));
      if (Number(rec[agents]) > Number(mean.records()[i]![agents])) more++;
    });
    expect(more).toBeGreaterThan(100);
  });

  it("row aht_s and shrinkage override the flags; --min-agents floors open intervals only", async () => {
    const input = [
      "start,queue,calls,aht_s,shrinkage",
      "2025-01-06T08:00:00Z,a,100,180,",
      "2025-01-06T08:30:00Z,a,100,,0.5",
      "2025-01-06T09:00:00Z,a,0,,",
      "2025-01-06T09:30:00Z,a,1,,",
    ].join("\n");
    const r = await runCli(
      [
        "requirements",
        "--forecast",
        "-",
        "--aht",
        "360",
        "--shrinkage",
        "0.3",
        "--min-agents",
        "3",
      ],
      input,
    );
    expect(r.code).toBe(0);
    const out = csv(r.stdout);
    const col = (name: string) => out.records().map((rec) => rec[out.header.indexOf(name)]);
    expect(col("load_erlangs")).toEqual(["10", "20", "0", "0.2"]);
    expect(col("agents")).toEqual(["14", "25", "0", "3"]);
    expect(col("scheduled_agents")).toEqual(["20", "50", "0", "5"]);
  });

  it("infers the interval per queue (gaps are closed hours) or takes --interval", async () => {
    const input = [
      "start,queue,calls",
      "2025-01-06T08:00:00Z,a,10",
      "2025-01-06T08:15:00Z,a,10",
      "2025-01-06T10:00:00Z,a,10",
      "2025-01-06T08:00:00Z,b,10",
      "2025-01-06T09:00:00Z,b,10",
    ].join("\n");
    const r = await runCli(["requirements", "--forecast", "-", "--aht", "90"], input);
    const out = csv(r.stdout);
    const load = out.records().map((rec) => Number(rec[out.header.indexOf("load_erlangs")]));
    expect(load).toEqual([1, 1, 1, 0.25, 0.25]);
    const fixed = csv(
      (await runCli(["requirements", "--forecast", "-", "--aht", "90", "--interval", "15m"], input))
        .stdout,
    );
    expect(fixed.records().map((rec) => Number(rec[fixed.header.indexOf("load_erlangs")]))).toEqual(
      [1, 1, 1, 1, 1],
    );
  });

  it("reads offsets, quoted fields and CRLF line ends, and writes them back safely", async () => {
    const input =
      'start,queue,calls,note\r\n2025-03-09T08:00:00-04:00,"sales, east",20,"said ""hi"""\r\n2025-03-09T08:30:00-04:00,"sales, east",30,\r\n';
    const r = await runCli(["requirements", "--forecast", "-", "--aht", "120"], input);
    expect(r.code).toBe(0);
    const out = csv(r.stdout);
    expect(out.records()[0]!.slice(0, 4)).toEqual([
      "2025-03-09T08:00:00-04:00",
      "sales, east",
      "20",
      'said "hi"',
    ]);
  });

  it("writes --out atomically and leaves no temporary files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "staffcast-"));
    const target = join(dir, "req.csv");
    const r = await runCli(["requirements", "--forecast", example, "--out", target]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(readdirSync(dir)).toEqual(["req.csv"]);
    expect(csv(readFileSync(target, "utf8")).records().length).toBe(280);
  });
});

describe("staffcast requirements bad input (exit 65, located, nothing written)", () => {
  const header = "start,queue,calls,aht_s,shrinkage";
  const cases: [string, string, RegExp][] = [
    [
      "non-numeric calls",
      `${header}\n2025-01-06T08:00:00Z,a,abc,180,\n2025-01-06T08:30:00Z,a,1,180,`,
      /in\.csv:2:3: calls: expected a number from 0 to 1e7 \(got "abc"\)/,
    ],
    [
      "negative calls",
      `${header}\n2025-01-06T08:00:00Z,a,-3,180,\n2025-01-06T08:30:00Z,a,1,180,`,
      /in\.csv:2:3: calls: .*"-3"/,
    ],
    [
      "AHT 0",
      `${header}\n2025-01-06T08:00:00Z,a,3,0,\n2025-01-06T08:30:00Z,a,1,180,`,
      /in\.csv:2:4: aht_s: expected a number of seconds from 1 to 86400 \(got "0"\)/,
    ],
    [
      "shrinkage 1",
      `${header}\n2025-01-06T08:00:00Z,a,3,180,1\n2025-01-06T08:30:00Z,a,1,180,`,
      /in\.csv:2:5: shrinkage: expected a fraction from 0 to 0.99 \(got "1"\)/,
    ],
    [
      "no offset",
      `${header}\n2025-01-06T08:00:00,a,3,180,\n2025-01-06T08:30:00Z,a,1,180,`,
      /in\.csv:2:1: start: no time-zone offset/,
    ],
    [
      "impossible date",
      `${header}\n2025-02-30T08:00:00Z,a,3,180,\n2025-01-06T08:30:00Z,a,1,180,`,
      /in\.csv:2:1: start: day 30 does not exist/,
    ],
    [
      "missing column",
      "start,queue,volume\n2025-01-06T08:00:00Z,a,3",
      /in\.csv:1: missing column "calls" \(columns: start,queue,volume\)/,
    ],
    [
      "ragged row",
      `${header}\n2025-01-06T08:00:00Z,a,3\n`,
      /in\.csv:2: expected 5 fields like the header, found 3/,
    ],
    [
      "unclosed quote",
      `${header}\n2025-01-06T08:00:00Z,"a,3,180,\n`,
      /in\.csv:2: quoted field is never closed/,
    ],
    [
      "no AHT anywhere",
      "start,queue,calls\n2025-01-06T08:00:00Z,a,3\n2025-01-06T08:30:00Z,a,3",
      /in\.csv:2: aht_s: no AHT .*: pass --aht or add an aht_s column/,
    ],
    [
      "duplicate start",
      `${header}\n2025-01-06T08:00:00Z,a,3,180,\n2025-01-06T08:00:00Z,a,3,180,`,
      /in\.csv:3:1: start: queue "a" has two rows starting at 2025-01-06T08:00:00Z/,
    ],
    [
      "single row",
      `${header}\n2025-01-06T08:00:00Z,a,3,180,`,
      /in\.csv:2:1: start: cannot infer the interval length of queue "a" from a single row: pass --interval/,
    ],
    ["empty file", "", /in\.csv: the file is empty/],
  ];

  it.each(cases)("%s", async (_name, content, message) => {
    const dir = mkdtempSync(join(tmpdir(), "staffcast-"));
    const input = join(dir, "in.csv");
    writeFileSync(input, content);
    const out = join(dir, "out.csv");
    const r = await runCli(["requirements", "--forecast", input, "--out", out]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(["in.csv"]);
  });

  it.each([
    [
      "rows closer than --interval",
      "start,queue,calls\n2025-01-06T08:00:00Z,a,3\n2025-01-06T08:15:00Z,a,3\n",
      /in\.csv:3:1: start: queue "a" has rows 900 s apart \(at 2025-01-06T08:15:00Z\), closer than the interval of 1800 s: their intervals would overlap: check --interval/,
    ],
    [
      "duplicate start with --interval",
      "start,queue,calls\n2025-01-06T08:00:00Z,a,3\n2025-01-06T08:00:00Z,a,4\n",
      /in\.csv:3:1: start: queue "a" has two rows starting at 2025-01-06T08:00:00Z/,
    ],
  ])("%s", async (_name, content, message) => {
    const r = await requirementsEvery30m(content);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });

  it("--interval accepts rows further apart than the interval (closed hours between)", async () => {
    const r = await requirementsEvery30m(
      "start,calls\n2025-01-06T08:00:00Z,30\n2025-01-06T11:00:00Z,30\n",
    );
    expect(r.code).toBe(0);
    const out = csv(r.stdout);
    expect(out.records().map((rec) => rec[out.header.indexOf("load_erlangs")])).toEqual(["3", "3"]);
  });

  it("lists several problems at once and keeps an existing output file untouched", async () => {
    const dir = mkdtempSync(join(tmpdir(), "staffcast-"));
    const input = join(dir, "in.csv");
    writeFileSync(input, "start,calls,aht_s\nyesterday,x,180\n2025-01-06T08:30:00Z,-1,nope\n");
    const out = join(dir, "out.csv");
    writeFileSync(out, "previous result\n");
    const r = await runCli(["requirements", "--forecast", input, "--out", out]);
    expect(r.code).toBe(65);
    expect(r.stderr.trim().split("\n").length).toBe(4);
    expect(readFileSync(out, "utf8")).toBe("previous result\n");
  });

  it("a missing input file is a usage error (exit 2)", async () => {
    const r = await runCli(["requirements", "--forecast", "/no/such/file.csv", "--aht", "100"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\/no\/such\/file\.csv: no such file/);
  });
});
