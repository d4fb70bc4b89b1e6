/**
 * The configuration against the forecast: every queue and pool it names exists, and every
 * queue has an AHT from the history or the configuration.
 *
 * @module
 */
import type { ForecastResult } from "../forecast/index.ts";
import { DataError, type DataIssue } from "../io/errors.ts";
import type { PlanConfig, QueueTargets } from "./config.ts";

/**
 * Checks the configuration against the forecast's queues.
 *
 * @returns warnings for queues without targets (they get 80 % in 20 s)
 * @throws DataError naming each field that names a missing queue or lacks an AHT
 */
export function checkQueues(
  config: PlanConfig,
  forecast: ForecastResult,
  targetsOf: (queue: string) => QueueTargets,
): string[] {
  const queues = [...new Set(forecast.rows.map((r) => r.queue))];
  const missing = (q: string): string =>
    `no queue "${q}" in the history (queues: ${queues.join(", ")})`;
  const issues: DataIssue[] = [];
  const warnings: string[] = [];
  for (const q of Object.keys(config.queues)) {
    if (!queues.includes(q)) issues.push({ field: `queues.${q}`, message: missing(q) });
  }
  config.pools.forEach((pool, i) => {
    pool.forEach((q, j) => {
      if (!queues.includes(q)) issues.push({ field: `pools[${i}][${j}]`, message: missing(q) });
    });
  });
  const withoutAht = new Set(
    forecast.rows.filter((r) => r.ahtSeconds === undefined).map((r) => r.queue),
  );
  for (const q of queues) {
    if (!Object.hasOwn(config.queues, q))
      warnings.push(`queue "${q}" has no targets in the configuration: 80 % in 20 s`);
    if (withoutAht.has(q) && targetsOf(q).ahtSeconds === undefined)
      issues.push({
        field: `queues.${q}.ahtSeconds`,
        message: `the history has no aht_s for queue "${q}": give ahtSeconds`,
      });
  }
  if (issues.length > 0) throw new DataError(issues);
  return warnings;
}
