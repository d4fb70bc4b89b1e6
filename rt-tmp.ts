import { readFileSync } from "node:fs";
import { parseRouting } from "./src/erlang/routing/model.ts";
import { staffRouting } from "./src/erlang/routing/staff-routing.ts";
const routing = parseRouting(JSON.parse(readFileSync("examples/tv-shopping/routing.json", "utf8")));
const lines = readFileSync("/tmp/fc.csv", "utf8").trim().split("\n").slice(1);
const days = Number(process.argv[2] ?? 1);
const rows = lines.map((l) => l.split(",")).map((c) => ({ startMs: Date.parse(c[0]!), queue: c[1]!, calls: Number(c[2]), ahtSeconds: Number(c[5]) }))
  .filter((r) => r.startMs < Date.parse("2003-10-20T00:00:00Z") + days * 86400000);
const t0 = Date.now();
const r = staffRouting({ routing, intervalSeconds: 900, rows });
console.log("ms", Date.now() - t0, "unmet", r.unmetStartsMs.length, r.agentHours);
for (const g of r.groups.filter((x) => x.startMs === Date.parse("2003-10-20T14:00:00Z"))) console.log(g);
for (const q of r.queues.filter((x) => x.startMs === Date.parse("2003-10-20T14:00:00Z"))) console.log(q);
const m = new Map<string, number>(); for (const q of r.queues) if (q.method) m.set(q.method, (m.get(q.method) ?? 0) + 1); console.log(m);
