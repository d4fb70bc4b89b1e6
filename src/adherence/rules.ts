/**
 * Adherence rules: which agent states (optionally with a reason code) are in adherence with
 * which scheduled activities. A matrix (activity or category) x (state [+ reason]) -> `in`,
 * `out` or `neutral`, as in Calabrio/Teleopti's rule matrix, NICE's adherence categories and
 * Genesys Cloud's activity categories (research: adherence-and-products.md, A2-A4).
 *
 * Lookup, most specific first: the activity code itself before its category before any
 * activity; within each, state and reason before state alone before any state (`"*"`); the
 * rules file before the defaults at equal specificity. No match: `out`.
 *
 * @module
 */
import { z } from "zod";
import { DataError, type DataIssue } from "../io/errors.ts";
import { zodIssues } from "../io/zod-issues.ts";
import { parseRecord } from "../io/records.ts";

/** Activity categories of a schedule. */
export const CATEGORIES = ["onQueue", "break", "meal", "meeting", "training", "offQueue"] as const;
export type Category = (typeof CATEGORIES)[number];

/** States an ACD or CCaaS platform reports, by default. */
export const DEFAULT_STATES = [
  "available",
  "onCall",
  "acw",
  "break",
  "meal",
  "meeting",
  "training",
  "offQueue",
  "loggedOut",
] as const;

/** States counted as working for conformance, by default. */
export const DEFAULT_WORKING_STATES = ["available", "onCall", "acw"] as const;

/** How a second is classified. */
export type Adherence = "in" | "out" | "neutral";

/** One rule of the matrix. */
export interface AdherenceRule {
  /** An activity code of the schedule; or */
  readonly activity?: string;
  /** a category; neither: any activity. */
  readonly category?: Category;
  /** A state, or "*" for any state. */
  readonly state: string;
  /** A reason code; absent: any reason. */
  readonly reason?: string;
  readonly adherence: Adherence;
}

/** Validated rules, ready for lookups. */
export interface AdherenceRules {
  /** Category of an activity code, or undefined for an unknown code. */
  categoryOf(activity: string): Category | undefined;
  /** Whether a state is known (a default state, or named by the rules file). */
  isKnownState(state: string): boolean;
  /** Whether a state counts as working (conformance). */
  isWorking(state: string): boolean;
  /** Classification of a state (and reason) against a scheduled activity code. */
  classify(activity: string, state: string, reason?: string): Adherence;
}

const defaultRules: readonly AdherenceRule[] = [
  ...DEFAULT_WORKING_STATES.map((state) => ({
    category: "onQueue" as const,
    state,
    adherence: "in" as const,
  })),
  ...(["break", "meal", "meeting", "training", "offQueue"] as const).map((c) => ({
    category: c,
    state: c,
    adherence: "in" as const,
  })),
];

const ruleSchema = z
  .strictObject({
    activity: z.string().min(1).optional(),
    category: z.enum(CATEGORIES).optional(),
    state: z.string().min(1),
    reason: z.string().min(1).optional(),
    adherence: z.enum(["in", "out", "neutral"]),
  })
  .refine((r) => r.activity === undefined || r.category === undefined, {
    message: "give an activity or a category, not both",
  });

const rulesSchema = z.strictObject({
  activities: z.record(z.string().min(1), z.enum(CATEGORIES)).default({}),
  states: z.array(z.string().min(1)).default([]),
  workingStates: z.array(z.string().min(1)).min(1).optional(),
  rules: z.array(ruleSchema).default([]),
});

/** The contents of a rules file. */
export interface RulesFile {
  /** Activity code -> category, for codes other than the category names themselves. */
  readonly activities?: Readonly<Record<string, Category>>;
  /** States beyond the defaults. */
  readonly states?: readonly string[];
  /** States counted as working for conformance (default available, onCall, acw). */
  readonly workingStates?: readonly string[];
  /** Rules, checked before the defaults. */
  readonly rules?: readonly AdherenceRule[];
}

/**
 * Validates a rules file (parsed JSON) and compiles it with the defaults.
 *
 * @throws DataError naming each bad field (e.g. `rules[2].adherence`), or rules that contradict
 * each other (same activity/category, state and reason with different adherence)
 * @example
 * const rules = parseRules({ activities: { phone: "onQueue" }, rules: [{ category: "training", state: "*", adherence: "neutral" }] });
 * rules.classify("phone", "onCall"); // => "in"
 */
export function parseRules(raw: unknown = {}): AdherenceRules {
  // Activity codes are names: a null-prototype record keeps any of them (see io/records.ts).
  const object = typeof raw === "object" && raw !== null && !Array.isArray(raw);
  const rawActivities = object ? (raw as { activities?: unknown }).activities : undefined;
  const parsed = rulesSchema.safeParse(object ? { ...raw, activities: {} } : raw);
  const issues: DataIssue[] = parsed.success ? [] : zodIssues(parsed.error);
  const activities = parseRecord(rawActivities, "activities", z.enum(CATEGORIES), issues);
  if (!parsed.success || issues.length > 0) throw new DataError(issues);
  const file = { ...parsed.data, activities };
  for (const code of Object.keys(file.activities)) {
    if ((CATEGORIES as readonly string[]).includes(code) && file.activities[code] !== code) {
      issues.push({
        field: `activities.${code}`,
        message: `"${code}" is a category name and stays in category ${code}`,
      });
    }
  }
  const seen = new Map<string, number>();
  file.rules.forEach((r, i) => {
    if (r.activity !== undefined && categoryOf(file.activities, r.activity) === undefined) {
      issues.push({
        field: `rules[${i}].activity`,
        message: `unknown activity code "${r.activity}" (map it under "activities" or use a category)`,
      });
    }
    const key = `${r.activity ?? ""}|${r.category ?? ""}|${r.state}|${r.reason ?? ""}`;
    const other = seen.get(key);
    if (other !== undefined && file.rules[other]!.adherence !== r.adherence) {
      issues.push({
        field: `rules[${i}]`,
        message: `contradicts rules[${other}] (same activity, state and reason)`,
      });
    }
    seen.set(key, i);
  });
  if (issues.length > 0) throw new DataError(issues);
  return compileRules({
    activities: file.activities,
    states: file.states,
    rules: file.rules as AdherenceRule[],
    ...(file.workingStates === undefined ? {} : { workingStates: file.workingStates }),
  });
}

function categoryOf(
  activities: Readonly<Record<string, Category>>,
  activity: string,
): Category | undefined {
  if ((CATEGORIES as readonly string[]).includes(activity)) return activity as Category;
  return Object.hasOwn(activities, activity) ? activities[activity] : undefined;
}

/** The default rules (no rules file). */
export function defaultAdherenceRules(): AdherenceRules {
  return compileRules({});
}

function compileRules(file: RulesFile): AdherenceRules {
  const activities = file.activities ?? {};
  const user = file.rules ?? [];
  const known = new Set<string>([...DEFAULT_STATES, ...(file.states ?? [])]);
  for (const r of user) if (r.state !== "*") known.add(r.state);
  const working = new Set<string>(file.workingStates ?? DEFAULT_WORKING_STATES);
  for (const s of working) known.add(s);
  // Index: "<scope>|<state>|<reason>" -> adherence, user rules first.
  const table = new Map<string, Adherence>();
  const put = (r: AdherenceRule): void => {
    const scope =
      r.activity !== undefined
        ? `a:${r.activity}`
        : r.category !== undefined
          ? `c:${r.category}`
          : "*";
    const key = `${scope}|${r.state}|${r.reason ?? "\u0000"}`;
    if (!table.has(key)) table.set(key, r.adherence);
  };
  for (const r of user) put(r);
  for (const r of defaultRules) put(r);
  const cache = new Map<string, Adherence>();
  return {
    categoryOf: (activity) => categoryOf(activities, activity),
    isKnownState: (state) => known.has(state),
    isWorking: (state) => working.has(state),
    classify(activity, state, reason) {
      const cacheKey = `${activity}\u0000${state}\u0000${reason ?? ""}`;
      const hit = cache.get(cacheKey);
      if (hit !== undefined) return hit;
      const category = categoryOf(activities, activity);
      const scopes = [`a:${activity}`, ...(category === undefined ? [] : [`c:${category}`]), "*"];
      let found: Adherence = "out";
      search: for (const scope of scopes) {
        const keys = [
          ...(reason === undefined ? [] : [`${scope}|${state}|${reason}`]),
          `${scope}|${state}|\u0000`,
          ...(reason === undefined ? [] : [`${scope}|*|${reason}`]),
          `${scope}|*|\u0000`,
        ];
        for (const key of keys) {
          const a = table.get(key);
          if (a !== undefined) {
            found = a;
            break search;
          }
        }
      }
      cache.set(cacheKey, found);
      return found;
    },
  };
}
