/**
 * Clock times `HH:MM`: the one parser behind the shift file (starts, 24:00 refused) and the
 * availability CSV (window ends, 24:00 allowed).
 */
import { describe, expect, it } from "vitest";
import { parseClockTime } from "../../src/time/clock.ts";

describe("parseClockTime", () => {
  it("gives minutes since midnight", () => {
    expect(parseClockTime("00:00")).toBe(0);
    expect(parseClockTime("08:30")).toBe(510);
    expect(parseClockTime("23:59")).toBe(1439);
  });

  it("accepts 24:00 only as the end of the day", () => {
    expect(parseClockTime("24:00")).toBe("expected a time HH:MM");
    expect(parseClockTime("24:00", { allowEndOfDay: true })).toBe(1440);
    expect(parseClockTime("24:01", { allowEndOfDay: true })).toBe("expected a time HH:MM");
  });

  it.each(["8:00", "08:60", "25:00", "0800", "08:00 ", "", "ab:cd", "08:00:00"])(
    "refuses %j",
    (text) => {
      expect(parseClockTime(text, { allowEndOfDay: true })).toBe("expected a time HH:MM");
    },
  );
});
