/**
 * Historical adherence: schedule segments + state events -> adherence and conformance per
 * agent-day, with exceptions and warnings. A pure function of its inputs: the same events in
 * any order, with or without duplicates, give the same result.
 *
 * @module
 */
import { createZone } from "../time/zone.ts";
import { computeAgentDay, dayOptionsOf, type AgentDayResult, type ApprovedSpan } from "./day.ts";
import {
  buildTimeline,
  type AdherenceWarning,
  type DuplicateCounts,
  type StateEvent,
  type Timeline,
} from "./events.ts";
import { defaultAdherenceRules, type AdherenceRules } from "./rules.ts";
import { agentDays, placeSegments, type ScheduleSegment } from "./schedule.ts";

/** Options of {@link computeAdherence} (durations in seconds). */
export interface AdherenceOptions {
  /** Default: the default rules (onQueue with available/onCall/acw, break with break, ...). */
  readonly rules?: AdherenceRules;
  /** Exceptions shorter than this count as in (default 0). */
  readonly thresholdSeconds?: number;
  /** Grace at the start of each activity (default 0). */
  readonly startToleranceSeconds?: number;
  /** Grace at the end of each activity (default 0). */
  readonly endToleranceSeconds?: number;
  /** Count work outside scheduled time (inside the agent-day's window) as out of adherence. */
  readonly countOutsideWork?: boolean;
  /** Supervisor-approved spans: neutral. */
  readonly approved?: readonly ApprovedSpan[];
  /** IANA zone of agent-day dates (default UTC). */
  readonly timeZone?: string;
}

/** Totals over all agent-days. */
export interface AdherenceTotals {
  readonly scheduledSeconds: number;
  readonly inSeconds: number;
  readonly outSeconds: number;
  readonly neutralSeconds: number;
  /** in / (in + out), null when there is neither. */
  readonly adherence: number | null;
}

/** Result of {@link computeAdherence}. */
export interface AdherenceReport {
  /** By agent (in first-appearance order of the schedule), then date. */
  readonly agents: readonly AgentDayResult[];
  readonly totals: AdherenceTotals;
  readonly warnings: readonly AdherenceWarning[];
}

/** Approved spans of one agent, sorted and merged. */
export function mergeSpans(spans: readonly ApprovedSpan[]): ApprovedSpan[] {
  const sorted = spans.filter((s) => s.endMs > s.startMs).sort((p, q) => p.startMs - q.startMs);
  const out: ApprovedSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && s.startMs <= last.endMs) {
      out[out.length - 1] = { ...last, endMs: Math.max(last.endMs, s.endMs) };
    } else out.push(s);
  }
  return out;
}

/** Sums agent-days. */
export function totalsOf(days: readonly AgentDayResult[]): AdherenceTotals {
  let scheduled = 0;
  let inS = 0;
  let outS = 0;
  let neutral = 0;
  for (const d of days) {
    scheduled += d.scheduledSeconds;
    inS += d.inSeconds;
    outS += d.outSeconds;
    neutral += d.neutralSeconds;
  }
  return {
    scheduledSeconds: scheduled,
    inSeconds: inS,
    outSeconds: outS,
    neutralSeconds: neutral,
    adherence: inS + outS > 0 ? inS / (inS + outS) : null,
  };
}

/**
 * Adherence and conformance per agent and day.
 *
 * @throws DataError for a bad schedule (unknown activity, end not after start, overlaps), with
 * each issue's `row` the index in `schedule`
 * @example
 * const report = computeAdherence(
 *   [{ agentId: "ana", startMs: Date.UTC(2025, 0, 6, 9), endMs: Date.UTC(2025, 0, 6, 10), activity: "onQueue" }],
 *   [{ agentId: "ana", timeMs: Date.UTC(2025, 0, 6, 9, 15), state: "available" }],
 * );
 * report.agents[0].adherence; // => 0.75 (logged out for the first quarter hour)
 */
export function computeAdherence(
  schedule: readonly ScheduleSegment[],
  events: readonly StateEvent[],
  options: AdherenceOptions = {},
): AdherenceReport {
  const rules = options.rules ?? defaultAdherenceRules();
  const zone = createZone(options.timeZone ?? "UTC");
  const placed = placeSegments(schedule, rules);
  const warnings: AdherenceWarning[] = [];

  const byAgent = new Map<string, StateEvent[]>();
  const unknownAgents = new Map<string, { count: number; line?: number }>();
  const unknownStates = new Map<string, { count: number; line?: number }>();
  for (const e of events) {
    if (!placed.has(e.agentId)) {
      const u = unknownAgents.get(e.agentId) ?? { count: 0 };
      u.count++;
      if (e.line !== undefined && (u.line === undefined || e.line < u.line)) u.line = e.line;
      unknownAgents.set(e.agentId, u);
      continue;
    }
    if (!rules.isKnownState(e.state)) {
      const u = unknownStates.get(e.state) ?? { count: 0 };
      u.count++;
      if (e.line !== undefined && (u.line === undefined || e.line < u.line)) u.line = e.line;
      unknownStates.set(e.state, u);
    }
    let list = byAgent.get(e.agentId);
    if (list === undefined) byAgent.set(e.agentId, (list = []));
    list.push(e);
  }
  const approvedBy = new Map<string, ApprovedSpan[]>();
  for (const a of options.approved ?? []) {
    const list = approvedBy.get(a.agentId);
    if (list === undefined) approvedBy.set(a.agentId, [a]);
    else list.push(a);
  }

  const counts: DuplicateCounts = { duplicates: 0, conflicting: 0 };
  const empty: Timeline = { times: new Float64Array(), states: [], reasons: [] };
  const results: AgentDayResult[] = [];
  const dayOptions = dayOptionsOf(rules, options);
  for (const [agentId, segments] of placed) {
    const list = byAgent.get(agentId);
    const timeline = list === undefined ? empty : buildTimeline(list, counts);
    const approved = mergeSpans(approvedBy.get(agentId) ?? []);
    for (const day of agentDays(agentId, segments, zone)) {
      results.push(computeAgentDay(day, timeline, { ...dayOptions, approved }));
    }
  }

  for (const [agentId, u] of unknownAgents) {
    warnings.push({
      code: "unknownAgent",
      agentId,
      message: `${u.count} event${u.count === 1 ? "" : "s"} for agent "${agentId}", who has no schedule: ignored`,
      ...(u.line === undefined ? {} : { line: u.line }),
    });
  }
  for (const [state, u] of unknownStates) {
    warnings.push({
      code: "unknownState",
      message: `unknown state "${state}" (${u.count} event${u.count === 1 ? "" : "s"}): counted as out of adherence`,
      ...(u.line === undefined ? {} : { line: u.line }),
    });
  }
  if (counts.duplicates > 0) {
    warnings.push({
      code: "duplicateEvent",
      message: `${counts.duplicates} duplicate event${counts.duplicates === 1 ? "" : "s"} ignored`,
    });
  }
  if (counts.conflicting > 0) {
    warnings.push({
      code: "conflictingDuplicate",
      message: `${counts.conflicting} event${counts.conflicting === 1 ? "" : "s"} repeated an event id with a different time, state or reason; the earliest was kept`,
      ...(counts.firstConflictLine === undefined ? {} : { line: counts.firstConflictLine }),
    });
  }
  return { agents: results, totals: totalsOf(results), warnings };
}
