/**
 * Avaya CMS split/skill interval data (`hsplit`), as a CMS export or a query of it has it:
 * `ROW_DATE,STARTTIME,INTRVL,SPLIT,CALLSOFFERED,ACDCALLS,ABNCALLS,ACCEPTABLE,ANSTIME,ACDTIME,
 * ACWTIME,I_STAFFTIME,I_AVAILTIME` (and `HOLDACDTIME` when present). Times are the switch's
 * local clock: `ROW_DATE` (`2026-03-02` or `3/2/2026`) and `STARTTIME` as hhmm (`1000` =
 * 10:00, `30` = 00:30), read in the given zone (a skipped hour is an error, a repeated one is
 * read in order per split). `INTRVL` is the interval length in minutes.
 *
 * Mapping: calls = offered = `CALLSOFFERED`; handled = `ACDCALLS`; abandoned = `ABNCALLS`;
 * answered_in_sl = `ACCEPTABLE` (sl_seconds empty: the acceptable service level is set in the
 * switch, not exported); asa_s = `ANSTIME / ACDCALLS` (answered calls only); aht_s = `(ACDTIME
 * + ACWTIME + HOLDACDTIME) / ACDCALLS`; talk_s = `ACDTIME`; acw_s = `ACWTIME`; staffed_s =
 * `I_STAFFTIME`; available_s = `I_AVAILTIME`. A call is counted in the interval it ended.
 *
 * @module
 */
import type { ActualsPreset, PresetCells } from "./preset.ts";
import { defined, ratio } from "./preset.ts";

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

import { parseDay } from "../../time/zone.ts";
/**
 * The local midnight of a ROW_DATE (`2026-03-02` or `3/2/2026`), written as if UTC; undefined
 * (reported) when it is not a calendar date of the years 1900 to 9999.
 */
function rowDate(cells: PresetCells): number | undefined {
  const t = cells.text("ROW_DATE");
  const us = US_DATE.exec(t);
  const iso = us === null ? t : `${us[3]}-${us[1]!.padStart(2, "0")}-${us[2]!.padStart(2, "0")}`;
  const day = parseDay(iso);
  if (typeof day === "string") {
    cells.bad("ROW_DATE", `expected a date such as 2026-03-02 or 3/2/2026 (${day})`);
    return undefined;
  }
  return day * 86_400_000;
}

/** Minutes after midnight of a STARTTIME such as 1030; undefined (reported) when bad. */
function startMinutes(cells: PresetCells): number | undefined {
  const t = cells.text("STARTTIME");
  const v = /^\d{1,4}$/.test(t) ? Number(t) : -1;
  if (v >= 0 && v % 100 < 60 && v < 2400) return Math.floor(v / 100) * 60 + (v % 100);
  cells.bad("STARTTIME", "expected a clock time as hhmm, such as 1000 for 10:00");
  return undefined;
}

/**
 * The `avaya-cms` preset of `staffcast import` (needs the switch's time zone).
 *
 * @example
 * parseActualsExport(text, "hsplit.csv", { format: "avaya-cms", timeZone: "America/New_York" }).rows[0];
 * // => { startMs: ..., queue: "17", calls: 120, handled: 111, abandoned: 8, answeredInSl: 98,
 * //      asaSeconds: 9.099..., ahtSeconds: 229.189..., talkSeconds: 22110, ... }
 */
export const AVAYA_CMS_PRESET: ActualsPreset = {
  name: "avaya-cms",
  title: "Avaya CMS split/skill interval export",
  required: ["ROW_DATE", "STARTTIME", "SPLIT", "CALLSOFFERED"],
  fields: {
    kinds: {
      INTRVL: "number",
      CALLSOFFERED: "number",
      ACDCALLS: "number",
      ABNCALLS: "number",
      ACCEPTABLE: "number",
      ANSTIME: "seconds",
      ACDTIME: "seconds",
      ACWTIME: "seconds",
      HOLDACDTIME: "seconds",
      I_STAFFTIME: "seconds",
      I_AVAILTIME: "seconds",
    },
    keys: ["SPLIT"],
  },
  needsTimeZone: true,
  row(cells) {
    const day = rowDate(cells);
    const minutes = startMinutes(cells);
    const queue = cells.queue("SPLIT");
    const interval = cells.number("INTRVL");
    if (interval !== undefined && (interval === 0 || !Number.isInteger(interval)))
      cells.bad("INTRVL", "expected the interval length in whole minutes, such as 30");
    if (day === undefined || minutes === undefined || queue === undefined) return undefined;
    const startMs = cells.localTime(day + minutes * 60_000, queue, "STARTTIME");
    if (startMs === undefined) return undefined;
    const offered = cells.number("CALLSOFFERED");
    const handled = cells.number("ACDCALLS");
    const talk = cells.seconds("ACDTIME");
    const acw = cells.seconds("ACWTIME");
    const hold = cells.seconds("HOLDACDTIME");
    const handling = talk === undefined || acw === undefined ? undefined : talk + acw + (hold ?? 0);
    return defined({
      startMs,
      queue,
      calls: offered,
      ahtSeconds: ratio(handling, handled),
      offered,
      handled,
      abandoned: cells.number("ABNCALLS"),
      answeredInSl: cells.number("ACCEPTABLE"),
      asaSeconds: ratio(cells.seconds("ANSTIME"), handled),
      talkSeconds: talk,
      acwSeconds: acw,
      staffedSeconds: cells.seconds("I_STAFFTIME"),
      availableSeconds: cells.seconds("I_AVAILTIME"),
    });
  },
};
