/**
 * Using the staffing engine from code: `npx tsx examples/erlang-api.ts`.
 */
import { computeRequirements, evaluateInterval, staffInterval } from "staffcast/erlang";

// One half-hour: 100 calls, AHT 3 minutes, 80 % answered within 20 s, at most 85 % occupancy.
const r = staffInterval({
  calls: 100,
  intervalSeconds: 1800,
  ahtSeconds: 180,
  targets: { serviceLevel: { fraction: 0.8, seconds: 20 }, maxOccupancy: 0.85 },
  shrinkage: 0.3,
});
console.log(`agents ${r.agents}, scheduled ${r.scheduledAgents}, binding ${r.binding}`);
console.log(`service level ${r.serviceLevel.toFixed(4)}, ASA ${r.asaSeconds.toFixed(2)} s`);

// The same interval with impatient callers (Erlang A): what do 13 agents achieve?
const a = evaluateInterval({
  calls: 100,
  intervalSeconds: 1800,
  ahtSeconds: 180,
  agents: 13,
  patienceSeconds: 300,
});
console.log(
  `13 agents, Erlang A: SL ${a.serviceLevel.toFixed(4)}, abandonment ${a.abandonRate.toFixed(4)}`,
);

// A small forecast: requirements per interval and queue, fractional for scheduling.
const day = Date.UTC(2025, 0, 6, 8);
const table = computeRequirements(
  [
    { queue: "sales", startMs: day, calls: 120 },
    { queue: "sales", startMs: day + 1_800_000, calls: 180 },
    { queue: "vip", startMs: day, calls: 12, ahtSeconds: 420 },
    { queue: "vip", startMs: day + 1_800_000, calls: 9, ahtSeconds: 420 },
  ],
  { ahtSeconds: 240, targets: { serviceLevel: { fraction: 0.8, seconds: 20 } } },
);
for (const row of table) {
  console.log(`${row.agents} agents (fractional ${row.fractionalAgents.toFixed(2)})`);
}
