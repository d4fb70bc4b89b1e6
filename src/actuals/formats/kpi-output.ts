/**
 * The KPI outputs of `staffcast kpi`: a CSV (one row per queue and period, snake_case columns,
 * empty cells for null) and a JSON object `{ by, rows }` (camelCase fields, null where a
 * rate is not defined). Numbers are unrounded; period starts are ISO 8601 with the offset of
 * the KPI's zone.
 *
 * @module
 */
import { csvNumber, formatCsv } from "../../io/csv.ts";
import { createZone, formatInstant } from "../../time/zone.ts";
import type { KpiPeriod } from "../kpi-periods.ts";
import type { KpiPlanResult } from "../kpi-plan.ts";
import type { KpiResult, KpiRow } from "../kpi.ts";

/** The columns of the KPI CSV, in order. */
export const KPI_COLUMNS = [
  "queue",
  "start",
  "intervals",
  "offered",
  "handled",
  "abandoned",
  "answered_in_sl",
  "answer_rate",
  "abandon_rate",
  "service_level",
  "service_level_definition",
  "sl_seconds",
  "asa_s",
  "aht_s",
  "occupancy",
] as const;

/** The numeric fields, in column order after `start`. */
const NUMBERS = [
  "intervals",
  "offered",
  "handled",
  "abandoned",
  "answeredInSl",
  "answerRate",
  "abandonRate",
  "serviceLevel",
] as const satisfies readonly (keyof KpiRow)[];
const AFTER = ["slSeconds", "asaSeconds", "ahtSeconds", "occupancy"] as const;

/** One KPI row in the JSON output: the row with `start` as ISO 8601 instead of `startMs`. */
export type KpiJsonRow = Omit<KpiRow, "startMs"> & { readonly start: string };

/** The `plan` section of the KPI JSON: the comparison's lists with `start` as ISO 8601. */
export interface KpiPlanJson {
  readonly accuracy: Record<string, unknown>[];
  readonly intervals: Record<string, unknown>[];
  readonly missed: Record<string, unknown>[];
}

/** The KPI JSON output (`plan` with `--plan`). */
export interface KpiJson {
  readonly by: KpiPeriod;
  readonly rows: KpiJsonRow[];
  readonly plan?: KpiPlanJson;
}

/**
 * The `plan` section of the KPI JSON: `{ accuracy: [{ queue, start, intervals, forecast,
 * actual, wape, bias }], intervals: [{ start, required, staffed, units }], missed: [{ queue,
 * start, offered, serviceLevel, target, slSeconds }] }`, starts in the comparison's zone.
 *
 * @example
 * kpiPlanJson(comparePlan(rows, plan, { timeZone: "UTC" })).accuracy[0];
 * // => { queue: "orders", start: "2025-01-20T00:00:00Z", intervals: 20, forecast: 402, ... }
 */
export function kpiPlanJson(plan: KpiPlanResult): KpiPlanJson {
  const zone = createZone(plan.timeZone);
  const dated = (rows: readonly { readonly startMs: number }[]) =>
    rows.map(({ startMs, ...rest }) => {
      const { queue, ...others } = rest as Record<string, unknown>;
      return {
        ...(queue === undefined ? {} : { queue }),
        start: formatInstant(startMs, zone),
        ...others,
      };
    });
  return {
    accuracy: dated(plan.accuracy),
    intervals: dated(plan.intervals),
    missed: dated(plan.missed),
  };
}

/**
 * The JSON object of a KPI result (what {@link formatKpiJson} writes).
 *
 * @example
 * kpiJson(computeKpis(rows, { by: "day" })).rows[0]?.start; // => "2026-03-02T00:00:00Z"
 */
export function kpiJson(result: KpiResult): KpiJson {
  const zone = createZone(result.timeZone);
  return {
    by: result.by,
    rows: result.rows.map(({ startMs, queue, ...rest }) => ({
      queue,
      start: formatInstant(startMs, zone),
      ...rest,
    })),
  };
}

/**
 * A KPI result as one line of JSON: `{ by, rows: [{ queue, start, intervals, offered, ... }] }`.
 *
 * @example
 * formatKpiJson(computeKpis(rows, { by: "week", timeZone: "Europe/Berlin" }));
 * // => '{"by":"week","rows":[{"queue":"vip","start":"2026-03-23T00:00:00+01:00",...}]}\n'
 */
export function formatKpiJson(result: KpiResult): string {
  return `${JSON.stringify(kpiJson(result))}\n`;
}

/**
 * A KPI result as CSV ({@link KPI_COLUMNS}): starts in the result's zone, numbers unrounded,
 * empty cells for null.
 *
 * @example
 * formatKpiCsv(computeKpis(rows, { by: "interval" }));
 * // => "queue,start,intervals,offered,...\nvip,2026-03-02T10:00:00Z,1,10,...\n"
 */
export function formatKpiCsv(result: KpiResult): string {
  const zone = createZone(result.timeZone);
  return formatCsv(
    KPI_COLUMNS,
    result.rows.map((r) => [
      r.queue,
      formatInstant(r.startMs, zone),
      ...NUMBERS.map((f) => csvNumber(r[f])),
      r.serviceLevelDefinition,
      ...AFTER.map((f) => csvNumber(r[f])),
    ]),
  );
}
