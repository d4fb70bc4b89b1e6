/**
 * Local calendars in forecasts: slots follow the local clock across DST changes, days have 92
 * or 100 quarter hours, and instants are written with the zone's offset.
 */
import { describe, expect, it } from "vitest";
import { forecastCalls, type HistoryInterval } from "../../src/forecast/index.ts";
import { createZone, dayNumber, formatInstant } from "../../src/time/zone.ts";
import { expectClose } from "../support/approx.ts";

/** Calls by local clock quarter hour: a daily shape, 08:00-18:00 open, every day alike. */
const shape = (q: number): number => (q >= 32 && q < 72 ? 20 + (q % 7) : 0);

function localHistory(zoneName: string, fromDay: number, toDay: number): HistoryInterval[] {
  const zone = createZone(zoneName);
  const rows: HistoryInterval[] = [];
  for (let d = fromDay; d < toDay; d++) {
    for (let t = zone.dayStart(d); t < zone.dayStart(d + 1); t += 900_000) {
      const q = Math.floor(zone.clockMinutes(t) / 15);
      rows.push({ queue: "", startMs: t, calls: shape(q) });
    }
  }
  return rows;
}

describe.each(["Europe/Berlin", "America/New_York", "Australia/Lord_Howe"])(
  "forecast in %s",
  (zoneName) => {
    const zone = createZone(zoneName);
    it("follows the local clock through the spring and autumn changes", () => {
      for (const [y, m, d] of zoneName === "Australia/Lord_Howe"
        ? [
            [2025, 10, 5],
            [2025, 4, 6],
          ]
        : zoneName === "America/New_York"
          ? [
              [2025, 3, 9],
              [2025, 11, 2],
            ]
          : [
              [2025, 3, 30],
              [2025, 10, 26],
            ]) {
        const day = dayNumber(y!, m!, d!);
        const history = localHistory(zoneName, day - 42, day);
        const { rows } = forecastCalls(history, {
          start: zone.dayStart(day),
          days: 1,
          timeZone: zoneName,
        });
        const expected = (zone.dayStart(day + 1) - zone.dayStart(day)) / 900_000;
        expect(rows.length).toBe(expected);
        expect([92, 94, 96, 98, 100]).toContain(expected);
        for (const r of rows) {
          const q = Math.floor(zone.clockMinutes(r.startMs) / 15);
          expectClose(r.calls, shape(q), { abs: 1e-9 }, formatInstant(r.startMs, zone));
        }
      }
    });
  },
);

describe("instants in the output", () => {
  it("carry the zone's offset on either side of a change", () => {
    const berlin = createZone("Europe/Berlin");
    expect(formatInstant(Date.UTC(2025, 2, 30, 0, 45), berlin)).toBe("2025-03-30T01:45:00+01:00");
    expect(formatInstant(Date.UTC(2025, 2, 30, 1), berlin)).toBe("2025-03-30T03:00:00+02:00");
  });
});
