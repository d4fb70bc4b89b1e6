/**
 * Tolerance of a printed reference number: half a unit of its last digit (plus 1e-12 for the
 * rounding of the comparison itself).
 */
import { expectClose } from "../../support/approx.ts";

export function printed(text: string): { abs: number } {
  const decimals = text.includes(".") ? text.length - text.indexOf(".") - 1 : 0;
  return { abs: 0.5 * 10 ** -decimals + 1e-12 };
}

/** Asserts `actual` equals the printed `expected` to half a unit of its last digit. */
export function expectPrinted(actual: number, expected: string, label: string): void {
  expectClose(actual, Number(expected), printed(expected), label);
}
