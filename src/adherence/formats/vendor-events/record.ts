/**
 * What the vendor readers share: the result of reading one vendor record, field access by path,
 * agent ids and times checked as the staffcast event formats check them, and the default
 * mapping of a vendor's state name onto the default states.
 *
 * @module
 */
import { identifierProblem } from "../../../io/identifiers.ts";
import { END_INSTANT_MS, MIN_INSTANT_MS, parseInstant } from "../../../time/instant.ts";
import type { StateEvent } from "../../events.ts";
import { DEFAULT_STATES } from "../../rules.ts";

/** What is wrong with a vendor record: the vendor's field (a dotted path), in words. */
export interface VendorFieldProblem {
  /** The vendor's field, e.g. `EventTimestamp` or `eventBody.routingStatus.status`. */
  readonly field: string;
  readonly message: string;
  readonly value?: string;
}

/**
 * One vendor record read: a state event, `null` for a record that carries no state change
 * (a heartbeat, another event type), or what is wrong with it.
 */
export type VendorRecordResult = StateEvent | null | VendorFieldProblem;

/**
 * Whether a record result is a problem.
 *
 * @example
 * isVendorFieldProblem({ field: "EventTimestamp", message: "missing" }); // => true
 * isVendorFieldProblem(null); // => false
 */
export function isVendorFieldProblem(r: VendorRecordResult): r is VendorFieldProblem {
  return r !== null && "field" in r;
}

/**
 * The member at a dotted `path` of a JSON value, or undefined.
 *
 * @example
 * member({ a: { b: 1 } }, "a.b"); // => 1
 * member({ a: [1] }, "a.0"); // => undefined
 */
export function member(value: unknown, path: string): unknown {
  let v = value;
  for (const key of path.split(".")) {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
    v = Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined;
  }
  return v;
}

/**
 * A string, or a number as its text; anything else undefined.
 *
 * @example
 * textOf(42); // => "42"
 * textOf(null); // => undefined
 */
export function textOf(v: unknown): string | undefined {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}

/**
 * A non-empty text at `path`, or the problem (missing).
 *
 * @example
 * requiredText({ EventType: "" }, "EventType"); // => { field: "EventType", message: "missing" }
 */
export function requiredText(value: unknown, path: string): string | VendorFieldProblem {
  const t = textOf(member(value, path));
  return t === undefined || t === "" ? { field: path, message: "missing" } : t;
}

/**
 * `id` if it is a safe agent id (see identifierProblem), else the problem of `field`.
 *
 * @example
 * agentIdOf("WK0042", "WorkerSid"); // => "WK0042"
 * agentIdOf("=cmd", "WorkerSid").field; // => "WorkerSid"
 */
export function agentIdOf(id: string, field: string): string | VendorFieldProblem {
  const problem = identifierProblem(id);
  return problem === undefined ? id : { field, message: problem, value: id };
}

/**
 * An ISO 8601 instant with an offset, as epoch ms, or the problem of `field`.
 *
 * @example
 * isoTimeOf("2026-03-02T10:15:03.250Z", "EventTimestamp"); // => 1772446503250
 */
export function isoTimeOf(v: unknown, field: string): number | VendorFieldProblem {
  const t = textOf(v);
  if (t === undefined || t === "") return { field, message: "missing" };
  const ms = parseInstant(t);
  return typeof ms === "string" ? { field, message: ms, value: t } : ms;
}

/**
 * An epoch time in `unitMs` units (1000: seconds; 1: milliseconds), a number or its digits, as
 * epoch ms; or the problem of `field`.
 *
 * @example
 * epochTimeOf("1772446503", "Timestamp", 1000); // => 1772446503000
 * epochTimeOf("soon", "TimestampMs", 1).message; // => "expected epoch milliseconds"
 */
export function epochTimeOf(
  v: unknown,
  field: string,
  unitMs: number,
): number | VendorFieldProblem {
  const t = textOf(v)?.trim();
  if (t === undefined || t === "") return { field, message: "missing" };
  const n = /^\d+(\.\d+)?$/.test(t) ? Math.round(Number(t) * unitMs) : Number.NaN;
  if (!(n >= MIN_INSTANT_MS && n < END_INSTANT_MS))
    return {
      field,
      message: `expected epoch ${unitMs === 1 ? "milliseconds" : "seconds"}`,
      value: t,
    };
  return n;
}

const DEFAULT_BY_LOWER = new Map<string, string>(DEFAULT_STATES.map((s) => [s.toLowerCase(), s]));

/**
 * A vendor's state name as a staffcast state: one of `explicit` (the vendor's standard names,
 * matched case-insensitively), else a default state that equals it case-insensitively
 * (`Break` -> `break`, `OnCall` -> `onCall`), else the name verbatim, for a rules file to map.
 *
 * @example
 * vendorState("Offline", { offline: "loggedOut" }); // => "loggedOut"
 * vendorState("Meal", {}); // => "meal"
 * vendorState("Lunch", {}); // => "Lunch"
 */
export function vendorState(name: string, explicit: Readonly<Record<string, string>>): string {
  const lower = name.toLowerCase();
  return (
    (Object.hasOwn(explicit, lower) ? explicit[lower] : undefined) ??
    DEFAULT_BY_LOWER.get(lower) ??
    name
  );
}
