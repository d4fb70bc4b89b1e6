import { describe, expect, it } from "vitest";
import {
  createZone,
  dayNumber,
  formatDay,
  formatInstant,
  parseDay,
  weekdayOf,
} from "../../src/time/zone.ts";
import { daySlots } from "../../src/forecast/series.ts";

const hours = (zone: string, y: number, m: number, d: number): number => {
  const z = createZone(zone);
  const day = dayNumber(y, m, d);
  return (z.dayStart(day + 1) - z.dayStart(day)) / 3_600_000;
};

describe("local days (IANA data through @date-fns/tz, whatever the machine's TZ)", () => {
  it("last 23 and 25 hours on the days clocks change, 23.5 and 24.5 on Lord Howe Island", () => {
    expect(hours("Europe/Berlin", 2025, 3, 30)).toBe(23);
    expect(hours("Europe/Berlin", 2025, 10, 26)).toBe(25);
    expect(hours("Europe/Berlin", 2025, 6, 1)).toBe(24);
    expect(hours("America/New_York", 2025, 3, 9)).toBe(23);
    expect(hours("America/New_York", 2025, 11, 2)).toBe(25);
    expect(hours("Australia/Lord_Howe", 2025, 10, 5)).toBe(23.5);
    expect(hours("Australia/Lord_Howe", 2025, 4, 6)).toBe(24.5);
    expect(hours("UTC", 2025, 3, 30)).toBe(24);
  });

  it("start at local midnight, or just after it when midnight is skipped (Santiago)", () => {
    const berlin = createZone("Europe/Berlin");
    expect(berlin.dayStart(dayNumber(2025, 1, 6))).toBe(Date.UTC(2025, 0, 5, 23));
    const santiago = createZone("America/Santiago");
    // 2024-09-08: clocks jump from 00:00 to 01:00 (-04:00 to -03:00)
    expect(santiago.dayStart(dayNumber(2024, 9, 8))).toBe(Date.UTC(2024, 8, 8, 4));
  });

  it("have 92 and 100 quarter hours on DST days, clock slots skipped or repeated", () => {
    const berlin = createZone("Europe/Berlin");
    const spring = daySlots(berlin, dayNumber(2025, 3, 30), 15);
    expect(spring.starts.length).toBe(92);
    expect(spring.slots.includes(8)).toBe(false); // 02:00 does not exist
    expect(spring.slots[8]).toBe(12); // 03:00 follows 01:45
    const fall = daySlots(berlin, dayNumber(2025, 10, 26), 15);
    expect(fall.starts.length).toBe(100);
    expect(fall.slots.filter((s) => s === 8).length).toBe(2); // 02:00 twice
  });

  it("name weekdays and dates by day number", () => {
    expect(weekdayOf(0)).toBe(4); // 1970-01-01, a Thursday
    expect(weekdayOf(dayNumber(2025, 1, 6))).toBe(1);
    expect(formatDay(dayNumber(2024, 2, 29))).toBe("2024-02-29");
    expect(parseDay("2024-02-29")).toBe(dayNumber(2024, 2, 29));
    expect(parseDay("2025-02-29")).toMatch(/not a calendar date/);
    expect(parseDay("29.02.2024")).toMatch(/expected a date/);
  });

  it("write instants with Z in UTC and with the zone's offset elsewhere", () => {
    const t = Date.UTC(2025, 0, 6, 7);
    expect(formatInstant(t, createZone("UTC"))).toBe("2025-01-06T07:00:00Z");
    expect(formatInstant(t, createZone("Europe/Berlin"))).toBe("2025-01-06T08:00:00+01:00");
    expect(formatInstant(t, createZone("America/New_York"))).toBe("2025-01-06T02:00:00-05:00");
    expect(formatInstant(t, createZone("Asia/Kolkata"))).toBe("2025-01-06T12:30:00+05:30");
    expect(formatInstant(Date.UTC(2025, 6, 6, 7), createZone("Europe/Berlin"))).toBe(
      "2025-07-06T09:00:00+02:00",
    );
  });

  it("rejects unknown zones", () => {
    expect(() => createZone("Mars/Olympus_Mons")).toThrow(/unknown time zone "Mars\/Olympus_Mons"/);
  });
});
