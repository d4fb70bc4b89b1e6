/**
 * One state event from its fields, as the CSV and NDJSON event formats both give them:
 * `agent_id`, `time` (ISO 8601 with an offset), `state`, and the optional `reason` and
 * `event_id` (empty is absent). Numbers are read as their text (an NDJSON `"agent_id": 42`).
 *
 * @module
 */
import { identifierProblem } from "../../io/identifiers.ts";
import { parseInstant } from "../../time/instant.ts";
import type { StateEvent } from "../events.ts";

/** The raw fields of an event: CSV cells or the members of an NDJSON object. */
export interface EventFields {
  readonly agent_id?: unknown;
  readonly time?: unknown;
  readonly state?: unknown;
  readonly reason?: unknown;
  readonly event_id?: unknown;
}

/** What is wrong with an event's fields: the field, in words, and its text when it has one. */
export interface EventFieldProblem {
  readonly field: "agent_id" | "time" | "state";
  readonly message: string;
  readonly value?: string;
}

const text = (v: unknown): string | undefined =>
  typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;

/**
 * The event of `fields` (its input line `line`), or the first problem found.
 *
 * @example
 * eventFromFields({ agent_id: "ana", time: "2025-01-06T09:00:00Z", state: "available" }, 2);
 * // => { agentId: "ana", timeMs: 1736154000000, state: "available", line: 2 }
 */
export function eventFromFields(fields: EventFields, line: number): StateEvent | EventFieldProblem {
  const agentId = text(fields.agent_id);
  if (agentId === undefined || agentId === "")
    return { field: "agent_id", message: "expected an id" };
  const problem = identifierProblem(agentId);
  if (problem !== undefined) return { field: "agent_id", message: problem, value: agentId };
  const timeText = text(fields.time);
  if (timeText === undefined) return { field: "time", message: "missing" };
  const time = parseInstant(timeText);
  if (typeof time === "string") return { field: "time", message: time, value: timeText };
  const state = text(fields.state);
  if (state === undefined || state === "") return { field: "state", message: "expected a state" };
  const reason = text(fields.reason);
  const eventId = text(fields.event_id);
  return {
    agentId,
    timeMs: time,
    state,
    line,
    ...(reason === undefined || reason === "" ? {} : { reason }),
    ...(eventId === undefined || eventId === "" ? {} : { eventId }),
  };
}
