/**
 * The deterministic work limit of the solving commands and of a plan: its default and its
 * bounds, in work units (LP iterations of HiGHS, see `SolveOptions.workLimit`).
 *
 * @module
 */

/**
 * Default work limit, LP iterations summed over a command's solves: stops long solves at the
 * same point on every run well before the default 60 s time limit (measured: see
 * docs/limits.md), while the usual shift designs end on their proven gap long before it.
 */
export const DEFAULT_WORK_LIMIT = 100_000;

/** Largest work limit accepted (flags and plan configuration). */
export const WORK_LIMIT_MAX = 1e9;
