/**
 * What a schedule is expected to deliver: its agents shared among the staffing units by need,
 * each unit evaluated with its own queueing model (Erlang C, or A with a patience), interval by
 * interval; and per queue, its expected service against its targets, with warnings where the
 * plan misses them (overall, or in more than a tenth of the queue's open intervals) and why.
 *
 * @module
 */
import { evaluateInterval, productiveFromScheduled, type StaffingResult } from "../erlang/index.ts";
import { maxOf, minOf } from "../math/extent.ts";
import { resampleCoverage, type ScheduleResult, type ShiftSpec } from "../schedule/index.ts";
import type { QueueTargets } from "./config.ts";

/** A group of queues staffed together. */
export interface StaffingUnit {
  /** The queue's name, or the pool's queues joined by "+". */
  readonly name: string;
  readonly queues: readonly string[];
}

/** Requirement of one unit in one interval. */
export interface RequirementRow {
  readonly unit: string;
  readonly startMs: number;
  readonly calls: number;
  readonly ahtSeconds: number;
  readonly result: StaffingResult;
}

/** What the schedule delivers in one interval (all units). */
export interface ExpectedInterval {
  readonly startMs: number;
  readonly calls: number;
  /** Scheduled agents needed (fractional, shrinkage included), summed over units. */
  readonly required: number;
  /** Agents the schedule has on the phones (net of breaks). */
  readonly scheduled: number;
  /** Calls-weighted service level over the units, each against its own T; null without calls. */
  readonly serviceLevel: number | null;
  readonly abandonRate: number | null;
  readonly occupancy: number | null;
  /** Agents on the phones after shrinkage, and the offered load (Erlangs). */
  readonly productiveAgents: number;
  readonly loadErlangs: number;
}

/** A queue's expected service over the plan, against its targets. */
export interface QueueService {
  readonly queue: string;
  /** The staffing unit that answers it. */
  readonly unit: string;
  readonly calls: number;
  /** Calls-weighted expected service level at the queue's own T; null without calls. */
  readonly serviceLevel: number | null;
  /** The queue's service-level target (the default 0.8 when it has no target at all). */
  readonly targetServiceLevel: number | null;
  readonly slSeconds: number;
  /** Calls-weighted expected ASA, seconds, and its target. */
  readonly asaSeconds: number | null;
  readonly targetAsaSeconds: number | null;
  /** Calls-weighted expected abandonment, and its cap. */
  readonly abandonRate: number | null;
  readonly maxAbandonRate: number | null;
  /** Intervals with calls of this queue, and those of them that miss one of its targets. */
  readonly openIntervals: number;
  readonly intervalsBelowTarget: number;
  /** Of those: below the service-level target, above the ASA target, above the abandon cap. */
  readonly intervalsBelowServiceLevel: number;
  readonly intervalsAboveAsa: number;
  readonly intervalsAboveAbandonCap: number;
  /** Of the intervals below target, those where the schedule has fewer agents than required. */
  readonly intervalsShort: number;
}

/** What {@link expectedService} works from. */
export interface ServiceInput {
  readonly schedule: ScheduleResult;
  /** Requirements by interval, then unit (units.length rows per start). */
  readonly requirements: readonly RequirementRow[];
  readonly units: readonly StaffingUnit[];
  readonly starts: readonly number[];
  readonly intervalSeconds: number;
  readonly targetsOf: (queue: string) => QueueTargets;
  /** Calls of one queue in the interval starting at `startMs`. */
  readonly queueCalls: (startMs: number, queue: string) => number;
}

/** Per queue, the sums behind its {@link QueueService}. */
interface QueueTally {
  calls: number;
  inT: number;
  wait: number;
  abandoned: number;
  open: number;
  below: number;
  short: number;
  sl: number;
  asa: number;
  abandon: number;
}

/**
 * Expected service: the schedule's agents shared among the units in proportion to need, per
 * interval, and per queue against its targets.
 */
export function expectedService(input: ServiceInput): {
  intervals: ExpectedInterval[];
  queues: QueueService[];
} {
  const { schedule, requirements, units, starts, intervalSeconds, targetsOf } = input;
  // scheduled agents (net of breaks) on average over each interval, from the coverage
  const perInterval = resampleCoverage(schedule.coverage, starts, intervalSeconds);
  const tallies = new Map<string, QueueTally>();
  for (const u of units)
    for (const q of u.queues)
      tallies.set(q, {
        calls: 0,
        inT: 0,
        wait: 0,
        abandoned: 0,
        open: 0,
        below: 0,
        short: 0,
        sl: 0,
        asa: 0,
        abandon: 0,
      });
  const intervals = starts.map((t, i) => {
    const rows = requirements.slice(i * units.length, (i + 1) * units.length);
    const scheduled = perInterval[i]!;
    const need = rows.reduce((a, r) => a + r.result.fractionalScheduledAgents, 0);
    const calls = rows.reduce((a, r) => a + r.calls, 0);
    // whole agents per unit, by largest remainder of the proportional shares
    const total = Math.floor(scheduled + 1e-9);
    const shares = rows.map((r) =>
      need > 0 ? (total * r.result.fractionalScheduledAgents) / need : 0,
    );
    const whole = shares.map(Math.floor);
    let left = total - whole.reduce((a, b) => a + b, 0);
    const order = shares
      .map((s, k) => [s - Math.floor(s), k] as const)
      .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (const [, k] of order) {
      if (left <= 0) break;
      whole[k]!++;
      left--;
    }
    // A unit with calls is never left without an agent while another has two or more: the
    // one with the most gives one up (the neediest first).
    const byNeed = rows
      .map((r, k) => [r.result.fractionalScheduledAgents, k] as const)
      .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (const [, k] of byNeed) {
      if (rows[k]!.calls <= 0 || whole[k]! > 0) continue;
      let donor = -1;
      whole.forEach((n, j) => {
        if (n >= 2 && (donor < 0 || n > whole[donor]!)) donor = j;
      });
      if (donor < 0) break;
      whole[donor]!--;
      whole[k]!++;
    }
    let inT = 0;
    let abandoned = 0;
    let load = 0;
    let productive = 0;
    const scheduleShort = total < Math.ceil(need - 1e-9);
    rows.forEach((r, k) => {
      if (r.calls <= 0) return;
      const u = units[k]!;
      const ts = u.queues.map(targetsOf);
      const slSeconds = minOf(ts, (x) => x.slSeconds);
      const patience = ts.map((x) => x.patienceSeconds).filter((p): p is number => p !== undefined);
      const shrinkage = maxOf(ts, (x) => x.shrinkage);
      const agents = productiveFromScheduled(whole[k]!, shrinkage);
      const model = {
        calls: r.calls,
        intervalSeconds,
        ahtSeconds: r.ahtSeconds,
        agents,
        ...(patience.length > 0 ? { patienceSeconds: minOf(patience, (p) => p) } : {}),
      };
      const m = evaluateInterval({ ...model, slSeconds });
      inT += m.serviceLevel * r.calls;
      abandoned += m.abandonRate * r.calls;
      load += (r.calls * r.ahtSeconds) / intervalSeconds;
      productive += agents;
      // each queue of the unit (one FIFO pool: the same waits) at its own T and targets
      u.queues.forEach((q, j) => {
        const calls = input.queueCalls(t, q);
        if (!(calls > 0)) return;
        const target = ts[j]!;
        const own =
          target.slSeconds === slSeconds
            ? m
            : evaluateInterval({ ...model, slSeconds: target.slSeconds });
        const tally = tallies.get(q)!;
        tally.calls += calls;
        tally.inT += own.serviceLevel * calls;
        tally.wait += own.asaSeconds * calls;
        tally.abandoned += own.abandonRate * calls;
        tally.open++;
        const missed = missedTargets(own, target);
        if (missed.sl || missed.asa || missed.abandon) {
          tally.below++;
          if (scheduleShort) tally.short++;
          if (missed.sl) tally.sl++;
          if (missed.asa) tally.asa++;
          if (missed.abandon) tally.abandon++;
        }
      });
    });
    return {
      startMs: t,
      calls,
      required: need,
      scheduled,
      serviceLevel: calls > 0 ? inT / calls : null,
      abandonRate: calls > 0 ? abandoned / calls : null,
      occupancy: productive > 0 ? Math.min(1, load / productive) : null,
      productiveAgents: productive,
      loadErlangs: load,
    };
  });
  const queues = units.flatMap((u) =>
    u.queues.map((q): QueueService => {
      const x = tallies.get(q)!;
      const t = targetsOf(q);
      const perCall = (v: number): number | null => (x.calls > 0 ? v / x.calls : null);
      return {
        queue: q,
        unit: u.name,
        calls: x.calls,
        serviceLevel: perCall(x.inT),
        targetServiceLevel: serviceLevelTarget(t),
        slSeconds: t.slSeconds,
        asaSeconds: perCall(x.wait),
        targetAsaSeconds: t.asaSeconds ?? null,
        abandonRate: perCall(x.abandoned),
        maxAbandonRate: t.maxAbandonRate ?? null,
        openIntervals: x.open,
        intervalsBelowTarget: x.below,
        intervalsBelowServiceLevel: x.sl,
        intervalsAboveAsa: x.asa,
        intervalsAboveAbandonCap: x.abandon,
        intervalsShort: x.short,
      };
    }),
  );
  return { intervals, queues };
}

/** The service-level target of a queue: its own, or the default 0.8 when it has no target. */
export function serviceLevelTarget(t: QueueTargets): number | null {
  if (t.serviceLevel !== undefined) return t.serviceLevel;
  const none =
    t.asaSeconds === undefined && t.maxAbandonRate === undefined && t.maxOccupancy === undefined;
  return none ? 0.8 : null;
}

/** Which of the queue's targets an interval's metrics miss (a tolerance of 1e-9). */
export function missedTargets(
  m: { serviceLevel: number; asaSeconds: number; abandonRate: number },
  t: QueueTargets,
): { sl: boolean; asa: boolean; abandon: boolean } {
  const sl = serviceLevelTarget(t);
  return {
    sl: sl !== null && m.serviceLevel < sl - 1e-9,
    asa: t.asaSeconds !== undefined && m.asaSeconds > t.asaSeconds + 1e-9,
    abandon: t.maxAbandonRate !== undefined && m.abandonRate > t.maxAbandonRate + 1e-9,
  };
}

const pct = (v: number): string => `${(100 * v).toFixed(1)} %`;

/**
 * Warnings for queues whose expected service misses a target overall or in more than a tenth
 * of their open intervals, with the likely reason: the schedule short of the requirement (soft
 * coverage, templates' maxCount), or, where it is not, agents shared among units in whole
 * numbers and shrinkage rounding.
 */
export function serviceWarnings(queues: readonly QueueService[], spec: ShiftSpec): string[] {
  const out: string[] = [];
  for (const q of queues) {
    const misses: string[] = [];
    if (
      q.targetServiceLevel !== null &&
      q.serviceLevel !== null &&
      q.serviceLevel < q.targetServiceLevel - 1e-9
    )
      misses.push(
        `expected service level ${pct(q.serviceLevel)} against a target of ${pct(q.targetServiceLevel)} in ${q.slSeconds} s`,
      );
    if (
      q.targetAsaSeconds !== null &&
      q.asaSeconds !== null &&
      q.asaSeconds > q.targetAsaSeconds + 1e-9
    )
      misses.push(
        `expected ASA ${q.asaSeconds.toFixed(1)} s against a target of ${q.targetAsaSeconds} s`,
      );
    if (
      q.maxAbandonRate !== null &&
      q.abandonRate !== null &&
      q.abandonRate > q.maxAbandonRate + 1e-9
    )
      misses.push(
        `expected abandonment ${pct(q.abandonRate)} against a cap of ${pct(q.maxAbandonRate)}`,
      );
    const often = q.openIntervals > 0 && q.intervalsBelowTarget > 0.1 * q.openIntervals;
    if (misses.length === 0 && !often) continue;
    const which = [
      q.intervalsBelowServiceLevel > 0
        ? `the service level in ${q.intervalsBelowServiceLevel}`
        : "",
      q.intervalsAboveAsa > 0 ? `the ASA target in ${q.intervalsAboveAsa}` : "",
      q.intervalsAboveAbandonCap > 0 ? `the abandonment cap in ${q.intervalsAboveAbandonCap}` : "",
    ].filter((w) => w !== "");
    const where =
      `misses a target in ${q.intervalsBelowTarget} of its ${q.openIntervals} open intervals ` +
      `(${pct(q.intervalsBelowTarget / q.openIntervals)}${which.length > 0 ? `: ${which.join(", ")}` : ""})`;
    const why: string[] = [];
    if (q.intervalsShort > 0) {
      const causes: string[] = [];
      if (spec.coverage === "soft")
        causes.push(
          `coverage is soft: going short costs ${spec.underPenalty} per agent-interval, less than some shifts would`,
        );
      const capped = spec.shifts.filter((t) => Number.isFinite(t.maxCount)).map((t) => t.name);
      if (capped.length > 0) causes.push(`maxCount caps templates ${capped.join(", ")}`);
      why.push(
        `the schedule has fewer agents than required in ${q.intervalsShort} of them${causes.length > 0 ? ` (${causes.join("; ")})` : ""}`,
      );
    }
    if (q.intervalsShort < q.intervalsBelowTarget)
      why.push(
        `${q.intervalsBelowTarget - q.intervalsShort} fall short though the schedule covers the ` +
          "requirement in total: it is designed for the sum of the staffing units' fractional " +
          "requirements, while each unit gets whole agents (and shrinkage rounds down), so a " +
          "small unit is often one agent short (pooling the queues, or minAgents, helps)",
      );
    out.push(
      `queue "${q.queue}" misses its targets: ${[...misses, where].join("; ")}${why.length > 0 ? `. Why: ${why.join("; ")}` : ""}`,
    );
  }
  return out;
}
