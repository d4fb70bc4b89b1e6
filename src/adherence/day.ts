/**
 * Adherence and conformance of one agent-day: a sweep over every instant where something
 * changes (segment boundaries, grace boundaries, approved spans, state changes), classifying
 * each piece of time, then exceptions (maximal out-of-adherence runs with one scheduled
 * activity and one actual state; runs shorter than the threshold count as in).
 *
 * Definitions (issue #5; research: adherence-and-products.md A2-A7):
 * - adherence = in / (scheduled - neutral), which is in / (in + out): NICE, Amazon Connect and
 *   injixo divide by scheduled time, Calabrio/Teleopti by scheduled minus neutral time; equal
 *   when nothing is neutral. With `countOutsideWork`, working outside the schedule (inside the
 *   agent-day's window) is out of adherence and enters the denominator (Genesys Cloud's
 *   "working outside shift considered exception").
 * - conformance = seconds in working states inside the window / scheduled onQueue seconds
 *   (Genesys Cloud; NICE "working minutes / scheduled minutes"); it may exceed 1.
 *
 * @module
 */
import { entryAt, LOGGED_OUT, type Timeline } from "./events.ts";
import type { Adherence, AdherenceRules } from "./rules.ts";
import type { AgentDay, PlacedSegment } from "./schedule.ts";

/** A span approved by a supervisor: neutral. */
export interface ApprovedSpan {
  readonly agentId: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly reason?: string;
}

/** An out-of-adherence run. */
export interface AdherenceException {
  readonly startMs: number;
  readonly endMs: number;
  /** The scheduled activity code; null for work outside the schedule. */
  readonly activity: string | null;
  readonly state: string;
  readonly seconds: number;
}

/** The measures of one agent-day (seconds; rates as fractions, null when undefined). */
export interface AgentDayResult {
  readonly agentId: string;
  readonly date: string;
  readonly scheduledSeconds: number;
  readonly inSeconds: number;
  readonly outSeconds: number;
  readonly neutralSeconds: number;
  /** in / (in + out); null when there is neither. */
  readonly adherence: number | null;
  /** working seconds in the window / scheduled onQueue seconds; null without onQueue time. */
  readonly conformance: number | null;
  readonly workingSeconds: number;
  readonly onQueueScheduledSeconds: number;
  readonly exceptions: readonly AdherenceException[];
}

/** Options of the computation, times in milliseconds. */
export interface DayOptions {
  readonly rules: AdherenceRules;
  /** Exceptions shorter than this count as in. */
  readonly thresholdMs: number;
  /** Grace after an activity starts: a state in adherence with the previous activity counts as in (at a shift's start, any state). */
  readonly startToleranceMs: number;
  /** Grace before an activity ends: a state in adherence with the next activity counts as in (at a shift's end, any state). */
  readonly endToleranceMs: number;
  readonly countOutsideWork: boolean;
  /** This agent's approved spans, sorted by start and not overlapping. */
  readonly approved: readonly ApprovedSpan[];
  /** Evaluate only up to this instant (real time: now). */
  readonly untilMs?: number;
}

/**
 * The day settings of engine options given in seconds (threshold, tolerances, outside work),
 * as the historical engine and the monitor both take them.
 */
export function dayOptionsOf(
  rules: AdherenceRules,
  options: {
    readonly thresholdSeconds?: number;
    readonly startToleranceSeconds?: number;
    readonly endToleranceSeconds?: number;
    readonly countOutsideWork?: boolean;
  },
): Omit<DayOptions, "approved" | "untilMs"> {
  return {
    rules,
    thresholdMs: (options.thresholdSeconds ?? 0) * 1000,
    startToleranceMs: (options.startToleranceSeconds ?? 0) * 1000,
    endToleranceMs: (options.endToleranceSeconds ?? 0) * 1000,
    countOutsideWork: options.countOutsideWork ?? false,
  };
}

interface Piece {
  start: number;
  end: number;
  activity: string | null;
  state: string;
  adherence: Adherence | "none";
}

/** Classification of the scheduled segment `k` at instant `t` in state `state`/`reason`. */
export function classifyAt(
  segments: readonly PlacedSegment[],
  k: number,
  t: number,
  state: string,
  reason: string | undefined,
  options: Pick<DayOptions, "rules" | "startToleranceMs" | "endToleranceMs">,
): Adherence {
  const { rules } = options;
  const seg = segments[k]!;
  const of = (s: PlacedSegment): Adherence =>
    rules.isKnownState(state) ? rules.classify(s.activity, state, reason) : "out";
  const base = of(seg);
  if (base !== "out") return base;
  if (t < seg.startMs + options.startToleranceMs) {
    const prev = k > 0 && segments[k - 1]!.endMs === seg.startMs ? segments[k - 1]! : null;
    if (prev === null || of(prev) === "in") return "in";
  }
  if (t >= seg.endMs - options.endToleranceMs) {
    const next =
      k + 1 < segments.length && segments[k + 1]!.startMs === seg.endMs ? segments[k + 1]! : null;
    if (next === null || of(next) === "in") return "in";
  }
  return "out";
}

/**
 * Computes one agent-day.
 *
 * @param timeline - the agent's state timeline (all of it, or at least from before the window)
 * @example
 * computeAgentDay(day, buildTimeline(events), { rules: defaultAdherenceRules(), thresholdMs: 0, startToleranceMs: 0, endToleranceMs: 0, countOutsideWork: false, approved: [] });
 */
export function computeAgentDay(
  day: AgentDay,
  timeline: Timeline,
  options: DayOptions,
): AgentDayResult {
  const { rules } = options;
  const segments = day.segments;
  const from = day.windowStartMs;
  const to = Math.min(day.windowEndMs, options.untilMs ?? Number.POSITIVE_INFINITY);
  const points: number[] = [from];
  if (to > from) points.push(to);
  const add = (t: number): void => {
    if (t > from && t < to) points.push(t);
  };
  for (const s of segments) {
    add(s.startMs);
    add(s.endMs);
    if (options.startToleranceMs > 0) add(Math.min(s.endMs, s.startMs + options.startToleranceMs));
    if (options.endToleranceMs > 0) add(Math.max(s.startMs, s.endMs - options.endToleranceMs));
  }
  for (const a of options.approved) {
    add(a.startMs);
    add(a.endMs);
  }
  const first = Math.max(0, entryAt(timeline, from));
  for (let i = first; i < timeline.times.length && timeline.times[i]! < to; i++) {
    add(timeline.times[i]!);
  }
  points.sort((p, q) => p - q);

  let scheduledMs = 0;
  let onQueueMs = 0;
  for (const s of segments) {
    const d = Math.max(0, Math.min(s.endMs, to) - Math.max(s.startMs, from));
    scheduledMs += d;
    if (s.category === "onQueue") onQueueMs += d;
  }

  const pieces: Piece[] = [];
  let workingMs = 0;
  let k = 0; // segment pointer
  let e = entryAt(timeline, from); // timeline pointer
  let ap = 0; // approved pointer
  for (let p = 0; p + 1 < points.length; p++) {
    const a = points[p]!;
    const b = points[p + 1]!;
    if (b <= a) continue;
    while (k < segments.length && segments[k]!.endMs <= a) k++;
    while (e + 1 < timeline.times.length && timeline.times[e + 1]! <= a) e++;
    while (ap < options.approved.length && options.approved[ap]!.endMs <= a) ap++;
    const state = e >= 0 ? timeline.states[e]! : LOGGED_OUT;
    const reason = e >= 0 ? timeline.reasons[e] : undefined;
    const working = rules.isWorking(state);
    if (working) workingMs += b - a;
    const seg = k < segments.length && segments[k]!.startMs <= a ? segments[k]! : undefined;
    const approved = ap < options.approved.length && options.approved[ap]!.startMs <= a;
    if (seg !== undefined) {
      const adherence = approved ? "neutral" : classifyAt(segments, k, a, state, reason, options);
      pieces.push({ start: a, end: b, activity: seg.activity, state, adherence });
    } else if (options.countOutsideWork && working && !approved) {
      pieces.push({ start: a, end: b, activity: null, state, adherence: "out" });
    }
  }

  // Exceptions: maximal out runs with one activity and one state.
  let inMs = 0;
  let outMs = 0;
  let neutralMs = 0;
  const exceptions: AdherenceException[] = [];
  for (let i = 0; i < pieces.length;) {
    const piece = pieces[i]!;
    if (piece.adherence !== "out") {
      if (piece.adherence === "in") inMs += piece.end - piece.start;
      else if (piece.adherence === "neutral") neutralMs += piece.end - piece.start;
      i++;
      continue;
    }
    let j = i;
    while (
      j + 1 < pieces.length &&
      pieces[j + 1]!.adherence === "out" &&
      pieces[j + 1]!.start === pieces[j]!.end &&
      pieces[j + 1]!.activity === piece.activity &&
      pieces[j + 1]!.state === piece.state
    )
      j++;
    const start = piece.start;
    const end = pieces[j]!.end;
    if (end - start < options.thresholdMs) {
      // forgiven: in adherence if scheduled; outside the schedule it simply does not count
      if (piece.activity !== null) inMs += end - start;
    } else {
      outMs += end - start;
      exceptions.push({
        startMs: start,
        endMs: end,
        activity: piece.activity,
        state: piece.state,
        seconds: (end - start) / 1000,
      });
    }
    i = j + 1;
  }
  const inOut = inMs + outMs;
  return {
    agentId: day.agentId,
    date: day.date,
    scheduledSeconds: scheduledMs / 1000,
    inSeconds: inMs / 1000,
    outSeconds: outMs / 1000,
    neutralSeconds: neutralMs / 1000,
    adherence: inOut > 0 ? inMs / inOut : null,
    conformance: onQueueMs > 0 ? workingMs / onQueueMs : null,
    workingSeconds: workingMs / 1000,
    onQueueScheduledSeconds: onQueueMs / 1000,
    exceptions,
  };
}
