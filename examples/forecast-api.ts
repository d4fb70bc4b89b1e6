/**
 * The npm API from forecast to staffing to simulation: `npx tsx examples/forecast-api.ts`.
 * Reads the TV-shopping example's order-line history and ad log, forecasts Monday 2003-10-20,
 * staffs it interval by interval with Erlang A, then simulates the same agents with arrivals
 * shaped by the ads: the simulation shows what interval-level Erlang misses after a spot.
 */
import { fileURLToPath } from "node:url";
import { computeRequirements, simulateQueues } from "staffcast/erlang";
import { arrivalProfile, forecastCalls, readAdsCsv, readHistoryCsv } from "staffcast/forecast";

// the library's readers check every cell and name file, line and column of a bad one
const example = (file: string): string =>
  fileURLToPath(new URL(`tv-shopping/${file}`, import.meta.url));
const history = (await readHistoryCsv(example("history.csv"))).rows.filter(
  (r) => r.queue === "orders",
);
const ads = (await readAdsCsv(example("ads.csv"))).rows;

// 1. forecast one day at 15 minutes, ads included
const { rows: forecast, models } = forecastCalls(history, {
  start: Date.UTC(2003, 9, 20),
  days: 1,
  ads,
});
console.log(
  `forecast: ${Math.round(forecast.reduce((a, r) => a + r.calls, 0))} calls on the order line`,
);

// 2. agents per interval: 80 % in 20 s, callers hang up after 2 minutes on average
const staffed = computeRequirements(
  forecast.map((r) => ({
    queue: r.queue,
    startMs: r.startMs,
    calls: r.calls,
    ahtSeconds: r.ahtSeconds ?? 240,
  })),
  {
    targets: { serviceLevel: { fraction: 0.8, seconds: 20 } },
    patienceSeconds: 120,
    intervalSeconds: 900,
  },
);
const peak = Math.max(...staffed.map((s) => s.agents));
console.log(`staffing: ${peak} agents at the peak`);

// 3. simulate those agents with arrivals shaped by the fitted response to each spot
const [profile] = arrivalProfile(forecast, 15, ads, new Map(models.map((m) => [m.queue, m.ads])));
const result = simulateQueues({
  pools: [
    {
      streams: [
        {
          queue: "orders",
          rate: { startMs: profile!.startMs, stepSeconds: 60, values: profile!.rates },
          ahtSeconds: 240,
          patienceSeconds: 120,
        },
      ],
      agents: {
        startMs: forecast[0]!.startMs,
        stepSeconds: 900,
        values: staffed.map((s) => s.agents),
      },
    },
  ],
  report: { startMs: forecast[0]!.startMs, intervalSeconds: 900, count: forecast.length },
  runs: 10,
});
const worst = result.intervals
  .filter((x) => x.calls >= 5)
  .reduce((a, x) => ((x.serviceLevel ?? 1) < (a.serviceLevel ?? 1) ? x : a));
console.log(
  `simulated: ${(100 * result.total.serviceLevel!).toFixed(1)} % in all, but ${(100 * worst.serviceLevel!).toFixed(1)} % at ` +
    `${new Date(worst.startMs).toISOString().slice(11, 16)} (Erlang promised 80 % in every interval)`,
);
