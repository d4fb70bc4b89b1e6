/**
 * The history split by queue and placed on its interval grid: each queue's rows before the
 * forecast's start as a day x slot series, and its rows in [start, cutoff) as today's actuals.
 * Shared by the forecast and by the ad-response fit alone.
 *
 * @module
 */
import { DataError, type DataIssue } from "../io/errors.ts";
import type { Zone } from "../time/zone.ts";
import { inferStepMinutes } from "./history-step.ts";
import { buildSeries, type DaySeries, type HistoryPoint } from "./series.ts";
import type { HistoryInterval } from "./types.ts";

/** One queue's history on the grid. */
export interface QueueHistory {
  readonly queue: string;
  /** Rows before the start, day x slot. */
  readonly series: DaySeries;
  /** Calls of rows in [start, cutoff), by interval start (epoch ms). */
  readonly actuals: Map<number, number>;
}

/** Row indexes of each queue, the queues in order of first appearance. */
function rowsByQueue(history: readonly HistoryInterval[]): Map<string, number[]> {
  const byQueue = new Map<string, number[]>();
  history.forEach((row, i) => {
    const list = byQueue.get(row.queue);
    if (list === undefined) byQueue.set(row.queue, [i]);
    else list.push(i);
  });
  return byQueue;
}

/**
 * The history interval, minutes: `stepMinutes` when given, else inferred from each queue's rows
 * before the cutoff (see inferStepMinutes).
 *
 * @throws DataError for an empty history or queues of different intervals
 */
export function historyStepMinutes(
  history: readonly HistoryInterval[],
  startMs: number,
  cutoffMs: number,
  stepMinutes: number | undefined,
): number {
  const byQueue = rowsByQueue(history);
  const names = [...byQueue.keys()];
  if (names.length === 0) throw new DataError([{ message: "the history has no rows" }]);
  return (
    stepMinutes ??
    inferStepMinutes(
      names,
      names.map((q) => byQueue.get(q)!.map((i) => history[i]!.startMs)),
      startMs,
      cutoffMs,
    )
  );
}

/**
 * Splits the history by queue and places each queue's rows on the grid of `stepMinutes`.
 *
 * @param startMs - the forecast's first instant: rows before it are history
 * @param cutoffMs - rows in [startMs, cutoffMs) are today's actuals (later rows are ignored)
 * @throws DataError for rows that cannot be placed (off the grid, duplicates); the issues name
 *   the row index (`row`), for `locateRows`
 */
export function splitHistory(
  history: readonly HistoryInterval[],
  zone: Zone,
  startMs: number,
  cutoffMs: number,
  stepMinutes: number,
): QueueHistory[] {
  const byQueue = rowsByQueue(history);
  const issues: DataIssue[] = [];
  const queues = [...byQueue.keys()].map((queue) => {
    const points: HistoryPoint[] = [];
    const pointIndex: number[] = [];
    const actuals = new Map<number, number>();
    for (const i of byQueue.get(queue)!) {
      const r = history[i]!;
      if (r.startMs < startMs) {
        points.push({ startMs: r.startMs, calls: r.calls, ahtSeconds: r.ahtSeconds ?? Number.NaN });
        pointIndex.push(i);
      } else if (r.startMs < cutoffMs) {
        actuals.set(r.startMs, r.calls);
      }
    }
    const { series, issues: seriesIssues } = buildSeries(points, zone, stepMinutes);
    for (const issue of seriesIssues) {
      issues.push({ row: pointIndex[issue.index]!, field: "start", message: issue.message });
    }
    return { queue, series, actuals };
  });
  if (issues.length > 0) throw new DataError(issues);
  return queues;
}
