/**
 * Genesys Cloud queue performance, as an interval export of the queues view has it:
 * `Interval Start,Interval End,Queue,Media Type,Offered,Answered,Abandoned,Abandon %,ASA (s),
 * AHT (s),Service Level %`. Percent columns hold percents (`91.7` or `91.7%`); seconds may be
 * `h:mm:ss`.
 *
 * Mapping: calls = offered = `Offered`; handled = `Answered`; abandoned = `Abandoned`; asa_s =
 * `ASA (s)`; aht_s = `AHT (s)`. An interaction is offered in the interval it enters the queue
 * and answered in the one it is answered, so Offered need not equal Answered + Abandoned in an
 * interval. `Service Level %` is a rate whose target seconds and denominator (abandons counted
 * or not) are set per queue and view and are not in the export: answered_in_sl and sl_seconds
 * stay empty rather than a guessed count; the rate and `Abandon %` are checked (0 to 100).
 * Rows of a media type other than voice become queue `<Queue>/<media type>`.
 *
 * @module
 */
import type { ActualsPreset } from "./preset.ts";
import { defined } from "./preset.ts";

/**
 * The `genesys-cloud` preset of `staffcast import`.
 *
 * @example
 * parseActualsExport(text, "genesys.csv", { format: "genesys-cloud" }).rows[0];
 * // => { startMs: ..., queue: "VIP", calls: 120, offered: 120, handled: 113, abandoned: 5,
 * //      asaSeconds: 8.4, ahtSeconds: 205 }
 */
export const GENESYS_CLOUD_PRESET: ActualsPreset = {
  name: "genesys-cloud",
  title: "Genesys Cloud queue performance export",
  required: ["Interval Start", "Queue", "Offered"],
  fields: {
    kinds: {
      "Interval Start": "instant",
      "Interval End": "instant",
      Offered: "number",
      Answered: "number",
      Abandoned: "number",
      "ASA (s)": "seconds",
      "AHT (s)": "seconds",
    },
    keys: ["Queue", "Media Type"],
  },
  needsTimeZone: false,
  row(cells) {
    const startMs = cells.instant("Interval Start");
    const name = cells.queue("Queue");
    const media = cells.text("Media Type");
    cells.percent("Abandon %", "percent");
    cells.percent("Service Level %", "percent");
    const offered = cells.number("Offered");
    if (startMs === undefined || name === undefined) return undefined;
    const voice = media === "" || media === "-" || media.toLowerCase() === "voice";
    return defined({
      startMs,
      queue: voice ? name : `${name}/${media}`,
      calls: offered,
      ahtSeconds: cells.seconds("AHT (s)"),
      offered,
      handled: cells.number("Answered"),
      abandoned: cells.number("Abandoned"),
      asaSeconds: cells.seconds("ASA (s)"),
    });
  },
};
