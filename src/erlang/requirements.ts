/**
 * Requirements for a whole forecast: staffing per interval and queue.
 *
 * @module
 */
import { IssueList, MAX_ISSUES } from "../io/errors.ts";
import { formatInstantUtc } from "../time/instant.ts";
import { inferSpacing } from "../time/duration.ts";
import { FieldRangeError } from "./limits.ts";
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

/**
 * Interval length per queue: the spacing of its start times, or `fixedSeconds` when given (then
 * rows of one queue must not start less than that apart: their intervals would overlap).
 * Problems are added to `issues`.
 */
function intervalsByQueue(
  forecast: ForecastColumns,
  issues: IssueList,
  fixedSeconds: number | undefined,
): Map<string, number> {
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
    const starts = indices.map((i) => forecast.startMs[i]!);
    // the later of the two rows involved
    const rowAt = (at: number | undefined): number => {
      const matches = at === undefined ? [] : indices.filter((i) => forecast.startMs[i] === at);
      return matches.length > 0 ? matches[matches.length - 1]! : indices[0]!;
    };
    if (fixedSeconds !== undefined) {
      intervalOf.set(queue, fixedSeconds);
      const sorted = Float64Array.from(starts).sort();
      for (let k = 1; k < sorted.length; k++) {
        const gap = sorted[k]! - sorted[k - 1]!;
        if (gap >= fixedSeconds * 1000) continue;
        const at = sorted[k]!;
        const message =
          gap === 0
            ? `${name} has two rows starting at ${formatInstantUtc(at)}`
            : `${name} has rows ${gap / 1000} s apart (at ${formatInstantUtc(at)}), closer than the interval of ${fixedSeconds} s: their intervals would overlap`;
        issues.add({
          row: rowAt(at),
          field: "start",
          message,
          code: gap === 0 ? "interval-duplicate" : "interval-overlap",
        });
        break;
      }
      continue;
    }
    const spacing = inferSpacing(starts);
    if (spacing.ok) {
      intervalOf.set(queue, spacing.spacingMs / 1000);
      spacing.offGrid.forEach((at, k) => {
        const message =
          `${name} has a row at ${formatInstantUtc(at)}, off the grid of its other rows ` +
          `(every ${spacing.spacingMs / 1000} s): is its time a typo?`;
        // rows are looked up for the listed problems only; the rest are counted
        issues.add({
          ...(k < MAX_ISSUES ? { row: rowAt(at) } : {}),
          field: "start",
          message,
          code: "interval-offgrid",
        });
      });
      continue;
    }
    const at = spacing.at;
    const message =
      spacing.reason === "single"
        ? `cannot infer the interval length of ${name} from a single row`
        : `${name} has two rows starting at ${formatInstantUtc(at ?? 0)}`;
    issues.add({ row: rowAt(at), field: "start", message, code: `interval-${spacing.reason}` });
  }
  return intervalOf;
}

/**
 * A forecast checked and resolved for staffing: each row's interval length and AHT settled
 * (inferred spacing, defaults applied), in plain typed arrays that can cross to a worker thread.
 *
 * @internal
 */
export interface ResolvedRows {
  readonly calls: Float64Array;
  readonly intervalSeconds: Float64Array;
  readonly ahtSeconds: Float64Array;
  /** NaN where the policy's shrinkage applies. */
  readonly shrinkage: Float64Array;
}

/**
 * Checks a forecast and settles each row's interval length and AHT.
 *
 * @throws DataError for rows without an AHT and queues whose interval cannot be inferred
 * @throws RangeError for columns of different lengths or an invalid interval option
 * @internal
 */
export function resolveRows(forecast: ForecastColumns, options: RequirementsOptions): ResolvedRows {
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
  const issues = new IssueList();
  const fixedInterval = options.intervalSeconds;
  if (fixedInterval !== undefined && (!(fixedInterval > 0) || !Number.isFinite(fixedInterval))) {
    throw new RangeError(`intervalSeconds must be a number > 0, got ${fixedInterval}`);
  }
  const intervalOf = intervalsByQueue(forecast, issues, fixedInterval);
  const intervalSeconds = new Float64Array(n);
  let lastQueue: string | undefined;
  let interval = Number.NaN;
  for (let i = 0; i < n; i++) {
    const queue = forecast.queue[i]!;
    if (queue !== lastQueue) {
      interval = intervalOf.get(queue) ?? Number.NaN;
      lastQueue = queue;
    }
    intervalSeconds[i] = interval;
  }
  const defaultAht = options.ahtSeconds ?? Number.NaN;
  const aht = forecast.ahtSeconds;
  const ahtSeconds = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const rowAht = aht === undefined ? Number.NaN : aht[i]!;
    const value = Number.isNaN(rowAht) ? defaultAht : rowAht;
    if (Number.isNaN(value)) {
      issues.add({
        row: i,
        field: "aht_s",
        message: "no AHT for this row and no default AHT given",
        code: "no-aht",
      });
    }
    ahtSeconds[i] = value;
  }
  issues.throwIfAny();
  const shrinkage = new Float64Array(n);
  if (forecast.shrinkage === undefined) shrinkage.fill(Number.NaN);
  else for (let i = 0; i < n; i++) shrinkage[i] = forecast.shrinkage[i]!;
  const calls = new Float64Array(n);
  for (let i = 0; i < n; i++) calls[i] = forecast.calls[i]!;
  return { calls, intervalSeconds, ahtSeconds, shrinkage };
}

/** The forecast column a workload field comes from, for locating errors. */
const COLUMN_OF: Readonly<Record<string, string>> = {
  calls: "calls",
  ahtSeconds: "aht_s",
  shrinkage: "shrinkage",
  intervalSeconds: "start",
};

/**
 * Staffs resolved rows `from` (inclusive) to `to` (exclusive) into a table of `to - from` rows.
 *
 * @throws DataError for rows the staffer rejects (row indices counted from 0 of `rows`)
 * @internal
 */
export function staffResolved(
  rows: ResolvedRows,
  policy: StaffingPolicy,
  from = 0,
  to = rows.calls.length,
): RequirementTable {
  const staffer = createStaffer(policy);
  const issues = new IssueList();
  const table = createRequirementTable(to - from, staffer.model);
  for (let i = from; i < to; i++) {
    const shrinkage = rows.shrinkage[i]!;
    try {
      staffer.staffInto(
        table,
        i - from,
        {
          calls: rows.calls[i]!,
          intervalSeconds: rows.intervalSeconds[i]!,
          ahtSeconds: rows.ahtSeconds[i]!,
        },
        Number.isNaN(shrinkage) ? undefined : shrinkage,
      );
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      const field = error instanceof FieldRangeError ? COLUMN_OF[error.field] : undefined;
      issues.add({ row: i, message: error.message, ...(field === undefined ? {} : { field }) });
    }
  }
  issues.throwIfAny();
  return table;
}

/**
 * Staffs every row of a forecast given in columns, into a {@link RequirementTable} (row i of
 * the table belongs to row i of the forecast). The bulk form of {@link computeRequirements}:
 * the same numbers, without an object per row. {@link computeRequirementTableParallel} spreads
 * the same work over several threads.
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
  createStaffer(options); // an invalid policy is reported before any row
  return staffResolved(resolveRows(forecast, options), options);
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
