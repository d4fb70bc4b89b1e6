/**
 * The search for a channel's response kernel: a coarse grid over the shapes the literature
 * reports, then a pattern search (coordinate moves that shrink) on the least-squares score of
 * the fit. Derivative-free: the score is a sum over intervals of a tabulated CDF, piecewise
 * linear in the parameters.
 *
 * @module
 */
import type { Kernel } from "./kernel.ts";

/**
 * The coarse grid, tried once before the pattern search so that it starts near the best basin:
 * shapes from 1 (the response decays from the airing on) to 4 (a later, rounder peak), scales
 * from 1.5 to 24 minutes and delays of 0 to 5 minutes. This spans what the research note
 * forecast.md reports (section 0.4: most calls within about 20 minutes of airing; its reference
 * kernel, section 5.1, is gamma with shape 2 and scale 4 minutes) with room on both sides.
 */
const COARSE_SHAPES = [1, 1.6, 2.5, 4];
const COARSE_SCALES = [1.5, 3, 6, 12, 24];
const COARSE_DELAYS = [0, 2, 5];

/**
 * The pattern search's steps: [factor on shape and scale, minutes on the delay], coarse to
 * fine, down to 2.5 % and a quarter minute (the kernel table's resolution, kernel.ts).
 */
const PATTERN_STEPS = [
  [1.25, 1],
  [1.1, 0.5],
  [1.025, 0.25],
] as const;

/**
 * Most rounds of moves at one step size: a bound, far beyond any plausible kernel (40 steps of
 * 25 % multiply a scale by about 7,500), that ends the search should the score keep creeping up.
 */
const MAX_ROUNDS = 40;

/** Relative gain a move needs to be taken: rounding noise in the score cannot make it wander. */
const MIN_GAIN = 1e-9;

/** Least shape: below 1 the gamma density is infinite at the response's start. */
const MIN_SHAPE = 1;
/** Least scale, minutes: twice the kernel table's resolution, so the table still resolves it. */
const MIN_SCALE = 0.5;

/** Parameters are kept to thousandths: nearby kernels share a tabulated CDF (and a cache key). */
const round = (v: number): number => Math.round(v * 1000) / 1000;

/**
 * Best kernel by `score` (higher is better): the coarse grid (when `coarse`), then a pattern
 * search on shape, scale (multiplied or divided by a factor) and delay (plus or minus a step),
 * the steps shrinking from 25 % and 1 minute to 2.5 % and 0.25 minutes.
 *
 * @param start - the kernel to start from (kept unless a move scores better)
 * @example
 * const best = searchKernel({ shape: 2, scale: 5, delay: 1 }, (k) => fitScore(k), true);
 */
export function searchKernel(start: Kernel, score: (k: Kernel) => number, coarse: boolean): Kernel {
  let best = start;
  let bestScore = score(start);
  const consider = (k: Kernel): boolean => {
    const s = score(k);
    if (s > bestScore * (1 + MIN_GAIN)) {
      best = k;
      bestScore = s;
      return true;
    }
    return false;
  };
  if (coarse) {
    for (const shape of COARSE_SHAPES)
      for (const scale of COARSE_SCALES)
        for (const delay of COARSE_DELAYS) consider({ shape, scale, delay });
  }
  for (const [factor, delayStep] of PATTERN_STEPS) {
    for (let i = 0; i < MAX_ROUNDS; i++) {
      const b = best;
      const moves: Kernel[] = [
        { ...b, shape: round(b.shape * factor) },
        { ...b, shape: round(Math.max(MIN_SHAPE, b.shape / factor)) },
        { ...b, scale: round(b.scale * factor) },
        { ...b, scale: round(Math.max(MIN_SCALE, b.scale / factor)) },
        { ...b, delay: b.delay + delayStep },
        { ...b, delay: Math.max(0, b.delay - delayStep) },
      ];
      let improved = false;
      for (const m of moves) if (consider(m)) improved = true;
      if (!improved) break;
    }
  }
  return best;
}
