/**
 * What `staffcast plan --force` may replace: only a folder it wrote itself. Such a folder has a
 * plan.json with the fields staffcast writes (`config`, `summary`, `files`), and every entry of
 * the folder is one of the files that plan.json lists. Anything else (a project folder with the
 * inputs in it, a folder with one unrelated file) would be lost by the swap, so it is refused.
 *
 * @module
 */

/**
 * Why a non-empty folder is not a plan folder staffcast wrote, or undefined when it is one.
 *
 * @param entries - the folder's entries (names)
 * @param planJson - the text of its plan.json, or undefined when it has none
 * @example
 * planFolderProblem(["plan.json", "history.csv"], '{"config":{},"summary":{},"files":["plan.json"]}');
 * // => 'it holds files its plan.json does not list: history.csv'
 */
export function planFolderProblem(
  entries: readonly string[],
  planJson: string | undefined,
): string | undefined {
  if (planJson === undefined) return "it has no plan.json";
  let parsed: unknown;
  try {
    parsed = JSON.parse(planJson);
  } catch {
    return "its plan.json is not valid JSON";
  }
  if (typeof parsed !== "object" || parsed === null)
    return "its plan.json lacks the config, summary and files staffcast writes";
  const plan = parsed as { config?: unknown; summary?: unknown; files?: unknown };
  if (
    typeof plan.config !== "object" ||
    plan.config === null ||
    typeof plan.summary !== "object" ||
    plan.summary === null ||
    !Array.isArray(plan.files) ||
    !plan.files.every((f): f is string => typeof f === "string")
  )
    return "its plan.json lacks the config, summary and files staffcast writes";
  const listed = new Set<string>(plan.files);
  const extra = entries.filter((e) => !listed.has(e));
  if (extra.length > 0) return `it holds files its plan.json does not list: ${listNames(extra)}`;
  return undefined;
}

/** Up to ten names, then how many more. */
export function listNames(names: readonly string[], most = 10): string {
  const shown = names.slice(0, most).join(", ");
  return names.length > most ? `${shown} and ${names.length - most} more` : shown;
}
