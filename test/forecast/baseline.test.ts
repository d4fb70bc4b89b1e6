/**
 * Known-answer tests of the baseline on constructed series.
 */
import { describe, expect, it } from "vitest";
import { forecastCalls, type HistoryInterval } from "../../src/forecast/index.ts";
import { expectClose } from "../support/approx.ts";

const DAY = 86_400_000;
const MONDAY = Date.UTC(2025, 0, 6) / DAY; // day number of Monday 2025-01-06

/** Calls of weekday w (0 Sunday) in the quarter hour q: a different shape and level per weekday. */
function pattern(w: number, q: number): number {
  if (w === 0) return 0; // closed on Sundays (rows with 0 calls)
  if (q < 28 || q >= 80) return 0; // 07:00-20:00 open
  const bump = Math.exp(-(((q - 40 - 3 * w) / 9) ** 2));
  return Math.round(10 * w + 100 * bump * (1 + w / 10));
}

function history(weeks: number, skip: (day: number) => boolean = () => false): HistoryInterval[] {
  const rows: HistoryInterval[] = [];
  for (let d = MONDAY; d < MONDAY + 7 * weeks; d++) {
    if (skip(d)) continue;
    const w = (d + 4) % 7;
    for (let q = 0; q < 96; q++) {
      if (q < 28 || q >= 80) continue; // closed hours have no rows: 0 calls
      rows.push({ queue: "", startMs: d * DAY + q * 900_000, calls: pattern(w, q) });
    }
  }
  return rows;
}

describe("baseline on constructed series", () => {
  it("recovers a pure weekly pattern exactly (staffcast's model and the selection agree)", () => {
    const start = (MONDAY + 7 * 10) * DAY;
    const { rows, models } = forecastCalls(history(10), { start, days: 14 });
    expect(rows.length).toBe(14 * 96);
    for (const r of rows) {
      const d = Math.floor(r.startMs / DAY);
      const q = Math.floor((r.startMs % DAY) / 900_000);
      expectClose(
        r.calls,
        pattern((d + 4) % 7, q),
        { abs: 1e-9, rel: 1e-12 },
        r.startMs.toString(),
      );
    }
    expect(models[0]!.selection.methods.length).toBe(7);
  });

  it("skips missing days (no rows at all) instead of reading them as zero", () => {
    const missing = new Set([MONDAY + 15, MONDAY + 30, MONDAY + 31, MONDAY + 60]);
    const start = (MONDAY + 70) * DAY;
    const { rows } = forecastCalls(
      history(10, (d) => missing.has(d)),
      { start, days: 7 },
    );
    for (const r of rows) {
      const d = Math.floor(r.startMs / DAY);
      const q = Math.floor((r.startMs % DAY) / 900_000);
      expectClose(r.calls, pattern((d + 4) % 7, q), { abs: 1e-9, rel: 1e-12 });
    }
  });

  it("forecasts 0 where history is always empty, and p10 <= calls <= p90 elsewhere", () => {
    const { rows } = forecastCalls(history(6), { start: (MONDAY + 42) * DAY, days: 7 });
    for (const r of rows) {
      const q = Math.floor((r.startMs % DAY) / 900_000);
      if (q < 28 || q >= 80) {
        expect([r.calls, r.p10, r.p90]).toEqual([0, 0, 0]);
      } else {
        expect(r.p10).toBeLessThanOrEqual(r.calls + 1);
        expect(r.p90).toBeGreaterThanOrEqual(r.calls - 1);
        expect(Number.isInteger(r.p10) && Number.isInteger(r.p90)).toBe(true);
      }
    }
  });

  it("aggregates to a coarser output interval without changing the totals", () => {
    const h = history(6);
    const start = (MONDAY + 42) * DAY;
    const fine = forecastCalls(h, { start, days: 7 });
    const coarse = forecastCalls(h, { start, days: 7, intervalMinutes: 60 });
    expect(coarse.rows.length).toBe(7 * 24);
    const sum = (rs: { calls: number }[]): number => rs.reduce((a, r) => a + r.calls, 0);
    expectClose(sum(coarse.rows), sum(fine.rows), { rel: 1e-12 });
    expectClose(coarse.rows[10]!.calls, sum(fine.rows.slice(40, 44)), { rel: 1e-12 });
  });

  it("uses the day's level: a step change in volume moves the forecast", () => {
    // weeks 1-8 at the pattern, the last two weeks 20 % higher
    const h = history(10).map((r) =>
      r.startMs >= (MONDAY + 56) * DAY ? { ...r, calls: r.calls * 1.2 } : r,
    );
    const { rows } = forecastCalls(h, { start: (MONDAY + 70) * DAY, days: 1 });
    const total = rows.reduce((a, r) => a + r.calls, 0);
    const plain = history(1).filter((r) => r.startMs < (MONDAY + 1) * DAY);
    const base = plain.reduce((a, r) => a + r.calls, 0);
    expect(total / base).toBeGreaterThan(1.1);
    expect(total / base).toBeLessThan(1.25);
  });
});
