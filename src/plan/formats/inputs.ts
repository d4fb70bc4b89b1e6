/**
 * The input files of a plan configuration, read with the engines' readers into
 * {@link PlanInputs}.
 *
 * @module
 */
import {
  readAdsCsv,
  readHistoryCsv,
  readHolidaysCsv,
  type AdRow,
  type HistoryInterval,
} from "../../forecast/index.ts";
import { readInput, type ReadOptions } from "../../io/read-input.ts";
import type { TableRead } from "../../io/table-read.ts";
import { readAgentsCsv, readAvailabilityCsv, readShiftFile } from "../../schedule/index.ts";
import type { PlanInputs } from "../types.ts";
import type { PlanConfigRead, PlanInputFile } from "./config-file.ts";
import { parseActualsExport } from "../../actuals/index.ts";

/** The inputs of a plan, read. */
export interface PlanInputsRead {
  readonly inputs: PlanInputs;
  /** The history as read (to place row errors of the plan at their line). */
  readonly history: TableRead<HistoryInterval>;
  readonly ads?: TableRead<AdRow>;
  /** The shift file as it was parsed (JSON), echoed into schedule.json for `roster`. */
  readonly shiftFile: unknown;
  /** Warnings of the readers (e.g. the shift file's old field names). */
  readonly warnings: readonly string[];
}

/**
 * The history: staffcast's CSV, or an ACD export read by its preset (calls = offered, unknown
 * where the export has no figure).
 */
async function readHistory(
  input: PlanInputFile,
  options: ReadOptions,
): Promise<TableRead<HistoryInterval>> {
  const dialect = input.dialect === undefined ? {} : { dialect: input.dialect };
  if (input.format === undefined) return readHistoryCsv(input.path, { ...options, ...dialect });
  const { text, file } = await readInput(input.path, options);
  const read = parseActualsExport(text, file, {
    format: input.format,
    ...dialect,
    ...(input.dialect?.timeZone === undefined ? {} : { timeZone: input.dialect.timeZone }),
  });
  const rows = read.rows.map((r): HistoryInterval => ({
    queue: r.queue,
    startMs: r.startMs,
    calls: r.calls ?? Number.NaN,
    ...(r.ahtSeconds === undefined || r.ahtSeconds < 1 ? {} : { ahtSeconds: r.ahtSeconds }),
  }));
  return { file: read.file, table: read.table, rows, warnings: read.warnings };
}

/**
 * Reads every input file a configuration names.
 *
 * @throws NoInputError when a file cannot be read; DataError locating each bad cell or field
 * @example
 * const read = await readPlanConfig("plan.json");
 * const { inputs } = await readPlanInputs(read);
 * const plan = await runPlan(inputs);
 */
export async function readPlanInputs(
  read: PlanConfigRead,
  options: ReadOptions = {},
): Promise<PlanInputsRead> {
  const { config } = read;
  type Field = (typeof read.inputs)[number]["field"];
  const input = (field: Field) => read.inputs.find((i) => i.field === field);
  const path = (field: Field): string | undefined => input(field)?.path;
  /** The read options of a CSV input: the caller's, and the dialect its entry gives. */
  const csv = (field: Field): ReadOptions => {
    const dialect = input(field)?.dialect;
    return dialect === undefined ? options : { ...options, dialect };
  };
  const history = await readHistory(input("history")!, options);
  const adsPath = path("ads");
  const ads = adsPath === undefined ? undefined : await readAdsCsv(adsPath, csv("ads"));
  const holidaysPath = path("holidays");
  const holidays =
    holidaysPath === undefined ? undefined : await readHolidaysCsv(holidaysPath, csv("holidays"));
  const shifts = await readShiftFile(path("shifts")!, {
    ...options,
    ...(config.intervalMinutes === undefined ? {} : { intervalMinutes: config.intervalMinutes }),
  });
  const agentsPath = path("agents");
  const agents =
    agentsPath === undefined ? undefined : (await readAgentsCsv(agentsPath, csv("agents"))).rows;
  const availabilityPath = path("availability");
  const availability =
    availabilityPath === undefined || agents === undefined
      ? undefined
      : (
          await readAvailabilityCsv(availabilityPath, {
            ...csv("availability"),
            agents: new Set(agents.map((a) => a.id)),
          })
        ).rows;
  return {
    inputs: {
      config,
      history: history.rows,
      shifts: shifts.spec,
      ...(ads === undefined ? {} : { ads: ads.rows }),
      ...(holidays === undefined ? {} : { holidays: holidays.rows }),
      ...(agents === undefined ? {} : { agents }),
      ...(availability === undefined ? {} : { availability }),
    },
    history,
    ...(ads === undefined ? {} : { ads }),
    shiftFile: shifts.raw,
    warnings: shifts.warnings,
  };
}
