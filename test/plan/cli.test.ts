/**
 * `staffcast plan` end to end: the bundled example, the output folder's contract and its
 * atomic replacement, errors naming the field, and `staffcast simulate` on the plan's files.
 */
import {
  existsSync,
  mkdtempSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../src/io/csv.ts";
import { planConfigJsonSchema } from "../../src/plan/index.ts";
import { runCli, type CliResult } from "../support/cli.ts";
import { fixtureShiftFile, smallPlanFolder } from "../support/plan-fixture.ts";

const tmp = (): string => mkdtempSync(join(tmpdir(), "staffcast-plan-"));

let exampleDir: string;
let example: CliResult;
beforeAll(async () => {
  exampleDir = join(tmp(), "plan");
  example = await runCli(["plan", "--example", "tv-shopping", "--out", exampleDir]);
}, 120_000);

/** A small configuration in a fresh folder (the test fixture's data). */
const smallConfig = smallPlanFolder;

describe("staffcast plan --example tv-shopping", () => {
  it("writes the whole plan folder", () => {
    // the plan says where it misses its targets (#8.7), and nothing else
    expect(
      example.stderr.split("\n").filter((l) => l !== "" && !/misses its targets/.test(l)),
    ).toEqual([]);
    expect(example.code).toBe(0);
    expect(readdirSync(exampleDir).sort()).toEqual([
      "forecast.csv",
      "plan.json",
      "queues.csv",
      "report.html",
      "requirements.csv",
      "roster.csv",
      "schedule.json",
    ]);
    expect(example.stdout).toMatch(/roster optimal: 50 agents, 0 shifts unfilled/);
    // by group: each queue's simulated service level next to its target
    expect(example.stdout).toMatch(
      /vip: simulated service level [\d.]+ % \([\d.]+ % to [\d.]+ %\), expected [\d.]+ %, target 90\.0 %/,
    );
  });

  it("writes files in the formats of the single commands", () => {
    const forecast = parseCsv(
      readFileSync(join(exampleDir, "forecast.csv"), "utf8"),
      "forecast.csv",
    );
    expect(forecast.header).toEqual(["start", "queue", "calls", "calls_p10", "calls_p90", "aht_s"]);
    expect(new Set(forecast.records().map((r) => r[1]))).toEqual(
      new Set(["orders", "vip", "aftersales"]),
    );
    const req = parseCsv(
      readFileSync(join(exampleDir, "requirements.csv"), "utf8"),
      "requirements.csv",
    );
    expect(req.header).toEqual(["start", "group", "agents", "scheduled_agents"]);
    expect(new Set(req.records().map((r) => r[1]))).toEqual(
      new Set(["vipdesk", "sales", "service"]),
    );
    const schedule = JSON.parse(readFileSync(join(exampleDir, "schedule.json"), "utf8")) as {
      status: string;
      shiftFile: unknown;
    };
    expect(["optimal", "feasible"]).toContain(schedule.status);
    expect(schedule.shiftFile).toEqual(
      JSON.parse(readFileSync("examples/tv-shopping/shifts.json", "utf8")),
    );
    const roster = parseCsv(readFileSync(join(exampleDir, "roster.csv"), "utf8"), "roster.csv");
    expect(roster.header).toEqual(["agent_id", "start", "end", "activity", "group"]);
    const plan = JSON.parse(readFileSync(join(exampleDir, "plan.json"), "utf8")) as {
      config: { queues: Record<string, unknown>; solver: unknown };
      summary: Record<string, unknown>;
      units: unknown[];
    };
    expect(Object.keys(plan.config.queues)).toEqual(["orders", "vip", "aftersales"]);
    expect(typeof plan.summary["scheduleStatus"]).toBe("string");
    expect(typeof plan.summary["paidHours"]).toBe("number");
    const html = readFileSync(join(exampleDir, "report.html"), "utf8");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/<script|https?:\/\//); // self-contained, no script
  });

  it("simulates the plan's schedule against its forecast (the files work as they are)", async () => {
    const r = await runCli([
      "simulate",
      "--schedule",
      join(exampleDir, "schedule.json"),
      "--forecast",
      join(exampleDir, "forecast.csv"),
      "--ads",
      "examples/tv-shopping/ads.csv",
      "--history",
      "examples/tv-shopping/history.csv",
      "--patience",
      "120",
      "--runs",
      "5",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      total: Record<string, unknown>;
      intervals: Record<string, unknown>[];
    };
    expect(Object.keys(json.total)).toEqual([
      "serviceLevel",
      "serviceLevelCi",
      "asaSeconds",
      "abandonRate",
      "abandonRateCi",
      "occupancy",
    ]);
    expect(Object.keys(json.intervals[0]!)).toEqual([
      "start",
      "queue",
      "calls",
      "agents",
      "serviceLevel",
      "asaSeconds",
      "abandonRate",
      "occupancy",
    ]);
  }, 60_000);
});

describe("staffcast plan: the output folder", () => {
  it("refuses a non-empty --out without --force and leaves it alone; --force replaces an earlier plan", async () => {
    const d = smallConfig();
    const out = join(d, "out");
    mkdirSync(out);
    writeFileSync(join(out, "keep.txt"), "mine");
    const refused = await runCli(["plan", "--config", join(d, "plan.json"), "--out", out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/exists and is not empty \(--force replaces an earlier plan/);
    expect(readdirSync(out)).toEqual(["keep.txt"]);
    const other = join(d, "plan-out");
    const first = await runCli(["plan", "--config", join(d, "plan.json"), "--out", other]);
    expect(first.code).toBe(0);
    const forced = await runCli([
      "plan",
      "--config",
      join(d, "plan.json"),
      "--out",
      other,
      "--force",
      "--json",
    ]);
    expect(forced.code).toBe(0);
    expect(readdirSync(other).sort()).toEqual([
      "forecast.csv",
      "plan.json",
      "report.html",
      "requirements.csv",
      "schedule.json",
    ]);
    expect(JSON.parse(forced.stdout)).toEqual(
      JSON.parse(readFileSync(join(other, "plan.json"), "utf8")),
    );
    expect(readdirSync(d).filter((f) => f.startsWith("."))).toEqual([]); // no temporary folder left
  }, 60_000);

  it("leaves nothing behind when a run fails", async () => {
    const d = smallConfig({ shifts: "missing.json" });
    const out = join(d, "out");
    const missing = await runCli(["plan", "--config", join(d, "plan.json"), "--out", out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing\.json: no such file/);
    // hard coverage that no template can give: the solver's failure, explained
    writeFileSync(
      join(d, "hard.json"),
      JSON.stringify({
        ...fixtureShiftFile,
        coverage: "hard",
        shifts: [{ ...fixtureShiftFile.shifts[1], startLatest: "09:00" }],
      }),
    );
    writeFileSync(
      join(d, "plan2.json"),
      JSON.stringify({ history: "history.csv", shifts: "hard.json", start: "2025-01-20", days: 1 }),
    );
    const infeasible = await runCli(["plan", "--config", join(d, "plan2.json"), "--out", out]);
    expect(infeasible.code).toBe(1);
    expect(infeasible.stderr).toMatch(/no schedule \(infeasible\): hard coverage is impossible/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(d).filter((f) => f.startsWith("."))).toEqual([]);
  }, 60_000);

  it("by group: names the fields that do not fit the groups (exit 65), and --force replaces a plan by group", async () => {
    const groups = {
      desk: { serves: [{ queue: "vip" }, { queue: "orders" }] },
      sales: { serves: [{ queue: "orders" }, { queue: "after" }] },
    };
    const bad = smallConfig({
      queues: { vip: { shrinkage: 0.1 } },
      groups,
      pools: [["orders", "after"]],
    });
    const r = await runCli(["plan", "--config", join(bad, "plan.json"), "--out", join(bad, "out")]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/plan\.json: queues\.vip\.shrinkage: shrinkage belongs to the groups/);
    expect(r.stderr).toMatch(/plan\.json: pools: pools is a shorthand for groups/);
    const unserved = smallConfig({ groups: { desk: groups.desk } });
    const u = await runCli([
      "plan",
      "--config",
      join(unserved, "plan.json"),
      "--out",
      join(unserved, "out"),
    ]);
    expect(u.code).toBe(65);
    expect(u.stderr).toMatch(/plan\.json: queues\.after: no group serves queue "after"/);
    const d = smallConfig({ groups });
    const out = join(d, "out");
    const first = await runCli(["plan", "--config", join(d, "plan.json"), "--out", out]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/after: simulated service level/);
    const again = await runCli(["plan", "--config", join(d, "plan.json"), "--out", out, "--force"]);
    expect(again.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      "forecast.csv",
      "plan.json",
      "queues.csv",
      "report.html",
      "requirements.csv",
      "schedule.json",
    ]);
  }, 60_000);

  it("names the configuration's bad fields (exit 65)", async () => {
    const d = smallConfig({ queues: { vip: { serviceLevel: 90 }, nope: {} }, days: 0 });
    const r = await runCli(["plan", "--config", join(d, "plan.json"), "--out", join(d, "out")]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/plan\.json: days: Too small/);
    expect(r.stderr).toMatch(
      /plan\.json: queues\.vip\.serviceLevel: serviceLevel is a fraction from 0\.01 to below 1/,
    );
    const unknownQueue = smallConfig({ queues: { nope: { serviceLevel: 0.8 } } });
    const q = await runCli([
      "plan",
      "--config",
      join(unknownQueue, "plan.json"),
      "--out",
      join(unknownQueue, "out"),
    ]);
    expect(q.code).toBe(65);
    expect(q.stderr).toMatch(
      /queues\.nope: no queue "nope" in the history \(queues: orders, vip, after\)/,
    );
  });

  it("prints its JSON Schema, and asks for --config or --example", async () => {
    const schema = await runCli(["plan", "--print-schema"]);
    expect(JSON.parse(schema.stdout)).toEqual(planConfigJsonSchema());
    const none = await runCli(["plan", "--out", "x"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/give either --config <json> or --example <name>/);
  });
});

describe("every command's --help", () => {
  it.each([
    "forecast",
    "backtest",
    "erlang",
    "requirements",
    "schedule",
    "roster",
    "adherence",
    "simulate",
    "plan",
  ])("%s --help shows an example", async (command) => {
    const r = await runCli([command, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples?:\n\s+\$ staffcast /);
  });
});
