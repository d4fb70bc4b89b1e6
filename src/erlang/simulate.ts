/**
 * Discrete-event simulation of inbound queues, for where Erlang formulas fail: an ad spike is
 * anything but steady traffic. Arrivals are a non-homogeneous Poisson process with a
 * piecewise-constant rate (flat within each forecast interval, or shaped by the ad response);
 * handle times exponential or lognormal; callers abandon after an exponential patience; one
 * FIFO queue per pool of agents, whose number follows a step function (a schedule, breaks
 * included: an agent whose shift or break starts finishes the call in hand first). The system
 * is empty at the start of each day. Service level = answered within T / offered, ASA = mean
 * wait of all offered calls (abandoners until they hang up), as in the Erlang A formulas here.
 *
 * Seeded: the same inputs and seed give the same numbers on every machine.
 *
 * @module
 */
import { MinHeap } from "../math/heap.ts";
import {
  createRandom,
  exponential,
  lognormal,
  rateCi,
  meanOrNull,
  type Random,
} from "../math/random.ts";
import { agentChanges, seriesAt } from "./simulation-input.ts";
import type {
  AgentPool,
  SimulatedInterval,
  SimulationOptions,
  SimulationResult,
} from "./simulation-types.ts";

import { simulateRouting } from "./routing/simulate-routing.ts";
import type {
  RoutingSimulationOptions,
  RoutingSimulationResult,
} from "./routing/simulation-types.ts";
import { checkWork } from "./simulation-work.ts";

export type * from "./simulation-types.ts";
export { checkWork, expectedCalls, SIMULATION_LIMITS } from "./simulation-work.ts";

interface Tally {
  offered: Float64Array;
  answeredInT: Float64Array;
  abandoned: Float64Array;
  waitSum: Float64Array;
}

/**
 * Simulates the pools `runs` times.
 *
 * @throws RangeError for a bad option (negative rate, no runs, cv <= 0 for lognormal) or more
 *   work than {@link SIMULATION_LIMITS} allow
 * @example
 * simulateQueues({
 *   pools: [{ streams: [{ queue: "sales", rate: { startMs: 0, stepSeconds: 1800, values: [100 / 1800] }, ahtSeconds: 180 }],
 *             agents: { startMs: 0, stepSeconds: 1800, values: [13] } }],
 *   report: { startMs: 0, intervalSeconds: 1800, count: 1 },
 * }).total.serviceLevel; // about 0.87 (Erlang C with N = 13, A = 10: 0.888, less a little for the empty start)
 */
export function simulateQueues(options: SimulationOptions): SimulationResult;
/** Simulates a routed multi-skill centre (see `simulateRouting`). */
export function simulateQueues(options: RoutingSimulationOptions): RoutingSimulationResult;
export function simulateQueues(
  options: SimulationOptions | RoutingSimulationOptions,
): SimulationResult | RoutingSimulationResult {
  return "routing" in options ? simulateRouting(options) : simulatePools(options);
}

function simulatePools(options: SimulationOptions): SimulationResult {
  const runs = options.runs ?? 20;
  const seed = options.seed ?? 1;
  const slMs = (options.slSeconds ?? 20) * 1000;
  const lognormalTimes = options.handleTime === "lognormal";
  const cv = options.handleCv ?? 1;
  if (!(runs >= 1 && Number.isInteger(runs)))
    throw new RangeError("runs: expected a whole number >= 1");
  if (lognormalTimes && !(cv > 0)) throw new RangeError("handleCv: expected a number > 0");
  checkWork(options, 1);
  const { report } = options;
  const intervalMs = report.intervalSeconds * 1000;
  const reportEnd = report.startMs + report.count * intervalMs;
  const days = [...(options.dayStartsMs ?? [report.startMs])].sort((a, b) => a - b);
  if (days.length === 0 || days[0]! > report.startMs) days.unshift(report.startMs);
  const streams = options.pools.flatMap((p, pool) => p.streams.map((s) => ({ s, pool })));
  const slots = report.count * streams.length;
  // per run tallies, and pool availability
  const perRun: { sl: number; abandon: number; asa: number; occ: number; offered: number }[] = [];
  const sum: Tally = {
    offered: new Float64Array(slots),
    answeredInT: new Float64Array(slots),
    abandoned: new Float64Array(slots),
    waitSum: new Float64Array(slots),
  };
  const presentMs = new Float64Array(report.count * options.pools.length);
  const busyMs = new Float64Array(report.count * options.pools.length);
  const firstStream = options.pools.map((_, p) => streams.findIndex((x) => x.pool === p));

  for (let run = 0; run < runs; run++) {
    const random = createRandom(seed, run);
    const tally: Tally = {
      offered: new Float64Array(slots),
      answeredInT: new Float64Array(slots),
      abandoned: new Float64Array(slots),
      waitSum: new Float64Array(slots),
    };
    const runPresent = new Float64Array(presentMs.length);
    const runBusy = new Float64Array(busyMs.length);
    options.pools.forEach((pool, p) => {
      for (let d = 0; d < days.length; d++) {
        const from = Math.max(days[d]!, report.startMs);
        const to = Math.min(days[d + 1] ?? reportEnd, reportEnd);
        if (to <= from) continue;
        simulateDay(pool, p, firstStream[p]!, from, to, random);
      }
    });
    let offered = 0;
    let inT = 0;
    let abandoned = 0;
    let wait = 0;
    for (let k = 0; k < slots; k++) {
      offered += tally.offered[k]!;
      inT += tally.answeredInT[k]!;
      abandoned += tally.abandoned[k]!;
      wait += tally.waitSum[k]!;
      sum.offered[k]! += tally.offered[k]!;
      sum.answeredInT[k]! += tally.answeredInT[k]!;
      sum.abandoned[k]! += tally.abandoned[k]!;
      sum.waitSum[k]! += tally.waitSum[k]!;
    }
    let present = 0;
    let busy = 0;
    for (let k = 0; k < runPresent.length; k++) {
      present += runPresent[k]!;
      busy += runBusy[k]!;
      presentMs[k]! += runPresent[k]!;
      busyMs[k]! += runBusy[k]!;
    }
    perRun.push({
      sl: offered > 0 ? inT / offered : Number.NaN,
      abandon: offered > 0 ? abandoned / offered : Number.NaN,
      asa: offered > 0 ? wait / offered / 1000 : Number.NaN,
      occ: present > 0 ? busy / present : Number.NaN,
      offered,
    });

    /** One pool over [from, to): arrivals, service, abandonment; tallies by arrival interval. */
    function simulateDay(
      pool: AgentPool,
      p: number,
      streamBase: number,
      from: number,
      to: number,
      rnd: Random,
    ): void {
      // arrivals of every stream, by exponential gaps within each step of the rate
      const calls: { t: number; k: number; handle: number; patience: number }[] = [];
      pool.streams.forEach((s, k) => {
        const step = s.rate.stepSeconds * 1000;
        const first = Math.max(0, Math.floor((from - s.rate.startMs) / step));
        for (let i = first; i < s.rate.values.length; i++) {
          const a = Math.max(from, s.rate.startMs + i * step);
          const b = Math.min(to, s.rate.startMs + (i + 1) * step);
          if (b <= a) {
            if (s.rate.startMs + i * step >= to) break;
            continue;
          }
          const rate = s.rate.values[i]!;
          if (!(rate >= 0)) throw new RangeError(`${s.queue}: arrival rate must be >= 0`);
          if (rate === 0) continue;
          let t = a;
          for (;;) {
            t += exponential(rnd, 1000 / rate);
            if (t >= b) break;
            const aht = seriesAt(s.ahtSeconds, t) * 1000;
            const handle = lognormalTimes ? lognormal(rnd, aht, cv) : exponential(rnd, aht);
            const patience =
              s.patienceSeconds === undefined
                ? Number.POSITIVE_INFINITY
                : exponential(rnd, s.patienceSeconds * 1000);
            calls.push({ t, k, handle, patience });
          }
        }
      });
      calls.sort((x, y) => x.t - y.t || x.k - y.k);
      // agent changes within the day: at the step boundaries of the agents (and extra agents)
      const changes = agentChanges(
        pool.extraAgents === undefined ? [pool.agents] : [pool.agents, pool.extraAgents],
        from,
        to,
      );

      const queue: { t: number; k: number; handle: number; patience: number }[] = [];
      let head = 0;
      const completions = new MinHeap();
      let present = 0;
      let busy = 0;
      let target = 0;
      let now = from;
      let ci = 0;
      let ai = 0;

      const account = (until: number): void => {
        // present and busy agent-time per reporting interval over [now, until)
        let t = now;
        while (t < until) {
          const j = Math.floor((t - report.startMs) / intervalMs);
          const end = Math.min(until, report.startMs + (j + 1) * intervalMs);
          if (j >= 0 && j < report.count) {
            runPresent[j * options.pools.length + p]! += (end - t) * present;
            runBusy[j * options.pools.length + p]! += (end - t) * busy;
          }
          t = end;
        }
        now = until;
      };
      const record = (c: { t: number; k: number }, waitMs: number, answered: boolean): void => {
        const j = Math.floor((c.t - report.startMs) / intervalMs);
        if (j < 0 || j >= report.count) return;
        const slot = j * streams.length + streamBase + c.k;
        tally.offered[slot]!++;
        tally.waitSum[slot]! += waitMs;
        if (answered && waitMs <= slMs) tally.answeredInT[slot]!++;
        if (!answered) tally.abandoned[slot]!++;
      };
      const serve = (t: number): void => {
        while (present - busy > 0 && head < queue.length) {
          const c = queue[head++]!;
          if (c.t + c.patience <= t) {
            record(c, c.patience, false);
            continue;
          }
          record(c, t - c.t, true);
          busy++;
          completions.push(t + c.handle);
        }
        if (head > 1024 && head * 2 > queue.length) {
          queue.splice(0, head);
          head = 0;
        }
      };

      for (;;) {
        const tArrival = ai < calls.length ? calls[ai]!.t : Number.POSITIVE_INFINITY;
        const tChange = ci < changes.length ? changes[ci]!.t : Number.POSITIVE_INFINITY;
        const tDone = completions.topKey();
        const t = Math.min(tArrival, tChange, tDone);
        if (t === Number.POSITIVE_INFINITY) break;
        account(t);
        if (t === tChange) {
          // more agents: they come in; fewer: idle ones leave now, busy ones when their call ends
          target = changes[ci++]!.n;
          if (target >= present) present = target;
          else present -= Math.min(present - busy, present - target);
          serve(t);
        } else if (t === tDone) {
          completions.pop();
          busy--;
          if (present > target) present--;
          serve(t);
        } else {
          const c = calls[ai++]!;
          queue.push(c);
          serve(t);
        }
      }
      // the day is over and nobody is left: waiting callers hang up (or, patient, are lost)
      account(Math.max(now, to));
      while (head < queue.length) {
        const c = queue[head++]!;
        const waited = Number.isFinite(c.patience) ? c.patience : Math.max(0, to - c.t);
        record(c, waited, false);
      }
    }
  }

  const intervals: SimulatedInterval[] = [];
  for (let j = 0; j < report.count; j++) {
    streams.forEach(({ s, pool }, k) => {
      const slot = j * streams.length + k;
      const offered = sum.offered[slot]!;
      const pres = presentMs[j * options.pools.length + pool]!;
      const busy = busyMs[j * options.pools.length + pool]!;
      intervals.push({
        queue: s.queue,
        startMs: report.startMs + j * intervalMs,
        calls: offered / runs,
        agents: pres / runs / intervalMs,
        serviceLevel: offered > 0 ? sum.answeredInT[slot]! / offered : null,
        asaSeconds: offered > 0 ? sum.waitSum[slot]! / offered / 1000 : null,
        abandonRate: offered > 0 ? sum.abandoned[slot]! / offered : null,
        occupancy: pres > 0 ? busy / pres : null,
      });
    });
  }
  const valid = (f: (r: (typeof perRun)[number]) => number): number[] =>
    perRun.map(f).filter((v) => !Number.isNaN(v));
  const ci = rateCi;
  const mean = meanOrNull;
  const sl = valid((r) => r.sl);
  const ab = valid((r) => r.abandon);
  return {
    runs,
    intervals,
    total: {
      serviceLevel: mean(sl),
      serviceLevelCi: ci(sl),
      asaSeconds: mean(valid((r) => r.asa)),
      abandonRate: mean(ab),
      abandonRateCi: ci(ab),
      occupancy: mean(valid((r) => r.occ)),
      calls: perRun.reduce((a, r) => a + r.offered, 0) / runs,
    },
  };
}
