/**
 * The schedule side of adherence: segments per agent (what `staffcast roster` writes), checked
 * (known activity codes, end after start, no overlaps), grouped into shifts (runs of touching
 * segments) and agent-days (shifts by the local date of their start), each with its window for
 * conformance.
 *
 * @module
 */
import { DataError, type DataIssue } from "../io/errors.ts";
import { formatDay, type Zone } from "../time/zone.ts";
import type { AdherenceRules, Category } from "./rules.ts";

/** One scheduled segment of an agent. */
export interface ScheduleSegment {
  readonly agentId: string;
  readonly startMs: number;
  readonly endMs: number;
  /** An activity code: a category name, or a code the rules map to a category. */
  readonly activity: string;
}

/** A segment with its category, in an agent's sorted schedule. */
export interface PlacedSegment extends ScheduleSegment {
  readonly category: Category;
}

/** An agent-day: the shifts starting on one local date, and the conformance window. */
export interface AgentDay {
  readonly agentId: string;
  /** Local date "YYYY-MM-DD" of the start of its first shift. */
  readonly date: string;
  /** Its segments, sorted, touching ones forming shifts. */
  readonly segments: readonly PlacedSegment[];
  /** Conformance window: 4 hours around the scheduled time, split midway between agent-days. */
  readonly windowStartMs: number;
  readonly windowEndMs: number;
}

/** Hours of the conformance window before the first start and after the last end. */
export const WINDOW_HOURS = 4;

/**
 * Checks segments and sorts them per agent.
 *
 * @throws DataError whose issues carry `row` (the index in `segments`) and `field`: an unknown
 * activity code, an end not after the start, a segment overlapping another of the same agent
 */
export function placeSegments(
  segments: readonly ScheduleSegment[],
  rules: AdherenceRules,
): Map<string, PlacedSegment[]> {
  const issues: DataIssue[] = [];
  const byAgent = new Map<string, { seg: PlacedSegment; row: number }[]>();
  segments.forEach((s, row) => {
    const category = rules.categoryOf(s.activity);
    if (category === undefined) {
      issues.push({
        row,
        field: "activity",
        message: `unknown activity code (expected onQueue, break, meal, meeting, training, offQueue, or a code mapped in the rules file)`,
        value: s.activity,
      });
      return;
    }
    if (!(s.endMs > s.startMs)) {
      issues.push({ row, field: "end", message: "the end is not after the start" });
      return;
    }
    let list = byAgent.get(s.agentId);
    if (list === undefined) byAgent.set(s.agentId, (list = []));
    list.push({ seg: { ...s, category }, row });
  });
  const out = new Map<string, PlacedSegment[]>();
  for (const [agent, list] of byAgent) {
    list.sort((p, q) => p.seg.startMs - q.seg.startMs || p.row - q.row);
    for (let i = 1; i < list.length; i++) {
      if (list[i]!.seg.startMs < list[i - 1]!.seg.endMs) {
        issues.push({
          row: list[i]!.row,
          field: "start",
          message: `overlaps another segment of agent "${agent}" (the one on record ${list[i - 1]!.row + 1})`,
        });
      }
    }
    out.set(
      agent,
      list.map((x) => x.seg),
    );
  }
  if (issues.length > 0) {
    issues.sort((p, q) => (p.row ?? 0) - (q.row ?? 0));
    throw new DataError(issues);
  }
  return out;
}

/**
 * An agent's agent-days: shifts (runs of touching segments) grouped by the local date of their
 * start; the window runs from 4 hours before the first start to 4 hours after the last end, and
 * windows of consecutive agent-days that would overlap are split at the midpoint between the
 * last end of one and the first start of the next.
 */
export function agentDays(
  agentId: string,
  segments: readonly PlacedSegment[],
  zone: Zone,
): AgentDay[] {
  const groups: { day: number; segments: PlacedSegment[] }[] = [];
  let shiftDay = Number.NaN;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const startsShift = i === 0 || segments[i - 1]!.endMs !== s.startMs;
    if (startsShift) shiftDay = zone.dayOf(s.startMs);
    const last = groups[groups.length - 1];
    if (last !== undefined && last.day === shiftDay) last.segments.push(s);
    else groups.push({ day: shiftDay, segments: [s] });
  }
  const pad = WINDOW_HOURS * 3_600_000;
  const days = groups.map((g) => ({
    agentId,
    date: formatDay(g.day),
    segments: g.segments,
    windowStartMs: g.segments[0]!.startMs - pad,
    windowEndMs: g.segments[g.segments.length - 1]!.endMs + pad,
  }));
  for (let k = 0; k + 1 < days.length; k++) {
    const a = days[k]!;
    const b = days[k + 1]!;
    if (a.windowEndMs > b.windowStartMs) {
      const lastEnd = a.segments[a.segments.length - 1]!.endMs;
      const mid = lastEnd + (b.segments[0]!.startMs - lastEnd) / 2;
      a.windowEndMs = mid;
      b.windowStartMs = mid;
    }
  }
  return days;
}
