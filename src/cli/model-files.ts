/**
 * The files a forecast model learns from, shared by `forecast` and `backtest`: the history and,
 * when given, the ad log and the holidays.
 */
import {
  readAdsCsv,
  readHistoryCsv,
  readHolidaysCsv,
  type AdRow,
  type HistoryInterval,
  type Holiday,
} from "../forecast/index.ts";
import type { Streams } from "../io/files.ts";
import type { ReadOptions } from "../io/read-input.ts";
import type { TableRead } from "../io/table-read.ts";
import { readOptionsFor, type DialectFlags } from "./dialect-flags.ts";

/** The flags naming the model's files, and how they are written. */
export interface ModelFileFlags extends DialectFlags {
  history: string;
  ads?: string;
  holidays?: string;
}

/** The CSV inputs of `forecast` and `backtest`, the primary first (for the dialect flags). */
export const MODEL_INPUTS = ["history", "ads", "holidays", "overrides"] as const;

/** The history read, and the model inputs to spread into the engine's options. */
export interface ModelFiles {
  readonly history: TableRead<HistoryInterval>;
  readonly inputs: { ads?: readonly AdRow[]; holidays?: readonly Holiday[] };
}

/** How input `input` of `forecast` or `backtest` is read: stdin, and its dialect. */
export function modelReadOptions(
  flags: ModelFileFlags,
  input: (typeof MODEL_INPUTS)[number],
  streams: Streams,
  timeZone: string,
): ReadOptions {
  return readOptionsFor(flags, input, MODEL_INPUTS, timeZone, streams.stdin);
}

/** Reads the history, and the ad log and holidays when their flags are given. */
export async function readModelFiles(
  flags: ModelFileFlags,
  streams: Streams,
  timeZone: string,
): Promise<ModelFiles> {
  const read = (input: (typeof MODEL_INPUTS)[number]): ReadOptions =>
    modelReadOptions(flags, input, streams, timeZone);
  const history = await readHistoryCsv(flags.history, read("history"));
  const ads = flags.ads === undefined ? undefined : await readAdsCsv(flags.ads, read("ads"));
  const holidays =
    flags.holidays === undefined
      ? undefined
      : await readHolidaysCsv(flags.holidays, read("holidays"));
  return {
    history,
    inputs: {
      ...(ads === undefined ? {} : { ads: ads.rows }),
      ...(holidays === undefined ? {} : { holidays: holidays.rows }),
    },
  };
}
