/**
 * The shift file's old field names (before staffcast 0.2 put the unit in every name), still
 * read: `interval`, `shifts[].startStep`, `shifts[].breaks[].minutes`, `earliestAfterStart`
 * and `latestBeforeEnd` are read as `intervalMinutes`, `startStepMinutes`, `durationMinutes`,
 * `earliestAfterStartMinutes` and `latestBeforeEndMinutes`, with one warning per file. A field
 * given under both names is an error naming it.
 *
 * @module
 */
import type { DataIssue } from "../io/errors.ts";

/** Old name, new name: of the file, of each shift, of each break. */
const RENAMED = {
  file: [["interval", "intervalMinutes"]],
  shift: [["startStep", "startStepMinutes"]],
  break: [
    ["minutes", "durationMinutes"],
    ["earliestAfterStart", "earliestAfterStartMinutes"],
    ["latestBeforeEnd", "latestBeforeEndMinutes"],
  ],
} as const;

/** A shift file with its old field names read as the new ones. */
export interface RenamedShiftFile {
  /** The file's value with the new names (a copy where anything was renamed). */
  readonly value: unknown;
  /** For each renamed field, its path with the new name -> the path as the file wrote it. */
  readonly asGiven: ReadonlyMap<string, string>;
  /** The warning to give once for the file, when it used an old name. */
  readonly warning?: string;
  /** Fields given under both names. */
  readonly issues: readonly DataIssue[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads the old field names of a parsed shift file as the new ones.
 *
 * @example
 * renameOldShiftFields({ interval: 15, shifts: [] }).value; // => { intervalMinutes: 15, shifts: [] }
 */
export function renameOldShiftFields(input: unknown): RenamedShiftFile {
  const asGiven = new Map<string, string>();
  const used = new Set<string>();
  const issues: DataIssue[] = [];
  const rename = (
    record: Record<string, unknown>,
    pairs: readonly (readonly [string, string])[],
    at: string,
  ): Record<string, unknown> => {
    const present = pairs.filter(([old]) => Object.hasOwn(record, old));
    if (present.length === 0) return record;
    const olds = new Set(present.map(([old]) => old));
    const out = Object.fromEntries(Object.entries(record).filter(([key]) => !olds.has(key)));
    for (const [old, now] of present) {
      if (Object.hasOwn(record, now)) {
        issues.push({
          field: `${at}${now}`,
          message: `given twice: as "${old}" (its old name) and as "${now}": keep "${now}"`,
        });
      } else {
        out[now] = record[old];
        asGiven.set(`${at}${now}`, `${at}${old}`);
        used.add(`${old} (now ${now})`);
      }
    }
    return out;
  };
  const mapArray = (
    value: unknown,
    each: (item: Record<string, unknown>, at: string) => Record<string, unknown>,
    at: string,
  ): unknown =>
    Array.isArray(value)
      ? value.map((item: unknown, i) => (isRecord(item) ? each(item, `${at}[${i}]`) : item))
      : value;
  let value: unknown = input;
  if (isRecord(input)) {
    const file = rename(input, RENAMED.file, "");
    value = !Object.hasOwn(file, "shifts")
      ? file
      : {
          ...file,
          shifts: mapArray(
            file["shifts"],
            (shift, at) => {
              const renamed = rename(shift, RENAMED.shift, `${at}.`);
              const breaks = mapArray(
                renamed["breaks"],
                (b, atBreak) => rename(b, RENAMED.break, `${atBreak}.`),
                `${at}.breaks`,
              );
              return breaks === renamed["breaks"] ? renamed : { ...renamed, breaks };
            },
            "shifts",
          ),
        };
  }
  return {
    value,
    asGiven,
    ...(used.size === 0
      ? {}
      : {
          warning:
            `old field names ${[...used].join(", ")}: they are still read, but rename them ` +
            "(the old names will stop working in a later version)",
        }),
    issues,
  };
}
