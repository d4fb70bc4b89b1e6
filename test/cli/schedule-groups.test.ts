/**
 * `staffcast schedule` and `staffcast roster` by skill group: requirements with a `group`
 * column, `--routing` for the groups' skills (skill transfer), the roster's skill rule, and
 * bad inputs named by file, line and field (exit 65).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/io/csv.ts";
import {
  checkRosterSkills,
  parseScheduleJson,
  type Agent,
  type Segment,
} from "../../src/schedule/index.ts";
import { parseInstant } from "../../src/time/instant.ts";
import { runCli } from "../support/cli.ts";

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), "staffcast-groups-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

/** Monday 08:00-16:00 hourly: all 2 (1 at 10:00), vip 0.4 at 10:00 only, orders 1. */
function requirements(): string {
  const lines = ["start,group,agents,scheduled_agents"];
  for (let h = 8; h < 16; h++) {
    const t = `2025-01-06T${String(h).padStart(2, "0")}:00:00Z`;
    lines.push(`${t},all,${h === 10 ? 1 : 2},2`);
    lines.push(`${t},vip,${h === 10 ? 0.4 : 0},0`);
    lines.push(`${t},orders,1,1`);
  }
  return `${lines.join("\n")}\n`;
}

const routing = JSON.stringify({
  queues: { orders: {}, vip: { priority: 1 } },
  groups: {
    all: { serves: [{ queue: "vip" }, { queue: "orders" }] },
    vip: { serves: [{ queue: "vip" }] },
    orders: { serves: [{ queue: "orders" }] },
  },
});

const shifts = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    intervalMinutes: 60,
    coverage: "hard",
    overPenalty: 0,
    shifts: [
      { name: "day", startEarliest: "08:00", startLatest: "08:00", lengthMinutes: 480, ...extra },
    ],
  });

const agentsCsv = "agent_id,skills\nana,orders;vip\nben,vip|orders\ncai,vip\ndan,orders\neve,\n";

describe("staffcast schedule --routing", () => {
  it("covers the specialists' tiny requirement with a generalist, and says so", async () => {
    const d = dir({ "req.csv": requirements(), "shifts.json": shifts(), "routing.json": routing });
    const args = ["schedule", "--requirements", join(d, "req.csv"), "--shifts"];
    const r = await runCli([
      ...args,
      join(d, "shifts.json"),
      "--routing",
      join(d, "routing.json"),
      "--json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      shifts: { group: string; count: number }[];
      transfers: { start: string; from: string; to: string; agents: number }[];
      groups: Record<string, { queues: string[] }>;
      groupCoverage: { group: string; covered: number }[];
    };
    expect(json.shifts.map((s) => [s.group, s.count])).toEqual([
      ["all", 2],
      ["orders", 1],
    ]);
    expect(json.transfers).toEqual([
      { start: "2025-01-06T10:00:00Z", from: "all", to: "vip", agents: 1 },
    ]);
    expect(json.groups["all"]).toEqual({ queues: ["vip", "orders"], costPerHour: 1 });
    expect(json.groupCoverage).toHaveLength(24);

    // without --routing no group covers another: a vip specialist is bought
    const alone = await runCli([...args, join(d, "shifts.json"), "--json"]);
    const plain = JSON.parse(alone.stdout) as { shifts: { group: string }[]; groups?: unknown };
    expect(plain.shifts.map((s) => s.group)).toContain("vip");
    expect(plain.groups).toBeUndefined();

    // the summary for people: totals and per group
    const summary = await runCli([
      ...args,
      join(d, "shifts.json"),
      "--routing",
      join(d, "routing.json"),
    ]);
    expect(summary.stdout).toContain("group vip: short 0.0, over 0.6, covered by other groups 1.0");
    expect(summary.stdout).toMatch(/shift +group +start/);
  });

  it("roster gives each group's shifts only to agents with its skills", async () => {
    const d = dir({
      "req.csv": requirements(),
      "shifts.json": shifts(),
      "routing.json": routing,
      "agents.csv": agentsCsv,
    });
    const out = join(d, "schedule.json");
    const s = await runCli([
      "schedule",
      "--requirements",
      join(d, "req.csv"),
      "--shifts",
      join(d, "shifts.json"),
      "--routing",
      join(d, "routing.json"),
      "--out",
      out,
      "--json",
    ]);
    expect(s.code).toBe(0);
    const r = await runCli([
      "roster",
      "--schedule",
      out,
      "--agents",
      join(d, "agents.csv"),
      "--out",
      join(d, "roster.csv"),
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const csv = parseCsv(readFileSync(join(d, "roster.csv"), "utf8"), "roster.csv");
    expect(csv.header).toEqual(["agent_id", "start", "end", "activity", "group"]);
    const segments: Segment[] = Array.from({ length: csv.length }, (_, i) => ({
      agentId: csv.cell(i, 0),
      startMs: parseInstant(csv.cell(i, 1)) as number,
      endMs: parseInstant(csv.cell(i, 2)) as number,
      activity: csv.cell(i, 3) as Segment["activity"],
      group: csv.cell(i, 4),
    }));
    const agents: Agent[] = [
      { id: "ana", skills: ["orders", "vip"] },
      { id: "ben", skills: ["vip", "orders"] },
      { id: "cai", skills: ["vip"] },
      { id: "dan", skills: ["orders"] },
      { id: "eve" },
    ];
    const schedule = parseScheduleJson(readFileSync(out, "utf8"), "schedule.json");
    expect(checkRosterSkills({ segments, timeZone: "UTC" }, schedule, agents)).toEqual([]);
    const workers = new Set(segments.map((x) => `${x.agentId}:${x.group}`));
    expect([...workers].sort()).toEqual(["ana:all", "ben:all", "dan:orders"]);

    // agents lacking the generalists' skills: the shifts of group all are left unfilled
    writeFileSync(join(d, "few.csv"), "agent_id,skills\ncai,vip\ndan,orders\n");
    const few = await runCli([
      "roster",
      "--schedule",
      out,
      "--agents",
      join(d, "few.csv"),
      "--json",
    ]);
    expect(few.code).toBe(0);
    const json = JSON.parse(few.stdout) as {
      shortfalls: { name: string; group: string; missing: number }[];
      segments: { agentId: string; group: string }[];
    };
    expect(json.shortfalls).toEqual([
      {
        name: "day",
        group: "all",
        start: "2025-01-06T08:00:00Z",
        end: "2025-01-06T16:00:00Z",
        missing: 2,
      },
    ]);
    expect(new Set(json.segments.map((x) => `${x.agentId}:${x.group}`))).toEqual(
      new Set(["dan:orders"]),
    );

    // --routing on roster: vip now asks for orders as well (over the schedule's groups)
    const stricter = JSON.parse(routing) as { groups: Record<string, unknown> };
    stricter.groups["orders"] = { serves: [{ queue: "orders" }, { queue: "vip" }] };
    writeFileSync(join(d, "strict.json"), JSON.stringify(stricter));
    const strict = await runCli([
      "roster",
      "--schedule",
      out,
      "--agents",
      join(d, "agents.csv"),
      "--routing",
      join(d, "strict.json"),
      "--json",
    ]);
    const sj = JSON.parse(strict.stdout) as { segments: { agentId: string; group: string }[] };
    expect(sj.segments.some((x) => x.agentId === "dan")).toBe(false);
  });

  it("warns when the groups' queues are unknown, or no agent has skills", async () => {
    const d = dir({
      "req.csv": requirements(),
      "shifts.json": shifts(),
      "agents.csv": "agent_id\nana\nben\ncai\ndan\n",
    });
    const out = join(d, "schedule.json");
    await runCli([
      "schedule",
      "--requirements",
      join(d, "req.csv"),
      "--shifts",
      join(d, "shifts.json"),
      "--out",
      out,
      "--json",
    ]);
    const r = await runCli([
      "roster",
      "--schedule",
      out,
      "--agents",
      join(d, "agents.csv"),
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /the queues of group all, vip, orders are unknown .* any agent may work its shifts/,
    );
    const json = JSON.parse(r.stdout) as { shortfalls: unknown[] };
    expect(json.shortfalls).toEqual([]);
    writeFileSync(join(d, "routing.json"), routing);
    const skilled = await runCli([
      "roster",
      "--schedule",
      out,
      "--agents",
      join(d, "agents.csv"),
      "--routing",
      join(d, "routing.json"),
      "--json",
    ]);
    expect(skilled.stderr).toMatch(/no agent has skills: every shift of a group with queues/);
    const none = JSON.parse(skilled.stdout) as { segments: unknown[] };
    expect(none.segments).toEqual([]);
  });
});

describe("bad group inputs (exit 65)", () => {
  it("a bad group cell: file, line and column", async () => {
    const bad = requirements().replace("2025-01-06T09:00:00Z,vip,", "2025-01-06T09:00:00Z,@vip,");
    const d = dir({ "req.csv": bad, "shifts.json": shifts() });
    const r = await runCli([
      "schedule",
      "--requirements",
      join(d, "req.csv"),
      "--shifts",
      join(d, "shifts.json"),
    ]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/req\.csv:6:2: group: starts with "@"/);
  });

  it("a template's group the requirements lack: the shift file and the field", async () => {
    const d = dir({
      "req.csv": requirements(),
      "shifts.json": shifts({ groups: ["all", "sales"] }),
    });
    const r = await runCli([
      "schedule",
      "--requirements",
      join(d, "req.csv"),
      "--shifts",
      join(d, "shifts.json"),
    ]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/shifts\.json: shifts\[0\]\.groups\[1\]: unknown group "sales"/);
  });

  it("template groups without a group column", async () => {
    const d = dir({
      "req.csv": "start,agents\n2025-01-06T08:00:00Z,1\n2025-01-06T09:00:00Z,1\n",
      "shifts.json": shifts({ groups: ["all"], lengthMinutes: 120 }),
    });
    const r = await runCli([
      "schedule",
      "--requirements",
      join(d, "req.csv"),
      "--shifts",
      join(d, "shifts.json"),
    ]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(
      /shifts\.json: shifts\[0\]\.groups: the requirements have no group column/,
    );
  });

  it("a requirement group the routing file lacks", async () => {
    const partial = JSON.stringify({
      queues: { vip: {} },
      groups: { vip: { serves: [{ queue: "vip" }] } },
    });
    const d = dir({ "req.csv": requirements(), "shifts.json": shifts(), "routing.json": partial });
    const r = await runCli([
      "schedule",
      "--requirements",
      join(d, "req.csv"),
      "--shifts",
      join(d, "shifts.json"),
      "--routing",
      join(d, "routing.json"),
    ]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(
      /routing\.json: groups: no group "all", which the requirements' group column names/,
    );
  });
});
