/**
 * "No data" in a history (an ACD export's `-` or empty calls cell) is unknown, never 0: the
 * forecast learns around it and backtests do not score it.
 */
import { describe, expect, it } from "vitest";
import { backtest, forecastCalls, parseHistoryCsv } from "../../src/forecast/index.ts";

/** Five weeks of quarter hours 08:00-20:00 UTC, 20 calls each; day 10 10:00-11:00 unknown. */
function history(unknown: "-" | "" | "0"): string {
  const lines = ["start,queue,calls"];
  for (let d = 0; d < 35; d++) {
    for (let s = 32; s < 80; s++) {
      const t = new Date(Date.UTC(2025, 0, 6 + d, 0, s * 15)).toISOString();
      lines.push(`${t},q,${d === 10 && s >= 40 && s < 44 ? unknown : 20}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

describe("unknown calls in the history", () => {
  it("are read as NaN from '-' or an empty cell", () => {
    for (const cell of ["-", ""] as const) {
      const rows = parseHistoryCsv(history(cell), "h.csv").rows;
      expect(rows.filter((r) => Number.isNaN(r.calls))).toHaveLength(4);
    }
  });

  it("leave the forecast of those slots at the level of the other weeks (0s would pull it down)", () => {
    const start = Date.UTC(2025, 1, 10); // a Monday, five weeks after the first day
    const at10 = (text: string): number => {
      const f = forecastCalls(parseHistoryCsv(text, "h.csv").rows, { start, days: 7 });
      // the weekday of day 10 (a Thursday) at 10:00
      return f.rows.find((r) => r.startMs === Date.UTC(2025, 1, 13, 10))!.calls;
    };
    const unknown = at10(history("-"));
    expect(Math.abs(unknown - 20)).toBeLessThan(0.5);
    expect(at10(history("0"))).toBeLessThan(unknown - 0.5);
  });

  it("are not scored by a backtest", () => {
    const rows = parseHistoryCsv(history("-"), "h.csv").rows;
    const r = backtest(rows, { origins: 28, days: 1 });
    for (const m of r.models) {
      expect(m.horizons[0]!.wape).not.toBeNull();
      expect(Number.isFinite(m.horizons[0]!.wape!)).toBe(true);
    }
  });
});
