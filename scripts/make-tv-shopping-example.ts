/**
 * Writes examples/tv-shopping/: a TV-shopping call center of about 50 agents with three queues,
 * built from real arrivals (the US bank's 5-minute calls of 2003, `bench/data/`) thinned to
 * the center's size, plus calls driven by simulated TV and radio spots whose response is known
 * (bench/semisynthetic.ts):
 *
 * - `orders`: the order hotline, 4.2 % of the bank's calls plus a strong response to every spot
 *   (AHT about 4 minutes);
 * - `vip`: club members, 0.54.2 % of the bank's calls plus a small response (AHT about 5 minutes);
 * - `aftersales`: deliveries and returns, 1.1 % of the bank's calls, no response (AHT about 7
 *   minutes).
 *
 * Files: history.csv (start,queue,calls,aht_s, 15 minutes, the ten weeks before 2003-10-20),
 * ads.csv (air_time,channel,grp: as aired before 2003-10-20, as planned from then on),
 * holidays.csv, shifts.json (early, middle, late and night templates with breaks and lunches),
 * agents.csv (50 agents, their skills) and plan.json (the `staffcast plan` configuration, with the
 * skill groups of routing.json).
 *
 * Run once from the repository root: `npx tsx scripts/make-tv-shopping-example.ts`. The output
 * is committed, so the example runs from a fresh clone.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { bankCalls, poisson, rng, semiSynthetic } from "../bench/semisynthetic.ts";

const DAY = 86_400_000;
const QUARTER = 900_000;
const data = semiSynthetic(bankCalls(), 1, 2026);
const cut = Date.UTC(2003, 9, 20);
const first = cut - 70 * DAY;
const random = rng(99);
const iso = (t: number): string => new Date(t).toISOString().replace(".000Z", "Z");

/** Binomial thinning: each of `n` calls kept with probability p. */
const thin = (n: number, p: number): number => {
  let k = 0;
  for (let i = 0; i < n; i++) if (random() < p) k++;
  return k;
};

const queues = [
  { name: "orders", share: 0.042, ads: 0.05, aht: 240 },
  { name: "vip", share: 0.005, ads: 0.007, aht: 300 },
  { name: "aftersales", share: 0.011, ads: 0, aht: 420 },
] as const;

const history = ["start,queue,calls,aht_s"];
for (const q of queues) {
  const quarters = new Map<number, number>();
  data.starts.forEach((t, i) => {
    if (t < first || t >= cut) return;
    const k = Math.floor(t / QUARTER) * QUARTER;
    const calls =
      thin(data.baseCalls[i]!, q.share) +
      (q.ads > 0 ? poisson(data.adMean[i]! * q.ads, random) : 0);
    quarters.set(k, (quarters.get(k) ?? 0) + calls);
  });
  for (const [t, calls] of [...quarters].sort((a, b) => a[0] - b[0])) {
    const hour = new Date(t).getUTCHours();
    const aht = q.aht + (hour < 9 ? -20 : hour >= 18 ? 20 : 0) + Math.round(30 * (random() - 0.5));
    history.push(`${iso(t)},${q.name},${calls},${aht}`);
  }
}

const ads = ["air_time,channel,grp"];
for (const s of data.spots) {
  if (s.plannedMs < first || s.plannedMs >= cut + 7 * DAY) continue;
  const t = s.plannedMs < cut ? s.airedMs : s.plannedMs;
  ads.push(`${iso(t)},${s.channel},${s.grp.toFixed(3)}`);
}

/** A break, a lunch and a break: the rules of every 8.5-hour shift. */
const fullDayBreaks = [
  {
    kind: "break",
    durationMinutes: 15,
    earliestAfterStartMinutes: 90,
    latestBeforeEndMinutes: 300,
  },
  {
    kind: "meal",
    durationMinutes: 30,
    earliestAfterStartMinutes: 210,
    latestBeforeEndMinutes: 150,
    paid: false,
  },
  {
    kind: "break",
    durationMinutes: 15,
    earliestAfterStartMinutes: 330,
    latestBeforeEndMinutes: 60,
  },
];

const shiftFile = {
  intervalMinutes: 15,
  timeZone: "UTC",
  coverage: "soft",
  underPenalty: 50,
  overPenalty: 1,
  shifts: [
    {
      name: "early",
      startEarliest: "06:30",
      startLatest: "08:00",
      lengthMinutes: 510,
      days: ["mon", "tue", "wed", "thu", "fri"],
      breaks: fullDayBreaks,
    },
    {
      name: "middle",
      startEarliest: "08:30",
      startLatest: "11:00",
      lengthMinutes: 510,
      days: ["mon", "tue", "wed", "thu", "fri"],
      breaks: fullDayBreaks,
    },
    {
      name: "late",
      startEarliest: "11:30",
      startLatest: "12:30",
      lengthMinutes: 510,
      costPerHour: 1.1,
      days: ["mon", "tue", "wed", "thu", "fri"],
      breaks: fullDayBreaks,
    },
    {
      name: "night",
      startEarliest: "16:00",
      startLatest: "17:00",
      lengthMinutes: [240, 300],
      costPerHour: 1.25,
      days: ["mon", "tue", "wed", "thu", "fri"],
      breaks: [
        {
          kind: "break",
          durationMinutes: 15,
          earliestAfterStartMinutes: 90,
          latestBeforeEndMinutes: 60,
        },
      ],
    },
  ],
};

const names = [
  "ada",
  "ben",
  "cleo",
  "dev",
  "eli",
  "fay",
  "gus",
  "hana",
  "ivo",
  "jun",
  "kai",
  "lea",
  "max",
  "nia",
  "oto",
  "pia",
  "quin",
  "rae",
  "sam",
  "tia",
  "uma",
  "vic",
  "wes",
  "xia",
  "yan",
  "zoe",
  "abe",
  "bea",
  "cal",
  "dora",
  "ed",
  "flo",
  "gil",
  "hal",
  "iris",
  "jon",
  "kim",
  "lou",
  "mo",
  "ned",
  "ola",
  "pat",
  "ria",
  "sol",
  "ted",
  "una",
  "val",
  "wim",
  "yves",
  "zia",
];
/**
 * Skills are queue names, in the order the agent prefers them: the VIP desk (vip, then orders),
 * sales (orders, and vip after 15 s: both skills), service (aftersales, and orders after 60 s)
 * and a few all-rounders; full-timers (30 to 40 hours) and part-timers (12 to 25) in each.
 */
const skillSets = [
  { skills: "vip;orders", full: 6, part: 2 },
  { skills: "orders;vip", full: 18, part: 6 },
  { skills: "aftersales;orders", full: 10, part: 4 },
  { skills: "orders;vip;aftersales", full: 2, part: 2 },
];
const agents = ["agent_id,skills,min_hours_week,max_hours_week,max_days_week"];
let next = 0;
for (const set of skillSets)
  for (let i = 0; i < set.full + set.part; i++) {
    const full = i < set.full;
    agents.push(`${names[next++]!},${set.skills},${full ? 30 : 12},${full ? 40 : 25},5`);
  }

const plan = {
  $schema: "../../schema/plan-config.schema.json",
  history: "history.csv",
  ads: "ads.csv",
  holidays: "holidays.csv",
  agents: "agents.csv",
  shifts: "shifts.json",
  timeZone: "UTC",
  intervalMinutes: 15,
  start: "2003-10-20",
  days: 5,
  queues: {
    orders: {
      serviceLevel: 0.8,
      slSeconds: 20,
      patienceSeconds: 120,
      maxAbandonRate: 0.05,
      priority: 2,
      rejectShare: 0.02,
    },
    vip: { serviceLevel: 0.9, slSeconds: 10, patienceSeconds: 180, priority: 1 },
    aftersales: { serviceLevel: 0.7, slSeconds: 60, maxOccupancy: 0.9, priority: 3 },
  },
  // as in routing.json: the VIP desk answers vip then orders, sales orders and vip after 15 s,
  // service aftersales and orders after 60 s
  groups: {
    vipdesk: { serves: [{ queue: "vip" }, { queue: "orders" }], shrinkage: 0.1, minAgents: 1 },
    sales: {
      serves: [{ queue: "orders" }, { queue: "vip", afterSeconds: 15 }],
      shrinkage: 0.1,
    },
    service: {
      serves: [{ queue: "aftersales" }, { queue: "orders", afterSeconds: 60 }],
      shrinkage: 0.1,
    },
  },
  // the work limit decides where a long solve stops (the same on every run); the time limit
  // is a safety net, set long so that a busy machine does not cut the solves short
  solver: { workLimit: 100_000, timeLimitSeconds: 300, gap: 0.01 },
  roster: { minRestHours: 11 },
};

mkdirSync("examples/tv-shopping", { recursive: true });
writeFileSync("examples/tv-shopping/history.csv", `${history.join("\n")}\n`);
writeFileSync("examples/tv-shopping/ads.csv", `${ads.join("\n")}\n`);
writeFileSync(
  "examples/tv-shopping/holidays.csv",
  "date,name\n2003-09-01,Labor Day\n2003-11-27,Thanksgiving\n",
);
writeFileSync("examples/tv-shopping/shifts.json", `${JSON.stringify(shiftFile, null, 2)}\n`);
writeFileSync("examples/tv-shopping/agents.csv", `${agents.join("\n")}\n`);
writeFileSync("examples/tv-shopping/plan.json", `${JSON.stringify(plan, null, 2)}\n`);
console.log(
  `history ${history.length - 1} rows, ads ${ads.length - 1} spots, ${names.length} agents`,
);
