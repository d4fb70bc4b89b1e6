/**
 * The inputs of `staffcast simulate` besides the forecast: the agents (a requirements CSV per
 * queue, or a schedule's coverage) and the ad response fitted on a history.
 */
import { readIntervalAgentsCsv } from "../erlang/index.ts";
import { fitAdResponses, readAdsCsv, readHistoryCsv, type AdResponse } from "../forecast/index.ts";
import { DataError, UsageError } from "../io/errors.ts";
import { inputName, type Streams } from "../io/files.ts";
import type { ReadOptions } from "../io/read-input.ts";
import { locateRows } from "../io/table-read.ts";
import { folderPlanShrinkage } from "../plan/formats/index.ts";
import type { SimulationStaffing } from "../plan/simulation.ts";
import { readScheduleJson } from "../schedule/index.ts";
import type { Zone } from "../time/zone.ts";
import { readOptionsFor } from "./dialect-flags.ts";
import type { SimulateFlags } from "./simulate-command.ts";

/** The CSV inputs of `simulate`, the primary first (for the dialect flags). */
export const SIMULATE_INPUTS = ["forecast", "requirements", "ads", "history"];

/** How CSV input `input` of `simulate` is read. */
export const readAs = (flags: SimulateFlags, input: string, streams: Streams): ReadOptions =>
  readOptionsFor(flags, input, SIMULATE_INPUTS, flags.tz ?? "UTC", streams.stdin);

/** The agents to simulate: a requirements CSV's per queue, or a schedule's coverage. */
export async function readStaffing(
  flags: SimulateFlags,
  streams: Streams,
): Promise<SimulationStaffing> {
  if (flags.requirements !== undefined) {
    if (flags.shrinkage !== undefined)
      throw new UsageError(
        "--shrinkage applies to --schedule: the agents of --requirements are productive already",
      );
    const read = await readIntervalAgentsCsv(
      flags.requirements,
      readAs(flags, "requirements", streams),
    );
    return { kind: "perQueue", file: read.file, rows: read.rows };
  }
  const path = flags.schedule!;
  const schedule = await readScheduleJson(path, { stdin: streams.stdin, needs: ["coverage"] });
  const fromPlan = flags.shrinkage === undefined ? folderPlanShrinkage(path) : undefined;
  return {
    kind: "schedule",
    file: inputName(path),
    coverage: schedule.coverage,
    shrinkage: flags.shrinkage ?? fromPlan ?? 0,
    shrinkageFrom:
      flags.shrinkage !== undefined
        ? "--shrinkage"
        : fromPlan !== undefined
          ? "the plan's configuration (its largest queue shrinkage)"
          : "default (none)",
  };
}

/** Each queue's ad response fitted on --history, from the forecast's first local day. */
export async function fitResponses(
  flags: SimulateFlags,
  streams: Streams,
  ads: Awaited<ReturnType<typeof readAdsCsv>>,
  firstMs: number,
  zone: Zone,
): Promise<Map<string, AdResponse>> {
  const history = await readHistoryCsv(flags.history!, readAs(flags, "history", streams));
  try {
    return fitAdResponses(history.rows, {
      start: zone.dayStart(zone.dayOf(firstMs)),
      timeZone: zone.name,
      ads: ads.rows,
    });
  } catch (error) {
    if (error instanceof DataError) throw locateRows(error, history);
    throw error;
  }
}
