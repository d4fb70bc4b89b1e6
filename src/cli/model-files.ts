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
import type { TableRead } from "../io/table-read.ts";

/** The flags naming the model's files. */
export interface ModelFileFlags {
  history: string;
  ads?: string;
  holidays?: string;
}

/** The history read, and the model inputs to spread into the engine's options. */
export interface ModelFiles {
  readonly history: TableRead<HistoryInterval>;
  readonly inputs: { ads?: readonly AdRow[]; holidays?: readonly Holiday[] };
}

/** Reads the history, and the ad log and holidays when their flags are given. */
export async function readModelFiles(flags: ModelFileFlags, streams: Streams): Promise<ModelFiles> {
  const read = { stdin: streams.stdin };
  const history = await readHistoryCsv(flags.history, read);
  const ads = flags.ads === undefined ? undefined : await readAdsCsv(flags.ads, read);
  const holidays =
    flags.holidays === undefined ? undefined : await readHolidaysCsv(flags.holidays, read);
  return {
    history,
    inputs: {
      ...(ads === undefined ? {} : { ads: ads.rows }),
      ...(holidays === undefined ? {} : { holidays: holidays.rows }),
    },
  };
}
