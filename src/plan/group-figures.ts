/**
 * The figures of a plan with skill groups: per interval what the staffing by group expects
 * (calls-weighted over the queues, at the agents required) against what the schedule has; per
 * queue its expected service against its targets; per group the agent-seconds required and
 * scheduled.
 *
 * @module
 */
import {
  homeGroup,
  productiveFromScheduled,
  type RoutingModel,
  type RoutingStaffingResult,
} from "../erlang/index.ts";
import { resampleCoverage, type ScheduleResult } from "../schedule/index.ts";
import type { QueueTargets } from "./config.ts";
import {
  missedTargets,
  serviceLevelTarget,
  type ExpectedInterval,
  type QueueService,
} from "./service.ts";
import type { GroupSummary } from "./types.ts";

/** What {@link groupFigures} works from. */
export interface GroupFiguresInput {
  readonly routing: RoutingModel;
  readonly staffing: RoutingStaffingResult;
  readonly schedule: ScheduleResult;
  /** The staffing's interval starts, ascending. */
  readonly starts: readonly number[];
  readonly intervalSeconds: number;
  readonly targetsOf: (queue: string) => QueueTargets;
  /** The AHT of a queue in the interval starting at `startMs`, seconds. */
  readonly ahtOf: (startMs: number, queue: string) => number;
}

/** The figures of a plan with groups. */
export interface GroupFigures {
  readonly expected: ExpectedInterval[];
  readonly queues: QueueService[];
  /** Per group (routing order). */
  readonly groups: Record<string, GroupSummary>;
  /** Per group, its own agents working per interval (the schedule's, on the staffing's grid). */
  readonly scheduledByGroup: Record<string, number[]>;
}

/** Calls-weighted sums of one queue. */
interface Tally {
  calls: number;
  sl: number;
  slCalls: number;
  wait: number;
  waitCalls: number;
  abandoned: number;
  open: number;
  below: number;
  short: number;
  belowSl: number;
  aboveAsa: number;
  aboveAbandon: number;
}

/** The figures of a plan with groups (see the module). */
export function groupFigures(input: GroupFiguresInput): GroupFigures {
  const { routing, staffing, schedule, starts, intervalSeconds } = input;
  const groupNames = Object.keys(routing.groups);
  const index = new Map(starts.map((t, i) => [t, i]));
  const total = resampleCoverage(schedule.coverage, starts, intervalSeconds);
  const scheduledByGroup = Object.create(null) as Record<string, number[]>;
  for (const g of groupNames)
    scheduledByGroup[g] = resampleCoverage(
      (schedule.groupCoverage ?? []).filter((c) => c.group === g),
      starts,
      intervalSeconds,
    );
  const required = groupNames.map(() => new Array<number>(starts.length).fill(0));
  for (const r of staffing.groups)
    required[groupNames.indexOf(r.group)]![index.get(r.startMs)!] = r.scheduledAgents;
  const groups = Object.create(null) as Record<string, GroupSummary>;
  groupNames.forEach((g, k) => {
    groups[g] = {
      requiredAgentSeconds: required[k]!.reduce((a, v) => a + v, 0) * intervalSeconds,
      scheduledAgentSeconds: scheduledByGroup[g]!.reduce((a, v) => a + v, 0) * intervalSeconds,
    };
  });
  // a group short of its requirement in the schedule, per interval
  const shortAt = (g: string, i: number): boolean =>
    scheduledByGroup[g]![i]! < required[groupNames.indexOf(g)]![i]! - 1e-9;

  const tallies = new Map<string, Tally>();
  const sums = starts.map(() => ({ calls: 0, inT: 0, slCalls: 0, abandoned: 0, load: 0 }));
  for (const o of staffing.queues) {
    const i = index.get(o.startMs)!;
    let x = tallies.get(o.queue);
    if (x === undefined)
      tallies.set(
        o.queue,
        (x = {
          ...{ calls: 0, sl: 0, slCalls: 0, wait: 0, waitCalls: 0, abandoned: 0 },
          ...{ open: 0, below: 0, short: 0, belowSl: 0, aboveAsa: 0, aboveAbandon: 0 },
        }),
      );
    const s = sums[i]!;
    s.calls += o.calls;
    s.load += (o.calls * input.ahtOf(o.startMs, o.queue)) / intervalSeconds;
    if (!(o.calls > 0)) continue;
    x.calls += o.calls;
    x.open++;
    if (o.serviceLevel !== null) {
      x.sl += o.serviceLevel * o.calls;
      x.slCalls += o.calls;
      s.inT += o.serviceLevel * o.calls;
      s.slCalls += o.calls;
    }
    if (o.asaSeconds !== null) {
      x.wait += o.asaSeconds * o.calls;
      x.waitCalls += o.calls;
    }
    x.abandoned += (o.abandonRate ?? 0) * o.calls;
    s.abandoned += (o.abandonRate ?? 0) * o.calls;
    const missed = missedTargets(
      {
        serviceLevel: o.serviceLevel ?? 0,
        asaSeconds: o.asaSeconds ?? Number.POSITIVE_INFINITY,
        abandonRate: o.abandonRate ?? 0,
      },
      input.targetsOf(o.queue),
    );
    if (missed.sl || missed.asa || missed.abandon) {
      x.below++;
      if (missed.sl) x.belowSl++;
      if (missed.asa) x.aboveAsa++;
      if (missed.abandon) x.aboveAbandon++;
      const serving = groupNames.filter((g) =>
        routing.groups[g]!.serves.some((v) => v.queue === o.queue),
      );
      if (serving.some((g) => shortAt(g, i))) x.short++;
    }
  }

  const expected = starts.map((t, i): ExpectedInterval => {
    const s = sums[i]!;
    const productive = groupNames.reduce(
      (a, g) => a + productiveFromScheduled(scheduledByGroup[g]![i]!, routing.groups[g]!.shrinkage),
      0,
    );
    return {
      startMs: t,
      calls: s.calls,
      required: required.reduce((a, row) => a + row[i]!, 0),
      scheduled: total[i]!,
      serviceLevel: s.slCalls > 0 ? s.inT / s.slCalls : null,
      abandonRate: s.calls > 0 ? s.abandoned / s.calls : null,
      occupancy: productive > 0 ? Math.min(1, s.load / productive) : null,
      productiveAgents: productive,
      loadErlangs: s.load,
    };
  });

  const queues = [...tallies].map(([q, x]): QueueService => {
    const t = input.targetsOf(q);
    return {
      queue: q,
      unit: homeGroup(routing, q),
      calls: x.calls,
      serviceLevel: x.slCalls > 0 ? x.sl / x.slCalls : null,
      targetServiceLevel: serviceLevelTarget(t),
      slSeconds: t.slSeconds,
      asaSeconds: x.waitCalls > 0 ? x.wait / x.waitCalls : null,
      targetAsaSeconds: t.asaSeconds ?? null,
      abandonRate: x.calls > 0 ? x.abandoned / x.calls : null,
      maxAbandonRate: t.maxAbandonRate ?? null,
      openIntervals: x.open,
      intervalsBelowTarget: x.below,
      intervalsBelowServiceLevel: x.belowSl,
      intervalsAboveAsa: x.aboveAsa,
      intervalsAboveAbandonCap: x.aboveAbandon,
      intervalsShort: x.short,
    };
  });
  return { expected, queues, groups, scheduledByGroup };
}
