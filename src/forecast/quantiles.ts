/**
 * Prediction intervals for call counts: negative binomial (Poisson when not overdispersed) with
 * mean mu and variance mu + c mu^2, the "Poisson conditional on a random rate" model of call
 * arrivals (Jongbloed & Koole 2001; Avramidis, Deslauriers & L'Ecuyer 2004).
 *
 * @module
 */
/** Beyond this standard deviation the Cornish-Fisher approximation replaces summation. */
const SUM_LIMIT_SD = 20_000;

/**
 * The p-quantile of a negative binomial count with mean `mean` and variance
 * `mean + overdispersion * mean^2` (Poisson for overdispersion 0): the smallest k with
 * P(X <= k) >= p. Exact: the probabilities are summed over mean +- 14 standard deviations,
 * relative to the one at the mean, by the recurrence P(k+1)/P(k) = (k + r) q / (k + 1)
 * (r = 1/c, q = mean/(r + mean); mean/(k + 1) for Poisson), so nothing underflows. Only for
 * standard deviations above 20,000 a Cornish-Fisher expansion with the skewness is used.
 *
 * @example
 * countQuantile(10, 0, 0.9); // => 14 (Poisson(10): P(X <= 13) = 0.864, P(X <= 14) = 0.917)
 */
export function countQuantile(mean: number, overdispersion: number, p: number): number {
  if (!(mean > 0)) return 0;
  const c = Math.max(0, overdispersion);
  const variance = mean + c * mean * mean;
  const sd = Math.sqrt(variance);
  if (sd > SUM_LIMIT_SD) {
    const z = normalQuantile(p);
    const skew = (1 + 2 * c * mean) / sd; // NB skewness (Poisson: 1/sqrt(mean))
    return Math.max(0, Math.ceil(mean + sd * (z + ((z * z - 1) * skew) / 6) - 0.5));
  }
  const r = c > 0 ? 1 / c : 0;
  const q = c > 0 ? mean / (r + mean) : 0;
  const ratio = (k: number): number => (c > 0 ? ((k + r) * q) / (k + 1) : mean / (k + 1));
  const lo = Math.max(0, Math.floor(mean - 14 * sd - 5));
  const hi = Math.ceil(mean + 14 * sd + 10);
  const anchor = Math.min(hi, Math.max(lo, Math.floor(mean)));
  const probs = new Float64Array(hi - lo + 1);
  probs[anchor - lo] = 1;
  for (let k = anchor; k < hi; k++) probs[k + 1 - lo] = probs[k - lo]! * ratio(k);
  for (let k = anchor; k > lo; k--) probs[k - 1 - lo] = probs[k - lo]! / ratio(k - 1);
  let total = 0;
  for (const v of probs) total += v;
  let cdf = 0;
  for (let k = lo; k <= hi; k++) {
    cdf += probs[k - lo]! / total;
    if (cdf >= p - 1e-12) return k;
  }
  return hi;
}

/**
 * Standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).
 *
 * @example
 * normalQuantile(0.9); // => 1.2815515...
 */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}
