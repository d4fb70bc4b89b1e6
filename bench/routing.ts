/**
 * Multi-skill routing benchmark (issue 14), through the built package: the TV-shopping example's
 * week (2003-10-20, 3 queues x 3 groups x 15-minute intervals x 7 days) with its routing
 * (examples/tv-shopping/routing.json):
 *
 * 1. `staffcast requirements --routing` for the week (goal: under 30 s on 2 cores);
 * 2. `staffcast simulate --routing` of that staffing, 20 runs (goal: a few seconds);
 * 3. the staffing's agent-hours next to its two bounds: one all-skills pool (lower) and each
 *    queue staffed alone (upper);
 * 4. three designs on the same forecast (docs/multiskill.md): a dedicated VIP group, one pool
 *    with VIP priority, and the example's mix; agent-hours and each queue's simulated service
 *    (fresh seed, arrivals shaped by the ads).
 *
 * Run: `npm run bench:routing`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseGroupAgentsCsv, parseRouting, staffRouting } from "staffcast/erlang";
import { timeCli } from "./time-cli.ts";

const say = (s: string): void => {
  console.log(s);
};
say(
  `machine: ${cpus().length} cores, ${cpus()[0]?.model ?? "unknown CPU"}; node ${process.version}`,
);
const dir = mkdtempSync(join(tmpdir(), "staffcast-bench-routing-"));
const ex = "examples/tv-shopping";
const forecast = join(dir, "forecast.csv");
const groups = join(dir, "groups.csv");
try {
  timeCli(
    [
      "forecast",
      "--history",
      `${ex}/history.csv`,
      "--ads",
      `${ex}/ads.csv`,
      "--holidays",
      `${ex}/holidays.csv`,
      "--start",
      "2003-10-20",
      "--days",
      "7",
      "--out",
      forecast,
    ],
    1,
  );
  const staff = timeCli(
    ["requirements", "--routing", `${ex}/routing.json`, "--forecast", forecast, "--out", groups],
    3,
  );
  say(
    `requirements --routing, a week: ${(staff.bestMs / 1000).toFixed(2)} s (best of 3)` +
      (staff.peakMb === undefined ? "" : `, peak ${staff.peakMb.toFixed(0)} MB`),
  );
  const sim = timeCli(
    [
      "simulate",
      "--routing",
      `${ex}/routing.json`,
      "--requirements",
      groups,
      "--forecast",
      forecast,
      "--runs",
      "20",
      "--seed",
      "7",
    ],
    3,
  );
  say(`simulate --routing, a week, 20 runs: ${(sim.bestMs / 1000).toFixed(2)} s (best of 3)`);

  // agent-hours against the bounds (the library on the same forecast)
  const routing = parseRouting(JSON.parse(readFileSync(`${ex}/routing.json`, "utf8")));
  const rows = readFileSync(forecast, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(","))
    .map((c) => ({
      startMs: new Date(c[0]!).getTime(),
      queue: c[1]!,
      calls: Number(c[2]),
      ahtSeconds: Number(c[5]),
    }));
  const r = staffRouting({ routing, intervalSeconds: 900, rows });
  const h = r.agentHours;
  say(
    `productive agent-hours: staffed ${h.staffed.toFixed(1)}; all-skills pool ${h.pooled.toFixed(1)} ` +
      `(staffed is ${((h.staffed / h.pooled - 1) * 100).toFixed(1)} % above); each queue alone ${h.separate.toFixed(1)} ` +
      `(staffed is ${((1 - h.staffed / h.separate) * 100).toFixed(1)} % below); intervals missing a target: ${r.unmetStartsMs.length}`,
  );
  const csv = parseGroupAgentsCsv(readFileSync(groups, "utf8")).rows;
  say(`rows written: ${csv.length} (intervals x groups)`);

  say(
    "\ndesign                agent-hours  vip SL (95 % CI)        orders SL (95 % CI)     aftersales SL (95 % CI)",
  );
  for (const [name, file] of [
    ["dedicated VIP group", `${ex}/designs/dedicated-vip.json`],
    ["VIP-priority pool", `${ex}/designs/vip-priority-pool.json`],
    ["example (mixed)", `${ex}/routing.json`],
  ] as const) {
    const out = join(dir, "design.csv");
    timeCli(["requirements", "--routing", file, "--forecast", forecast, "--out", out], 1);
    const hours = parseGroupAgentsCsv(readFileSync(out, "utf8")).rows.reduce(
      (a, x) => a + x.agents / 4,
      0,
    );
    const sim = spawnSync(
      process.execPath,
      [
        "dist/cli.js",
        "simulate",
        "--routing",
        file,
        "--requirements",
        out,
        "--forecast",
        forecast,
        "--ads",
        `${ex}/ads.csv`,
        "--history",
        `${ex}/history.csv`,
        "--runs",
        "20",
        "--seed",
        "4242",
        "--json",
      ],
      { encoding: "utf8" },
    );
    const total = (
      JSON.parse(sim.stdout) as {
        total: {
          queues: Record<string, { serviceLevel: number; serviceLevelCi: [number, number] }>;
        };
      }
    ).total;
    const cell = (q: string): string => {
      const x = total.queues[q]!;
      const p = (v: number): string => `${(v * 100).toFixed(1)} %`;
      return `${p(x.serviceLevel)} (${p(x.serviceLevelCi[0])}-${p(x.serviceLevelCi[1])})`.padEnd(
        24,
      );
    };
    say(
      `${name.padEnd(22)}${hours.toFixed(1).padStart(11)}  ${cell("vip")}${cell("orders")}${cell("aftersales")}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
