/**
 * The canonical actuals CSV: every column read and written back, "no data" kept apart from 0,
 * and bad cells located.
 */
import { describe, expect, it } from "vitest";
import { ACTUALS_COLUMNS, formatActualsCsv, parseActualsCsv } from "../../src/actuals/index.ts";
import { DataError, formatIssue } from "../../src/io/errors.ts";
import { createZone } from "../../src/time/zone.ts";

const T0 = Date.UTC(2026, 2, 2, 10);

describe("actuals CSV", () => {
  it("reads every column, empty or '-' as no data, calls from offered", () => {
    const text =
      `${ACTUALS_COLUMNS.join(",")}\n` +
      "2026-03-02T10:00:00Z,VIP,,212,118,112,6,101,20,9,20000,3744,36000,6120\n" +
      "2026-03-02T10:30:00Z,VIP,0,-,0,0,0,0,20,,,,1800,1800\n";
    const rows = parseActualsCsv(text, "a.csv").rows;
    expect(rows[0]).toEqual({
      startMs: T0,
      queue: "VIP",
      calls: 118,
      ahtSeconds: 212,
      offered: 118,
      handled: 112,
      abandoned: 6,
      answeredInSl: 101,
      slSeconds: 20,
      asaSeconds: 9,
      talkSeconds: 20000,
      acwSeconds: 3744,
      staffedSeconds: 36000,
      availableSeconds: 6120,
    });
    expect(rows[1]).toEqual({
      startMs: T0 + 1_800_000,
      queue: "VIP",
      calls: 0,
      offered: 0,
      handled: 0,
      abandoned: 0,
      answeredInSl: 0,
      slSeconds: 20,
      staffedSeconds: 1800,
      availableSeconds: 1800,
    });
    expect(parseActualsCsv(formatActualsCsv(rows), "b.csv").rows).toEqual(rows);
  });

  it("writes the canonical columns, local times with the zone, empty for no data", () => {
    expect(
      formatActualsCsv([{ startMs: T0, queue: "VIP", offered: 3 }], createZone("Europe/Berlin")),
    ).toBe(`${ACTUALS_COLUMNS.join(",")}\n2026-03-02T11:00:00+01:00,VIP,,,3,,,,,,,,,\n`);
  });

  it("locates bad cells", () => {
    try {
      parseActualsCsv("start,queue,handled\n2026-03-02T10:00:00,VIP,-3\n", "a.csv");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DataError);
      expect((error as DataError).issues.map(formatIssue)).toEqual([
        'a.csv:2:1: start: no time-zone offset (add Z or +HH:MM, or read clock times in a zone with --local-times) (got "2026-03-02T10:00:00")',
        'a.csv:2:3: handled: expected a number from 0 to 10000000 (got "-3")',
      ]);
    }
  });
});
