/**
 * The report's sections of a plan with skill groups: per queue its target, the service level
 * expected of the staffing by group and the one simulated on the schedule (with its 95 %
 * interval) and the simulated abandonment; per group the queues it answers and its agents
 * required against scheduled.
 *
 * @module
 */
import type { PlanResult } from "../plan/run.ts";
import { maxOf } from "../math/extent.ts";
import { esc } from "./svg.ts";

const pct = (v: number | null | undefined): string =>
  v === null || v === undefined ? "-" : `${(100 * v).toFixed(1)} %`;
const num = (v: number, digits = 0): string =>
  v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const cell = (text: string, right = false): string =>
  `<td${right ? ' class="r"' : ""}>${esc(text)}</td>`;
const head = (cells: readonly (readonly [string, boolean])[]): string =>
  `<thead><tr>${cells.map(([t, r]) => `<th${r ? ' class="r"' : ""}>${esc(t)}</th>`).join("")}</tr></thead>`;

/** The per-queue and per-group sections, or "" without groups. */
export function groupSections(plan: PlanResult): string {
  const groups = plan.groups;
  const summary = plan.summary;
  if (groups === undefined) return "";
  const { routing, simulation, staffing } = groups;
  const queueRows = plan.queues.map((q) => {
    const s = summary.queues?.[q.queue];
    const sim = simulation.total.queues[q.queue];
    const ci = s?.simulatedServiceLevelCi ?? null;
    const below = ci !== null && s?.target != null && ci[1] < s.target;
    const spec = routing.queues[q.queue]!;
    return (
      `<tr${below ? ' style="color:var(--red)"' : ""}>${cell(q.queue)}${cell(spec.priority === undefined ? "-" : String(spec.priority), true)}` +
      `${cell(num(q.calls), true)}${cell(num(sim?.rejected ?? 0, 1), true)}` +
      cell(s?.target == null ? "-" : `${pct(s.target)} in ${q.slSeconds} s`, true) +
      `${cell(pct(s?.expectedServiceLevel), true)}${cell(pct(s?.simulatedServiceLevel), true)}` +
      cell(ci === null ? "-" : `${pct(ci[0])} to ${pct(ci[1])}`, true) +
      `${cell(pct(sim?.abandonRate), true)}${cell(q.maxAbandonRate === null ? "-" : pct(q.maxAbandonRate), true)}</tr>`
    );
  });
  const queuesSection =
    `<section id="queues"><h2>Service per queue: expected and simulated (${groups.runs} runs of the schedule, seed ${groups.seed})</h2><table>` +
    head([
      ["queue", false],
      ["priority", true],
      ["calls offered", true],
      ["refused per run", true],
      ["target", true],
      ["expected service level", true],
      ["simulated service level", true],
      ["95 % interval", true],
      ["simulated abandonment", true],
      ["abandonment cap", true],
    ]) +
    `<tbody>${queueRows.join("")}</tbody></table>` +
    `<p class="legend">expected: the staffing by group at the agents required, calls-weighted; simulated: the schedule's own agents of each group (less its shrinkage), arrivals shaped by the ad spots</p></section>`;

  const hours = plan.intervalMinutes / 60;
  const groupRows = Object.entries(routing.groups).map(([g, group]) => {
    const s = summary.groups?.[g];
    const req = staffing.groups.filter((r) => r.group === g);
    const coverage = (plan.schedule.groupCoverage ?? []).filter((c) => c.group === g);
    const answers = group.serves
      .map((v) => (v.afterSeconds > 0 ? `${v.queue} after ${v.afterSeconds} s` : v.queue))
      .join(", ");
    return (
      `<tr>${cell(g)}${cell(answers)}${cell(num((s?.requiredAgentSeconds ?? 0) / 3600, 1), true)}` +
      cell(num((s?.scheduledAgentSeconds ?? 0) / 3600, 1), true) +
      cell(num(maxOf(req, (r) => r.scheduledAgents, 0)), true) +
      cell(
        num(
          maxOf(coverage, (c) => c.scheduled, 0),
          1,
        ),
        true,
      ) +
      `${cell(pct(simulation.total.groups[g]?.occupancy ?? null), true)}</tr>`
    );
  });
  const groupsSection =
    `<section id="groups"><h2>Agents per group: required and scheduled</h2><table>` +
    head([
      ["group", false],
      ["answers", false],
      ["required agent-hours", true],
      ["scheduled agent-hours", true],
      ["peak required", true],
      ["peak scheduled", true],
      ["simulated occupancy", true],
    ]) +
    `<tbody>${groupRows.join("")}</tbody></table>` +
    `<p class="legend">required: the group's scheduled agents (shrinkage included) the staffing asks for, ${num(hours * 60)}-minute intervals; scheduled: its own agents working, net of breaks</p></section>`;
  return queuesSection + groupsSection;
}
