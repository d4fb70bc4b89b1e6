/**
 * The tables `staffcast kpi` prints for people: the KPIs per queue and period, and with
 * `--plan` the forecast error per queue and day and the intervals that missed their target.
 */
import type { KpiPlanResult, KpiResult } from "../actuals/index.ts";
import { formatInstant, type Zone } from "../time/zone.ts";
import { pct, secs, style, table } from "./format.ts";

const orDash = (v: number | null, show: (v: number) => string): string =>
  v === null ? "-" : show(v);

/** The KPIs for people: one line per queue and period, rates in percent. */
export function kpiTable(result: KpiResult, zone: Zone, out: { isTTY?: boolean }): string {
  const f = orDash;
  const count = (v: number | null): string => f(v, String);
  const when = (ms: number): string => {
    const text = formatInstant(ms, zone).replace("T", " ");
    return result.by === "interval" ? text.slice(0, 16) : text.slice(0, 10);
  };
  const header = [
    "queue",
    result.by === "interval" ? "start" : result.by,
    "offered",
    "handled",
    "abandoned",
    "answered",
    "abandon",
    "SL",
    "ASA",
    "AHT",
    "occupancy",
  ];
  const rows = result.rows.map((r) => [
    r.queue,
    when(r.startMs),
    count(r.offered),
    count(r.handled),
    count(r.abandoned),
    f(r.answerRate, (v) => pct(v)),
    f(r.abandonRate, (v) => pct(v)),
    r.serviceLevel === null || r.slSeconds === null
      ? "-"
      : `${pct(r.serviceLevel)} in ${r.slSeconds} s`,
    f(r.asaSeconds, secs),
    f(r.ahtSeconds, secs),
    f(r.occupancy, (v) => pct(v)),
  ]);
  const title = style(
    "bold",
    `KPIs per ${result.by} (${result.timeZone}); SL = answered_in_sl / offered as the source counted it`,
    out,
  );
  const body =
    rows.length === 0
      ? "(no rows)"
      : table(
          [header, ...rows],
          header.map((_, i) => i > 1),
        );
  return `${title}\n\n${body}\n`;
}

/** The plan comparison for people: WAPE and bias per queue and day, the missed intervals. */
export function planTable(plan: KpiPlanResult, zone: Zone, out: { isTTY?: boolean }): string {
  const day = (ms: number): string => formatInstant(ms, zone).slice(0, 10);
  const header = ["queue", "day", "intervals", "forecast", "actual", "WAPE", "bias"];
  const rows = plan.accuracy.map((a) => [
    a.queue,
    day(a.startMs),
    String(a.intervals),
    a.forecast.toFixed(1),
    String(a.actual),
    orDash(a.wape, (v) => pct(v)),
    orDash(a.bias, (v) => pct(v)),
  ]);
  const lines = [
    "",
    style("bold", "Forecast error (matched intervals)", out),
    "",
    rows.length === 0
      ? "(no interval of the actuals has a forecast)"
      : table(
          [header, ...rows],
          header.map((_, i) => i > 1),
        ),
    "",
    `${plan.missed.length} interval${plan.missed.length === 1 ? "" : "s"} missed the service-level target` +
      (plan.missed.length === 0 ? "." : ":"),
  ];
  for (const m of plan.missed.slice(0, 10))
    lines.push(
      `  ${m.queue} ${formatInstant(m.startMs, zone).replace("T", " ").slice(0, 16)}: ` +
        `${pct(m.serviceLevel)} in ${m.slSeconds} s (target ${pct(m.target)})`,
    );
  if (plan.missed.length > 10) lines.push(`  ... and ${plan.missed.length - 10} more (--json)`);
  return `${lines.join("\n")}\n`;
}
