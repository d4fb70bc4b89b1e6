/**
 * `staffcast schedule` and `staffcast roster`: the JSON contract, exit codes and errors.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/io/csv.ts";
import { runCli } from "../support/cli.ts";

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), "staffcast-sch-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

/** Two queues, 08:00-16:00 at 30 minutes: 3 + 1 agents, 4 + 2 around noon. */
function requirements(): string {
  const lines = ["start,queue,agents,fractional_scheduled_agents"];
  for (let q = 16; q < 32; q++) {
    const t = new Date(Date.UTC(2025, 0, 6) + q * 1_800_000).toISOString().replace(".000Z", "Z");
    const noon = q >= 22 && q < 26;
    lines.push(`${t},sales,${noon ? 4 : 3},${noon ? 3.6 : 2.7}`);
    lines.push(`${t},service,${noon ? 2 : 1},${noon ? 1.5 : 0.8}`);
  }
  return `${lines.join("\n")}\n`;
}

const shifts = JSON.stringify({
  intervalMinutes: 30,
  coverage: "hard",
  overPenalty: 0.5,
  shifts: [
    {
      name: "day",
      startEarliest: "08:00",
      startLatest: "08:00",
      lengthMinutes: 480,
      breaks: [
        {
          kind: "meal",
          durationMinutes: 30,
          earliestAfterStartMinutes: 180,
          latestBeforeEndMinutes: 120,
          paid: false,
        },
      ],
    },
    { name: "mid", startEarliest: "10:00", startLatest: "12:00", lengthMinutes: 240 },
  ],
});

describe("staffcast schedule", () => {
  it("prints the JSON contract, coverage net of breaks, the queues summed", async () => {
    const d = dir({ "req.csv": requirements(), "shifts.json": shifts });
    const r = await runCli([
      "schedule",
      "--requirements",
      join(d, "req.csv"),
      "--shifts",
      join(d, "shifts.json"),
      "--json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      status: string;
      objective: number;
      gap: number;
      shifts: {
        name: string;
        start: string;
        end: string;
        count: number;
        breaks: { kind: string; start: string; end: string; count: number }[];
      }[];
      coverage: { start: string; required: number; scheduled: number }[];
    };
    expect(json.status).toBe("optimal");
    expect(json.gap).toBe(0);
    expect(typeof json.objective).toBe("number");
    expect(json.coverage.length).toBe(16);
    expect(Object.keys(json.coverage[0] ?? {}).sort()).toEqual(["required", "scheduled", "start"]);
    expect(json.coverage[0]?.start).toBe("2025-01-06T08:00:00Z");
    expect(json.coverage[0]?.required).toBe(4);
    for (const c of json.coverage) expect(c.scheduled).toBeGreaterThanOrEqual(c.required);
    for (const s of json.shifts) {
      expect(Object.keys(s).sort()).toEqual(["breaks", "count", "end", "name", "start"]);
      const perKind = s.breaks.reduce((a, b) => a + b.count, 0);
      expect(perKind).toBe(s.name === "day" ? s.count : 0);
    }
  });

  it("staffs --column fractional_scheduled_agents, and writes --out atomically", async () => {
    const d = dir({ "req.csv": requirements(), "shifts.json": shifts });
    const out = join(d, "schedule.json");
    const r = await runCli([
      "schedule",
      "--requirements",
      join(d, "req.csv"),
      "--shifts",
      join(d, "shifts.json"),
      "--column",
      "fractional_scheduled_agents",
      "--out",
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Schedule: optimal/);
    const json = JSON.parse(readFileSync(out, "utf8")) as {
      coverage: { required: number }[];
      shiftFile: unknown;
    };
    expect(json.coverage[0]!.required).toBeCloseTo(3.5, 12);
    expect(json.shiftFile).toEqual(JSON.parse(shifts));
  });

  it("exits 1 with the explanation on stderr when hard coverage is impossible", async () => {
    const night = requirements().replace(
      "2025-01-06T08:00:00Z,sales",
      "2025-01-06T07:30:00Z,sales",
    );
    const d = dir({ "req.csv": night, "shifts.json": shifts });
    const r = await runCli([
      "schedule",
      "--requirements",
      join(d, "req.csv"),
      "--shifts",
      join(d, "shifts.json"),
      "--json",
    ]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: "infeasible", objective: null });
    expect(r.stderr).toMatch(
      /infeasible: hard coverage is impossible: no shift template works 2025-01-06T07:30:00Z to 2025-01-06T08:00:00Z/,
    );
  });

  it("names the file and field of a bad shift file, and the line of a bad requirement (exit 65)", async () => {
    const d = dir({
      "req.csv": requirements().replace(",3,2.7", ",three,2.7"),
      "bad.json": JSON.stringify({
        intervalMinutes: 30,
        shifts: [{ name: "x", startEarliest: "08:00", startLatest: "08:00", lengthMinutes: 470 }],
      }),
      "shifts.json": shifts,
      "broken.json": "{ interval: 30",
    });
    const a = await runCli([
      "schedule",
      "--requirements",
      join(d, "req.csv"),
      "--shifts",
      join(d, "shifts.json"),
    ]);
    expect(a.code).toBe(65);
    expect(a.stderr).toMatch(
      /req\.csv:2:3: agents: expected a number from 0 to 100000 \(got "three"\)/,
    );
    const ok = requirements();
    writeFileSync(join(d, "req.csv"), ok);
    const b = await runCli([
      "schedule",
      "--requirements",
      join(d, "req.csv"),
      "--shifts",
      join(d, "bad.json"),
    ]);
    expect(b.code).toBe(65);
    expect(b.stderr).toMatch(
      /bad\.json: shifts\[0\]\.lengthMinutes: must be a multiple of the interval \(30 minutes\), got 470/,
    );
    const c = await runCli([
      "schedule",
      "--requirements",
      join(d, "req.csv"),
      "--shifts",
      join(d, "broken.json"),
    ]);
    expect(c.code).toBe(65);
    expect(c.stderr).toMatch(
      /broken\.json:1:3: not valid JSON: expected a property name in double quotes/,
    );
    const e = await runCli([
      "schedule",
      "--requirements",
      join(d, "req.csv"),
      "--shifts",
      join(d, "shifts.json"),
      "--solver",
      "glpk",
    ]);
    expect(e.code).toBe(2);
  });
});

describe("staffcast roster", () => {
  it("writes segments agent_id,start,end,activity and a summary per agent", async () => {
    const d = dir({
      "req.csv": requirements(),
      "shifts.json": shifts,
      "agents.csv":
        "agent_id,skills,min_hours_week,max_hours_week,max_days_week\nana,sales;service,0,40,5\nbo,,0,40,5\ncy,,0,40,5\ndee,,0,40,5\neve,,0,40,5\nfay,,0,40,5\ngus,,0,40,5\n",
      "off.csv": "agent_id,date,available_from,available_to\nana,2025-01-06,,\n",
    });
    const schedule = join(d, "schedule.json");
    expect(
      (
        await runCli([
          "schedule",
          "--requirements",
          join(d, "req.csv"),
          "--shifts",
          join(d, "shifts.json"),
          "--out",
          schedule,
        ])
      ).code,
    ).toBe(0);
    const segments = join(d, "segments.csv");
    const r = await runCli([
      "roster",
      "--schedule",
      schedule,
      "--agents",
      join(d, "agents.csv"),
      "--availability",
      join(d, "off.csv"),
      "--out",
      segments,
      "--json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      status: string;
      agents: { agentId: string; shifts: number; paidSeconds: number }[];
      shortfalls: unknown[];
    };
    expect(json.status).toBe("optimal");
    expect(json.agents.find((a) => a.agentId === "ana")!.shifts).toBe(0);
    const table = parseCsv(readFileSync(segments, "utf8"), "segments.csv");
    expect(table.header).toEqual(["agent_id", "start", "end", "activity"]);
    const activities = new Set(table.records().map((r) => r[3]));
    expect([...activities].every((a) => ["onQueue", "break", "meal"].includes(a!))).toBe(true);
    expect(activities.has("meal")).toBe(true);
    expect(existsSync(segments)).toBe(true);
    // paid time in seconds = the agent's onQueue and (paid) break segments; meals are unpaid here
    for (const a of json.agents) {
      const paid = table
        .records()
        .filter((r) => r[0] === a.agentId && r[3] !== "meal")
        .reduce((sum, r) => sum + (Date.parse(r[2]!) - Date.parse(r[1]!)) / 1000, 0);
      expect(a.paidSeconds, a.agentId).toBe(paid);
    }
  });

  it("refuses a file that is not a schedule", async () => {
    const d = dir({ "x.json": "{}", "agents.csv": "agent_id\nana\n" });
    const r = await runCli([
      "roster",
      "--schedule",
      join(d, "x.json"),
      "--agents",
      join(d, "agents.csv"),
    ]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/x\.json: not a schedule from "staffcast schedule --out"/);
  });
});

describe("roster segments CSV", () => {
  it("quotes agent ids that need it, so that the adherence engine reads them back", async () => {
    const { segmentsCsv } = await import("../../src/schedule/index.ts");
    const { createZone } = await import("../../src/time/zone.ts");
    const text = segmentsCsv(
      [
        {
          agentId: "Doe, Jane",
          startMs: Date.UTC(2025, 0, 6, 8),
          endMs: Date.UTC(2025, 0, 6, 12),
          activity: "onQueue",
        },
      ],
      createZone("UTC"),
    );
    expect(text).toBe(
      'agent_id,start,end,activity\n"Doe, Jane",2025-01-06T08:00:00Z,2025-01-06T12:00:00Z,onQueue\n',
    );
    expect(parseCsv(text, "s.csv").record(0)[0]).toBe("Doe, Jane");
  });
});

describe("the shift file's old field names (before the unit was in every name)", () => {
  /** The test's shift file with the names it had before: interval, minutes, earliestAfterStart... */
  const oldShifts = shifts
    .replace('"intervalMinutes"', '"interval"')
    .replace('"durationMinutes"', '"minutes"')
    .replace('"earliestAfterStartMinutes"', '"earliestAfterStart"')
    .replace('"latestBeforeEndMinutes"', '"latestBeforeEnd"');

  it("are still read, with one warning naming each old name and its new one", async () => {
    const d = dir({ "req.csv": requirements(), "new.json": shifts, "old.json": oldShifts });
    const run = (file: string) =>
      runCli([
        "schedule",
        "--requirements",
        join(d, "req.csv"),
        "--shifts",
        join(d, file),
        "--json",
      ]);
    const [now, before] = [await run("new.json"), await run("old.json")];
    expect(now.stderr).toBe("");
    expect(before.code).toBe(0);
    expect(before.stderr).toBe(
      `warning: ${join(d, "old.json")}: old field names interval (now intervalMinutes), ` +
        "minutes (now durationMinutes), earliestAfterStart (now earliestAfterStartMinutes), " +
        "latestBeforeEnd (now latestBeforeEndMinutes): they are still read, but rename them " +
        "(the old names will stop working in a later version)\n",
    );
    // the same schedule; only the shift file it carries differs, as given
    const { shiftFile: a, ...scheduleNow } = JSON.parse(now.stdout) as Record<string, unknown>;
    const { shiftFile: b, ...scheduleBefore } = JSON.parse(before.stdout) as Record<
      string,
      unknown
    >;
    expect(scheduleBefore).toEqual(scheduleNow);
    expect(a).toEqual(JSON.parse(shifts));
    expect(b).toEqual(JSON.parse(oldShifts));
  });

  it("refuses a field given under both names, naming it (exit 65)", async () => {
    const both = JSON.parse(shifts) as { shifts: { breaks?: Record<string, unknown>[] }[] };
    both.shifts[0]!.breaks![0]!["minutes"] = 30;
    const d = dir({ "req.csv": requirements(), "both.json": JSON.stringify(both) });
    const r = await runCli([
      "schedule",
      "--requirements",
      join(d, "req.csv"),
      "--shifts",
      join(d, "both.json"),
    ]);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain(
      'both.json: shifts[0].breaks[0].durationMinutes: given twice: as "minutes" (its old name) and as "durationMinutes": keep "durationMinutes"',
    );
  });

  it("in a schedule's shift file: roster reads them with one warning naming the schedule", async () => {
    const d = dir({
      "req.csv": requirements(),
      "old.json": oldShifts,
      "agents.csv": "agent_id\nana\nbo\ncy\ndee\neve\nfay\ngus\n",
    });
    const schedule = join(d, "schedule.json");
    const designed = await runCli([
      "schedule",
      "--requirements",
      join(d, "req.csv"),
      "--shifts",
      join(d, "old.json"),
      "--out",
      schedule,
    ]);
    expect(designed.code).toBe(0);
    const r = await runCli([
      "roster",
      "--schedule",
      schedule,
      "--agents",
      join(d, "agents.csv"),
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr.match(/warning/g)).toHaveLength(1);
    expect(r.stderr).toContain(
      `warning: ${schedule}: shiftFile: old field names interval (now intervalMinutes), minutes (now durationMinutes)`,
    );
  });
});
