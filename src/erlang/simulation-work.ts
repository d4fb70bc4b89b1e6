/**
 * How much work a simulation may do, checked before it starts (see {@link SIMULATION_LIMITS}).
 *
 * @module
 */
import type { SimulationOptions } from "./simulation-types.ts";

/**
 * How much a simulation may do: at most 2e7 simulated calls in all (runs x calls a run, and
 * rounds of {@link correctStaffing}; about a minute on one core) and 2e6 calls in one pool's
 * day (the calls of a day are held in memory at once, about 100 bytes each).
 */
export const SIMULATION_LIMITS = { calls: 20_000_000, callsPerDay: 2_000_000 } as const;

/**
 * The calls a simulation expects per run, and in the busiest pool-day, from the arrival rates
 * (the reporting window and day starts as {@link simulateQueues} uses them).
 */
export function expectedCalls(options: SimulationOptions): { perRun: number; busiestDay: number } {
  const { report } = options;
  const end = report.startMs + report.count * report.intervalSeconds * 1000;
  const days = [...(options.dayStartsMs ?? [report.startMs])].sort((a, b) => a - b);
  let perRun = 0;
  let busiestDay = 0;
  for (const pool of options.pools) {
    const byDay = new Map<number, number>();
    for (const s of pool.streams) {
      const step = s.rate.stepSeconds * 1000;
      let d = 0;
      for (let i = 0; i < s.rate.values.length; i++) {
        const a = Math.max(report.startMs, s.rate.startMs + i * step);
        const b = Math.min(end, s.rate.startMs + (i + 1) * step);
        if (b <= a) continue;
        const calls = (s.rate.values[i]! * (b - a)) / 1000;
        if (!(calls >= 0)) continue; // a bad rate is reported by the simulation itself
        while (d + 1 < days.length && days[d + 1]! <= a) d++;
        perRun += calls;
        byDay.set(d, (byDay.get(d) ?? 0) + calls);
      }
    }
    for (const v of byDay.values()) busiestDay = Math.max(busiestDay, v);
  }
  return { perRun, busiestDay };
}

/** Refuses simulations over {@link SIMULATION_LIMITS} (with `rounds` of them, for corrections). */
export function checkWork(options: SimulationOptions, rounds: number): void {
  const runs = options.runs ?? 20;
  const { perRun, busiestDay } = expectedCalls(options);
  const total = perRun * runs * rounds;
  const n = (v: number): string => Math.round(v).toLocaleString("en-US");
  if (total > SIMULATION_LIMITS.calls)
    throw new RangeError(
      `the simulation would handle about ${n(total)} calls (${n(perRun)} a run x ${runs} runs` +
        `${rounds > 1 ? ` x up to ${rounds} rounds` : ""}), more than ${n(SIMULATION_LIMITS.calls)}: ` +
        "use fewer runs or a shorter forecast",
    );
  if (busiestDay > SIMULATION_LIMITS.callsPerDay)
    throw new RangeError(
      `the busiest day has about ${n(busiestDay)} calls for one pool of agents, more than ` +
        `${n(SIMULATION_LIMITS.callsPerDay)}: simulate a smaller centre or split the queues`,
    );
}
