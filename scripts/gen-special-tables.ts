/**
 * Generates `src/math/special-tables.generated.ts`: the constants behind `src/math/erfcx.ts` and the
 * uniform asymptotic expansion in `src/math/gamma.ts`. Everything is derived here from first
 * principles in exact or 120-digit arithmetic (BigInt), so no table is copied from anywhere:
 *
 * 1. Temme's expansion of the incomplete gamma ratio (Temme 1979; DLMF 8.12.8-8.12.10):
 *    Q(a, x) = erfc(eta * sqrt(a/2)) / 2 + exp(-a eta^2 / 2) / sqrt(2 pi a) * sum_k c_k(eta) a^-k,
 *    with lambda = x/a, eta^2/2 = lambda - 1 - ln(lambda), c_0 = 1/(lambda-1) - 1/eta and
 *    c_k = (1/eta) c_{k-1}'(eta) + (-1)^k g_k / (lambda - 1). The g_k (Stirling's coefficients) are
 *    not needed as input: they are fixed by requiring every c_k to be regular at eta = 0, and the
 *    script checks that they come out as the known 1/12, 1/288, -139/51840, ...
 *    We emit the Taylor coefficients of c_k(eta) about eta = 0 as doubles.
 * 2. erfcx(z) = exp(z^2) erfc(z) and its derivative at centres z0 = 0, 1/32, ..., 8, for a Taylor
 *    expansion driven by the ODE y' = 2 z y - 2/sqrt(pi).
 *
 * Run: `npx tsx scripts/gen-special-tables.ts > src/math/special-tables.generated.ts`
 */

// ---------- exact rationals ----------
interface Q {
  n: bigint;
  d: bigint;
}
const abs = (a: bigint): bigint => (a < 0n ? -a : a);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
function q(n: bigint, d = 1n): Q {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}
const ZERO = q(0n);
const ONE = q(1n);
const add = (a: Q, b: Q): Q => q(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: Q, b: Q): Q => q(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Q, b: Q): Q => q(a.n * b.n, a.d * b.d);
const div = (a: Q, b: Q): Q => q(a.n * b.d, a.d * b.n);
const int = (k: number): Q => q(BigInt(k));
const eqQ = (a: Q, b: Q): boolean => a.n === b.n && a.d === b.d;

/** A rational as a decimal string with `digits` significant digits (round half away from zero). */
function qToString(a: Q, digits = 22): string {
  if (a.n === 0n) return "0";
  const neg = a.n < 0n;
  const n = abs(a.n);
  // find exponent e with 10^e <= n/d < 10^(e+1)
  let e = n.toString().length - a.d.toString().length;
  if (n * 10n ** BigInt(Math.max(0, -e)) < a.d * 10n ** BigInt(Math.max(0, e))) e -= 1;
  const shift = digits - 1 - e;
  const scaled =
    shift >= 0
      ? (n * 10n ** BigInt(shift) * 2n + a.d) / (2n * a.d)
      : (n * 2n + a.d * 10n ** BigInt(-shift)) / (2n * a.d * 10n ** BigInt(-shift));
  const s = scaled.toString();
  const exp = e + (s.length - digits);
  return `${neg ? "-" : ""}${s[0]}.${s.slice(1)}e${exp}`;
}

// ---------- Temme coefficients ----------
const K_MAX = 12; // c_0 .. c_11
const TERMS = 34; // Taylor terms kept per c_k
const L = TERMS + 2 * K_MAX + 4;

// lambda - 1 = sum_{n>=1} l[n] eta^n from (lambda-1) lambda' = eta lambda, i.e. mu mu' = eta (1 + mu).
const l: Q[] = [ZERO, ONE];
for (let n = 2; n <= L + 1; n++) {
  let s = l[n - 1] ?? ZERO;
  for (let i = 2; i <= n - 1; i++) s = sub(s, mul(int(n - i + 1), mul(l[i]!, l[n - i + 1]!)));
  l.push(div(s, int(n + 1)));
}
// w = (lambda - 1)/eta = sum l[n+1] eta^n ; inv = 1/w
const w = Array.from({ length: L }, (_, n) => l[n + 1]!);
const inv: Q[] = [ONE];
for (let n = 1; n < L; n++) {
  let s = ZERO;
  for (let i = 1; i <= n; i++) s = add(s, mul(w[i]!, inv[n - i]!));
  inv.push(q(-s.n, s.d));
}
// 1/(lambda-1) = sum inv[n] eta^(n-1)
const c: Q[][] = [];
c.push(Array.from({ length: L - 1 }, (_, m) => inv[m + 1]!));
const g: Q[] = [ONE];
for (let k = 1; k < K_MAX; k++) {
  const p = c[k - 1]!;
  const signedG = q(-p[1]!.n, p[1]!.d); // (-1)^k g_k = -p_1
  g.push(k % 2 === 0 ? signedG : q(-signedG.n, signedG.d));
  const next: Q[] = [];
  for (let m = 0; m + 2 < p.length && m + 1 < inv.length; m++) {
    next.push(add(mul(int(m + 2), p[m + 2]!), mul(signedG, inv[m + 1]!)));
  }
  c.push(next);
}
// sanity: known Stirling coefficients g_1..g_4 and lambda series
const known = [q(1n, 12n), q(1n, 288n), q(-139n, 51840n), q(-571n, 2488320n)];
known.forEach((v, i) => {
  if (!eqQ(v, g[i + 1]!))
    throw new Error(`g_${i + 1} = ${qToString(g[i + 1]!)} is not the Stirling coefficient`);
});
if (!eqQ(l[2]!, q(1n, 3n)) || !eqQ(l[3]!, q(1n, 36n)) || !eqQ(l[4]!, q(-1n, 270n)))
  throw new Error("lambda series");
if (!eqQ(c[0]![0]!, q(-1n, 3n)) || !eqQ(c[0]![1]!, q(1n, 12n)) || !eqQ(c[1]![0]!, q(-1n, 540n)))
  throw new Error("c_k");

// ---------- 120-digit fixed point ----------
const P = 130n;
const SCALE = 10n ** P;
function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n)))) || 1n;
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (abs(y - x) <= 1n) {
      while (y * y > n) return y - 1n;
      return y;
    }
    x = y;
  }
}
function atanInv(k: bigint): bigint {
  // atan(1/k) * SCALE
  let sum = 0n;
  let term = SCALE / k;
  const k2 = k * k;
  for (let n = 0n; term !== 0n; n++) {
    const t = term / (2n * n + 1n);
    sum += n % 2n === 0n ? t : -t;
    term /= k2;
  }
  return sum;
}
const PI = 16n * atanInv(5n) - 4n * atanInv(239n);
const SQRT_PI = isqrt(PI * SCALE);
/** exp(r) * SCALE for a rational r >= 0 (Taylor series with halving). */
function expQ(r: Q): bigint {
  let halvings = 0;
  let rr = r;
  while (rr.n > rr.d) {
    rr = div(rr, int(2));
    halvings++;
  }
  const x = (rr.n * SCALE) / rr.d;
  let sum = SCALE;
  let term = SCALE;
  for (let n = 1n; term !== 0n; n++) {
    term = (term * x) / (SCALE * n);
    sum += term;
  }
  for (let i = 0; i < halvings; i++) sum = (sum * sum) / SCALE;
  return sum;
}
/** erfc(z) * SCALE for rational z >= 0 by the Maclaurin series of erf (exact terms, high precision). */
function erfcQ(z: Q): bigint {
  const EXTRA = 10n ** 60n;
  const S = SCALE * EXTRA;
  const z2 = mul(z, z);
  // sum (-1)^n z^(2n+1) / (n! (2n+1))
  let term = (z.n * S) / z.d; // z^(2n+1)/n! scaled
  let sum = 0n;
  for (let n = 0n; ; n++) {
    const t = term / (2n * n + 1n);
    sum += n % 2n === 0n ? t : -t;
    term = (term * z2.n) / (z2.d * (n + 1n));
    if (term === 0n) break;
  }
  const erf = (2n * sum * SCALE) / (SQRT_PI * EXTRA);
  return SCALE - erf;
}
/** The double nearest to a rational, printed as the shortest literal that round-trips. */
const dbl = (a: Q): string => String(Number(qToString(a, 25)));
const fx = (v: bigint): string => dbl(q(v, SCALE));

const centres: string[] = [];
const derivs: string[] = [];
for (let i = 0; i <= 256; i++) {
  const z = q(BigInt(i), 32n);
  const y = (expQ(mul(z, z)) * erfcQ(z)) / SCALE; // erfcx * SCALE
  const dy = (2n * y * z.n) / z.d - (2n * SCALE * SCALE) / SQRT_PI;
  centres.push(fx(y));
  derivs.push(fx(dy));
}

// ---------- emit ----------
const lines: string[] = [];
lines.push("// Generated by scripts/gen-special-tables.ts. Do not edit by hand.");
lines.push("");
lines.push("/**");
lines.push(
  " * Taylor coefficients of Temme's c_k(eta) about eta = 0, k = 0..K-1 (DLMF 8.12.8-8.12.10),",
);
lines.push(" * derived in exact rational arithmetic by the generator.");
lines.push(" */");
lines.push("export const TEMME_C: readonly (readonly number[])[] = [");
for (let k = 0; k < K_MAX; k++) {
  lines.push(`  [${c[k]!.slice(0, TERMS).map(dbl).join(", ")}],`);
}
lines.push("];");
lines.push("");
lines.push(
  "/** Stirling coefficients g_k of Gamma*(a) ~ sum g_k a^-k, a by-product of the derivation. */",
);
lines.push(`export const STIRLING_G: readonly number[] = [${g.map(dbl).join(", ")}];`);
lines.push("");
lines.push("/** erfcx(z) = exp(z^2) erfc(z) at z = i/32, i = 0..256 (120-digit arithmetic). */");
lines.push(`export const ERFCX_AT: readonly number[] = [${centres.join(", ")}];`);
lines.push("");
lines.push("/** d/dz erfcx(z) = 2 z erfcx(z) - 2/sqrt(pi) at z = i/32, i = 0..256. */");
lines.push(`export const ERFCX_DERIV_AT: readonly number[] = [${derivs.join(", ")}];`);
lines.push("");
process.stdout.write(lines.join("\n"));
