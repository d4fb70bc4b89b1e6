/**
 * Amazon Connect agent event stream records (Kinesis, one JSON object per event) as state
 * events. See docs/data/events-amazon-connect.md.
 *
 * @module
 */
import type { StateEvent } from "../../events.ts";
import {
  agentIdOf,
  isoTimeOf,
  member,
  requiredText,
  textOf,
  vendorState,
  type VendorFieldProblem,
  type VendorRecordResult,
} from "./record.ts";

/**
 * Amazon Connect's standard agent status names (lower case) and their staffcast states; any
 * other name is matched case-insensitively to a default state, else passed through verbatim.
 */
export const AMAZON_CONNECT_STATES: Readonly<Record<string, string>> = {
  available: "available",
  offline: "loggedOut",
};

/** Contact states that put the agent on a contact, and the one of after-contact work. */
const ON_CONTACT = new Set(["CONNECTED", "CONNECTED_ONHOLD"]);
const AFTER_CONTACT = "ENDED";

/** The agent id: `Configuration.Username`, else the last segment of `AgentARN`. */
function agentOf(record: unknown): string | VendorFieldProblem {
  const username = textOf(member(record, "CurrentAgentSnapshot.Configuration.Username"));
  if (username !== undefined && username !== "")
    return agentIdOf(username, "CurrentAgentSnapshot.Configuration.Username");
  const arn = requiredText(record, "AgentARN");
  if (typeof arn !== "string") return arn;
  const id = arn.slice(arn.lastIndexOf("/") + 1);
  return id === ""
    ? { field: "AgentARN", message: "no agent id after the last /" }
    : agentIdOf(id, "AgentARN");
}

/** The state of a snapshot: on a contact, in after-contact work, else the agent status. */
function stateOf(record: unknown): string | VendorFieldProblem {
  const contacts = member(record, "CurrentAgentSnapshot.Contacts");
  const states = Array.isArray(contacts) ? contacts.map((c) => textOf(member(c, "State"))) : [];
  if (states.some((s) => s !== undefined && ON_CONTACT.has(s))) return "onCall";
  if (states.includes(AFTER_CONTACT)) return "acw";
  const name = requiredText(record, "CurrentAgentSnapshot.AgentStatus.Name");
  return typeof name === "string" ? vendorState(name, AMAZON_CONNECT_STATES) : name;
}

/**
 * One Amazon Connect agent event as a state event: `HEART_BEAT` (and any type other than
 * `STATE_CHANGE`, `LOGIN`, `LOGOUT`) gives `null`; `LOGOUT` gives `loggedOut`; otherwise the
 * state is `onCall` when a contact is `CONNECTED` or `CONNECTED_ONHOLD`, `acw` when one is
 * `ENDED`, else the agent status name (see {@link AMAZON_CONNECT_STATES}).
 *
 * @param line - the input line, kept on the event
 * @example
 * amazonConnectEvent({ EventType: "LOGOUT", EventId: "e1", EventTimestamp: "2026-03-02T17:00:00Z",
 *   AgentARN: "arn:aws:connect:eu-west-1:1:instance/aaaa/agent/bbbb" }, 3);
 * // => { agentId: "bbbb", timeMs: 1772470800000, state: "loggedOut", eventId: "e1", line: 3 }
 */
export function amazonConnectEvent(record: unknown, line: number): VendorRecordResult {
  const type = requiredText(record, "EventType");
  if (typeof type !== "string") return type;
  if (type !== "STATE_CHANGE" && type !== "LOGIN" && type !== "LOGOUT") return null;
  const agentId = agentOf(record);
  if (typeof agentId !== "string") return agentId;
  const timeMs = isoTimeOf(member(record, "EventTimestamp"), "EventTimestamp");
  if (typeof timeMs !== "number") return timeMs;
  const state = type === "LOGOUT" ? "loggedOut" : stateOf(record);
  if (typeof state !== "string") return state;
  const eventId = textOf(member(record, "EventId"));
  const event: StateEvent = {
    agentId,
    timeMs,
    state,
    ...(eventId === undefined || eventId === "" ? {} : { eventId }),
    line,
  };
  return event;
}
