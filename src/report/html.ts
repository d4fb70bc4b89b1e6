/**
 * The plan report: one self-contained HTML file (inline CSS and SVG, no script, no network)
 * that an analyst opens in a browser: totals, forecast against history with the ad airings
 * marked, required against scheduled agents with the gaps shaded, the expected service level
 * per interval, and the shifts as a Gantt-like chart.
 *
 * @module
 */
import type { AdRow, HistoryInterval } from "../forecast/index.ts";
import type { PlanConfig } from "../plan/config.ts";
import type { PlanResult } from "../plan/run.ts";
import { createZone, formatInstant } from "../time/zone.ts";
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
  type Frame,
} from "./svg.ts";
import { maxOf } from "../math/extent.ts";
import { REPORT_STYLE as STYLE } from "./style.ts";
import { groupSections } from "./groups-html.ts";

/** What the report shows. */
export interface ReportInput {
  readonly plan: PlanResult;
  readonly config: PlanConfig;
  readonly history: readonly HistoryInterval[];
  readonly ads?: readonly AdRow[];
  readonly title?: string;
}

const DAY = 86_400_000;
const pct = (v: number | null): string => (v === null ? "-" : `${(100 * v).toFixed(1)} %`);
const num = (v: number, digits = 0): string =>
  v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** What stopped a solve, for a card: nothing when it ran to its gap. */
function stopWords(stoppedBy: string | undefined): string {
  if (stoppedBy === "workLimit") return ", stopped by the work limit";
  if (stoppedBy === "timeLimit") return ", stopped by the time limit";
  return "";
}

/**
 * Renders the report.
 *
 * @example
 * writeFileSync("report.html", renderReport({ plan, config, history, ads }));
 */
export function renderReport(input: ReportInput): string {
  const { plan, config } = input;
  const zone = plan.zone;
  const end = plan.startMs + config.days * DAY;
  const s = plan.summary;
  const cards: [string, string][] = [
    ["calls forecast", num(s.calls)],
    ["shifts", num(s.shifts)],
    ["paid hours", num(s.paidSeconds / 3600, 1)],
    ["expected service level", pct(s.expectedServiceLevel)],
    ["expected occupancy", pct(s.expectedOccupancy)],
    ["expected abandonment", pct(s.expectedAbandonRate)],
    ["required agent-hours", num(s.requiredAgentSeconds / 3600, 1)],
    ["scheduled agent-hours", num(s.scheduledAgentSeconds / 3600, 1)],
    [
      "schedule",
      `${s.scheduleStatus}${s.scheduleGap !== null && s.scheduleGap > 0 ? `, gap ${(100 * s.scheduleGap).toPrecision(2)} %` : ""}${stopWords(s.scheduleStoppedBy)}`,
    ],
    ...(s.rosterStatus === undefined
      ? []
      : ([
          ["roster", `${s.rosterStatus}${stopWords(s.rosterStoppedBy)}`],
          ["agents rostered", num(s.agentsRostered ?? 0)],
          ["shifts unfilled", num(s.unfilledShifts ?? 0)],
        ] as [string, string][])),
  ];
  const parts: string[] = [];
  parts.push(
    `<section id="totals"><h2>Totals</h2><div class="cards">${cards
      .map(
        ([k, v]) =>
          `<div class="card"><div class="v">${esc(v)}</div><div class="k">${esc(k)}</div></div>`,
      )
      .join("")}</div></section>`,
  );
  parts.push(forecastSection(input, end));
  parts.push(agentsSection(input));
  parts.push(serviceSection(input));
  parts.push(shiftsSection(input));
  // with groups, per queue and per group; else per staffing unit
  parts.push(plan.groups === undefined ? targetsSection(input) : groupSections(plan));
  if (plan.warnings.length > 0) {
    parts.push(
      `<section id="warnings"><h2>Warnings</h2><ul class="warnings">${plan.warnings
        .map((w) => `<li>${esc(w)}</li>`)
        .join("")}</ul></section>`,
    );
  }
  const title = input.title ?? "Staffing plan";
  const period = `${formatInstant(plan.startMs, zone)} to ${formatInstant(end, zone)}`;
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${esc(title)}</title><style>${STYLE}</style></head><body>` +
    `<header><h1>${esc(title)}</h1><p class="sub">${esc(period)} (${esc(zone.name)}), ${plan.intervalMinutes}-minute intervals, ` +
    `${plan.units.length} ${plan.groups === undefined ? "staffing unit" : "skill group"}${plan.units.length === 1 ? "" : "s"}: ${esc(plan.units.map((u) => u.name).join(", "))}. Made by staffcast.</p></header>` +
    `<main>${parts.join("")}</main></body></html>\n`
  );
}

/** Calls per queue: the last week of history, then the forecast with its p10-p90 band. */
function forecastSection(input: ReportInput, end: number): string {
  const { plan } = input;
  const zone = plan.zone;
  const from = plan.startMs - 7 * DAY;
  const queues = [...new Set(plan.forecast.rows.map((r) => r.queue))];
  const charts = queues.map((q) => {
    const hist = input.history.filter(
      (h) => h.queue === q && h.startMs >= from && h.startMs < plan.startMs,
    );
    const fc = plan.forecast.rows.filter((r) => r.queue === q);
    const histStep =
      hist.length > 1 ? hist[1]!.startMs - hist[0]!.startMs : plan.intervalMinutes * 60_000;
    const fcStep = plan.intervalMinutes * 60_000;
    // calls per hour, so that history and forecast intervals compare
    const perHour = (calls: number, stepMs: number): number => (calls * 3_600_000) / stepMs;
    const max = Math.max(
      maxOf(hist, (h) => perHour(h.calls, histStep), 1),
      maxOf(fc, (r) => perHour(r.p90, fcStep), 1),
    );
    const frame: Frame = { ...FRAME, height: 220 };
    const x = scale(from, end, frame.left, frame.width - frame.right);
    const y = scale(0, max * 1.05, frame.height - frame.bottom, frame.top);
    const body: string[] = [
      valueAxis(frame, ticks(max), y, (v) => num(v)),
      timeAxis(frame, from, end, zone, x),
    ];
    const band =
      fc
        .map(
          (r, i) =>
            `${i === 0 ? "M" : "L"}${n(x(r.startMs + fcStep / 2))},${n(y(perHour(r.p90, fcStep)))}`,
        )
        .join("") +
      [...fc]
        .reverse()
        .map((r) => `L${n(x(r.startMs + fcStep / 2))},${n(y(perHour(r.p10, fcStep)))}`)
        .join("") +
      "Z";
    if (fc.length > 0) body.push(`<path class="band" d="${band}"/>`);
    // a missing stretch of history (a closed day, a gap in the data) breaks the line
    const histPoints: [number, number | null][] = [];
    hist.forEach((h, i) => {
      if (i > 0 && h.startMs - hist[i - 1]!.startMs > histStep) histPoints.push([0, null]);
      histPoints.push([x(h.startMs + histStep / 2), y(perHour(h.calls, histStep))]);
    });
    body.push(`<path class="history" d="${linePath(histPoints)}"/>`);
    body.push(
      `<path class="forecast" d="${linePath(fc.map((r) => [x(r.startMs + fcStep / 2), y(perHour(r.calls, fcStep))]))}"/>`,
    );
    for (const a of input.ads ?? []) {
      if (a.airMs < from || a.airMs >= end) continue;
      if (a.queue !== undefined && a.queue !== "" && a.queue !== q) continue;
      const px = x(a.airMs);
      body.push(
        `<path class="spot" d="M${n(px - 4)},${frame.top}L${n(px + 4)},${frame.top}L${n(px)},${frame.top + 7}Z"><title>${esc(
          `${a.channel}${a.grp === undefined ? "" : `, GRP ${a.grp}`}, ${a.airMs < plan.startMs ? "aired" : "planned"} ${formatInstant(a.airMs, zone)}`,
        )}</title></path>`,
      );
    }
    body.push(
      `<line class="target" x1="${n(x(plan.startMs))}" y1="${frame.top}" x2="${n(x(plan.startMs))}" y2="${frame.height - frame.bottom}"/>`,
    );
    return `<h2>${esc(q)}: calls per hour</h2>${svg(frame, `Calls per hour, ${q}: history and forecast`, body.join(""), `calls-${q}`)}`;
  });
  return (
    `<section id="forecast">${charts.join("")}` +
    `<p class="legend"><span style="background:var(--grey)"></span>history<span style="background:var(--blue)"></span>forecast (band: p10 to p90)` +
    `<span style="background:var(--orange)"></span>ad spot, aired or planned<span style="background:var(--red)"></span>start of the plan</p></section>`
  );
}

/** Required against scheduled agents per interval, the gaps shaded. */
function agentsSection(input: ReportInput): string {
  const { plan } = input;
  const e = plan.expected;
  const step = plan.intervalMinutes * 60_000;
  const t0 = e[0]?.startMs ?? plan.startMs;
  const t1 = (e[e.length - 1]?.startMs ?? plan.startMs) + step;
  const frame = FRAME;
  const max = maxOf(e, (v) => Math.max(v.required, v.scheduled), 1);
  const x = scale(t0, t1, frame.left, frame.width - frame.right);
  const y = scale(0, max * 1.05, frame.height - frame.bottom, frame.top);
  const w = x(t0 + step) - x(t0);
  const body: string[] = [
    valueAxis(frame, ticks(max), y, (v) => num(v)),
    timeAxis(frame, t0, t1, plan.zone, x),
  ];
  for (const v of e) {
    const px = x(v.startMs);
    if (v.scheduled < v.required - 1e-9) {
      body.push(
        `<rect class="short" x="${n(px)}" y="${n(y(v.required))}" width="${n(w)}" height="${n(y(v.scheduled) - y(v.required))}"><title>${esc(`${formatInstant(v.startMs, plan.zone)}: ${num(v.required, 1)} required, ${num(v.scheduled, 1)} scheduled`)}</title></rect>`,
      );
    } else if (v.scheduled > v.required + 1e-9) {
      body.push(
        `<rect class="over" x="${n(px)}" y="${n(y(v.scheduled))}" width="${n(w)}" height="${n(y(v.required) - y(v.scheduled))}"/>`,
      );
    }
  }
  const xs = e.map((v) => x(v.startMs));
  body.push(
    `<path class="scheduled" d="${stepPath(
      xs,
      e.map((v) => y(v.scheduled)),
      w,
    )}L${n(x(t1))},${n(y(0))}L${n(x(t0))},${n(y(0))}Z"/>`,
  );
  body.push(
    `<path class="required" d="${stepPath(
      xs,
      e.map((v) => y(v.required)),
      w,
    )}"/>`,
  );
  return (
    `<section id="agents"><h2>Agents: required and scheduled (on the phones, net of breaks)</h2>${svg(frame, "Required and scheduled agents per interval", body.join(""), "agents-chart")}` +
    `<p class="legend"><span style="background:var(--ink)"></span>required (shrinkage included)<span style="background:var(--blue);opacity:.4"></span>scheduled` +
    `<span style="background:var(--red);opacity:.6"></span>short<span style="background:var(--green);opacity:.4"></span>over</p></section>`
  );
}

/** Expected service level per interval, with the targets. */
function serviceSection(input: ReportInput): string {
  const { plan, config } = input;
  const e = plan.expected;
  const step = plan.intervalMinutes * 60_000;
  const t0 = e[0]?.startMs ?? plan.startMs;
  const t1 = (e[e.length - 1]?.startMs ?? plan.startMs) + step;
  const frame = FRAME;
  const x = scale(t0, t1, frame.left, frame.width - frame.right);
  const y = scale(0, 1, frame.height - frame.bottom, frame.top);
  const body: string[] = [
    valueAxis(frame, [0, 0.2, 0.4, 0.6, 0.8, 1], y, (v) => `${Math.round(v * 100)} %`),
    timeAxis(frame, t0, t1, plan.zone, x),
  ];
  const targets = [
    ...new Set(
      Object.values(config.queues).flatMap((q) =>
        q.serviceLevel === undefined ? [] : [q.serviceLevel],
      ),
    ),
  ];
  for (const t of targets) {
    body.push(
      `<line class="target" x1="${frame.left}" y1="${n(y(t))}" x2="${frame.width - frame.right}" y2="${n(y(t))}"><title>target ${pct(t)}</title></line>`,
    );
  }
  body.push(
    `<path class="sl" d="${linePath(e.map((v) => [x(v.startMs + step / 2), v.serviceLevel === null ? null : y(v.serviceLevel)]))}"/>`,
  );
  return (
    `<section id="service"><h2>Expected service level per interval (Erlang, the schedule's agents shared by need)</h2>${svg(frame, "Expected service level per interval", body.join(""), "service-chart")}` +
    `<p class="legend"><span style="background:var(--blue)"></span>calls-weighted service level, each queue against its own T` +
    `<span style="background:var(--red)"></span>targets</p></section>`
  );
}

/** The shifts of each day as bars over the clock, with their head count. */
function shiftsSection(input: ReportInput): string {
  const { plan } = input;
  const zone = plan.zone;
  const shifts = plan.schedule.shifts;
  // times of day on the schedule's own clock (its shift file's time zone)
  const scheduleZone = createZone(plan.schedule.timeZone);
  const clock = (ms: number): string => formatInstant(ms, scheduleZone).slice(11, 16);
  const byDay = new Map<number, typeof shifts>();
  for (const s of shifts) {
    const d = zone.dayOf(s.startMs);
    byDay.set(d, [...(byDay.get(d) ?? []), s]);
  }
  const days = [...byDay.keys()].sort((a, b) => a - b);
  const rowHeight = 14;
  const rows = days.reduce((a, d) => a + byDay.get(d)!.length + 1, 0);
  const frame: Frame = { ...FRAME, height: FRAME.top + FRAME.bottom + rows * rowHeight, left: 90 };
  // clock axis: from the earliest start to the latest end of any day
  const minutes = (t: number, d: number): number => (t - zone.dayStart(d)) / 60_000;
  let lo = 24 * 60;
  let hi = 0;
  for (const d of days)
    for (const s of byDay.get(d)!) {
      lo = Math.min(lo, minutes(s.startMs, d));
      hi = Math.max(hi, minutes(s.endMs > s.startMs ? s.endMs : s.endMs + DAY, d));
    }
  lo = Math.floor(lo / 60) * 60;
  hi = Math.ceil(hi / 60) * 60;
  const x = scale(lo, Math.max(hi, lo + 60), frame.left, frame.width - frame.right);
  const body: string[] = [];
  for (let m = lo; m <= hi; m += 60) {
    body.push(
      `<line class="grid" x1="${n(x(m))}" y1="${frame.top}" x2="${n(x(m))}" y2="${frame.height - frame.bottom}"/>`,
    );
    if ((m - lo) % 120 === 0)
      body.push(
        `<text class="tick" x="${n(x(m) + 2)}" y="${frame.height - frame.bottom + 14}">${String(Math.floor(m / 60) % 24).padStart(2, "0")}:00</text>`,
      );
  }
  let row = 0;
  for (const d of days) {
    const list = byDay.get(d)!.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
    const date = new Date(d * DAY).toISOString().slice(0, 10);
    body.push(
      `<text class="day-label" x="8" y="${n(frame.top + row * rowHeight + 11)}">${date}</text>`,
    );
    row++;
    for (const s of list) {
      const a = x(minutes(s.startMs, d));
      const b = x(minutes(s.endMs > s.startMs ? s.endMs : s.endMs + DAY, d));
      const py = frame.top + row * rowHeight;
      const breaks = s.breaks.map((br) => `${br.count} ${br.kind} ${clock(br.startMs)}`).join(", ");
      body.push(
        `<rect class="bar" x="${n(a)}" y="${n(py + 1)}" width="${n(Math.max(1, b - a))}" height="${rowHeight - 3}" rx="2"><title>${esc(`${s.count} x ${s.name} ${clock(s.startMs)}-${clock(s.endMs)}${breaks ? `; ${breaks}` : ""}`)}</title></rect>`,
      );
      body.push(
        `<text class="bar-label" x="${n(a + 4)}" y="${n(py + 10)}">${s.count} ${esc(s.name)}</text>`,
      );
      row++;
    }
  }
  return `<section id="shifts"><h2>Shifts (bars: start to end, with the number of agents)</h2>${svg(frame, "Shifts per day", body.join(""), "shifts-chart")}</section>`;
}

/** Targets and requirement per staffing unit. */
function targetsSection(input: ReportInput): string {
  const { plan, config } = input;
  const hours = plan.intervalMinutes / 60;
  const rows = plan.units.map((u) => {
    const reqs = plan.requirements.filter((r) => r.unit === u.name);
    const calls = reqs.reduce((a, r) => a + r.calls, 0);
    const agentHours = reqs.reduce((a, r) => a + r.result.fractionalScheduledAgents, 0) * hours;
    const peak = maxOf(reqs, (r) => r.result.scheduledAgents, 0);
    const targets = u.queues
      .map((q) => {
        if (!Object.hasOwn(config.queues, q)) return `${q}: 80 % in 20 s (default)`;
        const t = config.queues[q]!;
        const bits = [
          t.serviceLevel === undefined ? undefined : `${pct(t.serviceLevel)} in ${t.slSeconds} s`,
          t.asaSeconds === undefined ? undefined : `ASA <= ${t.asaSeconds} s`,
          t.maxAbandonRate === undefined ? undefined : `abandon <= ${pct(t.maxAbandonRate)}`,
          t.maxOccupancy === undefined ? undefined : `occupancy <= ${pct(t.maxOccupancy)}`,
          t.patienceSeconds === undefined ? undefined : `patience ${t.patienceSeconds} s`,
          t.shrinkage > 0 ? `shrinkage ${pct(t.shrinkage)}` : undefined,
        ].filter((b) => b !== undefined);
        return `${q}: ${bits.join(", ")}`;
      })
      .join("; ");
    return `<tr><td>${esc(u.name)}</td><td>${esc(targets)}</td><td class="r">${num(calls)}</td><td class="r">${num(agentHours, 1)}</td><td class="r">${peak}</td></tr>`;
  });
  return (
    `<section id="units"><h2>Staffing units</h2><table><thead><tr><th>unit</th><th>targets</th><th class="r">calls</th>` +
    `<th class="r">required agent-hours</th><th class="r">peak agents</th></tr></thead><tbody>${rows.join("")}</tbody></table></section>`
  );
}
