/**
 * The simulator against the formulas on steady traffic (Erlang C and Erlang A: the formulas'
 * values must fall inside the simulation's 95 % intervals), conservation, reproducibility,
 * breaks, handle-time distributions, ad-shaped arrivals and the staffing correction.
 */
import { describe, expect, it } from "vitest";
import {
  correctStaffing,
  evaluateInterval,
  simulateQueues,
  type SimulationOptions,
} from "../../src/erlang/index.ts";
import { arrivalProfile } from "../../src/forecast/index.ts";
import { expectClose } from "../support/approx.ts";

const STEP = 1800;
const HOURS = 24;
const N_INTERVALS = (HOURS * 3600) / STEP;
const flat = (v: number, n = N_INTERVALS, step = STEP) => ({
  startMs: 0,
  stepSeconds: step,
  values: new Float64Array(n).fill(v),
});

/** A day of steady traffic: 100 calls per half hour, AHT 180 s (10 Erlangs). */
function steady(
  agents: number,
  patienceSeconds?: number,
  extra: Partial<SimulationOptions> = {},
): SimulationOptions {
  return {
    pools: [
      {
        streams: [
          {
            queue: "q",
            rate: flat(100 / STEP),
            ahtSeconds: 180,
            ...(patienceSeconds === undefined ? {} : { patienceSeconds }),
          },
        ],
        agents: flat(agents),
      },
    ],
    report: { startMs: 0, intervalSeconds: STEP, count: N_INTERVALS },
    runs: 20,
    seed: 1,
    ...extra,
  };
}

describe("simulator vs the formulas on steady traffic", () => {
  it.each([11, 12, 14])(
    "Erlang C, %i agents on 10 Erlangs: the formula's service level is inside the 95 %% interval",
    (agents) => {
      const sim = simulateQueues(steady(agents)).total;
      const formula = evaluateInterval({
        calls: 100,
        intervalSeconds: STEP,
        ahtSeconds: 180,
        agents,
      });
      const [low, high] = sim.serviceLevelCi!;
      expect(formula.serviceLevel).toBeGreaterThanOrEqual(low);
      expect(formula.serviceLevel).toBeLessThanOrEqual(high);
      expectClose(sim.occupancy!, formula.occupancy, { abs: 0.01 }, "occupancy");
      expectClose(sim.asaSeconds!, formula.asaSeconds, { rel: 0.2 }, "ASA");
      expect(sim.abandonRate).toBe(0);
    },
  );

  it.each([
    [9, 60],
    [11, 120],
    [10, 300],
  ])(
    "Erlang A, %i agents, patience %i s: service level and abandonment inside the 95 %% intervals",
    (agents, patience) => {
      const sim = simulateQueues(steady(agents, patience)).total;
      const formula = evaluateInterval({
        calls: 100,
        intervalSeconds: STEP,
        ahtSeconds: 180,
        agents,
        patienceSeconds: patience,
      });
      expect(formula.serviceLevel).toBeGreaterThanOrEqual(sim.serviceLevelCi![0]);
      expect(formula.serviceLevel).toBeLessThanOrEqual(sim.serviceLevelCi![1]);
      expect(formula.abandonRate).toBeGreaterThanOrEqual(sim.abandonRateCi![0]);
      expect(formula.abandonRate).toBeLessThanOrEqual(sim.abandonRateCi![1]);
    },
  );
});

describe("simulator mechanics", () => {
  it("offers the expected number of calls (Poisson: within 3 standard errors)", () => {
    const r = simulateQueues(steady(12));
    const expected = 100 * N_INTERVALS;
    expect(Math.abs(r.total.calls - expected)).toBeLessThan(3 * Math.sqrt(expected / 20));
    expect(r.intervals).toHaveLength(N_INTERVALS);
  });

  it("is reproducible with a seed and changes with another", () => {
    const a = simulateQueues(steady(12, 120));
    expect(simulateQueues(steady(12, 120))).toEqual(a);
    expect(simulateQueues(steady(12, 120, { seed: 2 })).total.serviceLevel).not.toBe(
      a.total.serviceLevel,
    );
  });

  it("keeps occupancy at the offered load whatever the handle-time distribution (lossless, stable)", () => {
    for (const cv of [0.3, 1, 2]) {
      const r = simulateQueues(steady(13, undefined, { handleTime: "lognormal", handleCv: cv }));
      expectClose(r.total.occupancy!, 10 / 13, { abs: 0.015 }, `cv ${cv}`);
    }
    // more variable handle times make waiting worse (Kingman)
    const low = simulateQueues(steady(11, undefined, { handleTime: "lognormal", handleCv: 0.3 }));
    const high = simulateQueues(steady(11, undefined, { handleTime: "lognormal", handleCv: 2 }));
    expect(high.total.serviceLevel!).toBeLessThan(low.total.serviceLevel!);
  });

  it("lets agents finish their call before a break, and counts nobody when nobody is scheduled", () => {
    // 12 agents, but 4 of them on break for the first 15 minutes of every hour
    const agents = {
      startMs: 0,
      stepSeconds: 900,
      values: new Float64Array(N_INTERVALS * 2).map((_, i) => (i % 4 === 0 ? 8 : 12)),
    };
    const r = simulateQueues({ ...steady(12), pools: [{ ...steady(12).pools[0]!, agents }] });
    for (const x of r.intervals) {
      expect(x.agents).toBeGreaterThanOrEqual(10); // 8 for a quarter, 12 for the rest, plus stragglers
      expect(x.occupancy!).toBeLessThanOrEqual(1);
    }
    const none = simulateQueues(steady(0, 60, { runs: 3 }));
    expect(none.total.serviceLevel).toBe(0);
    expect(none.total.abandonRate).toBe(1);
  });

  it("starts every day empty", () => {
    // overloaded in the evening: with a day start at midnight, the morning is not hurt by it
    const rates = new Float64Array(96).map((_, i) => (i % 48 >= 36 ? 300 / STEP : 50 / STEP));
    const options: SimulationOptions = {
      pools: [
        {
          streams: [
            { queue: "q", rate: { startMs: 0, stepSeconds: STEP, values: rates }, ahtSeconds: 180 },
          ],
          agents: flat(12, 96),
        },
      ],
      report: { startMs: 0, intervalSeconds: STEP, count: 96 },
      runs: 5,
    };
    const carried = simulateQueues(options);
    const reset = simulateQueues({ ...options, dayStartsMs: [0, 86_400_000] });
    expect(carried.intervals[48]!.serviceLevel!).toBeLessThan(0.5);
    expect(reset.intervals[48]!.serviceLevel!).toBeGreaterThan(0.9);
  });
});

describe("spikes and corrections", () => {
  it("shapes arrivals after a spot while keeping each interval's calls", () => {
    const rows = [0, 1, 2, 3, 4, 5].map((i) => ({
      queue: "orders",
      startMs: i * 1_800_000,
      calls: i === 2 ? 400 : 100,
    }));
    const [profile] = arrivalProfile(rows, 30, [{ airMs: 2 * 1_800_000, channel: "TV" }]);
    for (let i = 0; i < 6; i++) {
      const total = profile!.rates.slice(i * 30, (i + 1) * 30).reduce((a, r) => a + r * 60, 0);
      expectClose(total, rows[i]!.calls, { rel: 1e-9 }, `interval ${i}`);
    }
    const spikeInterval = profile!.rates.slice(60, 90);
    expect(Math.max(...spikeInterval)).toBeGreaterThan(4 * Math.min(...spikeInterval));
  });

  it("shows what interval Erlang misses: the same calls bunched after a spot are answered worse", () => {
    const rows = [{ queue: "orders", startMs: 0, calls: 300 }];
    const flatProfile = arrivalProfile(rows, 30)[0]!;
    const spike = arrivalProfile(
      [...rows, { queue: "orders", startMs: 1_800_000, calls: 100 }],
      30,
      [{ airMs: 0, channel: "TV" }],
    )[0]!;
    const run = (rates: Float64Array) =>
      simulateQueues({
        pools: [
          {
            streams: [
              {
                queue: "orders",
                rate: { startMs: 0, stepSeconds: 60, values: rates },
                ahtSeconds: 180,
              },
            ],
            agents: flat(36, 2),
          },
        ],
        report: { startMs: 0, intervalSeconds: STEP, count: 1 },
      }).intervals[0]!.serviceLevel!;
    expect(run(flatProfile.rates)).toBeGreaterThan(0.85);
    expect(run(spike.rates.slice(0, 30))).toBeLessThan(run(flatProfile.rates) - 0.1);
  });

  it("adds agents where the simulated service level falls short until every interval meets the target", () => {
    const rates = new Float64Array(8).map((_, i) => (i === 3 ? 250 / STEP : 100 / STEP));
    const options: SimulationOptions = {
      pools: [
        {
          streams: [
            { queue: "q", rate: { startMs: 0, stepSeconds: STEP, values: rates }, ahtSeconds: 180 },
          ],
          agents: flat(12, 8),
        },
      ],
      report: { startMs: 0, intervalSeconds: STEP, count: 8 },
      runs: 10,
    };
    const c = correctStaffing(options, 0.8);
    expect(c.met).toBe(true);
    expect(c.extra[0]![3]!).toBeGreaterThanOrEqual(12); // the busy interval needs many more
    for (const x of c.result.intervals)
      if (x.calls > 0) expect(x.serviceLevel!).toBeGreaterThanOrEqual(0.8);
  });
});
