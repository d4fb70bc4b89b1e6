/**
 * `staffcast simulate --routing`: the JSON contract of issue 14, the flags the routing file
 * replaces, and bad routing files (exit 65 naming the field).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), "staffcast-routing-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

const ROUTING = {
  queues: {
    vip: { priority: 1, serviceLevel: 0.9, slSeconds: 10, patienceSeconds: 180, ahtSeconds: 300 },
    orders: {
      priority: 2,
      serviceLevel: 0.8,
      slSeconds: 20,
      patienceSeconds: 120,
      rejectShare: 0.1,
    },
  },
  groups: {
    vipdesk: { serves: [{ queue: "vip" }, { queue: "orders" }] },
    sales: { serves: [{ queue: "orders" }, { queue: "vip", afterSeconds: 15 }] },
  },
};

/** Two hours of 15-minute intervals: forecast and agents per group. */
function files(routing: unknown = ROUTING): string {
  const starts = Array.from({ length: 8 }, (_, i) =>
    new Date(Date.UTC(2025, 0, 6, 8, i * 15)).toISOString().replace(".000", ""),
  );
  const forecast = ["start,queue,calls,aht_s"];
  const agents = ["start,group,agents"];
  for (const s of starts) {
    forecast.push(`${s},vip,10,`, `${s},orders,60,200`);
    agents.push(`${s},vipdesk,3`, `${s},sales,16`);
  }
  return dir({
    "routing.json": JSON.stringify(routing),
    "forecast.csv": `${forecast.join("\n")}\n`,
    "groups.csv": `${agents.join("\n")}\n`,
  });
}

const args = (d: string, ...more: string[]) => [
  "simulate",
  "--routing",
  join(d, "routing.json"),
  "--requirements",
  join(d, "groups.csv"),
  "--forecast",
  join(d, "forecast.csv"),
  "--runs",
  "5",
  ...more,
];

describe("simulate --routing", () => {
  it("prints the issue's JSON: total with queues and groups, intervals and groupIntervals", async () => {
    const d = files();
    const r = await runCli(args(d, "--json"));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      total: Record<string, unknown> & {
        queues: Record<string, Record<string, unknown>>;
        groups: Record<string, Record<string, unknown>>;
      };
      intervals: Record<string, unknown>[];
      groupIntervals: Record<string, unknown>[];
    };
    expect(Object.keys(json.total.queues)).toEqual(["vip", "orders"]);
    expect(Object.keys(json.total.queues["orders"]!).sort()).toEqual(
      [
        "abandonRate",
        "abandonRateCi",
        "asaSeconds",
        "calls",
        "rejected",
        "serviceLevel",
        "serviceLevelCi",
      ].sort(),
    );
    expect(Object.keys(json.total.groups)).toEqual(["vipdesk", "sales"]);
    expect(Object.keys(json.total.groups["sales"]!)).toEqual(["occupancy"]);
    expect(Object.keys(json.intervals[0]!)).toEqual([
      "start",
      "queue",
      "calls",
      "serviceLevel",
      "asaSeconds",
      "abandonRate",
    ]);
    expect(json.intervals[0]!["start"]).toBe("2025-01-06T08:00:00Z");
    expect(Object.keys(json.groupIntervals[0]!)).toEqual(["start", "group", "agents", "occupancy"]);
    expect(json.groupIntervals[0]).toMatchObject({ group: "vipdesk", agents: 3 });
    // 10 % of 480 orders refused, about; none of the VIP calls
    const orders = json.total.queues["orders"]!;
    expect(orders["rejected"] as number).toBeGreaterThan(25);
    expect(orders["rejected"] as number).toBeLessThan(75);
    expect(json.total.queues["vip"]!["rejected"]).toBe(0);
    // the same inputs give the same bytes
    expect((await runCli(args(d, "--json"))).stdout).toBe(r.stdout);
  });

  it("prints a table per queue and per group for people", async () => {
    const r = await runCli(args(files()));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/vip\s+\d/);
    expect(r.stdout).toContain("orders, vip after 15 s");
  });

  it.each([
    ["--patience", "60"],
    ["--sl-seconds", "30"],
    ["--target-sl", "0.8"],
    ["--shrinkage", "0.1"],
  ])("refuses %s, which the routing file replaces (exit 2)", async (flag, value) => {
    const r = await runCli(args(files(), flag, value));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(flag);
  });

  it.each([
    [
      { ...ROUTING, groups: { sales: { serves: [{ queue: "nope" }] } } },
      "groups.sales.serves[0].queue",
    ],
    [{ ...ROUTING, groups: { sales: { serves: [{ queue: "orders" }] } } }, "queues.vip"],
    [{ ...ROUTING, queues: { ...ROUTING.queues, vip: { priority: 1.5 } } }, "queues.vip.priority"],
    [
      { ...ROUTING, queues: { ...ROUTING.queues, vip: { shrinkage: 0.1 } } },
      "queues.vip.shrinkage",
    ],
    [{ ...ROUTING, queues: { ...ROUTING.queues, vip: { minAgents: 2 } } }, "queues.vip.minAgents"],
    [
      {
        ...ROUTING,
        groups: { ...ROUTING.groups, sales: { serves: [{ queue: "orders", afterSeconds: -1 }] } },
      },
      "groups.sales.serves[0].afterSeconds",
    ],
  ])("a bad routing file exits 65 naming the field (%#)", async (routing, field) => {
    const r = await runCli(args(files(routing)));
    expect(r.code).toBe(65);
    expect(r.stderr).toContain("routing.json");
    expect(r.stderr).toContain(field);
  });

  it("simulates a schedule by group: requirements --routing, schedule --routing, simulate", async () => {
    const d = files();
    const shifts = {
      intervalMinutes: 15,
      coverage: "soft",
      shifts: [{ name: "two", startEarliest: "08:00", startLatest: "08:00", lengthMinutes: 120 }],
    };
    writeFileSync(join(d, "shifts.json"), JSON.stringify(shifts));
    const req = await runCli([
      "requirements",
      "--routing",
      join(d, "routing.json"),
      "--forecast",
      join(d, "forecast.csv"),
      "--out",
      join(d, "req.csv"),
    ]);
    expect(req.code).toBe(0);
    const sched = await runCli([
      "schedule",
      "--requirements",
      join(d, "req.csv"),
      "--column",
      "scheduled_agents",
      "--routing",
      join(d, "routing.json"),
      "--shifts",
      join(d, "shifts.json"),
      "--out",
      join(d, "schedule.json"),
    ]);
    expect(sched.code).toBe(0);
    const r = await runCli([
      "simulate",
      "--routing",
      join(d, "routing.json"),
      "--schedule",
      join(d, "schedule.json"),
      "--forecast",
      join(d, "forecast.csv"),
      "--runs",
      "5",
      "--json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { groupIntervals: { group: string; agents: number }[] };
    // every group the schedule staffs is simulated with its own agents
    expect(new Set(json.groupIntervals.map((g) => g.group))).toEqual(new Set(["vipdesk", "sales"]));
  });

  it("a schedule without groups needs a routing of one group", async () => {
    const d = files();
    const shifts = {
      intervalMinutes: 15,
      shifts: [{ name: "two", startEarliest: "08:00", startLatest: "08:00", lengthMinutes: 120 }],
    };
    writeFileSync(join(d, "shifts.json"), JSON.stringify(shifts));
    writeFileSync(
      join(d, "req.csv"),
      "start,agents\n2025-01-06T08:00:00Z,3\n2025-01-06T08:15:00Z,3\n",
    );
    const sched = await runCli([
      "schedule",
      "--requirements",
      join(d, "req.csv"),
      "--shifts",
      join(d, "shifts.json"),
      "--out",
      join(d, "schedule.json"),
    ]);
    expect(sched.code).toBe(0);
    const r = await runCli([
      "simulate",
      "--routing",
      join(d, "routing.json"),
      "--schedule",
      join(d, "schedule.json"),
      "--forecast",
      join(d, "forecast.csv"),
    ]);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain("the schedule has no groups");
  });

  it("a group of the agents file not in the routing exits 65 naming the file", async () => {
    const d = files({
      ...ROUTING,
      groups: { vipdesk: ROUTING.groups.vipdesk, other: { serves: [{ queue: "orders" }] } },
    });
    const r = await runCli(args(d));
    expect(r.code).toBe(65);
    expect(r.stderr).toContain('group "sales" is not in the routing');
  });
});
