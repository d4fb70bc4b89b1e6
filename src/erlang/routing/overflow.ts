/**
 * Loss-system building blocks for overflow routing: the continuous Erlang B function, Riordan's
 * overflow moments, Hayward–Fredericks blocking of a peaked stream and Rapp's equivalent random
 * load (Wilkinson's equivalent random method, ERM).
 *
 * Formulas (restated in ../shared/research/multiskill.md §1.3; Riordan 1956 and Wilkinson 1956
 * for the overflow moments and the ERM, Rapp 1964 for the closed-form start, Fredericks 1980
 * for Hayward's scaling), for a Poisson load a offered to n servers and B = B(n, a):
 * - overflow mean m = a B, variance v = m (1 - m + a / (n + 1 + m - a)), peakedness z = v / m;
 * - continuous Erlang B: 1/B(x, a) = a ∫_0^∞ e^{-a t} (1 + t)^x dt = e^a a^{-x} Γ(x + 1, a);
 * - Hayward: a stream of mean M and peakedness Z on N servers is blocked with B(N/Z, M/Z);
 * - Rapp: A* = V + 3 Z (Z - 1), N* = A* (M + Z) / (M + Z - 1) - M - 1; ERM blocking of N
 *   further servers = B(N* + N, A*) / B(N*, A*).
 *
 * Every function is overflow-free at any size (no factorials): Erlang B goes through the scaled
 * incomplete gamma function of math/gamma.ts.
 *
 * @module
 */
import { lnScaledQ } from "../../math/gamma.ts";
import { erlangB } from "../erlang-b.ts";

/** The first two moments of an overflow stream. */
export interface OverflowMoments {
  /** Mean overflow traffic m, Erlangs. */
  readonly mean: number;
  /** Variance v of the number of overflow calls that would be in progress on infinite servers. */
  readonly variance: number;
  /** Peakedness z = v / m (1 when m = 0). */
  readonly peakedness: number;
}

function checkServers(servers: number): void {
  if (!(servers >= 0) || !Number.isFinite(servers))
    throw new RangeError(`servers must be a finite number >= 0, got ${servers}`);
}

function checkLoad(load: number, what = "load"): void {
  if (!(load >= 0) || !Number.isFinite(load))
    throw new RangeError(`${what} must be a finite number >= 0, got ${load}`);
}

/**
 * Erlang B for a real number of servers x >= 0: B(x, a) = a^x e^{-a} / Γ(x + 1, a), which is
 * the classical Erlang B at whole x. Evaluated as 1/B = (a/(x+1)) Q(x+1, a)/D(x+1, a) with the
 * scaled incomplete gamma ratio (relative accuracy about 1e-13, any x and a).
 *
 * @param servers - x, a real number >= 0
 * @param load - a, offered load in Erlangs (>= 0)
 * @returns the blocking probability in [0, 1]; 1 at x = 0, 0 at a = 0 < x
 * @throws RangeError for a negative or non-finite argument
 * @example
 * erlangBContinuous(4, 3); // => 0.20610687022900764 (multiskill.md §1.3: 0.206107)
 */
export function erlangBContinuous(servers: number, load: number): number {
  checkServers(servers);
  checkLoad(load);
  if (Number.isInteger(servers)) return erlangB(servers, load);
  if (load === 0) return 0;
  const s = servers + 1;
  const b = Math.exp(-(Math.log(load / s) + lnScaledQ(s, load)));
  return b > 1 ? 1 : b;
}

/**
 * Riordan's overflow moments of a Poisson load offered to n servers (n may be real, with the
 * continuous Erlang B).
 *
 * @param servers - n >= 0
 * @param load - a, Erlangs (>= 0)
 * @example
 * overflowMoments(4, 3); // => { mean: 0.618321, variance: 0.944455, peakedness: 1.527452 }
 * // (multiskill.md §1.3, to the printed digits)
 */
export function overflowMoments(servers: number, load: number): OverflowMoments {
  const b = erlangBContinuous(servers, load);
  return momentsFromBlocking(servers, load, b);
}

/** {@link overflowMoments} from a known B(n, a). @internal */
export function momentsFromBlocking(servers: number, load: number, b: number): OverflowMoments {
  const mean = load * b;
  if (mean === 0) return { mean: 0, variance: 0, peakedness: 1 };
  // n + 1 + m - a >= 1 because the carried traffic a (1 - B) never exceeds n
  const denominator = Math.max(1, servers + 1 + mean - load);
  const variance = Math.max(0, mean * (1 - mean + load / denominator));
  return { mean, variance, peakedness: variance / mean };
}

/**
 * Hayward–Fredericks blocking of a stream with mean M and peakedness Z offered to N servers:
 * B(N/Z, M/Z) with the continuous Erlang B.
 *
 * @param servers - N >= 0
 * @param meanErlangs - M >= 0
 * @param peakedness - Z > 0 (1 for Poisson traffic, which gives the classical Erlang B)
 * @example
 * haywardBlocking(26, 24.61832, 1.013248); // => 0.1149... (multiskill.md §1.3: 0.114907)
 */
export function haywardBlocking(servers: number, meanErlangs: number, peakedness: number): number {
  checkServers(servers);
  checkLoad(meanErlangs, "meanErlangs");
  if (!(peakedness > 0) || !Number.isFinite(peakedness))
    throw new RangeError(`peakedness must be a finite number > 0, got ${peakedness}`);
  if (meanErlangs === 0) return servers === 0 ? 1 : 0;
  return erlangBContinuous(servers / peakedness, meanErlangs / peakedness);
}

/** A fictitious Poisson load on fictitious servers whose overflow has given moments. */
export interface EquivalentRandom {
  /** A*, Erlangs. */
  readonly load: number;
  /** N*, servers (real, >= 0). */
  readonly servers: number;
}

/**
 * Rapp's closed-form equivalent random load: A* = V + 3Z(Z - 1),
 * N* = A*(M + Z)/(M + Z - 1) - M - 1 (Z = V/M). N* is clamped at 0 for smooth traffic
 * (Z < 1), where the method does not apply.
 *
 * @param mean - M > 0
 * @param variance - V >= 0
 * @example
 * rappEquivalent(0.618321, 0.944455); // => { load: 3.3614..., servers: 4.6769... } (§1.3)
 */
export function rappEquivalent(mean: number, variance: number): EquivalentRandom {
  if (!(mean > 0) || !Number.isFinite(mean))
    throw new RangeError(`mean must be a finite number > 0, got ${mean}`);
  checkLoad(variance, "variance");
  const z = variance / mean;
  const load = variance + 3 * z * (z - 1);
  const servers = (load * (mean + z)) / (mean + z - 1) - mean - 1;
  return { load, servers: servers > 0 && Number.isFinite(servers) ? servers : 0 };
}

/**
 * Equivalent-random-method blocking of a stream (M, V) offered to N servers:
 * B(N* + N, A*) / B(N*, A*) with Rapp's (A*, N*).
 *
 * @example
 * ermBlocking(26, 24.61832, 24.94446); // => 0.11488... (multiskill.md §1.3: 0.114888)
 */
export function ermBlocking(servers: number, mean: number, variance: number): number {
  checkServers(servers);
  if (mean === 0) return servers === 0 ? 1 : 0;
  const eq = rappEquivalent(mean, variance);
  const b =
    erlangBContinuous(eq.servers + servers, eq.load) / erlangBContinuous(eq.servers, eq.load);
  return b > 1 ? 1 : b;
}
