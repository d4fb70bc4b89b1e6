/**
 * The dialect flags on the command line: an analyst's ACD export (semicolons, BOM, CRLF, local
 * Shanghai times, AHT as h:mm:ss, other column names) forecast and staffed as it is, inputs
 * named by prefix, and bad flags or files refused with what to change.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/io/csv.ts";
import { runCli } from "../support/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "staffcast-dialect-"));

/** Four weeks of quarter hours, 08:00-20:00 Shanghai time, as the new user's export has them. */
function exportText(): string {
  const lines = ["\uFEFFInterval;Queue;Offered;Handled;AHT;Abandoned"];
  for (let day = 0; day < 28; day++) {
    for (let slot = 32; slot < 80; slot++) {
      const t = new Date(Date.UTC(2025, 0, 6 + day, 0, slot * 15));
      const local = t.toISOString().slice(0, 16).replace("T", " ");
      const calls = 20 + ((day * 7 + slot * 3) % 11);
      const aht = 200 + ((day + slot) % 50);
      const hms = `00:0${Math.floor(aht / 60)}:${String(aht % 60).padStart(2, "0")}`;
      lines.push(`${local};orders;${calls};${calls - 1};${hms};1`);
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}
const EXPORT = join(dir, "export.csv");
writeFileSync(EXPORT, exportText());
const MAP = "start=Interval,queue=Queue,calls=Offered,aht_s=AHT";

describe("forecast of an ACD export as it is", () => {
  it("reads it with --columns and --local-times in --tz", async () => {
    const r = await runCli([
      "forecast",
      "--history",
      EXPORT,
      "--columns",
      MAP,
      "--local-times",
      "--tz",
      "Asia/Shanghai",
      "--start",
      "2025-02-03",
      "--days",
      "1",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const t = parseCsv(r.stdout, "out.csv");
    expect(t.header).toEqual(["start", "queue", "calls", "calls_p10", "calls_p90", "aht_s"]);
    // the local day of Shanghai: 96 quarter hours from local midnight; calls from 08:00 local
    expect(t.length).toBe(96);
    expect(t.cell(0, 0)).toBe("2025-02-03T00:00:00+08:00");
    expect(Number(t.cell(31, 2))).toBe(0);
    expect(Number(t.cell(32, 2))).toBeGreaterThan(10);
    expect(Number(t.cell(32, 5))).toBeGreaterThan(200);
    expect(Number(t.cell(32, 5))).toBeLessThan(250);
  });

  it("names the input of a prefixed value, and refuses bad values (exit 2)", async () => {
    const prefixed = await runCli([
      "forecast",
      "--history",
      EXPORT,
      "--columns",
      `history:${MAP}`,
      "--local-times",
      "history",
      "--tz",
      "Asia/Shanghai",
      "--start",
      "2025-02-03",
      "--days",
      "1",
    ]);
    expect(prefixed.code).toBe(0);
    const bad = await runCli([
      "forecast",
      "--history",
      EXPORT,
      "--delimiter",
      "#",
      "--start",
      "2025-02-03",
      "--days",
      "1",
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--delimiter: expected , ; tab or |, got "#"');
  });

  it("says what to add: the mapping, --local-times, the delimiter (exit 65)", async () => {
    const args = ["--start", "2025-02-03", "--days", "1"];
    const unmapped = await runCli(["forecast", "--history", EXPORT, ...args]);
    expect(unmapped.code).toBe(65);
    expect(unmapped.stderr).toContain('missing column "start" (columns: Interval,Queue,Offered');
    const noLocal = await runCli(["forecast", "--history", EXPORT, "--columns", MAP, ...args]);
    expect(noLocal.code).toBe(65);
    expect(noLocal.stderr).toContain(
      `${EXPORT}:2:1: start: no time-zone offset (add Z or +HH:MM, or read clock times in a zone with --local-times)`,
    );
    const comma = await runCli([
      "forecast",
      "--history",
      EXPORT,
      "--delimiter",
      ",",
      "--columns",
      MAP,
      ...args,
    ]);
    expect(comma.code).toBe(65);
    expect(comma.stderr).toContain('it seems to use ";" between fields: give --delimiter ";"');
  });
});

describe("requirements of a forecast in another dialect", () => {
  it("reads decimal commas, h:mm:ss and local Berlin times", async () => {
    const file = join(dir, "forecast.csv");
    writeFileSync(
      file,
      "Interval;Queue;Offered;AHT\r\n2025-02-03 08:00;orders;120;00:04:20\r\n2025-02-03 08:15;orders;97,5;00:03:10\r\n",
    );
    const r = await runCli([
      "requirements",
      "--forecast",
      file,
      "--columns",
      "start=Interval,queue=Queue,calls=Offered,aht_s=AHT",
      "--local-times",
      "--decimal-comma",
      "--tz",
      "Europe/Berlin",
      "--interval",
      "15m",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const t = parseCsv(r.stdout, "out.csv");
    expect(t.records().map((row) => row.slice(0, 4))).toEqual([
      ["2025-02-03T07:00:00Z", "orders", "120", "260"],
      ["2025-02-03T07:15:00Z", "orders", "97.5", "190"],
    ]);
  });
});

describe("adherence and schedule read other dialects too", () => {
  it("adherence: events as Berlin clock times, schedule with semicolons", async () => {
    const { readFileSync } = await import("node:fs");
    const events = readFileSync("examples/adherence/events.csv", "utf8").replace(
      /(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})Z/g,
      (_, day: string, h: string, m: string, s: string) =>
        `${day} ${String(Number(h) + 1).padStart(2, "0")}:${m}:${s}`, // CET = UTC+1 in January
    );
    const schedule = readFileSync("examples/adherence/schedule.csv", "utf8").replaceAll(",", ";");
    writeFileSync(join(dir, "events-local.csv"), events);
    writeFileSync(join(dir, "schedule-semi.csv"), schedule);
    const base = ["--tz", "Europe/Berlin", "--json"];
    const expected = await runCli([
      "adherence",
      "--schedule",
      "examples/adherence/schedule.csv",
      "--events",
      "examples/adherence/events.csv",
      ...base,
    ]);
    const r = await runCli([
      "adherence",
      "--schedule",
      join(dir, "schedule-semi.csv"),
      "--events",
      join(dir, "events-local.csv"),
      "--local-times",
      ...base,
    ]);
    expect(r.stderr).toBe(expected.stderr);
    expect(r.code).toBe(expected.code);
    expect(r.stdout).toBe(expected.stdout);
  });

  it("schedule: a requirement CSV with local times and a semicolon", async () => {
    const file = join(dir, "req-local.csv");
    const rows = ["start;agents"];
    for (let h = 8; h < 16; h++) rows.push(`2025-01-06 ${String(h).padStart(2, "0")}:00;2`);
    writeFileSync(file, `${rows.join("\n")}\n`);
    const shifts = join(dir, "shifts.json");
    writeFileSync(
      shifts,
      JSON.stringify({
        intervalMinutes: 60,
        timeZone: "Europe/Berlin",
        coverage: "hard",
        shifts: [{ name: "day", startEarliest: "08:00", startLatest: "08:00", lengthMinutes: 480 }],
      }),
    );
    const r = await runCli([
      "schedule",
      "--requirements",
      file,
      "--shifts",
      shifts,
      "--local-times",
      "--tz",
      "Europe/Berlin",
      "--json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { shifts: { start: string; count: number }[] };
    expect(json.shifts).toEqual([
      expect.objectContaining({ start: "2025-01-06T08:00:00+01:00", count: 2 }),
    ]);
  });
});
