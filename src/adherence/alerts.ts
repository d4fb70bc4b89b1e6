/**
 * The alerts of the real-time monitor, one interface per kind and a union typed by `type`:
 * an agent out of adherence for the alarm delay ({@link OutOfAdherenceAlert}), back in
 * adherence while still scheduled ({@link BackInAdherenceAlert}), the schedule ended while the
 * agent was still out ({@link OutOfAdherenceEndedAlert}), and warnings about the feed
 * ({@link MonitorWarning}). The warnings' wording lives here, with the builders that make them.
 *
 * @module
 */
import type { AdherenceWarning, StateEvent } from "./events.ts";

/**
 * What the alerts about an out-of-adherence run share. `code` and `message` belong to
 * warnings only, and `reason` to {@link OutOfAdherenceEndedAlert}: they are declared absent
 * where they do not belong so that `alert.code` or `alert.reason` reads on any alert.
 */
export interface MonitorRunAlertFields {
  readonly agentId: string;
  /** When the alert was raised (monitor time), epoch ms. */
  readonly atMs: number;
  /** Start of the out-of-adherence run, epoch ms. */
  readonly sinceMs: number;
  /** Actual state at `atMs`. */
  readonly state: string;
  /** Only warnings have a code. */
  readonly code?: never;
  /** Only warnings have a message. */
  readonly message?: never;
}

/** The agent has been out of adherence for the alarm delay. */
export interface OutOfAdherenceAlert extends MonitorRunAlertFields {
  readonly type: "outOfAdherence";
  /** Scheduled activity at `atMs`. */
  readonly activity: string;
  /** Seconds out of adherence so far. */
  readonly seconds: number;
  /** Only {@link OutOfAdherenceEndedAlert} has a reason. */
  readonly reason?: never;
}

/** The agent of an alerted run is in adherence again, while still scheduled. */
export interface BackInAdherenceAlert extends MonitorRunAlertFields {
  readonly type: "backInAdherence";
  /** Scheduled activity at `atMs`. */
  readonly activity: string;
  /** Seconds out of adherence in all. */
  readonly seconds: number;
  /** Only {@link OutOfAdherenceEndedAlert} has a reason. */
  readonly reason?: never;
}

/**
 * The schedule ended (or left a gap) while the agent of an alerted run was still out: the agent
 * did not come back, the schedule stopped asking.
 */
export interface OutOfAdherenceEndedAlert extends MonitorRunAlertFields {
  readonly type: "outOfAdherenceEnded";
  /** Nothing is scheduled at `atMs`. */
  readonly activity: null;
  /** Seconds out of adherence in all. */
  readonly seconds: number;
  /** Why the run ended without the agent coming back. */
  readonly reason: "scheduleEnded";
}

/**
 * What a {@link MonitorWarning} is about: an event of an agent without a schedule
 * (`unknownAgent`), an unknown state (`unknownState`), an event too late for alerts applied to
 * the day's result (`lateEvent`) or for a day already closed (`eventForClosedDay`), an event too
 * far ahead of the clock not applied (`futureEvent`), the clock moved ahead on held events that
 * others confirmed (`clockJump`), a line of the feed that is not an event (`badEvent`).
 */
export type MonitorWarningCode =
  | "unknownAgent"
  | "unknownState"
  | "lateEvent"
  | "eventForClosedDay"
  | "futureEvent"
  | "clockJump"
  | "badEvent";

/** Something about the feed worth telling, that raised no adherence alert. */
export interface MonitorWarning {
  readonly type: "warning";
  readonly code: MonitorWarningCode;
  /** The agent of the event, when the warning is about one. */
  readonly agentId?: string;
  /** When the warning was raised (monitor time), epoch ms. */
  readonly atMs: number;
  readonly message: string;
  /** The event's input line, when it has one. */
  readonly line?: number;
  /** Only {@link OutOfAdherenceEndedAlert} has a reason. */
  readonly reason?: never;
}

/**
 * An alert of the monitor; `type` says which kind.
 *
 * @example
 * for (const alert of monitor.ingest(event)) {
 *   if (alert.type === "outOfAdherence") page(alert.agentId, alert.activity, alert.seconds);
 *   else if (alert.type === "warning") log(alert.code, alert.message);
 * }
 */
export type MonitorAlert =
  OutOfAdherenceAlert | BackInAdherenceAlert | OutOfAdherenceEndedAlert | MonitorWarning;

/** A warning about event `e` (its agent and line), raised at `atMs`. */
export function eventWarning(
  code: MonitorWarningCode,
  e: StateEvent,
  atMs: number,
  message: string,
): MonitorWarning {
  return {
    type: "warning",
    code,
    agentId: e.agentId,
    atMs,
    message,
    ...(e.line === undefined ? {} : { line: e.line }),
  };
}

/** An `unknownAgent` warning: events of `e`'s agent, who has no schedule, are ignored. */
export function unknownAgentWarning(e: StateEvent, atMs: number): MonitorWarning {
  return eventWarning(
    "unknownAgent",
    e,
    atMs,
    `events for agent "${e.agentId}", who has no schedule, are ignored`,
  );
}

/** An `unknownState` warning: `e`'s state is not known, and counts as out of adherence. */
export function unknownStateWarning(e: StateEvent, atMs: number): MonitorWarning {
  return eventWarning(
    "unknownState",
    e,
    atMs,
    `unknown state "${e.state}": counted as out of adherence`,
  );
}

/**
 * The warning of an event too late for alerts: `lateEvent` when it was `applied` to an open
 * agent-day's result, `eventForClosedDay` when its agent-day is closed already.
 */
export function lateEventWarning(e: StateEvent, atMs: number, applied: boolean): MonitorWarning {
  return applied
    ? eventWarning(
        "lateEvent",
        e,
        atMs,
        `event ${(atMs - e.timeMs) / 1000} s behind the clock: applied to the agent-day's result, not to alerts`,
      )
    : eventWarning(
        "eventForClosedDay",
        e,
        atMs,
        "event for an agent-day already closed: not applied to it",
      );
}

/**
 * A `badEvent` warning: line `line` of the feed is not an event (`message` says why).
 *
 * @example
 * badEventWarning(2, "not valid JSON: Unexpected token", monitor.now());
 * // => { type: "warning", code: "badEvent", atMs, message: "line 2: not valid JSON: ...", line: 2 }
 */
export function badEventWarning(line: number, message: string, atMs: number): MonitorWarning {
  return { type: "warning", code: "badEvent", atMs, message: `line ${line}: ${message}`, line };
}

/** An instant for messages: ISO 8601 in UTC (or the number, beyond the dates JavaScript holds). */
function isoOf(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? `${ms} ms after the epoch` : d.toISOString();
}

/**
 * A `futureEvent` warning: `e`, more than the lateness ahead of the clock `clockMs`, is not
 * applied (`why`, when not empty, says what resolved it).
 */
export function futureEventWarning(
  e: StateEvent,
  clockMs: number,
  atMs: number,
  latenessMs: number,
  why: string,
): MonitorWarning {
  return eventWarning(
    "futureEvent",
    e,
    atMs,
    `event at ${isoOf(e.timeMs)} is ${(e.timeMs - clockMs) / 1000} s ahead of the clock ` +
      `(more than the lateness of ${latenessMs / 1000} s): not applied` +
      (why === "" ? "" : ` (${why})`),
  );
}

/**
 * A `clockJump` warning: the clock moved from `fromMs` to `toMs` on the held events of two
 * agents, and `applied` held events were applied.
 */
export function clockJumpWarning(
  fromMs: number,
  toMs: number,
  latenessMs: number,
  agents: readonly [string, string],
  applied: number,
): MonitorWarning {
  return {
    type: "warning",
    code: "clockJump",
    atMs: toMs,
    message:
      `the clock moved ahead from ${isoOf(fromMs)} to ${isoOf(toMs)} (more than the ` +
      `lateness of ${latenessMs / 1000} s) on the events of agents "${agents[0]}" and ` +
      `"${agents[1]}": ${applied} held event${applied === 1 ? "" : "s"} applied`,
  };
}

/**
 * A monitor's warning as an {@link AdherenceWarning} (the historical engine's shape); an
 * adherence alert gives code `warning` and an empty message.
 */
export function warningOf(alert: MonitorAlert): AdherenceWarning {
  return {
    code: alert.code ?? "warning",
    message: alert.message ?? "",
    ...(alert.agentId === undefined ? {} : { agentId: alert.agentId }),
    ...(alert.type === "warning" && alert.line !== undefined ? { line: alert.line } : {}),
  };
}
