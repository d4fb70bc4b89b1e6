/**
 * Writes examples/tv-shopping/: a TV-shopping order line built from real arrivals (the US bank's
 * 5-minute calls of 2003, aggregated to 15 minutes) with simulated TV and radio spots whose
 * response is known (bench/semisynthetic.ts, SCALE 3), and an AHT per interval.
 *
 * - history.csv: start,queue,calls,aht_s for the ten weeks before 2003-10-20 (weekdays);
 * - ads.csv: air_time,channel,grp: the spots as aired before 2003-10-20, as planned from then;
 * - holidays.csv: the US holidays of the period on which the center was closed.
 *
 * Run once (run from the repository root): `npx tsx scripts/make-tv-shopping-example.ts`. The output is
 * committed so that the example runs from a fresh clone.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { bankCalls, rng, semiSynthetic } from "../bench/semisynthetic.ts";

const DAY = 86_400_000;
const data = semiSynthetic(bankCalls(), 3, 2026);
const cut = Date.UTC(2003, 9, 20);
const first = cut - 70 * DAY;
const random = rng(99);
const quarter = new Map<number, { calls: number }>();
data.starts.forEach((t, i) => {
  if (t < first || t >= cut) return;
  const k = Math.floor(t / 900_000) * 900_000;
  const q = quarter.get(k) ?? { calls: 0 };
  q.calls += data.calls[i]!;
  quarter.set(k, q);
});
const iso = (t: number): string => new Date(t).toISOString().replace(".000Z", "Z");
const history = ["start,queue,calls,aht_s"];
for (const [t, q] of [...quarter].sort((a, b) => a[0] - b[0])) {
  const hour = new Date(t).getUTCHours();
  const aht = 260 + (hour < 9 ? -30 : hour >= 18 ? 25 : 0) + Math.round(20 * (random() - 0.5));
  history.push(`${iso(t)},orders,${q.calls},${aht}`);
}
const ads = ["air_time,channel,grp"];
for (const s of data.spots) {
  if (s.plannedMs < first || s.plannedMs >= cut + 7 * DAY) continue;
  const t = s.plannedMs < cut ? s.airedMs : s.plannedMs;
  ads.push(`${iso(t)},${s.channel},${s.grp.toFixed(3)}`);
}
mkdirSync("examples/tv-shopping", { recursive: true });
writeFileSync("examples/tv-shopping/history.csv", `${history.join("\n")}\n`);
writeFileSync("examples/tv-shopping/ads.csv", `${ads.join("\n")}\n`);
writeFileSync(
  "examples/tv-shopping/holidays.csv",
  "date,name\n2003-09-01,Labor Day\n2003-11-27,Thanksgiving\n",
);
console.log(`history ${history.length - 1} rows, ads ${ads.length - 1} spots`);
