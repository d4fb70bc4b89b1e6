/**
 * `staffcast erlang`: staff one interval to targets, or evaluate a given number of agents.
 */
import type { Command } from "commander";
import {
  formatStaffingJson,
  evaluateInterval,
  resolveTargets,
  scheduledFromProductive,
  staffInterval,
  type QueueMetrics,
  type StaffingPolicy,
  type StaffingResult,
  type StaffingTargets,
} from "../erlang/index.ts";
import { UsageError } from "../io/errors.ts";
import type { Streams } from "../io/files.ts";
import { plural } from "../io/text.ts";
import { STAFFING_LIMITS } from "../erlang/limits.ts";
import { duration, inside } from "./flags.ts";
import { pct, secs, span, style, table } from "./format.ts";
import { addStaffingOptions, policyFromFlags, type StaffingFlags } from "./staffing-options.ts";

interface ErlangFlags extends StaffingFlags {
  calls: number;
  interval: number;
  aht: number;
  agents?: number;
  json?: boolean;
}

/** Registers the command. */
export function registerErlang(program: Command, streams: Streams): void {
  const cmd = program
    .command("erlang")
    .summary("agents needed for one interval (Erlang C, or Erlang A with --patience)")
    .description(
      "Staffs one interval to its targets (the smallest number of agents meeting all of them), " +
        "or with --agents evaluates that number. Default target: 80 % answered within 20 s.",
    )
    .requiredOption(
      "--calls <n>",
      "calls offered in the interval (0 to 1e7)",
      inside(STAFFING_LIMITS.calls),
    )
    .requiredOption("--interval <dur>", "interval length: 15m, 30m, 1h, 900s or seconds", duration)
    .requiredOption(
      "--aht <seconds>",
      "average handle time, seconds (1 to 86400)",
      inside(STAFFING_LIMITS.ahtSeconds),
    )
    .option(
      "--agents <n>",
      "evaluate this many productive agents instead of staffing (up to 100000)",
      inside(STAFFING_LIMITS.agents, { integer: true }),
    );
  addStaffingOptions(cmd)
    .option("--json", "print one JSON object")
    .addHelpText(
      "after",
      `
Examples:
  $ staffcast erlang --calls 100 --interval 30m --aht 180
  $ staffcast erlang --calls 100 --interval 30m --aht 180 --sl 0.8 --sl-seconds 20 --max-occupancy 0.85 --shrinkage 0.3 --json
  $ staffcast erlang --calls 2880 --interval 1h --aht 60 --patience 120 --max-abandon 0.05
  $ staffcast erlang --calls 100 --interval 30m --aht 180 --agents 13`,
    )
    .action((flags: ErlangFlags) => {
      runErlang(flags, streams);
    });
}

const BINDING_WORDS: Record<string, string> = {
  serviceLevel: "service level",
  asa: "average speed of answer",
  occupancy: "maximum occupancy",
  abandon: "maximum abandonment",
  minAgents: "minimum agents",
};

function describeTargets(t: StaffingTargets): string {
  const parts: string[] = [];
  if (t.serviceLevel)
    parts.push(`${pct(t.serviceLevel.fraction, 0)} answered within ${t.serviceLevel.seconds} s`);
  if (t.asaSeconds !== undefined) parts.push(`ASA <= ${t.asaSeconds} s`);
  if (t.maxOccupancy !== undefined) parts.push(`occupancy <= ${pct(t.maxOccupancy, 0)}`);
  if (t.maxAbandonRate !== undefined) parts.push(`abandonment <= ${pct(t.maxAbandonRate, 1)}`);
  return parts.join(", ");
}

function runErlang(flags: ErlangFlags, streams: Streams): void {
  const policy: StaffingPolicy = policyFromFlags(flags);
  const workload = { calls: flags.calls, intervalSeconds: flags.interval, ahtSeconds: flags.aht };
  const shrinkage = flags.shrinkage ?? 0;
  const model = {
    slSeconds: policy.slSeconds ?? 20,
    ...(policy.patienceSeconds === undefined ? {} : { patienceSeconds: policy.patienceSeconds }),
    ...(policy.slDefinition === undefined ? {} : { slDefinition: policy.slDefinition }),
  };
  const evaluate = (agents: number): QueueMetrics =>
    evaluateInterval({ ...workload, ...model, agents });

  let metrics: QueueMetrics;
  let staffing: StaffingResult | null = null;
  try {
    if (flags.agents === undefined) {
      staffing = staffInterval({ ...workload, ...policy });
      metrics = staffing;
    } else {
      metrics = evaluate(flags.agents);
    }
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  const scheduled = scheduledFromProductive(metrics.agents, shrinkage);

  if (flags.json === true) {
    streams.stdout.write(formatStaffingJson(metrics, scheduled, staffing));
    return;
  }

  const out = streams.stdout as { write(s: string): unknown; isTTY?: boolean };
  const b = (s: string): string => style("bold", s, out);
  const modelText =
    metrics.model === "erlangA"
      ? `Erlang A (mean patience ${flags.patience ?? 0} s)`
      : "Erlang C (no abandonment)";
  const lines: string[] = [];
  lines.push(
    `${b(modelText)}: ${plural(flags.calls, "call")} per ${span(flags.interval)}, AHT ${flags.aht} s, load ${metrics.loadErlangs.toFixed(3)} Erlangs`,
  );
  if (staffing !== null) {
    const targets = resolveTargets(policy.targets, policy.slSeconds);
    lines.push(`Staffing for ${describeTargets(targets)}`);
    lines.push("");
    const sched = shrinkage > 0 ? `, ${scheduled} scheduled at ${pct(shrinkage, 0)} shrinkage` : "";
    lines.push(`  Agents needed   ${b(String(metrics.agents))} productive${sched}`);
    lines.push(
      `  Fractional      ${staffing.fractionalAgents.toFixed(2)} productive` +
        (shrinkage > 0 ? `, ${staffing.fractionalScheduledAgents.toFixed(2)} scheduled` : ""),
    );
    lines.push(
      `  Binding target  ${staffing.binding === null ? "none (no calls)" : BINDING_WORDS[staffing.binding]}`,
    );
    lines.push("");
  } else {
    lines.push("");
    const sched =
      shrinkage > 0 ? ` (${scheduled} scheduled at ${pct(shrinkage, 0)} shrinkage)` : "";
    lines.push(`  Agents          ${metrics.agents} productive${sched}`);
    if (!metrics.stable)
      lines.push(
        `  ${style("red", "Unstable", out)}: agents <= load, the queue grows without bound`,
      );
    lines.push("");
  }
  lines.push(`  Service level   ${pct(metrics.serviceLevel)} within ${model.slSeconds} s`);
  lines.push(`  ASA             ${secs(metrics.asaSeconds)}`);
  lines.push(`  P(wait)         ${pct(metrics.probWait)}`);
  lines.push(`  Occupancy       ${pct(metrics.occupancy)}`);
  if (metrics.model === "erlangA") lines.push(`  Abandonment     ${pct(metrics.abandonRate)}`);
  lines.push("");
  lines.push("What if:");
  const header = ["agents", "service level", "ASA", "P(wait)", "occupancy"];
  if (metrics.model === "erlangA") header.push("abandon");
  const rows: string[][] = [header];
  const most = Math.min(metrics.agents + 2, STAFFING_LIMITS.agents.max);
  for (let n = Math.max(0, metrics.agents - 2); n <= most; n++) {
    const m = n === metrics.agents ? metrics : evaluate(n);
    const row = [
      `${n === metrics.agents ? ">" : " "} ${n}`,
      pct(m.serviceLevel),
      secs(m.asaSeconds),
      pct(m.probWait),
      pct(m.occupancy),
    ];
    if (metrics.model === "erlangA") row.push(pct(m.abandonRate));
    rows.push(row);
  }
  lines.push(
    table(
      rows,
      header.map((_, i) => i > 0),
    )
      .split("\n")
      .map((l) => `  ${l}`)
      .join("\n"),
  );
  streams.stdout.write(`${lines.join("\n")}\n`);
}
