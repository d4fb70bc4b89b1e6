/**
 * Skills, VIP priority and overflow from code: `npx tsx examples/routing-api.ts`.
 *
 * A VIP queue (priority 1, 90 % in 10 s) and an order line (80 % in 20 s), staffed for one busy
 * half hour in two designs: a dedicated VIP desk beside a sales team (each answers its own
 * queue), and one pool answering both with VIP first. Each staffing is then simulated with
 * another seed.
 */
import { parseRouting, simulateRouting, staffRoutedInterval } from "staffcast/erlang";

const queues = {
  vip: { priority: 1, serviceLevel: 0.9, slSeconds: 10, patienceSeconds: 180 },
  orders: { priority: 2, serviceLevel: 0.8, slSeconds: 20, patienceSeconds: 120 },
};
const designs = {
  dedicated: {
    vipdesk: { serves: [{ queue: "vip" }] },
    sales: { serves: [{ queue: "orders" }] },
  },
  pooled: { all: { serves: [{ queue: "vip" }, { queue: "orders" }] } },
};
// 20 VIP calls (AHT 5 min) and 150 orders (AHT 4 min) in a half hour
const loads = { vip: { calls: 20, ahtSeconds: 300 }, orders: { calls: 150, ahtSeconds: 240 } };
const flat = (v: number) => ({ startMs: 0, stepSeconds: 8 * 3600, values: [v] });

for (const [name, groups] of Object.entries(designs)) {
  const routing = parseRouting({ queues, groups });
  const staffed = staffRoutedInterval(routing, loads, 1800);
  const agents = Object.values(staffed.agents).reduce((a, n) => a + n, 0);
  // the judge: eight hours at these rates with that staffing, 10 runs, another seed
  const sim = simulateRouting({
    routing,
    streams: Object.entries(loads).map(([queue, l]) => ({
      queue,
      rate: flat(l.calls / 1800),
      ahtSeconds: l.ahtSeconds,
    })),
    groups: Object.entries(staffed.agents).map(([group, n]) => ({ group, agents: flat(n) })),
    report: { startMs: 0, intervalSeconds: 8 * 3600, count: 1 },
    runs: 10,
    seed: 2026,
  });
  const sl = (q: string) => `${(sim.total.queues[q]!.serviceLevel! * 100).toFixed(1)} %`;
  console.log(
    `${name}: ${agents} agents (${JSON.stringify(staffed.agents)}); simulated vip ${sl("vip")}, orders ${sl("orders")}`,
  );
}
