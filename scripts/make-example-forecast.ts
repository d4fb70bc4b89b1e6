/**
 * Writes examples/forecast-week.csv: a one-week, two-queue, 30-minute forecast whose intraday and
 * weekday shape is the mean profile of the real bank call counts in
 * ../shared/data/forecast/bank_calls_5min.csv (Weinberg, Brown & Stroud 2007, via R package fpp3),
 * scaled to two queues of a mid-size center. calls_p10 / calls_p90 are Poisson quantiles by the
 * normal approximation (mean -+ 1.2816 sqrt(mean)).
 *
 * Run once (needs ../shared): `npx tsx scripts/make-example-forecast.ts`. The output is committed
 * so that the example runs from a fresh clone.
 */
import { readFileSync, writeFileSync } from "node:fs";

const source = readFileSync(
  new URL("../../shared/data/forecast/bank_calls_5min.csv", import.meta.url),
  "utf8",
);
// mean calls per (weekday, 30-minute slot from 07:00), 28 slots 07:00-21:00
const sums = new Map<string, { total: number; days: Set<string> }>();
for (const line of source.trim().split("\n").slice(1)) {
  const [, stamp, calls] = line.split(",");
  if (stamp === undefined || calls === undefined) continue;
  const clean = stamp.replaceAll('"', "");
  const d = new Date(clean);
  const slot = Math.floor(((d.getUTCHours() - 7) * 60 + d.getUTCMinutes()) / 30);
  if (slot < 0 || slot >= 28) continue;
  const key = `${d.getUTCDay()}:${slot}`;
  const entry = sums.get(key) ?? { total: 0, days: new Set<string>() };
  entry.total += Number(calls);
  entry.days.add(clean.slice(0, 10));
  sums.set(key, entry);
}
const queues = [
  { name: "sales", scale: 0.09, aht: 240 },
  { name: "service", scale: 0.035, aht: 420 },
];
const rows = ["start,queue,calls,calls_p10,calls_p90,aht_s"];
const monday = Date.UTC(2025, 0, 6); // a week of weekdays, times in UTC
for (let day = 0; day < 5; day++) {
  for (let slot = 0; slot < 28; slot++) {
    const e = sums.get(`${day + 1}:${slot}`);
    if (e === undefined) throw new Error(`no data for weekday ${day + 1} slot ${slot}`);
    const mean = e.total / e.days.size;
    const start = new Date(monday + day * 86_400_000 + (7 * 60 + slot * 30) * 60_000)
      .toISOString()
      .replace(".000Z", "Z");
    for (const q of queues) {
      const calls = Math.round(mean * q.scale * 10) / 10;
      const spread = 1.2816 * Math.sqrt(calls);
      const p10 = Math.max(0, Math.round((calls - spread) * 10) / 10);
      const p90 = Math.round((calls + spread) * 10) / 10;
      rows.push(`${start},${q.name},${calls},${p10},${p90},${q.aht}`);
    }
  }
}
writeFileSync(new URL("../examples/forecast-week.csv", import.meta.url), `${rows.join("\n")}\n`);
console.log(`wrote ${rows.length - 1} rows`);
