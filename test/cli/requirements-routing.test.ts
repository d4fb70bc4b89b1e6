/**
 * `staffcast requirements --routing`: the CSV contracts of issue 14 (agents per group, and the
 * queues at that staffing), the flags the routing file replaces, and the single-skill path
 * unchanged.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  formatQueueOutcomesCsv,
  parseGroupAgentsCsv,
  parseQueueOutcomesCsv,
} from "../../src/erlang/index.ts";
import { createZone } from "../../src/time/zone.ts";
import { runCli } from "../support/cli.ts";

const ROUTING = {
  intervalMinutes: 15,
  queues: {
    vip: { priority: 1, serviceLevel: 0.9, slSeconds: 10, patienceSeconds: 180, ahtSeconds: 300 },
    orders: { priority: 2, serviceLevel: 0.8, slSeconds: 20, rejectShare: 0.1, ahtSeconds: 200 },
  },
  groups: {
    vipdesk: { serves: [{ queue: "vip" }, { queue: "orders" }], shrinkage: 0.2 },
    sales: { serves: [{ queue: "orders" }, { queue: "vip", afterSeconds: 15 }] },
  },
};

function folder(): string {
  const d = mkdtempSync(join(tmpdir(), "staffcast-routed-req-"));
  const lines = ["start,queue,calls"];
  for (let i = 0; i < 4; i++) {
    const s = new Date(Date.UTC(2025, 0, 6, 9, i * 15)).toISOString().replace(".000", "");
    lines.push(`${s},vip,${4 + i}`, `${s},orders,${40 + 10 * i}`);
  }
  writeFileSync(join(d, "forecast.csv"), `${lines.join("\n")}\n`);
  writeFileSync(join(d, "routing.json"), JSON.stringify(ROUTING));
  return d;
}

describe("requirements --routing", () => {
  it("writes start,group,agents,scheduled_agents and the queue CSV with its method", async () => {
    const d = folder();
    const out = join(d, "groups.csv");
    const queues = join(d, "queues.csv");
    const args = [
      "requirements",
      "--routing",
      join(d, "routing.json"),
      "--forecast",
      join(d, "forecast.csv"),
    ];
    const r = await runCli([...args, "--out", out, "--queue-out", queues]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text.split("\n")[0]).toBe("start,group,agents,scheduled_agents");
    const rows = parseGroupAgentsCsv(text).rows;
    expect(rows).toHaveLength(8);
    expect(rows.map((x) => x.group).slice(0, 2)).toEqual(["vipdesk", "sales"]);
    // scheduled = ceil(agents / (1 - shrinkage)), read back by its column
    const scheduled = parseGroupAgentsCsv(text, "g.csv", { column: "scheduled_agents" }).rows;
    rows.forEach((x, i) => {
      expect(scheduled[i]!.agents).toBe(
        x.group === "vipdesk" ? Math.ceil(x.agents / 0.8 - 1e-9) : x.agents,
      );
    });
    const q = readFileSync(queues, "utf8").trim().split("\n");
    expect(q[0]).toBe("start,queue,calls,rejected,service_level,asa_s,abandon_rate,method");
    expect(q).toHaveLength(9);
    const orders = q[2]!.split(",");
    expect(orders[1]).toBe("orders");
    expect(Number(orders[2])).toBeCloseTo(36, 9); // 40 dialled, 10 % refused
    expect(Number(orders[3])).toBeCloseTo(4, 9);
    expect(Number(orders[4])).toBeGreaterThanOrEqual(0.8); // its own check met the target
    expect(orders[7]).toBe("simulation");
    // the same inputs give the same bytes
    const again = await runCli([...args, "--queue-out", join(d, "q2.csv")]);
    expect(again.stdout).toBe(text);
    expect(readFileSync(join(d, "q2.csv"), "utf8")).toBe(readFileSync(queues, "utf8"));
  });

  it.each([
    ["--sl", "0.8"],
    ["--patience", "60"],
    ["--shrinkage", "0.3"],
    ["--min-agents", "2"],
  ])("refuses %s, which the routing file replaces (exit 2)", async (flag, value) => {
    const d = folder();
    const r = await runCli([
      "requirements",
      "--routing",
      join(d, "routing.json"),
      "--forecast",
      join(d, "forecast.csv"),
      flag,
      value,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(flag);
  });

  it("--queue-out without --routing is a usage error", async () => {
    const d = folder();
    const r = await runCli([
      "requirements",
      "--forecast",
      join(d, "forecast.csv"),
      "--aht",
      "200",
      "--queue-out",
      "q.csv",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--queue-out needs --routing");
  });

  it("a forecast queue the routing lacks exits 65 naming the forecast", async () => {
    const d = folder();
    writeFileSync(
      join(d, "forecast.csv"),
      "start,queue,calls\n2025-01-06T09:00:00Z,other,3\n2025-01-06T09:15:00Z,other,3\n",
    );
    const r = await runCli([
      "requirements",
      "--routing",
      join(d, "routing.json"),
      "--forecast",
      join(d, "forecast.csv"),
    ]);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain('queue "other" is not in the routing');
    expect(r.stderr).toContain("forecast.csv");
  });
});

describe("the queue CSV reads back", () => {
  it("parseQueueOutcomesCsv gives the rows formatQueueOutcomesCsv wrote", () => {
    const rows = [
      {
        startMs: Date.UTC(2025, 0, 6, 8),
        queue: "vip",
        calls: 9.5,
        rejected: 0,
        serviceLevel: 0.93,
        asaSeconds: 1.25,
        abandonRate: 0.01,
        method: "simulation" as const,
      },
      {
        startMs: Date.UTC(2025, 0, 6, 8),
        queue: "orders",
        calls: 0,
        rejected: 0,
        serviceLevel: null,
        asaSeconds: null,
        abandonRate: null,
        method: null,
      },
    ];
    const text = formatQueueOutcomesCsv(rows, createZone("UTC"));
    expect(parseQueueOutcomesCsv(text).rows).toEqual(rows);
  });

  it("names bad cells by line and field", () => {
    const head = "start,queue,calls,rejected,service_level,asa_s,abandon_rate,method\n";
    expect(() =>
      parseQueueOutcomesCsv(`${head}2025-01-06T08:00:00Z,vip,1,0,1.5,1,0,guess\n`, "q.csv"),
    ).toThrow(/q\.csv:2:5: service_level: [\s\S]*q\.csv:2:8: method/);
  });
});
