import { expect } from "vitest";

/**
 * Asserts |actual - expected| <= max(abs, rel * |expected|). Named tolerances instead of
 * toBeCloseTo, whose second argument is a number of digits.
 */
export function expectClose(
  actual: number,
  expected: number,
  tol: { abs?: number; rel?: number },
  label = "",
): void {
  const bound = Math.max(tol.abs ?? 0, (tol.rel ?? 0) * Math.abs(expected));
  const ok = Math.abs(actual - expected) <= bound;
  if (!ok) {
    expect.fail(
      `${label ? `${label}: ` : ""}expected ${expected} +- ${bound}, got ${actual} (off by ${Math.abs(actual - expected)})`,
    );
  }
}

/** Tolerance for published rates rounded to 3-4 decimals (staffing.md section 3). */
export const PUBLISHED = { abs: 5e-4 } as const;
