import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { formatInstantUtc, parseInstant } from "../../src/time/instant.ts";
import { inferSpacing, parseDuration } from "../../src/time/duration.ts";

describe("parseInstant (independent of the machine's TZ)", () => {
  it("reads Z and numeric offsets", () => {
    expect(parseInstant("2025-01-06T08:00:00Z")).toBe(Date.UTC(2025, 0, 6, 8));
    expect(parseInstant("2025-01-06T08:00Z")).toBe(Date.UTC(2025, 0, 6, 8));
    expect(parseInstant("2025-03-09T08:00:00-04:00")).toBe(Date.UTC(2025, 2, 9, 12));
    expect(parseInstant("2025-03-09T08:00:00+0530")).toBe(Date.UTC(2025, 2, 9, 2, 30));
    expect(parseInstant("2025-03-09 08:00:00.250+10:30")).toBe(
      Date.UTC(2025, 2, 8, 21, 30, 0, 250),
    );
    expect(parseInstant("2024-02-29T00:00:00Z")).toBe(Date.UTC(2024, 1, 29));
  });

  it("explains what is wrong instead of guessing", () => {
    expect(parseInstant("2025-01-06T08:00:00")).toMatch(/no time-zone offset/);
    expect(parseInstant("06/01/2025 08:00")).toMatch(/expected an ISO-8601 date-time/);
    expect(parseInstant("2025-13-01T00:00:00Z")).toMatch(/month 13/);
    expect(parseInstant("2025-02-29T00:00:00Z")).toMatch(/day 29 does not exist/);
    expect(parseInstant("2025-01-01T24:00:00Z")).toMatch(/hour 24/);
    expect(parseInstant("2025-01-01T00:00:00+19:00")).toMatch(/offset/);
    expect(parseInstant("")).toMatch(/expected/);
  });

  test.prop([fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 11, 31) })])(
    "round-trips through formatInstantUtc",
    (ms) => {
      expect(parseInstant(formatInstantUtc(ms))).toBe(ms);
    },
  );

  test.prop([
    // from a day after 1900-01-01: an offset must not take the instant before the year rule
    fc.integer({ min: Date.UTC(1900, 0, 2), max: Date.UTC(2200, 11, 31) }),
    fc.integer({ min: -18 * 60, max: 18 * 60 }),
  ])("reads second-precision offsets and Z exactly as Date.parse does", (ms, offset) => {
    const whole = Math.floor(ms / 1000) * 1000;
    const local = new Date(whole + offset * 60_000).toISOString().slice(0, 19);
    const abs = Math.abs(offset);
    const sign = offset < 0 ? "-" : "+";
    const text = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
    expect(parseInstant(text)).toBe(whole);
    expect(parseInstant(text)).toBe(Date.parse(text));
    expect(parseInstant(`${local}Z`)).toBe(Date.parse(`${local}Z`));
  });

  it("agrees with Date.parse for offset strings", () => {
    for (const s of [
      "2025-11-02T01:30:00-04:00",
      "2025-11-02T01:30:00-05:00",
      "2026-10-25T02:30:00+01:00",
    ]) {
      expect(parseInstant(s)).toBe(Date.parse(s));
    }
  });
});

describe("parseDuration", () => {
  it.each([
    ["15m", 900],
    ["30m", 1800],
    ["1h", 3600],
    ["900s", 900],
    ["900", 900],
    ["0.5h", 1800],
    ["15 min", 900],
  ])("%s = %d s", (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });
  it.each(["", "0", "-15m", "15x", "m", "1h30"])("rejects %j", (text) => {
    expect(typeof parseDuration(text)).toBe("string");
  });
});

describe("inferSpacing", () => {
  it("takes the most common gap (ties: the smaller); larger multiples are closed hours", () => {
    expect(inferSpacing([3_600_000, 0, 900_000])).toEqual({
      ok: true,
      spacingMs: 900_000,
      offGrid: [],
    });
  });
  it("reports single rows, duplicates and starts off the grid", () => {
    expect(inferSpacing([0])).toMatchObject({ ok: false, reason: "single" });
    expect(inferSpacing([0, 0])).toMatchObject({ ok: false, reason: "duplicate", at: 0 });
    expect(inferSpacing([0, 900_000, 1_800_000, 2_000_000])).toEqual({
      ok: true,
      spacingMs: 900_000,
      offGrid: [2_000_000],
    });
  });
});
