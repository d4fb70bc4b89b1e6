/**
 * One staffing interval simulated at steady state: its rates held constant over a long window
 * after a warm-up, agents per group fixed, one seed for every staffing tried (common random
 * numbers: two staffings see the same calls, so their difference is the staffing's, not
 * noise). The check and correction step of routed staffing.
 *
 * @module
 */
import { simulateRouting } from "./simulate-routing.ts";
import type { RoutingModel } from "./model.ts";
import type { QueueFigures } from "./targets.ts";

/**
 * How long a check simulates: about `calls` offered calls measured (default 12,000), over at least
 * `minSeconds` when that costs no more than `maxCallsFactor` times as many calls, at most
 * `maxSeconds`; after a warm-up of ten times the longest AHT or patience (at least 30 min), cut
 * to `warmUpCalls` calls. A check thus simulates at most about 35,000 calls, whatever the load.
 */
export const CHECK_WINDOW = {
  calls: 12_000,
  minSeconds: 4 * 3600,
  maxSeconds: 96 * 3600,
  maxCallsFactor: 2,
  warmUpCalls: 10_000,
} as const;

/** Offered calls per second and AHT of each queue with calls. */
export type SteadyLoads = Readonly<
  Record<string, { readonly callsPerSecond: number; readonly ahtSeconds: number }>
>;

/** What a check gives: each queue's figures and each group's occupancy. */
export interface SteadyFigures {
  readonly queues: Readonly<Record<string, QueueFigures>>;
  readonly groups: Readonly<Record<string, { readonly occupancy: number | null }>>;
}

/** The warm-up and measured window of a check (seconds), and the calls it simulates. */
export function steadyWindow(
  model: RoutingModel,
  loads: SteadyLoads,
  calls: number = CHECK_WINDOW.calls,
): { warmUpSeconds: number; windowSeconds: number; calls: number } {
  const total = Object.values(loads).reduce((a, l) => a + l.callsPerSecond, 0);
  const longest = Object.entries(loads).reduce(
    (m, [q, l]) => Math.max(m, l.ahtSeconds, model.queues[q]!.patienceSeconds ?? 0),
    0,
  );
  if (!(total > 0)) return { warmUpSeconds: 0, windowSeconds: CHECK_WINDOW.minSeconds, calls: 0 };
  const warmUpSeconds = Math.min(Math.max(1800, 10 * longest), CHECK_WINDOW.warmUpCalls / total);
  const windowSeconds = Math.min(
    CHECK_WINDOW.maxSeconds,
    Math.max(
      calls / total,
      Math.min(CHECK_WINDOW.minSeconds, (CHECK_WINDOW.maxCallsFactor * calls) / total),
    ),
  );
  return { warmUpSeconds, windowSeconds, calls: total * (warmUpSeconds + windowSeconds) };
}

/**
 * Simulates `agents` (productive, per group) against constant `loads` (after rejection: the
 * routing's reject shares are not drawn again).
 *
 * @param calls - offered calls to measure, about (see {@link CHECK_WINDOW} and {@link steadyWindow})
 */
export function simulateSteady(
  model: RoutingModel,
  loads: SteadyLoads,
  agents: Readonly<Record<string, number>>,
  seed: number,
  calls: number = CHECK_WINDOW.calls,
): SteadyFigures {
  const { warmUpSeconds: warmUp, windowSeconds: window } = steadyWindow(model, loads, calls);
  const span = warmUp + window;
  const flat = (v: number) => ({ startMs: 0, stepSeconds: span, values: [v] });
  const queues = Object.create(null) as Record<string, (typeof model.queues)[string]>;
  for (const [q, spec] of Object.entries(model.queues)) queues[q] = { ...spec, rejectShare: 0 };
  const r = simulateRouting({
    routing: { ...model, queues },
    streams: Object.entries(loads).map(([queue, l]) => ({
      queue,
      rate: flat(l.callsPerSecond),
      ahtSeconds: l.ahtSeconds,
    })),
    groups: Object.entries(agents).map(([group, n]) => ({ group, agents: flat(n) })),
    report: { startMs: warmUp * 1000, intervalSeconds: window, count: 1 },
    dayStartsMs: [0],
    runs: 1,
    seed,
  });
  return { queues: r.total.queues, groups: r.total.groups };
}
