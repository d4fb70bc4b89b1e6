/**
 * Name-keyed records from JSON (queue targets by queue name, categories by activity code) read
 * into null-prototype objects, so that any name a user may give works: `__proto__`,
 * `constructor` or `toString` are names like others. (zod's record parser assigns `__proto__`
 * as a prototype, silently dropping the entry, and a lookup on a plain object finds
 * `constructor` and `toString` on its prototype.)
 *
 * @module
 */
import type { z } from "zod";
import type { DataIssue } from "./errors.ts";
import { zodIssues } from "./zod-issues.ts";

/**
 * Validates every own entry of a JSON object with `value`, into a null-prototype object;
 * problems are added to `issues`, each named `<field>.<key>[...]`.
 *
 * @param raw - the parsed JSON value (undefined: an empty record)
 * @example
 * const queues = parseRecord(raw.queues, "queues", queueTargetsSchema, issues);
 * queues["__proto__"]; // the targets of a queue named __proto__, if it has any
 */
export function parseRecord<T>(
  raw: unknown,
  field: string,
  value: z.ZodType<T>,
  issues: DataIssue[],
  unknownFieldHint?: string,
): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  if (raw === undefined) return out;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    issues.push({ field, message: "expected an object of names" });
    return out;
  }
  for (const [key, entry] of Object.entries(raw)) {
    if (key === "") {
      issues.push({ field, message: "a name may not be empty" });
      continue;
    }
    const parsed = value.safeParse(entry);
    if (parsed.success) out[key] = parsed.data;
    else
      for (const issue of zodIssues(parsed.error, unknownFieldHint, [field, key]))
        issues.push(issue);
  }
  return out;
}

/** Whether a record made by {@link parseRecord} (or any object) has its own entry `key`. */
export function hasEntry(record: object, key: string): boolean {
  return Object.hasOwn(record, key);
}
