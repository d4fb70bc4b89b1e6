/**
 * A brute-force reference of the routing semantics of src/erlang/routing/model.ts (rules 1-7),
 * written apart from des.ts to hold it to them call by call: deliberately simple and slow.
 * Agents are explicit objects, the waiting calls a plain list, and every step scans everything
 * for the next event (no heap, no per-queue FIFO, no compiled routing: the reference reads the
 * routing model itself).
 *
 * Rules, as implemented here:
 * - a call of queue q may be answered by group g once `arrival + afterSeconds(g, q)` <= now;
 *   a caller is still there while `arrival + patience` > now (at that instant it hangs up,
 *   wait = patience); an unset patience never runs out;
 * - on arrival, among the groups that may answer q at once (afterSeconds 0) and have an idle
 *   agent: the group where q stands earliest in `serves`, then the group whose longest-idle
 *   agent has been idle longest; that agent answers. Else the call waits;
 * - an agent who becomes free (or joins at a boundary) takes, among the waiting calls it may
 *   answer, the lowest priority number (unset = after every set one), then the earliest arrival;
 * - when a waiting call becomes answerable by a group that has idle agents, they take (longest
 *   idle first) the calls they may answer, best first;
 * - agents per group follow the sum of the group's series (each value rounded down, from
 *   `from`, changing at the series' step boundaries inside (from, to)); after `to` the last
 *   staffing stays. When a group shrinks, its idle agents leave at once (the most recently idle
 *   first); if that is not enough, busy agents are flagged `leaving` and go when their call
 *   ends: the ones finishing first (so the group reaches its new size soonest). When a group
 *   grows, leaving flags are lifted before anyone new is added;
 * - no arrival after `to`; once nothing can happen any more, callers still waiting (who never
 *   hang up) are lost at `to`.
 *
 * Ties at one instant, which the rules leave open (des.ts's order, matched here): hang-ups
 * first (a caller whose patience ends at t is gone for everything at t), then staffing changes
 * (group by group in routing order; a group's new agents take waiting calls at once), then
 * call ends (by group), then calls becoming answerable (by call, then group), then arrivals
 * (in arrival order, queue order at equal times). Between groups whose longest-idle agents
 * have been idle since the same instant (the start, or one boundary: common even with
 * continuous times), the lowest group index wins. Equal priority and arrival: the queue
 * earlier in the group's `serves`. With continuous random times the other ties never happen;
 * the property test also feeds whole-second times, where they all do.
 *
 * `broken` switches on deliberate mistakes, to show that the property test can tell.
 */
import type { GroupAgents } from "../../../src/erlang/routing/simulate-routing.ts";
import type { RoutingModel } from "../../../src/erlang/routing/model.ts";
import type { StepSeries } from "../../../src/erlang/simulation-types.ts";

/** One offered call (queue = index of the queue in the routing's order). */
export interface RefCall {
  readonly queue: number;
  readonly arrivalMs: number;
  readonly handleMs: number;
  readonly patienceMs: number;
}

/** What happened to a call: the group that answered (-1: abandoned or lost) and when. */
export interface RefOutcome {
  readonly group: number;
  readonly endOfWaitMs: number;
}

/** Deliberate mistakes (for the test that the reference has teeth). */
export interface Broken {
  /** Agents take waiting calls by arrival only. */
  readonly ignorePriority?: boolean;
  /** Every group may answer every queue it serves at once. */
  readonly ignoreAfterSeconds?: boolean;
  /** The agent idle the shortest answers (on arrival and when several are idle). */
  readonly newestIdleFirst?: boolean;
  /** Busy agents over the head count leave at once (drop their call's end). */
  readonly leaveMidCall?: boolean;
}

interface Agent {
  readonly id: number;
  readonly group: number;
  /** Idle since (NaN while busy). */
  idleSince: number;
  /** End of the current call (NaN while idle). */
  busyUntil: number;
  /** Goes home when the current call ends. */
  leaving: boolean;
  gone: boolean;
}

interface CallState {
  readonly index: number;
  readonly call: RefCall;
  status: "future" | "waiting" | "done";
}

/** The agents of a series at t: the value of the step holding t (0 outside), rounded down. */
function staffOf(series: StepSeries, t: number): number {
  const step = Math.floor((t - series.startMs) / (series.stepSeconds * 1000));
  const v = step >= 0 && step < series.values.length ? series.values[step]! : 0;
  return Math.max(0, Math.floor(v + 1e-9));
}

/**
 * The outcome of each call (in the order given) of a day [from, to) that starts empty.
 *
 * @param calls - sorted by arrival (then queue), each arriving in [from, to)
 */
export function referenceDay(
  routing: RoutingModel,
  groupAgents: readonly GroupAgents[],
  from: number,
  to: number,
  calls: readonly RefCall[],
  broken: Broken = {},
): RefOutcome[] {
  const queueNames = Object.keys(routing.queues);
  const groupNames = Object.keys(routing.groups);
  const priority = queueNames.map((q) => routing.queues[q]!.priority ?? Number.POSITIVE_INFINITY);
  // per group, per queue: the position of the queue in `serves` and its afterSeconds in ms
  // (undefined: the group does not answer the queue)
  const serving = groupNames.map((g) =>
    queueNames.map((q) => {
      const rank = routing.groups[g]!.serves.findIndex((s) => s.queue === q);
      if (rank < 0) return undefined;
      const after = broken.ignoreAfterSeconds ? 0 : routing.groups[g]!.serves[rank]!.afterSeconds;
      return { rank, afterMs: after * 1000 };
    }),
  );
  const series = groupNames.map((g) =>
    groupAgents
      .filter((a) => a.group === g)
      .flatMap((a) => (a.extraAgents === undefined ? [a.agents] : [a.agents, a.extraAgents])),
  );
  const staffAt = (g: number, t: number): number =>
    series[g]!.reduce((n, s) => n + staffOf(s, t), 0);
  // staffing changes still to apply: `from`, then every step boundary inside (from, to)
  const boundaries: { t: number; g: number }[] = [];
  groupNames.forEach((_, g) => {
    const times = new Set([from]);
    for (const s of series[g]!)
      for (let i = 0; i <= s.values.length; i++) {
        const t = s.startMs + i * s.stepSeconds * 1000;
        if (t > from && t < to) times.add(t);
      }
    for (const t of times) boundaries.push({ t, g });
  });

  const agents: Agent[] = [];
  const states: CallState[] = calls.map((call, index) => ({ index, call, status: "future" }));
  const waiting: CallState[] = [];
  const outcome: (RefOutcome | undefined)[] = calls.map(() => undefined);
  // (call, group) pairs whose "becomes answerable" event has been handled
  const handledEligibility = new Set<string>();

  const servingOf = (call: RefCall, g: number) => serving[g]![call.queue];
  const answerableAt = (call: RefCall, g: number): number => {
    const s = servingOf(call, g);
    return s === undefined ? Number.POSITIVE_INFINITY : call.arrivalMs + s.afterMs;
  };
  const idleAgents = (g: number): Agent[] =>
    agents.filter((a) => a.group === g && !a.gone && !Number.isNaN(a.idleSince));
  /** The agent of the list idle longest (or, broken, the shortest); equal: the lowest id. */
  const longestIdle = (list: Agent[]): Agent | undefined => {
    let best: Agent | undefined;
    for (const a of list) {
      if (best === undefined) best = a;
      else if (broken.newestIdleFirst ? a.idleSince > best.idleSince : a.idleSince < best.idleSince)
        best = a;
    }
    return best;
  };
  const answer = (agent: Agent, s: CallState, now: number): void => {
    s.status = "done";
    waiting.splice(waiting.indexOf(s), 1);
    outcome[s.index] = { group: agent.group, endOfWaitMs: now };
    agent.idleSince = Number.NaN;
    agent.busyUntil = now + s.call.handleMs;
  };
  /** The waiting call an agent of g takes at `now`, if any. */
  const bestCall = (g: number, now: number): CallState | undefined => {
    let best: CallState | undefined;
    for (const s of waiting) {
      if (answerableAt(s.call, g) > now) continue;
      // (a caller whose patience ran out is no longer waiting: hang-ups come first)
      if (!(s.call.arrivalMs + s.call.patienceMs > now)) continue;
      if (best === undefined) {
        best = s;
        continue;
      }
      const pa = broken.ignorePriority ? 0 : priority[s.call.queue]!;
      const pb = broken.ignorePriority ? 0 : priority[best.call.queue]!;
      if (pa !== pb) {
        if (pa < pb) best = s;
      } else if (s.call.arrivalMs !== best.call.arrivalMs) {
        if (s.call.arrivalMs < best.call.arrivalMs) best = s;
      } else if (servingOf(s.call, g)!.rank < servingOf(best.call, g)!.rank) best = s;
    }
    return best;
  };
  /** The idle agents of g take the calls they may answer, longest idle first. */
  const fill = (g: number, now: number): void => {
    for (;;) {
      const agent = longestIdle(idleAgents(g));
      if (agent === undefined) return;
      const s = bestCall(g, now);
      if (s === undefined) return;
      answer(agent, s, now);
    }
  };
  const free = (agent: Agent, now: number): void => {
    agent.busyUntil = Number.NaN;
    if (agent.leaving) {
      agent.gone = true;
      return;
    }
    const s = bestCall(agent.group, now);
    if (s === undefined) agent.idleSince = now;
    else answer(agent, s, now);
  };
  const changeStaff = (g: number, now: number): void => {
    const n = staffAt(g, now);
    const present = agents.filter((a) => a.group === g && !a.gone);
    for (const a of present) a.leaving = false;
    if (n >= present.length) {
      for (let k = present.length; k < n; k++)
        agents.push({
          id: agents.length,
          group: g,
          idleSince: now,
          busyUntil: Number.NaN,
          leaving: false,
          gone: false,
        });
      fill(g, now);
      return;
    }
    let excess = present.length - n;
    const idle = present
      .filter((a) => !Number.isNaN(a.idleSince))
      .sort((a, b) => b.idleSince - a.idleSince || b.id - a.id);
    for (const a of idle.slice(0, excess)) a.gone = true;
    excess -= Math.min(excess, idle.length);
    const busy = present
      .filter((a) => !Number.isNaN(a.busyUntil))
      .sort((a, b) => a.busyUntil - b.busyUntil || a.id - b.id);
    for (const a of busy.slice(0, excess)) {
      if (broken.leaveMidCall) {
        a.gone = true;
        a.busyUntil = Number.NaN;
      } else a.leaving = true;
    }
  };
  const arrive = (s: CallState, now: number): void => {
    const q = s.call.queue;
    let chosen: { g: number; rank: number; agent: Agent } | undefined;
    groupNames.forEach((_, g) => {
      const sv = serving[g]![q];
      if (sv === undefined || sv.afterMs !== 0) return;
      const agent = longestIdle(idleAgents(g));
      if (agent === undefined) return;
      if (
        chosen === undefined ||
        sv.rank < chosen.rank ||
        (sv.rank === chosen.rank &&
          (broken.newestIdleFirst
            ? agent.idleSince > chosen.agent.idleSince
            : agent.idleSince < chosen.agent.idleSince))
      )
        chosen = { g, rank: sv.rank, agent };
    });
    waiting.push(s);
    s.status = "waiting";
    if (chosen !== undefined) answer(chosen.agent, s, now);
  };

  // one event per step: the earliest, then by kind (the tie order of the module comment)
  type Event = { t: number; kind: number; order: number; run: () => void };
  for (;;) {
    const events: Event[] = [];
    for (const s of waiting) {
      const gone = s.call.arrivalMs + s.call.patienceMs;
      if (Number.isFinite(gone))
        events.push({
          t: gone,
          kind: 0,
          order: s.index,
          run: () => {
            s.status = "done";
            waiting.splice(waiting.indexOf(s), 1);
            outcome[s.index] = { group: -1, endOfWaitMs: gone };
          },
        });
    }
    for (const b of boundaries)
      events.push({
        t: b.t,
        kind: 1,
        order: b.g,
        run: () => {
          boundaries.splice(boundaries.indexOf(b), 1);
          changeStaff(b.g, b.t);
        },
      });
    for (const a of agents)
      if (!a.gone && !Number.isNaN(a.busyUntil))
        events.push({
          t: a.busyUntil,
          kind: 2,
          order: a.group * 1e6 + a.id,
          run: () => {
            free(a, a.busyUntil);
          },
        });
    for (const s of waiting)
      groupNames.forEach((_, g) => {
        const sv = servingOf(s.call, g);
        if (sv === undefined || sv.afterMs === 0) return;
        const key = `${s.index}:${g}`;
        if (handledEligibility.has(key)) return;
        const t = s.call.arrivalMs + sv.afterMs;
        events.push({
          t,
          kind: 3,
          order: s.index * groupNames.length + g,
          run: () => {
            handledEligibility.add(key);
            if (idleAgents(g).length > 0) fill(g, t);
          },
        });
      });
    const next = states.find((s) => s.status === "future");
    if (next !== undefined)
      events.push({
        t: next.call.arrivalMs,
        kind: 4,
        order: next.index,
        run: () => {
          arrive(next, next.call.arrivalMs);
        },
      });
    if (events.length === 0) break;
    let first = events[0]!;
    for (const e of events)
      if (
        e.t < first.t ||
        (e.t === first.t &&
          (e.kind < first.kind || (e.kind === first.kind && e.order < first.order)))
      )
        first = e;
    first.run();
  }
  // nothing can happen any more: who still waits never hangs up, and is lost at the day's end
  for (const s of waiting) outcome[s.index] = { group: -1, endOfWaitMs: to };
  return outcome.map((o) => o!);
}
