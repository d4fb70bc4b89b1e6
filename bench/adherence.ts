/**
 * Adherence benchmark (issue #5): one day of 5,000 agents with about 200 state events each
 * (1,000,000 events, bench/agent-sim.ts), through the built package:
 *
 * 1. batch: `computeAdherence` on the events, and `staffcast adherence` end to end on the CSV
 *    (goal: under 3 s);
 * 2. real time: the same events streamed one by one through the monitor, with memory sampled
 *    along the way (goal: steady memory), and a 3-day stream to show that closed days are let go.
 *
 * Run: `npm run bench:adherence`.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { computeAdherence, createAdherenceMonitor } from "staffcast/adherence";
import { simulateDay } from "./agent-sim.ts";
import { timeCli } from "./time-cli.ts";

const say = (s: string): void => {
  console.log(s);
};
const iso = (ms: number): string => new Date(ms).toISOString().replace(".000Z", "Z");
say(
  `machine: ${cpus().length} cores, ${cpus()[0]?.model ?? "unknown CPU"}; node ${process.version}`,
);

const AGENTS = 5000;
const day = simulateDay({ agents: AGENTS, seed: 11 });
say(`${AGENTS} agents, ${day.events.length} events, ${day.schedule.length} schedule segments`);

// 1a. library, batch
let best = Number.POSITIVE_INFINITY;
let report = computeAdherence(day.schedule, day.events);
for (let run = 0; run < 3; run++) {
  const start = performance.now();
  report = computeAdherence(day.schedule, day.events);
  best = Math.min(best, performance.now() - start);
}
say(
  `computeAdherence: ${(best / 1000).toFixed(2)} s (best of 3); adherence ${report.totals.adherence?.toFixed(4)}, ` +
    `${report.agents.reduce((a, d) => a + d.exceptions.length, 0)} exceptions`,
);

// 1b. CLI end to end on CSV files
const dir = mkdtempSync(join(tmpdir(), "staffcast-adherence-"));
try {
  const schedulePath = join(dir, "schedule.csv");
  const eventsPath = join(dir, "events.csv");
  writeFileSync(
    schedulePath,
    `agent_id,start,end,activity\n${day.schedule.map((s) => `${s.agentId},${iso(s.startMs)},${iso(s.endMs)},${s.activity}`).join("\n")}\n`,
  );
  writeFileSync(
    eventsPath,
    `agent_id,time,state\n${day.events.map((e) => `${e.agentId},${iso(e.timeMs)},${e.state}`).join("\n")}\n`,
  );
  const size = (statSync(eventsPath).size / 1e6).toFixed(0);
  const args = [
    "adherence",
    "--schedule",
    schedulePath,
    "--events",
    eventsPath,
    "--out",
    join(dir, "out.csv"),
  ];
  const { bestMs, peakMb } = timeCli(args);
  say(
    `staffcast adherence on a ${size} MB events CSV: ${(bestMs / 1000).toFixed(2)} s wall (best of 3, goal < 3 s)` +
      (peakMb === undefined ? "" : `, peak RSS ${peakMb.toFixed(0)} MB`),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// 2. real time: stream the day through the monitor
const heap = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
};
function streamOneDay(): void {
  const before = heap(); // the monitor's own memory, from its schedule on
  const monitor = createAdherenceMonitor({ schedule: day.schedule });
  const samples: string[] = [];
  let alerts = 0;
  const start = performance.now();
  day.events.forEach((e, i) => {
    alerts += monitor.ingest(e).length;
    if ((i + 1) % 250_000 === 0)
      samples.push(`${(heap() - before).toFixed(0)} MB after ${(i + 1) / 1000}k`);
  });
  const ms = performance.now() - start;
  say(
    `monitor, one day streamed: ${(ms / 1000).toFixed(2)} s (${((ms * 1000) / day.events.length).toFixed(2)} us per event), ` +
      `${alerts} alerts; heap above the start: ${samples.join(", ")}; ${monitor.retainedEvents()} events held (open agent-days)`,
  );
}
function streamThreeDays(): void {
  // three days in a row: memory after each day stays level, closed days are handed out
  const days = [0, 1, 2].map((d) =>
    simulateDay({ agents: AGENTS, seed: 20 + d, dayMs: Date.UTC(2025, 0, 6 + d) }),
  );
  const schedule = days.flatMap((d) => d.schedule);
  const before = heap();
  const monitor = createAdherenceMonitor({ schedule });
  const levels: string[] = [];
  let closed = 0;
  for (const d of days) {
    for (const e of d.events) monitor.ingest(e);
    closed += monitor.takeClosedDays().length;
    levels.push(`${(heap() - before).toFixed(0)} MB / ${monitor.retainedEvents()} events held`);
  }
  say(
    `monitor, three days streamed (${days.reduce((a, d) => a + d.events.length, 0)} events): after each day ${levels.join(", ")}; ${closed} agent-days closed`,
  );
}
streamOneDay();
streamThreeDays();
