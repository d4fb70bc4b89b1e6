/**
 * `staffcast kpi`: the JSON and CSV contracts, the table, located data errors (exit 65), usage
 * errors (exit 2) and the dialect flags on the actuals input.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";
import { KPI_ACTUALS, KPI_TIMES, kpiPlanFolder } from "../support/kpi-fixture.ts";

const HEADER =
  "start,queue,offered,handled,abandoned,answered_in_sl,sl_seconds,asa_s,aht_s,talk_s,acw_s,available_s";
/** A busy interval, a quiet one (no SL, ASA, AHT) and another queue. */
const ACTUALS = [
  HEADER,
  "2026-03-02T10:00:00Z,vip,10,8,2,6,20,30,200,1200,400,200",
  "2026-03-02T10:30:00Z,vip,0,0,0,,20,,,0,0,1800",
  "2026-03-02T10:00:00Z,std,30,30,0,27,20,10,100,2400,600,1800",
].join("\n");

function file(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "staffcast-kpi-")), name);
  writeFileSync(path, content);
  return path;
}

const DEFINITION = "answered_in_sl / offered (answered_in_sl as the source counted it)";

describe("staffcast kpi", () => {
  it("--json: { by, rows } with null for undefined rates", async () => {
    const r = await runCli([
      "kpi",
      "--actuals",
      file("a.csv", ACTUALS),
      "--by",
      "interval",
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const json = JSON.parse(r.stdout) as { by: string; rows: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(["by", "rows"]);
    expect(json.by).toBe("interval");
    expect(json.rows).toEqual([
      {
        queue: "vip",
        start: "2026-03-02T10:00:00Z",
        intervals: 1,
        offered: 10,
        handled: 8,
        abandoned: 2,
        answeredInSl: 6,
        answerRate: 0.8,
        abandonRate: 0.2,
        serviceLevel: 0.6,
        serviceLevelDefinition: DEFINITION,
        slSeconds: 20,
        asaSeconds: 30,
        ahtSeconds: 200,
        occupancy: 1600 / 1800,
      },
      expect.objectContaining({
        queue: "vip",
        start: "2026-03-02T10:30:00Z",
        offered: 0,
        answerRate: null,
        serviceLevel: null,
        asaSeconds: null,
        occupancy: 0,
      }),
      expect.objectContaining({ queue: "std", serviceLevel: 0.9 }),
    ]);
  });

  it("--out: the CSV columns in snake_case, empty cells for null; days in --tz", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "staffcast-kpi-")), "kpi.csv");
    const r = await runCli([
      "kpi",
      "--actuals",
      file("a.csv", ACTUALS),
      "--tz",
      "Europe/Berlin",
      "--out",
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(readFileSync(out, "utf8")).toBe(
      "queue,start,intervals,offered,handled,abandoned,answered_in_sl,answer_rate,abandon_rate," +
        "service_level,service_level_definition,sl_seconds,asa_s,aht_s,occupancy\n" +
        // vip: 10 + 0 offered; the quiet interval needs no SL, ASA or AHT cell
        `vip,2026-03-02T00:00:00+01:00,2,10,8,2,6,0.8,0.2,0.6,${DEFINITION},20,30,200,${1600 / 3600}\n` +
        `std,2026-03-02T00:00:00+01:00,1,30,30,0,27,1,0,0.9,${DEFINITION},20,10,100,${3000 / 4800}\n`,
    );
    const empty = await runCli([
      "kpi",
      "--actuals",
      file("a.csv", ACTUALS),
      "--by",
      "interval",
      "--out",
      "-",
    ]);
    expect(empty.stdout.split("\n")[2]).toBe(
      `vip,2026-03-02T10:30:00Z,1,0,0,0,,,,,${DEFINITION},20,,,0`,
    );
  });

  it("prints a table without --json or --out", async () => {
    const r = await runCli(["kpi", "--actuals", file("a.csv", ACTUALS), "--by", "week"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("KPIs per week (UTC)");
    expect(r.stdout).toMatch(/vip\s+2026-03-02\s+10\s+8\s+2\s+80\.0 %\s+20\.0 %\s+60\.0 % in 20 s/);
  });

  it("bad data: exit 65, located at file:line:column: field", async () => {
    const path = file("bad.csv", `${HEADER}\n2026-03-02T10:00:00Z,vip,ten,8,2,6,20,30,200,1,1,1\n`);
    const r = await runCli(["kpi", "--actuals", path]);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain(`${path}:2:3: offered: expected a number from 0 to 10000000`);
    const twice = file("twice.csv", `${ACTUALS}\n2026-03-02T10:00:00Z,vip,1,1,0,1,20,1,1,1,1,1\n`);
    const d = await runCli(["kpi", "--actuals", twice]);
    expect(d.code).toBe(65);
    expect(d.stderr).toContain(`${twice}:5:1: start: a second row for queue vip at this start`);
  });

  it("bad usage: exit 2 for --by, a missing file, a contradicting --sl-seconds", async () => {
    const path = file("a.csv", ACTUALS);
    const by = await runCli(["kpi", "--actuals", path, "--by", "month"]);
    expect(by.code).toBe(2);
    expect(by.stderr).toContain("Allowed choices are interval, day, week");
    expect((await runCli(["kpi", "--actuals", `${path}.nope`])).code).toBe(2);
    const sl = await runCli(["kpi", "--actuals", path, "--sl-seconds", "30"]);
    expect(sl.code).toBe(2);
    expect(sl.stderr).toContain(`--sl-seconds 30: ${path}:2:7: sl_seconds is 20`);
    expect((await runCli(["kpi", "--actuals", path, "--sl-seconds", "20"])).code).toBe(0);
    expect((await runCli(["kpi", "--actuals", path, "--tz", "CST"])).code).toBe(2);
    const both = await runCli(["kpi", "--actuals", path, "--json", "--out", "-"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--out - and --json would both write to stdout");
    expect(both.stdout).toBe("");
  });

  it("--sl-seconds names the threshold of a file without sl_seconds", async () => {
    const path = file("a.csv", "start,queue,offered,answered_in_sl\n2026-03-02T10:00:00Z,q,4,3\n");
    const r = await runCli(["kpi", "--actuals", path, "--sl-seconds", "30", "--json"]);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: [{ serviceLevel: 0.75, slSeconds: 30 }] });
  });

  it("warns when a period mixes thresholds, and gives it no service level", async () => {
    const mixed = ACTUALS.replace("27,20,10", "27,30,10")
      .replace(",std,", ",vip,")
      .replace("2026-03-02T10:00:00Z,vip,30", "2026-03-02T11:00:00Z,vip,30");
    const r = await runCli(["kpi", "--actuals", file("m.csv", mixed), "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("answered_in_sl was counted at 20 s and 30 s");
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: [{ serviceLevel: null, slSeconds: null }] });
  });

  it("reads the actuals in another dialect: delimiter, columns, local times", async () => {
    const path = file(
      "vendor.csv",
      "Interval;Skill;Offered;Handled\n02.03.2026 11:00;vip;10;8\n02.03.2026 11:30;vip;0;0\n",
    );
    const r = await runCli([
      "kpi",
      "--actuals",
      path,
      "--delimiter",
      ";",
      "--columns",
      "start=Interval,queue=Skill,offered=Offered,handled=Handled",
      "--time-format",
      "dd.MM.yyyy HH:mm",
      "--local-times",
      "--tz",
      "Europe/Berlin",
      "--by",
      "interval",
      "--json",
    ]);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toMatchObject({
      rows: [
        { start: "2026-03-02T11:00:00+01:00", answerRate: 0.8, serviceLevel: null },
        { start: "2026-03-02T11:30:00+01:00", answerRate: null },
      ],
    });
  });

  it("--plan: forecast error, planned staffing and missed targets from a plan folder", async () => {
    const dir = kpiPlanFolder();
    const t = KPI_TIMES;
    const actuals = file("a.csv", KPI_ACTUALS);
    const r = await runCli(["kpi", "--actuals", actuals, "--plan", dir, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { plan: unknown };
    expect(json.plan).toEqual({
      // forecast 30, actual 28, |10 - 12| + |20 - 16| = 6
      accuracy: [
        {
          queue: "orders",
          start: "2025-01-20T00:00:00Z",
          intervals: 2,
          forecast: 30,
          actual: 28,
          wape: 6 / 28,
          bias: 2 / 28,
        },
      ],
      intervals: [
        { start: t[0], required: 3.3, staffed: 4, units: { "orders+after": 3 } },
        { start: t[1], required: 5.5, staffed: 5, units: { "orders+after": 5 } },
      ],
      // 12 / 16 = 0.75 < 0.8; 10 / 12 met
      missed: [
        {
          queue: "orders",
          start: t[1],
          offered: 16,
          serviceLevel: 0.75,
          target: 0.8,
          slSeconds: 20,
        },
      ],
    });
    const table = await runCli(["kpi", "--actuals", actuals, "--plan", dir]);
    expect(table.stdout).toMatch(/orders\s+2025-01-20\s+2\s+30\.0\s+28\s+21\.4 %\s+7\.1 %/);
    expect(table.stdout).toContain("1 interval missed the service-level target:");
    expect(table.stdout).toContain("orders 2025-01-20 08:30: 75.0 % in 20 s (target 80.0 %)");
    writeFileSync(join(dir, "plan.json"), '{"history":"h.csv","queues":{}}');
    const config = await runCli(["kpi", "--actuals", actuals, "--plan", dir]);
    expect(config.code).toBe(65);
    expect(config.stderr).toContain("plan.json: queues: expected the plan.json");
    const missing = await runCli(["kpi", "--actuals", actuals, "--plan", join(dir, "nope")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("forecast.csv: no such file");
  });
});
