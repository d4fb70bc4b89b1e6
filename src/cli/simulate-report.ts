/**
 * The human-readable report of `staffcast simulate`: totals, how the queues were pooled, the
 * weakest intervals next to what Erlang promises for the same agents, and the correction.
 */
import {
  evaluateInterval,
  seriesAt,
  type SimulationOptions,
  type SimulationPoolNote,
  type SimulationResult,
  type StaffingCorrection,
} from "../erlang/index.ts";
import type { Streams } from "../io/files.ts";
import { formatInstant, type Zone } from "../time/zone.ts";
import { pct, secs, table } from "./format.ts";

/** What the report says about the run besides its results. */
export interface SimulationReportSettings {
  /** T of the service level, seconds. */
  readonly slSeconds: number;
  /** Mean patience, seconds, when callers abandon (for the Erlang A comparison). */
  readonly patience?: number | undefined;
  /** The service level the correction aimed at. */
  readonly targetSl?: number | undefined;
}

/** Writes the report of a simulation for people. */
export function writeSimulationReport(
  result: SimulationResult,
  options: SimulationOptions,
  zone: Zone,
  flags: SimulationReportSettings,
  correction: StaffingCorrection | undefined,
  poolNotes: readonly SimulationPoolNote[],
  streams: Streams,
): void {
  const t = result.total;
  const rate = (v: number | null): string => (v === null ? "-" : pct(v));
  const ci = (v: readonly [number, number] | null): string =>
    v === null ? "" : ` (${pct(v[0])} to ${pct(v[1])})`;
  const lines = [
    `Simulated ${result.runs} runs, ${t.calls.toFixed(0)} calls a run`,
    `  service level ${rate(t.serviceLevel)}${ci(t.serviceLevelCi)} within ${flags.slSeconds} s, ASA ${t.asaSeconds === null ? "-" : secs(t.asaSeconds)}`,
    `  abandoned ${rate(t.abandonRate)}${ci(t.abandonRateCi)}, occupancy ${rate(t.occupancy)}`,
    poolNotes.length === 1 && poolNotes[0]!.queues.length > 1
      ? `  one pool of the schedule's agents answers ${poolNotes[0]!.queues.join(", ")} (first come, first served), ` +
        `shrinkage ${pct(poolNotes[0]!.shrinkage ?? 0)} from ${poolNotes[0]!.shrinkageFrom ?? "none"}`
      : `  each queue has its own agents (${poolNotes.map((p) => p.name).join(", ")})`,
    "",
  ];
  // the weakest intervals, next to what Erlang (steady traffic, the same agents) promises
  const intervalSeconds = options.report.intervalSeconds;
  const perQueue = options.pools.every((p) => p.streams.length === 1);
  const rows = result.intervals
    .filter((x) => x.calls > 0 && x.serviceLevel !== null)
    .map((x) => {
      const stream = options.pools.flatMap((p) => p.streams).find((s) => s.queue === x.queue)!;
      const aht = seriesAt(stream.ahtSeconds, x.startMs);
      let erlang: number | null = null;
      if (perQueue && aht > 0 && x.agents >= 1) {
        erlang = evaluateInterval({
          calls: x.calls,
          intervalSeconds,
          ahtSeconds: aht,
          agents: Math.floor(x.agents + 1e-9),
          slSeconds: flags.slSeconds,
          ...(flags.patience === undefined ? {} : { patienceSeconds: flags.patience }),
        }).serviceLevel;
      }
      return { x, erlang };
    });
  const worst = [...rows]
    .sort((a, b) => (a.x.serviceLevel ?? 0) - (b.x.serviceLevel ?? 0))
    .slice(0, 12);
  const head = [
    "interval",
    "queue",
    "calls",
    "agents",
    "simulated SL",
    ...(perQueue ? ["Erlang SL"] : []),
    "abandoned",
  ];
  const body = worst.map(({ x, erlang }) => [
    formatInstant(x.startMs, zone),
    x.queue,
    x.calls.toFixed(1),
    x.agents.toFixed(1),
    rate(x.serviceLevel),
    ...(perQueue ? [erlang === null ? "-" : pct(erlang)] : []),
    rate(x.abandonRate),
  ]);
  lines.push("Lowest simulated service levels:");
  lines.push(
    table(
      [head, ...body],
      head.map((_, i) => i >= 2),
    ),
  );
  if (correction !== undefined) {
    const added = correction.extra.reduce((a, e) => a + e.reduce((s, n) => s + n, 0), 0);
    lines.push("");
    lines.push(
      `To meet ${pct(flags.targetSl ?? 0)} in every interval: ${added} agent-intervals more` +
        `${correction.met ? "" : ` (not met after ${correction.rounds} rounds)`}; then ${rate(correction.result.total.serviceLevel)} in total.`,
    );
    const changes: string[][] = [];
    correction.extra.forEach((extra, p) => {
      extra.forEach((n, j) => {
        if (n > 0)
          changes.push([
            formatInstant(options.report.startMs + j * intervalSeconds * 1000, zone),
            poolNotes[p]!.name,
            `+${n}`,
          ]);
      });
    });
    if (changes.length > 0)
      lines.push(
        table([["interval", "agents of", "add"], ...changes.slice(0, 30)], [false, false, true]),
      );
    if (changes.length > 30) lines.push(`  ... and ${changes.length - 30} more`);
  }
  streams.stdout.write(`${lines.join("\n")}\n`);
}
