/**
 * Amazon Connect historical metrics, as the CSV download of a queue report has them:
 * `Queue,StartInterval,EndInterval,Contacts queued,Contacts handled incoming,Contact abandoned,
 * Contacts answered in 20 seconds,Average queue answer time,Average handle time,Service level
 * 20 seconds`. Times in seconds, `-` when a metric has no data, rates as `88.14%`.
 *
 * Mapping: calls = offered = `Contacts queued`; handled = `Contacts handled incoming`;
 * abandoned = `Contact abandoned`; answered_in_sl = `Contacts answered in X seconds` with
 * sl_seconds = X (the first such column); asa_s = `Average queue answer time`; aht_s =
 * `Average handle time`. `Service level X seconds` counts contacts *removed* from the queue
 * within X (answered, abandoned or called back) over those queued, so it is no answered count:
 * it is checked (0 to 100 %) but not used. Contact metrics belong to the interval of the
 * contact's disconnect, so an interval's handled calls may exceed its queued ones.
 *
 * @module
 */
import type { ActualsPreset } from "./preset.ts";
import { defined } from "./preset.ts";

const ANSWERED_IN = /^Contacts answered in (\d+(?:\.\d+)?) seconds?$/i;
const SERVICE_LEVEL = /^Service level (\d+(?:\.\d+)?) seconds?$/i;

/**
 * The `amazon-connect` preset of `staffcast import`.
 *
 * @example
 * parseActualsExport(text, "connect.csv", { format: "amazon-connect" }).rows[0];
 * // => { startMs: ..., queue: "VIP", calls: 118, offered: 118, handled: 112, abandoned: 6,
 * //      answeredInSl: 101, slSeconds: 20, asaSeconds: 9, ahtSeconds: 212 }
 */
export const AMAZON_CONNECT_PRESET: ActualsPreset = {
  name: "amazon-connect",
  title: "Amazon Connect historical metrics CSV",
  required: ["Queue", "StartInterval", "Contacts queued"],
  fields: {
    kinds: {
      StartInterval: "instant",
      EndInterval: "instant",
      "Contacts queued": "number",
      "Contacts handled incoming": "number",
      "Contact abandoned": "number",
      "Average queue answer time": "seconds",
      "Average handle time": "seconds",
    },
    keys: ["Queue"],
  },
  needsTimeZone: false,
  row(cells) {
    const startMs = cells.instant("StartInterval");
    const queue = cells.queue("Queue");
    const answeredColumn = cells.header.find((h) => ANSWERED_IN.test(h));
    for (const h of cells.header) if (SERVICE_LEVEL.test(h)) cells.percent(h, "fraction");
    const offered = cells.number("Contacts queued");
    if (startMs === undefined || queue === undefined) return undefined;
    const answeredInSl = answeredColumn === undefined ? undefined : cells.number(answeredColumn);
    return defined({
      startMs,
      queue,
      calls: offered,
      ahtSeconds: cells.seconds("Average handle time"),
      offered,
      handled: cells.number("Contacts handled incoming"),
      abandoned: cells.number("Contact abandoned"),
      answeredInSl,
      // the threshold only with a count against it
      slSeconds:
        answeredInSl === undefined ? undefined : Number(ANSWERED_IN.exec(answeredColumn!)![1]),
      asaSeconds: cells.seconds("Average queue answer time"),
    });
  },
};
