/**
 * `staffcast requirements --routing`: agents per skill group and interval at least cost such
 * that every queue meets its targets, and (`--queue-out`) each queue's service at that
 * staffing with what produced the numbers.
 */
import {
  formatGroupRequirementsCsv,
  formatQueueOutcomesCsv,
  gridSpacingMs,
  readRoutingFile,
  staffRoutingParallel,
  type ForecastColumnsRead,
  type RoutingStaffingResult,
} from "../erlang/index.ts";
import { DataError, UsageError } from "../io/errors.ts";
import { writeTextAtomic, type Streams } from "../io/files.ts";
import type { Zone } from "../time/zone.ts";
import { warn } from "./format.ts";
import { progressBar } from "./progress.ts";
import { formatInstant } from "../time/zone.ts";

/** The flags the routing file replaces, by option name, and what to use instead. */
const REPLACED: Readonly<Record<string, string>> = {
  sl: "each queue's serviceLevel",
  slSeconds: "each queue's slSeconds",
  asa: "each queue's asaSeconds",
  maxOccupancy: "each queue's maxOccupancy",
  maxAbandon: "each queue's maxAbandonRate",
  patience: "each queue's patienceSeconds",
  slDefinition: "the offered-calls service level of routed staffing",
  shrinkage: "each group's shrinkage",
  minAgents: "each group's minAgents",
};

/** Refuses the single-queue flags a routing file replaces. */
export function checkRoutedRequirementFlags(given: (name: string) => boolean): void {
  for (const [name, instead] of Object.entries(REPLACED))
    if (given(name)) {
      const flag = `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      throw new UsageError(
        `with --routing, ${instead} in the routing file applies instead of ${flag}`,
      );
    }
}

/** The flags `requirements --routing` reads. */
export interface RoutedRequirementsFlags {
  routing?: string;
  interval?: number;
  aht?: number;
  queueOut?: string;
  threads?: number;
  out: string;
}

/** Staffs the forecast for the routing and writes the CSVs. */
export async function runRoutedRequirements(
  flags: RoutedRequirementsFlags,
  read: ForecastColumnsRead,
  zone: Zone,
  streams: Streams,
): Promise<void> {
  const routing = await readRoutingFile(flags.routing!, streams);
  const c = read.columns;
  const rows = c.queue.map((queue, i) => {
    const aht = c.ahtSeconds[i]!;
    return {
      startMs: c.startMs[i]!,
      queue,
      calls: c.calls[i]!,
      ahtSeconds: Number.isNaN(aht) ? (routing.queues[queue]?.ahtSeconds ?? flags.aht) : aht,
    };
  });
  const starts = [...new Set(c.startMs)].sort((a, b) => a - b);
  const spacing = starts.length < 2 ? undefined : gridSpacingMs(starts, read.file);
  const fromRouting =
    routing.intervalMinutes === undefined ? undefined : routing.intervalMinutes * 60;
  const intervalSeconds =
    flags.interval ?? fromRouting ?? (spacing === undefined ? undefined : spacing / 1000);
  if (intervalSeconds === undefined)
    throw new UsageError(
      `${read.file}: one start time only: give --interval or intervalMinutes in the routing`,
    );
  if (
    fromRouting !== undefined &&
    spacing !== undefined &&
    spacing / 1000 !== fromRouting &&
    flags.interval === undefined
  )
    throw new DataError([
      {
        file: read.file,
        message: `rows every ${spacing / 60_000} min, but the routing's intervalMinutes is ${routing.intervalMinutes}`,
      },
    ]);
  const bar = progressBar(streams.stderr, streams.stderr.isTTY === true);
  let result: RoutingStaffingResult;
  try {
    result = await staffRoutingParallel(
      {
        routing,
        intervalSeconds,
        rows,
        onProgress: (done, total) => {
          bar.update(done, total, "intervals staffed");
        },
      },
      flags.threads === undefined ? {} : { threads: flags.threads },
    );
  } catch (error) {
    if (error instanceof RangeError)
      throw new DataError([{ file: read.file, message: error.message }]);
    throw error;
  } finally {
    bar.clear();
  }
  if (result.unmetStartsMs.length > 0)
    warn(
      streams.stderr,
      `${result.unmetStartsMs.length} intervals miss a target within the search's work limits, the first ${formatInstant(result.unmetStartsMs[0]!, zone)}`,
    );
  if (result.uncheckedStartsMs.length > 0)
    warn(
      streams.stderr,
      `${result.uncheckedStartsMs.length} intervals are staffed on the approximation alone (the simulation budget is spent: a forecast this long gets fewer checks per interval), the first ${formatInstant(result.uncheckedStartsMs[0]!, zone)}`,
    );
  if (flags.queueOut !== undefined)
    await writeTextAtomic(flags.queueOut, formatQueueOutcomesCsv(result.queues, zone), streams);
  await writeTextAtomic(flags.out, formatGroupRequirementsCsv(result.groups, zone), streams);
}
