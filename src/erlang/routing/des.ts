/**
 * One day of a routed centre, event by event, exactly to the routing semantics of model.ts:
 * arrivals (a share refused before queueing), the group where the queue ranks earliest and the
 * agent idle longest on arrival, waiting calls taken by priority then waiting time, overflow to
 * a group once a call has waited its `afterSeconds`, exponential patience, agents per group
 * changing at step boundaries (leavers finish their call).
 *
 * Every random number is drawn when a call is generated (arrival, refusal, handle time,
 * patience), never by a routing decision: two staffings simulated with one seed see the same
 * calls (common random numbers).
 *
 * @module
 */
import { MinHeap } from "../../math/heap.ts";
import { exponential, lognormal, type Random } from "../../math/random.ts";
import { agentChanges, seriesAt } from "../simulation-input.ts";
import type { StepSeries } from "../simulation-types.ts";

/** The routing compiled to indices (queues and groups in the model's order). */
export interface CompiledRouting {
  readonly queues: number;
  readonly groups: number;
  /** Priority per queue (lower first). */
  readonly priority: Float64Array;
  readonly slMs: Float64Array;
  /** Mean patience per queue, ms (Infinity: never hangs up). */
  readonly patienceMs: Float64Array;
  readonly rejectShare: Float64Array;
  /** Per group: the queues it answers and after how long (ms). */
  readonly serves: readonly (readonly { q: number; afterMs: number }[])[];
  /** Per queue: the groups answering at once, with the queue's rank in their `serves`. */
  readonly immediate: readonly (readonly { g: number; rank: number }[])[];
  /** Per queue: the groups answering after a wait. */
  readonly delayed: readonly (readonly { g: number; afterMs: number }[])[];
  readonly streams: readonly { q: number; rate: StepSeries; ahtSeconds: StepSeries | number }[];
  /** Per group: agents and extra agents (undefined: none). */
  readonly agents: readonly (readonly (StepSeries | undefined)[])[];
  readonly report: {
    readonly startMs: number;
    readonly intervalMs: number;
    readonly count: number;
  };
  readonly handle: { readonly lognormal: boolean; readonly cv: number };
}

/** Per-run tallies: by (interval, queue) and (interval, group). */
export interface RunTally {
  readonly offered: Float64Array;
  readonly rejected: Float64Array;
  readonly answeredInT: Float64Array;
  readonly abandoned: Float64Array;
  readonly waitMs: Float64Array;
  readonly presentMs: Float64Array;
  readonly busyMs: Float64Array;
}

/** Empty tallies for a compiled routing. */
export function createTally(c: CompiledRouting): RunTally {
  const qs = c.report.count * c.queues;
  const gs = c.report.count * c.groups;
  return {
    offered: new Float64Array(qs),
    rejected: new Float64Array(qs),
    answeredInT: new Float64Array(qs),
    abandoned: new Float64Array(qs),
    waitMs: new Float64Array(qs),
    presentMs: new Float64Array(gs),
    busyMs: new Float64Array(gs),
  };
}

interface Calls {
  t: Float64Array;
  q: Int32Array;
  handle: Float64Array;
  patience: Float64Array;
  n: number;
}

/** The calls of [from, to), sorted by arrival (then queue), with their random times. */
function generateCalls(
  c: CompiledRouting,
  from: number,
  to: number,
  rnd: Random,
  tally: RunTally,
): Calls {
  const raw: { t: number; q: number; handle: number; patience: number }[] = [];
  const { report } = c;
  for (const s of c.streams) {
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
      if (rate === 0) continue;
      let t = a;
      for (;;) {
        t += exponential(rnd, 1000 / rate);
        if (t >= b) break;
        const refused = c.rejectShare[s.q]! > 0 && rnd() < c.rejectShare[s.q]!;
        const aht = seriesAt(s.ahtSeconds, t) * 1000;
        const handle = c.handle.lognormal
          ? lognormal(rnd, aht, c.handle.cv)
          : exponential(rnd, aht);
        const mean = c.patienceMs[s.q]!;
        const patience = Number.isFinite(mean) ? exponential(rnd, mean) : Number.POSITIVE_INFINITY;
        if (refused) {
          const j = Math.floor((t - report.startMs) / report.intervalMs);
          if (j >= 0 && j < report.count) tally.rejected[j * c.queues + s.q]!++;
          continue;
        }
        raw.push({ t, q: s.q, handle, patience });
      }
    }
  }
  return packCalls(raw);
}

/** Calls sorted by arrival (then queue), in parallel arrays. */
function packCalls(raw: { t: number; q: number; handle: number; patience: number }[]): Calls {
  raw.sort((x, y) => x.t - y.t || x.q - y.q);
  const n = raw.length;
  const calls: Calls = {
    t: new Float64Array(n),
    q: new Int32Array(n),
    handle: new Float64Array(n),
    patience: new Float64Array(n),
    n,
  };
  raw.forEach((r, i) => {
    calls.t[i] = r.t;
    calls.q[i] = r.q;
    calls.handle[i] = r.handle;
    calls.patience[i] = r.patience;
  });
  return calls;
}

/** What happened to one call (for tests that hold the engine to the semantics call by call). */
export interface CallOutcome {
  readonly queue: number;
  readonly arrivalMs: number;
  readonly handleMs: number;
  readonly patienceMs: number;
  /** The group that answered, or -1 (abandoned or lost). */
  readonly group: number;
  /** When answered, or when the caller hung up (or was lost). */
  readonly endOfWaitMs: number;
}

/** A call offered to the centre (not refused before queueing), as drawn for a day. */
export type OfferedCall = Pick<CallOutcome, "queue" | "arrivalMs" | "handleMs" | "patienceMs">;

/**
 * Simulates [from, to) starting empty, adding to `tally` (calls counted by arrival interval).
 * `trace`, when given, hears the outcome of every offered call.
 */
export function simulateRoutedDay(
  c: CompiledRouting,
  from: number,
  to: number,
  rnd: Random,
  tally: RunTally,
  trace?: (call: CallOutcome) => void,
): void {
  routeCalls(c, from, to, generateCalls(c, from, to, rnd, tally), tally, trace);
}

/**
 * {@link simulateRoutedDay} on given calls instead of drawn ones (for tests that hold the
 * engine to a reference implementation on the same calls).
 *
 * @throws RangeError for a call of an unknown queue or arriving outside [from, to)
 */
export function simulateGivenCalls(
  c: CompiledRouting,
  from: number,
  to: number,
  offered: readonly OfferedCall[],
  tally: RunTally,
  trace?: (call: CallOutcome) => void,
): void {
  const raw = offered.map((o) => {
    if (!(Number.isInteger(o.queue) && o.queue >= 0 && o.queue < c.queues))
      throw new RangeError(`queue ${o.queue}: expected 0 to ${c.queues - 1}`);
    if (!(o.arrivalMs >= from && o.arrivalMs < to))
      throw new RangeError(`arrival ${o.arrivalMs}: expected within [${from}, ${to})`);
    return { t: o.arrivalMs, q: o.queue, handle: o.handleMs, patience: o.patienceMs };
  });
  routeCalls(c, from, to, packCalls(raw), tally, trace);
}

/** Routes the calls of [from, to) (see {@link simulateRoutedDay}). */
function routeCalls(
  c: CompiledRouting,
  from: number,
  to: number,
  calls: Calls,
  tally: RunTally,
  trace?: (call: CallOutcome) => void,
): void {
  const { report } = c;
  const Q = c.queues;
  const G = c.groups;
  const waiting = new Uint8Array(calls.n); // 1 while the call waits
  // per queue FIFO of waiting call indices
  const fifo: number[][] = Array.from({ length: Q }, () => []);
  const head = new Int32Array(Q);
  // per group: head count present, busy, target; idle agents as idle-since times (a deque)
  const present = new Int32Array(G);
  const busy = new Int32Array(G);
  const target = new Int32Array(G);
  const idle: number[][] = Array.from({ length: G }, () => []);
  const idleHead = new Int32Array(G);
  const idleCount = (g: number): number => idle[g]!.length - idleHead[g]!;
  const changes: { t: number; g: number; n: number }[] = [];
  for (let g = 0; g < G; g++)
    for (const ch of agentChanges(
      c.agents[g]!.filter((x): x is StepSeries => x !== undefined),
      from,
      to,
    ))
      changes.push({ t: ch.t, g, n: ch.n });
  changes.sort((x, y) => x.t - y.t || x.g - y.g);
  const completions = new MinHeap(); // (time, group)
  const eligible = new MinHeap(); // (time, call * G + group)
  let now = from;

  const account = (until: number): void => {
    let t = now;
    while (t < until) {
      const j = Math.floor((t - report.startMs) / report.intervalMs);
      const end = Math.min(until, report.startMs + (j + 1) * report.intervalMs);
      if (j >= 0 && j < report.count)
        for (let g = 0; g < G; g++) {
          tally.presentMs[j * G + g]! += (end - t) * present[g]!;
          tally.busyMs[j * G + g]! += (end - t) * busy[g]!;
        }
      t = end;
    }
    now = until;
  };
  const record = (i: number, waitMs: number, answered: boolean, group = -1): void => {
    trace?.({
      queue: calls.q[i]!,
      arrivalMs: calls.t[i]!,
      handleMs: calls.handle[i]!,
      patienceMs: calls.patience[i]!,
      group,
      endOfWaitMs: calls.t[i]! + waitMs,
    });
    const j = Math.floor((calls.t[i]! - report.startMs) / report.intervalMs);
    if (j < 0 || j >= report.count) return;
    const slot = j * Q + calls.q[i]!;
    tally.offered[slot]!++;
    tally.waitMs[slot]! += waitMs;
    if (!answered) tally.abandoned[slot]!++;
    else if (waitMs <= c.slMs[calls.q[i]!]!) tally.answeredInT[slot]!++;
  };
  const answer = (i: number, g: number, t: number): void => {
    waiting[i] = 0;
    record(i, t - calls.t[i]!, true, g);
    busy[g]!++;
    completions.push(t + calls.handle[i]!, g);
  };
  /** The head of queue q still waiting at t (callers whose patience ran out hang up). */
  const headOf = (q: number, t: number): number => {
    const list = fifo[q]!;
    while (head[q]! < list.length) {
      const i = list[head[q]!]!;
      if (waiting[i] === 1) {
        if (calls.t[i]! + calls.patience[i]! > t) return i;
        waiting[i] = 0;
        record(i, calls.patience[i]!, false);
      }
      head[q]!++;
    }
    if (head[q]! > 1024) {
      list.length = 0;
      head[q] = 0;
    }
    return -1;
  };
  /** The waiting call an agent of g takes at t: best priority, then waiting longest; -1: none. */
  const bestFor = (g: number, t: number): number => {
    let best = -1;
    for (const { q, afterMs } of c.serves[g]!) {
      const i = headOf(q, t);
      if (i < 0 || calls.t[i]! + afterMs > t) continue;
      if (
        best < 0 ||
        c.priority[q]! < c.priority[calls.q[best]!]! ||
        (c.priority[q] === c.priority[calls.q[best]!] && calls.t[i]! < calls.t[best]!)
      )
        best = i;
    }
    return best;
  };
  /** Idle agents of g take the calls they may answer. */
  const fill = (g: number, t: number): void => {
    while (idleCount(g) > 0) {
      const i = bestFor(g, t);
      if (i < 0) return;
      idleHead[g]!++; // the agent idle longest
      answer(i, g, t);
    }
  };
  const compactIdle = (g: number): void => {
    if (idleHead[g]! > 1024 && idleHead[g]! * 2 > idle[g]!.length) {
      idle[g]!.splice(0, idleHead[g]);
      idleHead[g] = 0;
    }
  };

  let ai = 0;
  let ci = 0;
  for (;;) {
    const tArrival = ai < calls.n ? calls.t[ai]! : Number.POSITIVE_INFINITY;
    const tChange = ci < changes.length ? changes[ci]!.t : Number.POSITIVE_INFINITY;
    const tDone = completions.topKey();
    const tEligible = eligible.topKey();
    const t = Math.min(tArrival, tChange, tDone, tEligible);
    if (t === Number.POSITIVE_INFINITY) break;
    // after the day's end, agents of its last staffing answer who still waits (not counted)
    if (t > now && now < to) account(Math.min(t, to));
    if (t === tChange) {
      const { g, n } = changes[ci++]!;
      target[g] = n;
      if (n >= present[g]!) {
        for (let k = present[g]!; k < n; k++) idle[g]!.push(t);
        present[g] = n;
        fill(g, t);
      } else {
        // idle agents leave now (the most recently idle first); busy ones when their call ends
        const leave = Math.min(idleCount(g), present[g]! - n);
        idle[g]!.length -= leave;
        present[g]! -= leave;
      }
    } else if (t === tDone) {
      const g = completions.topValue();
      completions.pop();
      busy[g]!--;
      if (present[g]! > target[g]!) present[g]!--;
      else {
        const i = bestFor(g, t);
        if (i >= 0) answer(i, g, t);
        else idle[g]!.push(t);
      }
      compactIdle(g);
    } else if (t === tEligible) {
      const v = eligible.topValue();
      eligible.pop();
      const g = v % G;
      if (idleCount(g) > 0 && waiting[(v - g) / G] === 1) fill(g, t);
    } else {
      const i = ai++;
      const q = calls.q[i]!;
      // an idle agent of the group ranking q earliest, idle longest; else the call waits
      let g = -1;
      let rank = 0;
      for (const cand of c.immediate[q]!) {
        if (idleCount(cand.g) === 0) continue;
        if (
          g < 0 ||
          cand.rank < rank ||
          (cand.rank === rank && idle[cand.g]![idleHead[cand.g]!]! < idle[g]![idleHead[g]!]!)
        ) {
          g = cand.g;
          rank = cand.rank;
        }
      }
      if (g >= 0) {
        idleHead[g]!++;
        answer(i, g, t);
        compactIdle(g);
      } else {
        waiting[i] = 1;
        fifo[q]!.push(i);
        for (const d of c.delayed[q]!)
          if (d.afterMs < calls.patience[i]!) eligible.push(t + d.afterMs, i * G + d.g);
      }
    }
  }
  // nobody is left to answer: waiting callers hang up (or, patient, are lost)
  if (now < to) account(to);
  for (let q = 0; q < Q; q++)
    for (let k = head[q]!; k < fifo[q]!.length; k++) {
      const i = fifo[q]![k]!;
      if (waiting[i] !== 1) continue;
      waiting[i] = 0;
      const p = calls.patience[i]!;
      record(i, Number.isFinite(p) ? p : Math.max(0, to - calls.t[i]!), false);
    }
}
