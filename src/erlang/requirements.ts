/**
 * Requirements for a whole forecast: staffing per interval and queue.
 *
 * @module
 */
import { DataError, type DataIssue } from "../io/errors.ts";
import { formatInstantUtc } from "../time/instant.ts";
import { inferSpacing } from "../time/duration.ts";
import { createStaffer, type StaffingPolicy } from "./staffing.ts";
import type { StaffingResult } from "./types.ts";

/** One forecast row: calls offered to a queue in the interval starting at `startMs`. */
export interface ForecastInterval {
  /** Queue name ("" when the forecast has a single unnamed queue). */
  readonly queue: string;
  /** Interval start, UTC epoch milliseconds. */
  readonly startMs: number;
  /** Calls offered (may be fractional); >= 0. */
  readonly calls: number;
  /** Average handle time for this interval, seconds; defaults to the options' AHT. */
  readonly ahtSeconds?: number;
  /** Shrinkage for this interval, [0, 1); defaults to the policy's shrinkage. */
  readonly shrinkage?: number;
}

/** Options of {@link computeRequirements}. */
export interface RequirementsOptions extends StaffingPolicy {
  /** Interval length in seconds; by default the spacing of the start times within each queue. */
  readonly intervalSeconds?: number;
  /** AHT in seconds for rows that do not carry their own. */
  readonly ahtSeconds?: number;
}

/** Requirement of one forecast row. */
export interface IntervalRequirement extends StaffingResult {
  /** Interval length used, seconds. */
  readonly intervalSeconds: number;
  /** AHT used, seconds. */
  readonly ahtSeconds: number;
}

/**
 * Staffs every row of a forecast (one result per row, same order).
 *
 * The interval length is `options.intervalSeconds` or, by default, the spacing of the start
 * times within each queue (the smallest gap, every gap being a multiple of it: gaps are closed
 * hours). A row's AHT and shrinkage override the options'.
 *
 * @throws DataError listing every row that cannot be staffed (with its 0-based `row` index):
 *   no AHT, an interval that cannot be inferred, duplicate starts
 * @throws RangeError for an invalid policy (targets that can never be met)
 * @example
 * computeRequirements(
 *   [{ queue: "sales", startMs: 0, calls: 100 }, { queue: "sales", startMs: 1_800_000, calls: 80 }],
 *   { ahtSeconds: 180, shrinkage: 0.3 },
 * ).map((r) => r.scheduledAgents); // => [20, 17]
 */
export function computeRequirements(
  rows: readonly ForecastInterval[],
  options: RequirementsOptions,
): IntervalRequirement[] {
  const staffer = createStaffer(options);
  const issues: DataIssue[] = [];
  const intervalOf = new Map<string, number>();

  if (options.intervalSeconds === undefined) {
    const byQueue = new Map<string, number[]>();
    rows.forEach((r, i) => {
      const list = byQueue.get(r.queue);
      if (list === undefined) byQueue.set(r.queue, [i]);
      else list.push(i);
    });
    for (const [queue, indices] of byQueue) {
      const name = queue === "" ? "the forecast" : `queue "${queue}"`;
      const spacing = inferSpacing(indices.map((i) => rows[i]!.startMs));
      if (spacing.ok) {
        intervalOf.set(queue, spacing.spacingMs / 1000);
        continue;
      }
      const at = spacing.at;
      // point at the later of the two rows involved
      const matches = at === undefined ? [] : indices.filter((i) => rows[i]!.startMs === at);
      const row = matches.length > 0 ? matches[matches.length - 1]! : indices[0]!;
      const message =
        spacing.reason === "single"
          ? `cannot infer the interval length of ${name} from a single row`
          : spacing.reason === "duplicate"
            ? `${name} has two rows starting at ${formatInstantUtc(at ?? 0)}`
            : `the start times of ${name} are not on a regular grid (gap before ${formatInstantUtc(at ?? 0)})`;
      issues.push({ row, field: "start", message, code: `interval-${spacing.reason}` });
    }
  } else if (!(options.intervalSeconds > 0) || !Number.isFinite(options.intervalSeconds)) {
    throw new RangeError(`intervalSeconds must be a number > 0, got ${options.intervalSeconds}`);
  }

  rows.forEach((r, i) => {
    if (r.ahtSeconds === undefined && options.ahtSeconds === undefined) {
      issues.push({
        row: i,
        field: "aht_s",
        message: "no AHT for this row and no default AHT given",
        code: "no-aht",
      });
    }
  });
  if (issues.length > 0) throw new DataError(issues);

  const out: IntervalRequirement[] = new Array<IntervalRequirement>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const intervalSeconds = options.intervalSeconds ?? intervalOf.get(r.queue)!;
    const ahtSeconds = r.ahtSeconds ?? options.ahtSeconds!;
    let result: StaffingResult;
    try {
      result = staffer.staff({ calls: r.calls, intervalSeconds, ahtSeconds }, r.shrinkage);
    } catch (error) {
      if (error instanceof RangeError) {
        issues.push({ row: i, message: error.message });
        continue;
      }
      throw error;
    }
    out[i] = {
      model: result.model,
      loadErlangs: result.loadErlangs,
      agents: result.agents,
      probWait: result.probWait,
      serviceLevel: result.serviceLevel,
      asaSeconds: result.asaSeconds,
      stable: result.stable,
      occupancy: result.occupancy,
      abandonRate: result.abandonRate,
      meanQueueLength: result.meanQueueLength,
      scheduledAgents: result.scheduledAgents,
      fractionalAgents: result.fractionalAgents,
      fractionalScheduledAgents: result.fractionalScheduledAgents,
      binding: result.binding,
      intervalSeconds,
      ahtSeconds,
    };
  }
  if (issues.length > 0) throw new DataError(issues);
  return out;
}
