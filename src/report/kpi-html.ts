/**
 * The KPI page of `staffcast kpi --html`: one self-contained HTML file in the report's style
 * (inline CSS and SVG, no script, no network): the service level per queue and period as a
 * chart (with the plan's target when there is one), the KPI table, and with a plan the forecast
 * error per queue and day, the required against the scheduled agents, and the intervals that
 * missed their target.
 *
 * @module
 */
import type { KpiPlanResult, KpiResult, KpiRow } from "../actuals/index.ts";
import { createZone, formatInstant, type Zone } from "../time/zone.ts";
import { REPORT_STYLE } from "./style.ts";
import {
  esc,
  FRAME,
  linePath,
  n,
  scale,
  stepPath,
  svg,
  ticks,
  timeAxis,
  valueAxis,
} from "./svg.ts";

/** What the KPI page shows. */
export interface KpiReportInput {
  readonly kpis: KpiResult;
  readonly plan?: KpiPlanResult;
  /** Service-level targets by queue (the plan's), drawn on the charts. */
  readonly targets?: readonly { queue: string; serviceLevel: number | null }[];
  readonly title?: string;
}

const pct = (v: number | null): string => (v === null ? "-" : `${(100 * v).toFixed(1)} %`);
const secs = (v: number | null): string => (v === null ? "-" : `${v.toFixed(1)} s`);
const count = (v: number | null): string => (v === null ? "-" : String(v));

/** A table: header cells (`>` first: right-aligned) and rows of text. */
function htmlTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const right = header.map((h) => h.startsWith(">"));
  const cell = (tag: string, text: string, i: number): string =>
    `<${tag}${right[i] === true ? ' class="r"' : ""}>${esc(text)}</${tag}>`;
  return (
    `<table><thead><tr>${header.map((h, i) => cell("th", h.replace(/^>/, ""), i)).join("")}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r.map((c, i) => cell("td", c, i)).join("")}</tr>`).join("")}</tbody></table>`
  );
}

/** Service level per period of each queue, one chart per queue. */
function serviceCharts(input: KpiReportInput, zone: Zone): string {
  const { kpis } = input;
  const byQueue = new Map<string, KpiRow[]>();
  for (const r of kpis.rows) byQueue.set(r.queue, [...(byQueue.get(r.queue) ?? []), r]);
  const targets = new Map((input.targets ?? []).map((t) => [t.queue, t.serviceLevel]));
  const charts: string[] = [];
  let k = 0;
  for (const [queue, rows] of byQueue) {
    const t0 = rows[0]!.startMs;
    const last = rows[rows.length - 1]!.startMs;
    const t1 = last + Math.max(1, (last - t0) / Math.max(1, rows.length - 1));
    const x = scale(t0, t1, FRAME.left, FRAME.width - FRAME.right);
    const y = scale(0, 1, FRAME.height - FRAME.bottom, FRAME.top);
    const body = [
      valueAxis(FRAME, [0, 0.2, 0.4, 0.6, 0.8, 1], y, (v) => `${Math.round(v * 100)} %`),
      timeAxis(FRAME, t0, t1, zone, x),
    ];
    const target = targets.get(queue);
    if (target !== undefined && target !== null)
      body.push(
        `<line class="target" x1="${FRAME.left}" y1="${n(y(target))}" x2="${FRAME.width - FRAME.right}" y2="${n(y(target))}"><title>target ${pct(target)}</title></line>`,
      );
    body.push(
      `<path class="sl" d="${linePath(rows.map((r) => [x(r.startMs), r.serviceLevel === null ? null : y(r.serviceLevel)]))}"/>`,
    );
    for (const r of rows)
      if (r.serviceLevel !== null)
        body.push(
          `<rect class="bar" x="${n(x(r.startMs) - 2)}" y="${n(y(r.serviceLevel) - 2)}" width="4" height="4"><title>${esc(`${formatInstant(r.startMs, zone)}: ${pct(r.serviceLevel)}`)}</title></rect>`,
        );
    charts.push(
      `<h2>${esc(queue)}</h2>${svg(FRAME, `Service level of ${queue} per ${kpis.by}`, body.join(""), `sl-${k++}`)}`,
    );
  }
  return (
    `<section id="service">${charts.join("")}<p class="legend"><span style="background:var(--blue)"></span>` +
    `service level per ${esc(kpis.by)}: answered_in_sl / offered, as the source counted it` +
    `<span style="background:var(--red)"></span>the plan's target</p></section>`
  );
}

/** Required (the schedule's) against scheduled agents per interval, center-wide. */
function staffingChart(plan: KpiPlanResult, zone: Zone): string {
  const points = plan.intervals.filter((p) => p.required !== null && p.staffed !== null);
  if (points.length === 0) return "";
  const step = points.length > 1 ? points[1]!.startMs - points[0]!.startMs : 1_800_000;
  const t0 = points[0]!.startMs;
  const t1 = points[points.length - 1]!.startMs + step;
  const x = scale(t0, t1, FRAME.left, FRAME.width - FRAME.right);
  const top = Math.max(1, ...points.map((p) => Math.max(p.required!, p.staffed!)));
  const values = ticks(top);
  const y = scale(0, values[values.length - 1] ?? top, FRAME.height - FRAME.bottom, FRAME.top);
  const xs = points.map((p) => x(p.startMs));
  const width = x(t0 + step) - x(t0);
  const body = [
    valueAxis(FRAME, values, y, String),
    timeAxis(FRAME, t0, t1, zone, x),
    `<path class="scheduled" d="${stepPath(
      xs,
      points.map((p) => y(p.staffed!)),
      width,
    )}L${n(xs[xs.length - 1]! + width)},${n(y(0))}L${n(xs[0]!)},${n(y(0))}Z"/>`,
    `<path class="required" d="${stepPath(
      xs,
      points.map((p) => y(p.required!)),
      width,
    )}"/>`,
  ];
  return (
    `<section id="staffing"><h2>Planned staffing: required against scheduled agents (center-wide)</h2>` +
    svg(FRAME, "Required against scheduled agents", body.join(""), "staffing-chart") +
    `<p class="legend"><span style="background:var(--ink)"></span>required` +
    `<span style="background:var(--blue)"></span>scheduled</p></section>`
  );
}

/** The plan sections: forecast error, staffing, missed intervals. */
function planSections(plan: KpiPlanResult, zone: Zone): string {
  const day = (ms: number): string => formatInstant(ms, zone).slice(0, 10);
  const accuracy = htmlTable(
    ["queue", "day", ">intervals", ">forecast", ">actual", ">WAPE", ">bias"],
    plan.accuracy.map((a) => [
      a.queue,
      day(a.startMs),
      String(a.intervals),
      a.forecast.toFixed(1),
      String(a.actual),
      pct(a.wape),
      pct(a.bias),
    ]),
  );
  const missed = htmlTable(
    ["queue", "start", ">offered", ">service level", ">target", ">T"],
    plan.missed.map((m) => [
      m.queue,
      formatInstant(m.startMs, zone),
      String(m.offered),
      pct(m.serviceLevel),
      pct(m.target),
      `${m.slSeconds} s`,
    ]),
  );
  return (
    `<section id="accuracy"><h2>Forecast error per queue and day</h2>${accuracy}</section>` +
    staffingChart(plan, zone) +
    `<section id="missed"><h2>Intervals that missed their service-level target (${plan.missed.length})</h2>${missed}</section>`
  );
}

/**
 * Renders the KPI page.
 *
 * @example
 * writeFileSync("kpi.html", renderKpiReport({ kpis: computeKpis(rows, { by: "day" }) }));
 */
export function renderKpiReport(input: KpiReportInput): string {
  const { kpis } = input;
  const zone = createZone(kpis.timeZone);
  const title = input.title ?? "Contact-center KPIs";
  const table = htmlTable(
    [
      "queue",
      "start",
      ">offered",
      ">handled",
      ">abandoned",
      ">answer rate",
      ">abandon rate",
      ">service level",
      ">T",
      ">ASA",
      ">AHT",
      ">occupancy",
    ],
    kpis.rows.map((r) => [
      r.queue,
      formatInstant(r.startMs, zone),
      count(r.offered),
      count(r.handled),
      count(r.abandoned),
      pct(r.answerRate),
      pct(r.abandonRate),
      pct(r.serviceLevel),
      r.slSeconds === null ? "-" : `${r.slSeconds} s`,
      secs(r.asaSeconds),
      secs(r.ahtSeconds),
      pct(r.occupancy),
    ]),
  );
  const parts = [
    kpis.rows.length === 0 ? "" : serviceCharts(input, zone),
    `<section id="kpis"><h2>KPIs per queue and ${esc(kpis.by)}</h2>${table}</section>`,
    input.plan === undefined ? "" : planSections(input.plan, zone),
  ];
  const warnings = [...kpis.warnings, ...(input.plan?.warnings ?? [])];
  if (warnings.length > 0)
    parts.push(
      `<section id="warnings"><h2>Warnings</h2><ul class="warnings">${warnings
        .map((w) => `<li>${esc(w)}</li>`)
        .join("")}</ul></section>`,
    );
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${esc(title)}</title><style>${REPORT_STYLE}</style></head><body>` +
    `<header><h1>${esc(title)}</h1><p class="sub">Per queue and ${esc(kpis.by)} (${esc(kpis.timeZone)}). ` +
    `Rates are shares of calls offered; service level = answered_in_sl / offered, as the source counted ` +
    `answered_in_sl; "-" where a rate has no calls or no data. Made by staffcast.</p></header>` +
    `<main>${parts.join("")}</main></body></html>\n`
  );
}
