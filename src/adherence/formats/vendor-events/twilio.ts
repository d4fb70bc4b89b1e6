/**
 * Twilio TaskRouter `worker.activity.update` events as state events: the webhook's form fields
 * as a JSON object, or the Event Streams CloudEvent. See docs/data/events-twilio.md.
 *
 * @module
 */
import type { StateEvent } from "../../events.ts";
import {
  agentIdOf,
  epochTimeOf,
  isoTimeOf,
  member,
  requiredText,
  textOf,
  vendorState,
  type VendorFieldProblem,
  type VendorRecordResult,
} from "./record.ts";

/**
 * TaskRouter's default activity names (lower case) and their staffcast states; any other name
 * is matched case-insensitively to a default state, else passed through verbatim.
 */
export const TWILIO_STATES: Readonly<Record<string, string>> = {
  available: "available",
  offline: "loggedOut",
  unavailable: "offQueue",
  break: "break",
};

const WEBHOOK_TYPE = "worker.activity.update";
const CLOUD_EVENT_TYPE = "com.twilio.taskrouter.worker.activity.update";

/** The field names of one variant: the webhook's (PascalCase) or the CloudEvent's data. */
interface Fields {
  readonly agent: string;
  readonly activity: string;
  readonly timeMs: string;
  readonly time: string;
  readonly sid: string;
}

const WEBHOOK: Fields = {
  agent: "WorkerSid",
  activity: "WorkerActivityName",
  timeMs: "TimestampMs",
  time: "Timestamp",
  sid: "Sid",
};
const CLOUD_EVENT: Fields = {
  agent: "data.worker_sid",
  activity: "data.worker_activity_name",
  timeMs: "data.timestamp_ms",
  time: "data.timestamp",
  sid: "data.sid",
};

/** Epoch ms from `TimestampMs`, else `Timestamp` (epoch seconds, or ISO 8601 with an offset). */
function timeOf(record: unknown, f: Fields): number | VendorFieldProblem {
  const ms = member(record, f.timeMs);
  if (ms !== undefined && ms !== "") return epochTimeOf(ms, f.timeMs, 1);
  const t = member(record, f.time);
  if (typeof t === "number" || (typeof t === "string" && /^\s*\d+(\.\d+)?\s*$/.test(t)))
    return epochTimeOf(t, f.time, 1000);
  if (t === undefined && f === CLOUD_EVENT) return isoTimeOf(member(record, "time"), "time");
  return isoTimeOf(t, f.time);
}

/**
 * One TaskRouter event as a state event: `worker.activity.update` (webhook `EventType`, or
 * CloudEvent `type` `com.twilio.taskrouter.worker.activity.update`) gives the worker's new
 * activity (see {@link TWILIO_STATES}); any other event type gives `null`. Agent id: the
 * worker's SID (`WorkerSid`, `data.worker_sid`); event id: `Sid` (`data.sid`, else the
 * CloudEvent `id`).
 *
 * @param line - the input line, kept on the event
 * @example
 * twilioEvent({ EventType: "worker.activity.update", WorkerSid: "WK0042", WorkerActivityName: "Break",
 *   Timestamp: "1772446503", TimestampMs: "1772446503120", Sid: "EV9001" }, 1);
 * // => { agentId: "WK0042", timeMs: 1772446503120, state: "break", eventId: "EV9001", line: 1 }
 */
export function twilioEvent(record: unknown, line: number): VendorRecordResult {
  const eventType = textOf(member(record, "EventType"));
  const cloudType = textOf(member(record, "type"));
  if (eventType === undefined && cloudType === undefined)
    return { field: "EventType", message: "missing (nor a CloudEvent type)" };
  const f = eventType !== undefined ? WEBHOOK : CLOUD_EVENT;
  if ((f === WEBHOOK ? eventType : cloudType) !== (f === WEBHOOK ? WEBHOOK_TYPE : CLOUD_EVENT_TYPE))
    return null;
  const sid = requiredText(record, f.agent);
  if (typeof sid !== "string") return sid;
  const agentId = agentIdOf(sid, f.agent);
  if (typeof agentId !== "string") return agentId;
  const timeMs = timeOf(record, f);
  if (typeof timeMs !== "number") return timeMs;
  const activity = requiredText(record, f.activity);
  if (typeof activity !== "string") return activity;
  const eventId =
    textOf(member(record, f.sid)) ?? (f === CLOUD_EVENT ? textOf(member(record, "id")) : undefined);
  const event: StateEvent = {
    agentId,
    timeMs,
    state: vendorState(activity, TWILIO_STATES),
    ...(eventId === undefined || eventId === "" ? {} : { eventId }),
    line,
  };
  return event;
}
