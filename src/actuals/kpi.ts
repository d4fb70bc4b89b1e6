/**
 * Contact-center KPIs from actuals, per queue and period (interval, local day, local week
 * starting on Monday): counts, answer and abandon rates, service level, ASA and AHT weighted by
 * handled calls, occupancy.
 *
 * Missing data: a count is the sum over the intervals of the period that report it (null when
 * none does; `intervals` says how many intervals the period has). A rate is null when any
 * interval of the period lacks its denominator, or has a denominator above 0 and lacks its
 * numerator (an interval whose denominator is 0 needs no numerator), or when the period's
 * denominator is 0: never 0 or NaN for "no data".
 *
 * Service level: `answered_in_sl / offered`, with `answered_in_sl` as the source counted it at
 * its threshold `sl_seconds`. The counts cannot be recounted at another threshold, so a
 * requested threshold that differs from the file's is refused, and a period whose rows were
 * counted at several thresholds gets no service level (and a warning).
 *
 * @module
 */
import { DataError, type DataIssue } from "../io/errors.ts";
import { createZone } from "../time/zone.ts";
import type { ActualsRow } from "./formats/actuals-csv.ts";
import { periodStart, type KpiPeriod } from "./kpi-periods.ts";

/**
 * What `serviceLevel` means, as written in every KPI row: the source's own count of calls that
 * met its threshold, over all calls offered. Vendors differ in what "met" includes (Amazon
 * Connect's "Service level X" counts contacts removed from the queue within X seconds,
 * answered or abandoned); staffcast uses the count as given.
 */
export const SERVICE_LEVEL_DEFINITION =
  "answered_in_sl / offered (answered_in_sl as the source counted it)";

/** The threshold assumed when neither the options nor the file give one, seconds. */
export const DEFAULT_SL_SECONDS = 20;

/** Options of {@link computeKpis}. */
export interface KpiOptions {
  /** Period of each KPI row. */
  readonly by: KpiPeriod;
  /** IANA zone of the local days and weeks (default UTC). */
  readonly timeZone?: string;
  /**
   * The service-level threshold the source counted `answered_in_sl` at, seconds: used for rows
   * without `sl_seconds`; a row that states another threshold is refused (RangeError). Default:
   * the file's `sl_seconds` when it states one value, else {@link DEFAULT_SL_SECONDS}.
   */
  readonly slSeconds?: number;
}

/** The KPIs of one queue over one period; null where not defined (see the module notes). */
export interface KpiRow {
  readonly queue: string;
  /** Period start, epoch ms (local midnight for days, Monday's for weeks). */
  readonly startMs: number;
  /** Interval rows of the actuals in the period. */
  readonly intervals: number;
  readonly offered: number | null;
  readonly handled: number | null;
  readonly abandoned: number | null;
  readonly answeredInSl: number | null;
  /** handled / offered, a fraction. */
  readonly answerRate: number | null;
  /** abandoned / offered, a fraction. */
  readonly abandonRate: number | null;
  /** answered_in_sl / offered, a fraction ({@link SERVICE_LEVEL_DEFINITION}). */
  readonly serviceLevel: number | null;
  readonly serviceLevelDefinition: string;
  /** The threshold answered_in_sl was counted at, seconds; null when the period mixes several. */
  readonly slSeconds: number | null;
  /** Mean wait of answered calls, weighted by handled calls, seconds. */
  readonly asaSeconds: number | null;
  /** Mean handle time, weighted by handled calls, seconds. */
  readonly ahtSeconds: number | null;
  /** (talk + acw) / (talk + acw + available), a fraction. */
  readonly occupancy: number | null;
}

/** What {@link computeKpis} returns. */
export interface KpiResult {
  readonly by: KpiPeriod;
  /** The zone of the periods. */
  readonly timeZone: string;
  /** Queues in order of first appearance, each by period start. */
  readonly rows: KpiRow[];
  /** Things worth telling the user (periods with mixed thresholds); the library never prints. */
  readonly warnings: string[];
}

type Numeric = (row: ActualsRow) => number | undefined;

const offeredOf: Numeric = (r) => r.offered ?? r.calls;
const times =
  (a: Numeric, b: Numeric): Numeric =>
  (r) => {
    const x = a(r);
    const y = b(r);
    return x === undefined || y === undefined ? undefined : x * y;
  };

/** Sum over the rows that report a value; null when none does. */
function total(rows: readonly ActualsRow[], value: Numeric): number | null {
  let sum: number | null = null;
  for (const r of rows) {
    const v = value(r);
    if (v !== undefined) sum = (sum ?? 0) + v;
  }
  return sum;
}

/** Σ numerator / Σ denominator under the missing-data rule of the module notes. */
function ratio(rows: readonly ActualsRow[], num: Numeric, den: Numeric): number | null {
  let n = 0;
  let d = 0;
  for (const r of rows) {
    const dv = den(r);
    if (dv === undefined) return null;
    if (dv === 0) continue;
    const nv = num(r);
    if (nv === undefined) return null;
    n += nv;
    d += dv;
  }
  return d > 0 ? n / d : null;
}

const busy: Numeric = (r) =>
  r.talkSeconds === undefined || r.acwSeconds === undefined
    ? undefined
    : r.talkSeconds + r.acwSeconds;
const logged: Numeric = (r) => {
  const b = busy(r);
  return b === undefined || r.availableSeconds === undefined ? undefined : b + r.availableSeconds;
};

/** The threshold of rows without `sl_seconds`; throws when the options contradict the file. */
function defaultThreshold(rows: readonly ActualsRow[], requested: number | undefined): number {
  const stated = new Set<number>();
  rows.forEach((r, i) => {
    if (r.slSeconds === undefined) return;
    stated.add(r.slSeconds);
    if (requested !== undefined && r.slSeconds !== requested)
      throw new RangeError(
        `a service-level threshold of ${requested} s was asked for, but row ${i + 1} ` +
          `(queue ${r.queue}) counted answered_in_sl at ${r.slSeconds} s: the source's counts ` +
          "cannot be recounted at another threshold",
      );
  });
  if (requested !== undefined) return requested;
  return stated.size === 1 ? [...stated][0]! : DEFAULT_SL_SECONDS;
}

/**
 * KPIs per queue and period from actuals rows (one row per queue and interval).
 *
 * @throws DataError naming the row (0-based index) of a second row for the same queue and start
 * @throws RangeError for an unknown time zone, or an `slSeconds` the rows contradict
 * @example
 * const { rows } = computeKpis(
 *   [{ startMs: 0, queue: "vip", offered: 10, handled: 9, abandoned: 1, answeredInSl: 8 }],
 *   { by: "day", timeZone: "UTC" },
 * );
 * rows[0]?.serviceLevel; // => 0.8 (8 / 10), slSeconds 20 (the default)
 */
export function computeKpis(rows: readonly ActualsRow[], options: KpiOptions): KpiResult {
  const zone = createZone(options.timeZone ?? "UTC");
  const fallback = defaultThreshold(rows, options.slSeconds);
  const groups = new Map<string, Map<number, ActualsRow[]>>();
  const seen = new Map<string, Set<number>>();
  const issues: DataIssue[] = [];
  rows.forEach((row, i) => {
    let starts = seen.get(row.queue);
    if (starts === undefined) seen.set(row.queue, (starts = new Set<number>()));
    if (starts.has(row.startMs)) {
      issues.push({
        row: i,
        field: "start",
        message: `a second row for queue ${row.queue} at this start`,
      });
      return;
    }
    starts.add(row.startMs);
    let periods = groups.get(row.queue);
    if (periods === undefined) groups.set(row.queue, (periods = new Map<number, ActualsRow[]>()));
    const start = periodStart(row.startMs, options.by, zone);
    const list = periods.get(start);
    if (list === undefined) periods.set(start, [row]);
    else list.push(row);
  });
  if (issues.length > 0) throw new DataError(issues);
  const out: KpiRow[] = [];
  const warnings: string[] = [];
  for (const [queue, periods] of groups) {
    for (const start of [...periods.keys()].sort((a, b) => a - b)) {
      const list = periods.get(start)!;
      const thresholds = new Set(
        list
          .filter((r) => r.answeredInSl !== undefined || r.slSeconds !== undefined)
          .map((r) => r.slSeconds ?? fallback),
      );
      const mixed = thresholds.size > 1;
      if (mixed)
        warnings.push(
          `queue ${queue}, period starting ${new Date(start).toISOString()}: answered_in_sl ` +
            `was counted at ${[...thresholds].sort((a, b) => a - b).join(" s and ")} s; ` +
            "no service level for this period (group by a shorter period)",
        );
      out.push({
        queue,
        startMs: start,
        intervals: list.length,
        offered: total(list, offeredOf),
        handled: total(list, (r) => r.handled),
        abandoned: total(list, (r) => r.abandoned),
        answeredInSl: total(list, (r) => r.answeredInSl),
        answerRate: ratio(list, (r) => r.handled, offeredOf),
        abandonRate: ratio(list, (r) => r.abandoned, offeredOf),
        serviceLevel: mixed ? null : ratio(list, (r) => r.answeredInSl, offeredOf),
        serviceLevelDefinition: SERVICE_LEVEL_DEFINITION,
        slSeconds: mixed ? null : ([...thresholds][0] ?? fallback),
        asaSeconds: ratio(
          list,
          times(
            (r) => r.asaSeconds,
            (r) => r.handled,
          ),
          (r) => r.handled,
        ),
        ahtSeconds: ratio(
          list,
          times(
            (r) => r.ahtSeconds,
            (r) => r.handled,
          ),
          (r) => r.handled,
        ),
        occupancy: ratio(list, busy, logged),
      });
    }
  }
  return { by: options.by, timeZone: zone.name, rows: out, warnings };
}
