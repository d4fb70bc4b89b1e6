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
import type { ReadOptions } from "../../io/read-input.ts";
import type { TableRead } from "../../io/table-read.ts";
import { readAgentsCsv, readAvailabilityCsv, readShiftFile } from "../../schedule/index.ts";
import type { PlanInputs } from "../types.ts";
import type { PlanConfigRead } from "./config-file.ts";

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
  const path = (field: (typeof read.inputs)[number]["field"]): string | undefined =>
    read.inputs.find((i) => i.field === field)?.path;
  const history = await readHistoryCsv(path("history")!, options);
  const adsPath = path("ads");
  const ads = adsPath === undefined ? undefined : await readAdsCsv(adsPath, options);
  const holidaysPath = path("holidays");
  const holidays =
    holidaysPath === undefined ? undefined : await readHolidaysCsv(holidaysPath, options);
  const shifts = await readShiftFile(path("shifts")!, {
    ...options,
    ...(config.intervalMinutes === undefined ? {} : { intervalMinutes: config.intervalMinutes }),
  });
  const agentsPath = path("agents");
  const agents =
    agentsPath === undefined ? undefined : (await readAgentsCsv(agentsPath, options)).rows;
  const availabilityPath = path("availability");
  const availability =
    availabilityPath === undefined || agents === undefined
      ? undefined
      : (
          await readAvailabilityCsv(availabilityPath, {
            ...options,
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
