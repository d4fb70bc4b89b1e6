/**
 * Writes examples/adherence/: the schedule of 12 simulated agents for one day
 * (bench/agent-sim.ts: 8.5-hour shifts with two breaks and a meal, times in UTC) and their ACD
 * feed as CSV and as NDJSON, with what real feeds do: a few events out of order, one sent twice,
 * a reason code, a state the default rules do not know ("aux7"); plus a rules file mapping aux7
 * with reason "coaching" to neutral and approved spans for one agent's system outage.
 *
 * Run once: `npx tsx scripts/make-adherence-example.ts`. The output is committed.
 */
import { writeFileSync } from "node:fs";
import { simulateDay } from "../bench/agent-sim.ts";
import type { StateEvent } from "../src/adherence/index.ts";

const dir = new URL("../examples/adherence/", import.meta.url);
const iso = (ms: number): string => new Date(ms).toISOString().replace(".000Z", "Z");
const day = simulateDay({ agents: 12, seed: 5 });

writeFileSync(
  new URL("schedule.csv", dir),
  `agent_id,start,end,activity\n${day.schedule.map((s) => `${s.agentId},${iso(s.startMs)},${iso(s.endMs)},${s.activity}`).join("\n")}\n`,
);

const events: (StateEvent & { reason?: string; eventId: string })[] = day.events.map((e, i) => ({
  ...e,
  eventId: `ev${String(i + 1).padStart(5, "0")}`,
}));
// agent03 spends 20 minutes in coaching (aux7 / coaching) in the morning, and 10 in aux7 / lunch
const a3 = events.filter((e) => e.agentId === "agent03");
const coaching = a3[20]!;
events.push({
  agentId: "agent03",
  timeMs: coaching.timeMs + 1000,
  state: "aux7",
  reason: "coaching",
  eventId: "ev90001",
});
events.push({
  agentId: "agent03",
  timeMs: coaching.timeMs + 1_201_000,
  state: "available",
  eventId: "ev90002",
});
const later = a3[60]!;
events.push({
  agentId: "agent03",
  timeMs: later.timeMs + 1000,
  state: "aux7",
  reason: "lunch",
  eventId: "ev90003",
});
events.push({
  agentId: "agent03",
  timeMs: later.timeMs + 601_000,
  state: "available",
  eventId: "ev90004",
});
// (the ACD reports nothing else for agent03 while it is in aux7)
const quiet = [
  [coaching.timeMs + 1000, coaching.timeMs + 1_201_000],
  [later.timeMs + 1000, later.timeMs + 601_000],
] as const;
const kept = events.filter(
  (e) =>
    e.agentId !== "agent03" ||
    e.eventId.startsWith("ev9") ||
    !quiet.some(([from, to]) => e.timeMs >= from && e.timeMs <= to),
);
events.length = 0;
events.push(...kept);
events.sort((p, q) => p.timeMs - q.timeMs || (p.eventId < q.eventId ? -1 : 1));
// a feed's disorder: every 40th event arrives three positions late; one is sent twice
for (let i = 40; i + 3 < events.length; i += 40) {
  const [e] = events.splice(i, 1);
  events.splice(i + 3, 0, e!);
}
events.splice(100, 0, events[99]!);

writeFileSync(
  new URL("events.csv", dir),
  `agent_id,time,state,reason,event_id\n${events.map((e) => `${e.agentId},${iso(e.timeMs)},${e.state},${e.reason ?? ""},${e.eventId}`).join("\n")}\n`,
);
writeFileSync(
  new URL("events.ndjson", dir),
  `${events
    .map((e) =>
      JSON.stringify({
        agent_id: e.agentId,
        time: iso(e.timeMs),
        state: e.state,
        ...(e.reason === undefined ? {} : { reason: e.reason }),
        event_id: e.eventId,
      }),
    )
    .join("\n")}\n`,
);
writeFileSync(
  new URL("rules.json", dir),
  `${JSON.stringify(
    {
      states: ["aux7"],
      rules: [{ category: "onQueue", state: "aux7", reason: "coaching", adherence: "neutral" }],
    },
    null,
    2,
  )}\n`,
);
const a7 = day.schedule.find((s) => s.agentId === "agent07")!;
writeFileSync(
  new URL("approved.csv", dir),
  `agent_id,start,end,reason\nagent07,${iso(a7.startMs + 3_600_000)},${iso(a7.startMs + 4_500_000)},phone system outage\n`,
);
