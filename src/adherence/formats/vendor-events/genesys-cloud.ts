/**
 * Genesys Cloud notification messages (`v2.users.{id}.routingStatus` and
 * `v2.users.{id}.presence`) as state events: per user, the latest routing status and the latest
 * presence are combined into one state. See docs/data/events-genesys-cloud.md.
 *
 * @module
 */
import { agentIdOf, isoTimeOf, member, requiredText, type VendorRecordResult } from "./record.ts";

/** Routing statuses and their states; `OFF_QUEUE` (and none yet) defers to the presence. */
export const GENESYS_ROUTING_STATES: Readonly<Record<string, string>> = {
  INTERACTING: "onCall",
  COMMUNICATING: "onCall",
  IDLE: "available",
  NOT_RESPONDING: "notResponding",
};

/**
 * System presences (upper case, spaces as `_`) and their states while off queue; any other
 * presence is passed through verbatim.
 */
export const GENESYS_PRESENCE_STATES: Readonly<Record<string, string>> = {
  ON_QUEUE: "available",
  AVAILABLE: "offQueue",
  AWAY: "offQueue",
  BUSY: "offQueue",
  IDLE: "offQueue",
  BREAK: "break",
  MEAL: "meal",
  MEETING: "meeting",
  TRAINING: "training",
  OFFLINE: "loggedOut",
};

/**
 * The state of a user from its latest routing status and presence (either may be unknown yet).
 *
 * @example
 * genesysCloudState("INTERACTING", "On Queue"); // => "onCall"
 * genesysCloudState("OFF_QUEUE", "Break"); // => "break"
 * genesysCloudState(undefined, "Away"); // => "offQueue"
 */
export function genesysCloudState(
  routing: string | undefined,
  presence: string | undefined,
): string {
  const r = routing === undefined ? undefined : GENESYS_ROUTING_STATES[routing.toUpperCase()];
  if (r !== undefined) return r;
  if (presence === undefined) return "offQueue";
  const key = presence
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_");
  return (
    (Object.hasOwn(GENESYS_PRESENCE_STATES, key) ? GENESYS_PRESENCE_STATES[key] : undefined) ??
    presence
  );
}

/** The latest value of one kind for a user, and its time. */
interface Latest {
  readonly value: string;
  readonly timeMs: number;
}

const TOPIC = /^v2\.users\.([^.]+)\.(routingStatus|presence)$/;

/**
 * A reader of Genesys Cloud notifications that keeps, per user, the latest routing status and
 * presence: each routing-status or presence message gives the user's combined state (see
 * {@link genesysCloudState}) at the message's time (`startTime`, `modifiedDate`). A message
 * older than the latest of its kind for that user, `channel.metadata` heartbeats and other
 * topics give `null`. Agent id: the user id in the topic.
 *
 * @example
 * const read = createGenesysCloudCombiner();
 * read({ topicName: "v2.users.u1.routingStatus", eventBody: { routingStatus: { status: "OFF_QUEUE", startTime: "2026-03-02T10:30:00Z" } } }, 1);
 * // => { agentId: "u1", timeMs: 1772447400000, state: "offQueue", line: 1 }
 * read({ topicName: "v2.users.u1.presence", eventBody: { presenceDefinition: { systemPresence: "Break" }, modifiedDate: "2026-03-02T10:30:00.004Z" } }, 2);
 * // => { agentId: "u1", timeMs: 1772447400004, state: "break", line: 2 }
 */
export function createGenesysCloudCombiner(): (
  record: unknown,
  line: number,
) => VendorRecordResult {
  const routing = new Map<string, Latest>();
  const presence = new Map<string, Latest>();
  return (record, line) => {
    const topic = requiredText(record, "topicName");
    if (typeof topic !== "string") return topic;
    const m = TOPIC.exec(topic);
    if (m === null) return null;
    const agentId = agentIdOf(m[1]!, "topicName");
    if (typeof agentId !== "string") return agentId;
    const isRouting = m[2] === "routingStatus";
    const [valuePath, timePath] = isRouting
      ? ["eventBody.routingStatus.status", "eventBody.routingStatus.startTime"]
      : ["eventBody.presenceDefinition.systemPresence", "eventBody.modifiedDate"];
    const value = requiredText(record, valuePath);
    if (typeof value !== "string") return value;
    const timeMs = isoTimeOf(member(record, timePath), timePath);
    if (typeof timeMs !== "number") return timeMs;
    const kind = isRouting ? routing : presence;
    const before = kind.get(agentId);
    if (before !== undefined && before.timeMs > timeMs) return null;
    kind.set(agentId, { value, timeMs });
    const state = genesysCloudState(routing.get(agentId)?.value, presence.get(agentId)?.value);
    return { agentId, timeMs, state, line };
  };
}
