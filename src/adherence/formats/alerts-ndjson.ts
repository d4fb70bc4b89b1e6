/**
 * The alerts of `staffcast adherence watch` as NDJSON, one JSON object a line, fields in this
 * order: `type`, `agentId`, `at`, `since`, `activity`, `state`, `seconds`, `reason` (the
 * adherence alerts), `code`, `message`, `line` (warnings); instants ISO 8601 in the output zone.
 *
 * @module
 */
import { createZone, formatInstant, type Zone } from "../../time/zone.ts";
import type { MonitorAlert } from "../alerts.ts";

/**
 * One alert as an NDJSON line (with its newline).
 *
 * @param zone - the zone of the instants written (default UTC); give a zone object, not a
 * name, when writing many alerts
 * @throws RangeError for a zone name that is not known
 * @example
 * formatMonitorAlert({ type: "outOfAdherence", agentId: "ana", atMs: Date.UTC(2025, 0, 6, 10, 5), sinceMs: Date.UTC(2025, 0, 6, 10), activity: "break", state: "available", seconds: 300 });
 * // => '{"type":"outOfAdherence","agentId":"ana","at":"2025-01-06T10:05:00Z","since":"2025-01-06T10:00:00Z","activity":"break","state":"available","seconds":300}\n'
 */
export function formatMonitorAlert(alert: MonitorAlert, zone: Zone | string = "UTC"): string {
  const z = typeof zone === "string" ? createZone(zone) : zone;
  const at = formatInstant(alert.atMs, z);
  if (alert.type === "warning") {
    return `${JSON.stringify({
      type: alert.type,
      ...(alert.agentId === undefined ? {} : { agentId: alert.agentId }),
      at,
      code: alert.code,
      message: alert.message,
      ...(alert.line === undefined ? {} : { line: alert.line }),
    })}\n`;
  }
  return `${JSON.stringify({
    type: alert.type,
    agentId: alert.agentId,
    at,
    since: formatInstant(alert.sinceMs, z),
    activity: alert.activity,
    state: alert.state,
    seconds: alert.seconds,
    ...(alert.type === "outOfAdherenceEnded" ? { reason: alert.reason } : {}),
  })}\n`;
}
