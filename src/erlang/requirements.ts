/**
 * Requirements for a whole forecast: staffing per interval and queue.
 *
 * @module
 */
import { DataError, type DataIssue } from "../io/errors.ts";
import { formatInstantUtc } from "../time/instant.ts";
import { inferSpacing } from "../time/duration.ts";
import { createStaffer, type StaffingPolicy } from "./staffing.ts";
import { createRequirementTable, requirementAt, type RequirementTable } from "./table.ts";
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

/**
 * A forecast in columns (entry i of each column belongs to row i), the bulk form of
 * {@link ForecastInterval}. In the optional columns NaN means "no value: use the default".
 */
export interface ForecastColumns {
  /** Queue names ("" for a single unnamed queue). */
  readonly queue: readonly string[];
  /** Interval starts, UTC epoch milliseconds. */
  readonly startMs: ArrayLike<number>;
  /** Calls offered, >= 0. */
  readonly calls: ArrayLike<number>;
  /** AHT per row in seconds, NaN where the options' AHT applies. */
  readonly ahtSeconds?: ArrayLike<number>;
  /** Shrinkage per row in [0, 1), NaN where the policy's shrinkage applies. */
  readonly shrinkage?: ArrayLike<number>;
}

/** Options of {@link computeRequirements}. */
export interface RequirementsOptions extends StaffingPolicy {
  /** Interval length in seconds; by default the spacing of the start times within each queue. */
  readonly intervalSeconds?: number;
  /** AHT in seconds for rows that do not carry their own. */
  readonly ahtSeconds?: number;
}

/** Requirement of one forecast row (its interval length and AHT included). */
export type IntervalRequirement = StaffingResult;

/** At most this many row problems are listed in one DataError; the rest are counted. */
const MAX_ISSUES = 20;

/** Collects row problems, keeping the first MAX_ISSUES. */
class Issues {
  readonly list: DataIssue[] = [];
  private more = 0;
  add(issue: DataIssue): void {
    if (this.list.length < MAX_ISSUES) this.list.push(issue);
    else this.more++;
  }
  throwIfAny(): void {
    if (this.list.length === 0) return;
    const all = [...this.list];
    if (this.more > 0) all.push({ message: `... and ${this.more} more rows like these` });
    throw new DataError(all);
  }
}

/** Interval length per queue from the spacing of its start times, or issues where it fails. */
function inferIntervals(forecast: ForecastColumns, issues: Issues): Map<string, number> {
  const byQueue = new Map<string, number[]>();
  const n = forecast.queue.length;
  for (let i = 0; i < n; i++) {
    const queue = forecast.queue[i]!;
    const list = byQueue.get(queue);
    if (list === undefined) byQueue.set(queue, [i]);
    else list.push(i);
  }
  const intervalOf = new Map<string, number>();
  for (const [queue, indices] of byQueue) {
    const name = queue === "" ? "the forecast" : `queue "${queue}"`;
    const spacing = inferSpacing(indices.map((i) => forecast.startMs[i]!));
    if (spacing.ok) {
      intervalOf.set(queue, spacing.spacingMs / 1000);
      continue;
    }
    const at = spacing.at;
    // point at the later of the two rows involved
    const matches = at === undefined ? [] : indices.filter((i) => forecast.startMs[i] === at);
    const row = matches.length > 0 ? matches[matches.length - 1]! : indices[0]!;
    const message =
      spacing.reason === "single"
        ? `cannot infer the interval length of ${name} from a single row`
        : spacing.reason === "duplicate"
          ? `${name} has two rows starting at ${formatInstantUtc(at ?? 0)}`
          : `the start times of ${name} are not on a regular grid (gap before ${formatInstantUtc(at ?? 0)})`;
    issues.add({ row, field: "start", message, code: `interval-${spacing.reason}` });
  }
  return intervalOf;
}

/**
 * Staffs every row of a forecast given in columns, into a {@link RequirementTable} (row i of
 * the table belongs to row i of the forecast). The bulk form of {@link computeRequirements}:
 * the same numbers, without an object per row.
 *
 * @throws DataError listing the rows that cannot be staffed (first 20, with 0-based `row`
 *   indices): no AHT, an interval that cannot be inferred, duplicate starts, invalid values
 * @throws RangeError for an invalid policy (targets that can never be met)
 * @example
 * const t = computeRequirementTable(
 *   { queue: ["sales", "sales"], startMs: [0, 1_800_000], calls: [100, 80] },
 *   { ahtSeconds: 180, shrinkage: 0.3 },
 * );
 * t.scheduledAgents; // => Float64Array [20, 17]
 */
export function computeRequirementTable(
  forecast: ForecastColumns,
  options: RequirementsOptions,
): RequirementTable {
  const staffer = createStaffer(options);
  const n = forecast.queue.length;
  for (const [name, column] of [
    ["startMs", forecast.startMs],
    ["calls", forecast.calls],
    ["ahtSeconds", forecast.ahtSeconds],
    ["shrinkage", forecast.shrinkage],
  ] as const) {
    if (column !== undefined && column.length !== n) {
      throw new RangeError(`column ${name} has ${column.length} entries, queue has ${n}`);
    }
  }
  const issues = new Issues();
  let intervalOf: Map<string, number> | undefined;
  const fixedInterval = options.intervalSeconds;
  if (fixedInterval === undefined) {
    intervalOf = inferIntervals(forecast, issues);
  } else if (!(fixedInterval > 0) || !Number.isFinite(fixedInterval)) {
    throw new RangeError(`intervalSeconds must be a number > 0, got ${fixedInterval}`);
  }
  const defaultAht = options.ahtSeconds;
  const aht = forecast.ahtSeconds;
  const shrink = forecast.shrinkage;
  if (defaultAht === undefined) {
    for (let i = 0; i < n; i++) {
      if (aht === undefined || Number.isNaN(aht[i])) {
        issues.add({
          row: i,
          field: "aht_s",
          message: "no AHT for this row and no default AHT given",
          code: "no-aht",
        });
      }
    }
  }
  issues.throwIfAny();

  const table = createRequirementTable(n, staffer.model);
  let lastQueue: string | undefined;
  let interval = fixedInterval ?? 0;
  for (let i = 0; i < n; i++) {
    if (intervalOf !== undefined) {
      const queue = forecast.queue[i]!;
      if (queue !== lastQueue) {
        interval = intervalOf.get(queue)!;
        lastQueue = queue;
      }
    }
    const rowAht = aht === undefined ? Number.NaN : aht[i]!;
    const rowShrinkage = shrink === undefined ? Number.NaN : shrink[i]!;
    try {
      staffer.staffInto(
        table,
        i,
        {
          calls: forecast.calls[i]!,
          intervalSeconds: interval,
          ahtSeconds: Number.isNaN(rowAht) ? defaultAht! : rowAht,
        },
        Number.isNaN(rowShrinkage) ? undefined : rowShrinkage,
      );
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      issues.add({ row: i, message: error.message });
    }
  }
  issues.throwIfAny();
  return table;
}

/**
 * Staffs every row of a forecast (one result per row, same order).
 *
 * The interval length is `options.intervalSeconds` or, by default, the spacing of the start
 * times within each queue (the smallest gap, every gap being a multiple of it: gaps are closed
 * hours). A row's AHT and shrinkage override the options'. For millions of rows,
 * {@link computeRequirementTable} gives the same numbers in columns, several times faster.
 *
 * @throws DataError listing the rows that cannot be staffed (first 20, with 0-based `row`
 *   indices): no AHT, an interval that cannot be inferred, duplicate starts, invalid values
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
  const n = rows.length;
  const startMs = new Float64Array(n);
  const calls = new Float64Array(n);
  const ahtSeconds = new Float64Array(n);
  const shrinkage = new Float64Array(n);
  const queue = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    queue[i] = r.queue;
    startMs[i] = r.startMs;
    calls[i] = r.calls;
    ahtSeconds[i] = r.ahtSeconds ?? Number.NaN;
    shrinkage[i] = r.shrinkage ?? Number.NaN;
  }
  const table = computeRequirementTable({ queue, startMs, calls, ahtSeconds, shrinkage }, options);
  const out = new Array<IntervalRequirement>(n);
  for (let i = 0; i < n; i++) out[i] = requirementAt(table, i);
  return out;
}
