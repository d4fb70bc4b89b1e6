/**
 * The CLI contracts as golden files: the JSON and CSV outputs of erlang, schedule, roster,
 * simulate and a plan folder's plan.json, byte for byte (with the goldens of forecast,
 * requirements and adherence elsewhere). They pin the contracts while the code underneath
 * moves; a change to one of these files is a change to a contract and must be deliberate.
 * Every input is small and every solve is proven optimal, so the outputs are deterministic.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";
import { smallPlanFolder } from "../support/plan-fixture.ts";

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), "staffcast-golden-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

/** Two queues, 08:00-16:00 at 30 minutes: 3 + 1 agents, 4 + 2 around noon. */
function requirements(): string {
  const lines = ["start,queue,agents"];
  for (let q = 16; q < 32; q++) {
    const t = new Date(Date.UTC(2025, 0, 6) + q * 1_800_000).toISOString().replace(".000Z", "Z");
    const noon = q >= 22 && q < 26;
    lines.push(`${t},sales,${noon ? 4 : 3}`, `${t},service,${noon ? 2 : 1}`);
  }
  return `${lines.join("\n")}\n`;
}

const shifts = JSON.stringify({
  interval: 30,
  coverage: "hard",
  overPenalty: 0.5,
  shifts: [
    {
      name: "day",
      startEarliest: "08:00",
      startLatest: "08:00",
      lengthMinutes: 480,
      breaks: [
        { kind: "meal", minutes: 30, earliestAfterStart: 180, latestBeforeEnd: 120, paid: false },
      ],
    },
    { name: "mid", startEarliest: "10:00", startLatest: "12:00", lengthMinutes: 240 },
  ],
});

describe("golden CLI outputs", () => {
  it("erlang --json (Erlang C and Erlang A)", async () => {
    const c = await runCli([
      "erlang",
      "--calls",
      "100",
      "--interval",
      "30m",
      "--aht",
      "180",
      "--json",
    ]);
    const a = await runCli([
      "erlang",
      "--calls",
      "2880",
      "--interval",
      "1h",
      "--aht",
      "60",
      "--patience",
      "120",
      "--max-abandon",
      "0.05",
      "--shrinkage",
      "0.3",
      "--json",
    ]);
    expect(c.code + a.code).toBe(0);
    await expect(`${c.stdout}${a.stdout}`).toMatchFileSnapshot("../golden/erlang.ndjson");
  });

  it("schedule --json, roster --json and the roster CSV", async () => {
    const d = dir({
      "req.csv": requirements(),
      "shifts.json": shifts,
      "agents.csv": "agent_id,max_hours_week\nana,40\nbo,40\ncy,40\ndee,20\neve,20\nfay,20\n",
    });
    const schedule = await runCli([
      "schedule",
      "--requirements",
      join(d, "req.csv"),
      "--shifts",
      join(d, "shifts.json"),
      "--json",
      "--out",
      join(d, "schedule.json"),
    ]);
    expect(schedule.code).toBe(0);
    await expect(schedule.stdout).toMatchFileSnapshot("../golden/schedule.json");
    const roster = await runCli([
      "roster",
      "--schedule",
      join(d, "schedule.json"),
      "--agents",
      join(d, "agents.csv"),
      "--json",
      "--out",
      join(d, "roster.csv"),
    ]);
    expect(roster.code).toBe(0);
    await expect(roster.stdout).toMatchFileSnapshot("../golden/roster.json");
    await expect(readFileSync(join(d, "roster.csv"), "utf8")).toMatchFileSnapshot(
      "../golden/roster.csv",
    );
  });

  it("simulate --json", async () => {
    const forecast = ["start,queue,calls,aht_s"];
    const agents = ["start,queue,agents"];
    for (let i = 0; i < 8; i++) {
      const t = new Date(Date.UTC(2025, 0, 6, 8) + i * 1_800_000).toISOString();
      forecast.push(`${t},sales,${40 + 10 * (i % 3)},180`, `${t},vip,${8 + (i % 2)},240`);
      agents.push(`${t},sales,${6 + (i % 3)}`, `${t},vip,3`);
    }
    const d = dir({ "f.csv": `${forecast.join("\n")}\n`, "r.csv": `${agents.join("\n")}\n` });
    const r = await runCli([
      "simulate",
      "--forecast",
      join(d, "f.csv"),
      "--requirements",
      join(d, "r.csv"),
      "--patience",
      "90",
      "--runs",
      "5",
      "--json",
    ]);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot("../golden/simulate.json");
  });

  it("a plan folder's plan.json", async () => {
    const d = smallPlanFolder({
      queues: { orders: { serviceLevel: 0.8 }, vip: { serviceLevel: 0.9, slSeconds: 10 } },
      pools: [["orders", "after"]],
      solver: { timeLimitSeconds: 30, gap: 1e-6 },
    });
    const r = await runCli(["plan", "--config", join(d, "plan.json"), "--out", join(d, "out")]);
    expect(r.code).toBe(0);
    await expect(readFileSync(join(d, "out", "plan.json"), "utf8")).toMatchFileSnapshot(
      "../golden/plan.json",
    );
  }, 60_000);
});
