/**
 * zod's validation issues as located {@link DataIssue}s: each named by the path of its field as
 * it is written in the file (`shifts[0].breaks[1].minutes`, `queues.vip.serviceLevel`), unknown
 * fields one by one.
 *
 * @module
 */
import type { z } from "zod";
import type { DataIssue } from "./errors.ts";

/**
 * The path of a field as written in the file.
 *
 * @example
 * fieldPath(["shifts", 0, "breaks", 1, "minutes"]); // => "shifts[0].breaks[1].minutes"
 */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : `${i > 0 ? "." : ""}${String(p)}`))
    .join("");
}

/**
 * The issues of a failed zod parse, located by field.
 *
 * @param unknownFieldHint - said of a field the schema does not know
 * @param prefix - the path of the validated value inside the file
 */
export function zodIssues(
  error: z.ZodError,
  unknownFieldHint = "unknown field",
  prefix: readonly PropertyKey[] = [],
): DataIssue[] {
  return error.issues.flatMap((issue): DataIssue[] =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((k) => ({
          field: fieldPath([...prefix, ...issue.path, k]),
          message: unknownFieldHint,
        }))
      : [{ field: fieldPath([...prefix, ...issue.path]) || "(the file)", message: issue.message }],
  );
}
