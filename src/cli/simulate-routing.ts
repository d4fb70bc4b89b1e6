/**
 * `staffcast simulate --routing`: the forecast against agents per skill group (a requirements
 * CSV `start,group,agents`, or a schedule by group), routed by priority and overflow as the
 * routing file says; per queue and per group results, for people or as JSON.
 */
import {
  formatRoutedSimulationJson,
  readGroupAgentsCsv,
  readRoutingFile,
  simulateRouting,
  type RoutingModel,
  type RoutingSimulationResult,
} from "../erlang/index.ts";
import type { AdResponse, AdRow } from "../forecast/index.ts";
import { DataError, UsageError } from "../io/errors.ts";
import { inputName, type Streams } from "../io/files.ts";
import type { ReadOptions } from "../io/read-input.ts";
import { planRoutedSimulation, type RoutedStaffing } from "../plan/routed-simulation.ts";
import type { SimulatedCalls } from "../plan/simulation.ts";
import { readScheduleJson } from "../schedule/index.ts";
import type { Zone } from "../time/zone.ts";
import { pct, secs, table } from "./format.ts";

/** The flags `simulate --routing` reads. */
export interface RoutedSimulateFlags {
  routing?: string;
  requirements?: string;
  schedule?: string;
  aht?: number;
  handleTime: "exponential" | "lognormal";
  handleCv: number;
  runs: number;
  seed: number;
  json?: boolean;
}

/** The flags that the routing file replaces, by their option names. */
export const ROUTING_REPLACES: Readonly<Record<string, readonly [string, string]>> = {
  patience: ["--patience", "each queue's patienceSeconds in the routing file applies"],
  slSeconds: ["--sl-seconds", "each queue's slSeconds in the routing file applies"],
  targetSl: ["--target-sl", "staff with staffcast requirements --routing"],
  shrinkage: ["--shrinkage", "each group's shrinkage in the routing file applies"],
};

/** The agents per group: a requirements CSV's, or a schedule's coverage per group. */
async function readGroupStaffing(
  flags: RoutedSimulateFlags,
  routing: RoutingModel,
  streams: Streams,
  read: ReadOptions,
): Promise<RoutedStaffing> {
  if (flags.requirements !== undefined) {
    const r = await readGroupAgentsCsv(flags.requirements, read);
    return { kind: "perGroup", file: r.file, rows: r.rows };
  }
  const path = flags.schedule!;
  const schedule = await readScheduleJson(path, { stdin: streams.stdin, needs: ["coverage"] });
  const groups = Object.keys(routing.groups);
  // a schedule by group carries each group's own agents working (transfers are theirs too:
  // an agent lent to another group answers as its own group's routing says)
  const byGroup = schedule.groupCoverage;
  if (byGroup === undefined || byGroup.length === 0) {
    if (groups.length !== 1)
      throw new DataError([
        {
          file: inputName(path),
          message:
            "the schedule has no groups: schedule requirements by group (staffcast requirements --routing), or give --requirements",
        },
      ]);
    return {
      kind: "schedule",
      file: inputName(path),
      coverage: schedule.coverage.map((c) => ({ ...c, group: groups[0]! })),
    };
  }
  return {
    kind: "schedule",
    file: inputName(path),
    coverage: byGroup.map((c) => ({ startMs: c.startMs, group: c.group, scheduled: c.scheduled })),
  };
}

/** Runs a routed simulation and writes its result. */
export async function runRoutedSimulate(
  flags: RoutedSimulateFlags,
  streams: Streams,
  inputs: {
    forecast: { readonly file: string; readonly rows: readonly SimulatedCalls[] };
    ads?: readonly AdRow[];
    responses?: Map<string, AdResponse>;
    zone: Zone;
    requirementsRead: ReadOptions;
  },
): Promise<void> {
  const routing = await readRoutingFile(flags.routing!, streams);
  const staffing = await readGroupStaffing(flags, routing, streams, inputs.requirementsRead);
  const options = planRoutedSimulation({
    forecast: inputs.forecast,
    routing,
    staffing,
    zone: inputs.zone,
    ...(flags.aht === undefined ? {} : { ahtSeconds: flags.aht }),
    ...(inputs.ads === undefined ? {} : { ads: inputs.ads }),
    ...(inputs.responses === undefined ? {} : { responses: inputs.responses }),
    simulation: {
      handleTime: flags.handleTime,
      handleCv: flags.handleCv,
      runs: flags.runs,
      seed: flags.seed,
    },
  });
  let result: RoutingSimulationResult;
  try {
    result = simulateRouting(options);
  } catch (error) {
    if (error instanceof RangeError)
      throw new DataError([{ file: inputs.forecast.file, message: error.message }]);
    throw error;
  }
  if (flags.json === true) {
    streams.stdout.write(formatRoutedSimulationJson(result, inputs.zone));
    return;
  }
  writeRoutedReport(result, routing, streams);
}

/** Refuses the single-skill flags a routing file replaces. */
export function checkRoutingFlags(given: (name: string) => boolean): void {
  for (const [name, [flag, instead]] of Object.entries(ROUTING_REPLACES))
    if (given(name)) throw new UsageError(`with --routing, ${instead} instead of ${flag}`);
}

function writeRoutedReport(
  result: RoutingSimulationResult,
  routing: RoutingModel,
  streams: Streams,
): void {
  const t = result.total;
  const rate = (v: number | null): string => (v === null ? "-" : pct(v));
  const ci = (v: readonly [number, number] | null): string =>
    v === null ? "-" : `${pct(v[0])} to ${pct(v[1])}`;
  const lines = [
    `Simulated ${result.runs} runs, ${t.calls.toFixed(0)} calls a run offered, ${t.rejected.toFixed(0)} refused`,
    "",
  ];
  const head = [
    "queue",
    "calls",
    "refused",
    "service level",
    "95 % interval",
    "target",
    "ASA",
    "abandoned",
  ];
  const body = Object.entries(t.queues).map(([name, q]) => {
    const r = routing.queues[name]!;
    return [
      name,
      q.calls.toFixed(1),
      q.rejected.toFixed(1),
      rate(q.serviceLevel),
      ci(q.serviceLevelCi),
      `${pct(r.serviceLevel ?? 0.8, 0)} in ${r.slSeconds} s`,
      q.asaSeconds === null ? "-" : secs(q.asaSeconds),
      rate(q.abandonRate),
    ];
  });
  lines.push(
    table(
      [head, ...body],
      head.map((_, i) => i === 1 || i === 2 || i >= 6),
    ),
  );
  lines.push("");
  const groups = Object.entries(t.groups).map(([name, g]) => [
    name,
    routing.groups[name]!.serves.map((s) =>
      s.afterSeconds > 0 ? `${s.queue} after ${s.afterSeconds} s` : s.queue,
    ).join(", "),
    rate(g.occupancy),
  ]);
  lines.push(table([["group", "answers", "occupancy"], ...groups], [false, false, true]));
  streams.stdout.write(`${lines.join("\n")}\n`);
}
