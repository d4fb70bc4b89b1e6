/**
 * Discrete-event simulation of a routed multi-skill centre: queues with priorities and reject
 * shares, skill groups answering some queues at once and others after a wait (see model.ts for
 * the exact semantics, des.ts for the engine). The judge of every routing evaluation and
 * staffing: per queue service level (with its own T), mean wait, abandonment and rejections,
 * per group occupancy, each over intervals and in total with 95 % intervals across runs.
 *
 * Seeded: the same inputs and seed give the same numbers on every machine; two staffings
 * simulated with one seed see the same calls (common random numbers).
 *
 * @module
 */
import { createRandom, meanOrNull, rateCi } from "../../math/random.ts";
import { checkWork } from "../simulation-work.ts";
import type { SimulationOptions } from "../simulation-types.ts";
import { createTally, simulateRoutedDay, type CompiledRouting, type RunTally } from "./des.ts";
import { queueOrder } from "./model.ts";
import type {
  GroupInterval,
  RoutedQueueInterval,
  RoutedQueueTotal,
  RoutingSimulationOptions,
  RoutingSimulationResult,
} from "./simulation-types.ts";

export type * from "./simulation-types.ts";

/** The routing and inputs as indices; throws RangeError for inputs that do not fit. */
export function compileRouting(options: RoutingSimulationOptions): CompiledRouting {
  const { routing } = options;
  const queueNames = Object.keys(routing.queues);
  const groupNames = Object.keys(routing.groups);
  const qi = new Map(queueNames.map((q, i) => [q, i]));
  const gi = new Map(groupNames.map((g, i) => [g, i]));
  const order = queueOrder(routing);
  const lognormalTimes = options.handleTime === "lognormal";
  const cv = options.handleCv ?? 1;
  if (lognormalTimes && !(cv > 0)) throw new RangeError("handleCv: expected a number > 0");
  const streams = options.streams.map((s) => {
    const q = qi.get(s.queue);
    if (q === undefined) throw new RangeError(`queue "${s.queue}" is not in the routing`);
    for (const v of Array.from(s.rate.values))
      if (!(v >= 0)) throw new RangeError(`${s.queue}: arrival rate must be >= 0`);
    const aht = s.ahtSeconds ?? routing.queues[s.queue]!.ahtSeconds;
    if (aht === undefined)
      throw new RangeError(`${s.queue}: no handle time (give aht_s, or ahtSeconds in the routing)`);
    return { q, rate: s.rate, ahtSeconds: aht };
  });
  const agents = groupNames.map(() => [] as (typeof options.groups)[number]["agents"][]);
  for (const g of options.groups) {
    const i = gi.get(g.group);
    if (i === undefined) throw new RangeError(`group "${g.group}" is not in the routing`);
    agents[i]!.push(g.agents);
    if (g.extraAgents !== undefined) agents[i]!.push(g.extraAgents);
  }
  const serves = groupNames.map((g) =>
    routing.groups[g]!.serves.map((s) => ({ q: qi.get(s.queue)!, afterMs: s.afterSeconds * 1000 })),
  );
  const immediate = queueNames.map(() => [] as { g: number; rank: number }[]);
  const delayed = queueNames.map(() => [] as { g: number; afterMs: number }[]);
  serves.forEach((list, g) => {
    list.forEach(({ q, afterMs }, rank) => {
      if (afterMs === 0) immediate[q]!.push({ g, rank });
      else delayed[q]!.push({ g, afterMs });
    });
  });
  return {
    queues: queueNames.length,
    groups: groupNames.length,
    priority: Float64Array.from(order, (o) => o.priority),
    slMs: Float64Array.from(queueNames, (q) => routing.queues[q]!.slSeconds * 1000),
    patienceMs: Float64Array.from(queueNames, (q) => {
      const p = routing.queues[q]!.patienceSeconds;
      return p === undefined ? Number.POSITIVE_INFINITY : p * 1000;
    }),
    rejectShare: Float64Array.from(queueNames, (q) => routing.queues[q]!.rejectShare),
    serves,
    immediate,
    delayed,
    streams,
    agents,
    report: {
      startMs: options.report.startMs,
      intervalMs: options.report.intervalSeconds * 1000,
      count: options.report.count,
    },
    handle: { lognormal: lognormalTimes, cv },
  };
}

/** The work of a routed simulation in the terms of {@link checkWork} (one pool of all streams). */
function asPoolOptions(options: RoutingSimulationOptions): SimulationOptions {
  return {
    pools: [
      {
        streams: options.streams.map((s) => ({ queue: s.queue, rate: s.rate, ahtSeconds: 1 })),
        agents: { startMs: 0, stepSeconds: 1, values: [] },
      },
    ],
    report: options.report,
    ...(options.dayStartsMs === undefined ? {} : { dayStartsMs: options.dayStartsMs }),
    ...(options.runs === undefined ? {} : { runs: options.runs }),
  };
}

/**
 * Simulates a routed centre `runs` times.
 *
 * @throws RangeError for a stream or group not in the routing, a negative rate, a queue without
 *   a handle time, no runs, or more work than `SIMULATION_LIMITS` allow
 * @example
 * const routing = parseRouting({
 *   queues: { vip: { priority: 1, ahtSeconds: 180 }, orders: { priority: 2, ahtSeconds: 180 } },
 *   groups: { all: { serves: [{ queue: "vip" }, { queue: "orders" }] } },
 * });
 * const rate = (perMinute: number) => ({ startMs: 0, stepSeconds: 86_400, values: [perMinute / 60] });
 * simulateRouting({
 *   routing,
 *   streams: [{ queue: "vip", rate: rate(1) }, { queue: "orders", rate: rate(8) }],
 *   groups: [{ group: "all", agents: { startMs: 0, stepSeconds: 86_400, values: [30] } }],
 *   report: { startMs: 0, intervalSeconds: 86_400, count: 1 },
 * }).total.queues.vip.serviceLevel; // about 0.977 (multiskill.md §2.5 P3)
 */
export function simulateRouting(options: RoutingSimulationOptions): RoutingSimulationResult {
  const runs = options.runs ?? 20;
  const seed = options.seed ?? 1;
  if (!(runs >= 1 && Number.isInteger(runs)))
    throw new RangeError("runs: expected a whole number >= 1");
  checkWork(asPoolOptions(options), 1);
  const compiled = compileRouting(options);
  const { report } = options;
  const intervalMs = report.intervalSeconds * 1000;
  const reportEnd = report.startMs + report.count * intervalMs;
  const days = [...(options.dayStartsMs ?? [report.startMs])].sort((a, b) => a - b);
  if (days.length === 0 || days[0]! > report.startMs) days.unshift(report.startMs);
  while (days.length > 1 && days[1]! <= report.startMs) days.shift();
  const sum = createTally(compiled);
  const tallies: RunTally[] = [];
  for (let run = 0; run < runs; run++) {
    const random = createRandom(seed, run);
    const tally = createTally(compiled);
    // a day starting before the report warms the centre up: its earlier calls are not counted
    for (let d = 0; d < days.length; d++) {
      const from = days[d]!;
      const to = Math.min(days[d + 1] ?? reportEnd, reportEnd);
      if (to > report.startMs && to > from) simulateRoutedDay(compiled, from, to, random, tally);
    }
    for (const key of Object.keys(sum) as (keyof RunTally)[])
      for (let k = 0; k < sum[key].length; k++) sum[key][k]! += tally[key][k]!;
    tallies.push(tally);
  }
  return summarize(options, compiled, sum, tallies);
}

function summarize(
  options: RoutingSimulationOptions,
  c: CompiledRouting,
  sum: RunTally,
  tallies: readonly RunTally[],
): RoutingSimulationResult {
  const runs = tallies.length;
  const { report } = options;
  const intervalMs = report.intervalSeconds * 1000;
  const queueNames = Object.keys(options.routing.queues);
  const groupNames = Object.keys(options.routing.groups);
  const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
  const intervals: RoutedQueueInterval[] = [];
  const groupIntervals: GroupInterval[] = [];
  for (let j = 0; j < report.count; j++) {
    const startMs = report.startMs + j * intervalMs;
    queueNames.forEach((queue, q) => {
      const k = j * c.queues + q;
      const offered = sum.offered[k]!;
      intervals.push({
        queue,
        startMs,
        calls: offered / runs,
        rejected: sum.rejected[k]! / runs,
        serviceLevel: ratio(sum.answeredInT[k]!, offered),
        asaSeconds: offered > 0 ? sum.waitMs[k]! / offered / 1000 : null,
        abandonRate: ratio(sum.abandoned[k]!, offered),
      });
    });
    groupNames.forEach((group, g) => {
      const k = j * c.groups + g;
      groupIntervals.push({
        group,
        startMs,
        agents: sum.presentMs[k]! / runs / intervalMs,
        occupancy: ratio(sum.busyMs[k]!, sum.presentMs[k]!),
      });
    });
  }
  // per run totals: of each queue (q) and of all queues (q = -1)
  const runTotals = (t: RunTally, q: number) => {
    let offered = 0;
    let inT = 0;
    let abandoned = 0;
    let wait = 0;
    let rejected = 0;
    for (let j = 0; j < report.count; j++)
      for (let k = 0; k < c.queues; k++) {
        if (q >= 0 && k !== q) continue;
        const i = j * c.queues + k;
        offered += t.offered[i]!;
        inT += t.answeredInT[i]!;
        abandoned += t.abandoned[i]!;
        wait += t.waitMs[i]!;
        rejected += t.rejected[i]!;
      }
    return { offered, inT, abandoned, wait, rejected };
  };
  const ci = rateCi;
  const mean = meanOrNull;
  const totalOf = (q: number): RoutedQueueTotal => {
    const per = tallies.map((t) => runTotals(t, q));
    const valid = per.filter((r) => r.offered > 0);
    const sl = valid.map((r) => r.inT / r.offered);
    const ab = valid.map((r) => r.abandoned / r.offered);
    return {
      calls: per.reduce((a, r) => a + r.offered, 0) / runs,
      serviceLevel: mean(sl),
      serviceLevelCi: ci(sl),
      asaSeconds: mean(valid.map((r) => r.wait / r.offered / 1000)),
      abandonRate: mean(ab),
      abandonRateCi: ci(ab),
      rejected: per.reduce((a, r) => a + r.rejected, 0) / runs,
    };
  };
  const queues = Object.create(null) as Record<string, RoutedQueueTotal>;
  queueNames.forEach((name, q) => (queues[name] = totalOf(q)));
  const groups = Object.create(null) as Record<string, { occupancy: number | null }>;
  groupNames.forEach((name, g) => {
    const occ = tallies
      .map((t) => {
        let present = 0;
        let busy = 0;
        for (let j = 0; j < report.count; j++) {
          present += t.presentMs[j * c.groups + g]!;
          busy += t.busyMs[j * c.groups + g]!;
        }
        return present > 0 ? busy / present : Number.NaN;
      })
      .filter((v) => !Number.isNaN(v));
    groups[name] = { occupancy: mean(occ) };
  });
  const all = totalOf(-1);
  const occAll = tallies
    .map((t) => {
      const present = t.presentMs.reduce((a, b) => a + b, 0);
      return present > 0 ? t.busyMs.reduce((a, b) => a + b, 0) / present : Number.NaN;
    })
    .filter((v) => !Number.isNaN(v));
  return {
    runs,
    intervals,
    groupIntervals,
    total: {
      serviceLevel: all.serviceLevel,
      serviceLevelCi: all.serviceLevelCi,
      asaSeconds: all.asaSeconds,
      abandonRate: all.abandonRate,
      abandonRateCi: all.abandonRateCi,
      occupancy: mean(occAll),
      calls: all.calls,
      rejected: all.rejected,
      queues,
      groups,
    },
  };
}
