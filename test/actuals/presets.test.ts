/**
 * The Avaya CMS preset's dates: ISO or US month/day/year, calendar dates of 1900 to 9999 only
 * (an impossible day or a year such as 0050 is refused, never moved or read as 19xx). Expected
 * figures from the research note's example record (multiskill.md section 6.4): 10:00 local in
 * New York on 2026-03-02 (EST, UTC-5) is 15:00Z; ASA = 1010 / 111, AHT = (22110 + 3330) / 111.
 */
import { describe, expect, it } from "vitest";
import { parseActualsExport } from "../../src/actuals/index.ts";
import { DataError, formatIssue } from "../../src/io/errors.ts";

const HEADER =
  "ROW_DATE,STARTTIME,INTRVL,SPLIT,CALLSOFFERED,ACDCALLS,ABNCALLS,ACCEPTABLE,ANSTIME,ACDTIME,ACWTIME,I_STAFFTIME,I_AVAILTIME";
const REST = "1000,30,17,120,111,8,98,1010,22110,3330,36000,6120";
const read = (date: string) =>
  parseActualsExport(`${HEADER}\n${date},${REST}\n`, "hsplit.csv", {
    format: "avaya-cms",
    timeZone: "America/New_York",
  });

describe("avaya-cms ROW_DATE", () => {
  it("reads ISO and US dates to the same row", () => {
    const iso = read("2026-03-02").rows;
    expect(iso[0]).toMatchObject({
      startMs: Date.UTC(2026, 2, 2, 15),
      offered: 120,
      handled: 111,
      abandoned: 8,
      answeredInSl: 98,
    });
    expect(iso[0]!.asaSeconds).toBeCloseTo(1010 / 111, 12);
    expect(iso[0]!.ahtSeconds).toBeCloseTo((22110 + 3330) / 111, 12);
    expect(read("3/2/2026").rows).toEqual(iso);
  });

  it.each(["2026-02-30", "0050-03-02", "3/2/50", "13/2/2026"])("refuses %s, located", (date) => {
    try {
      read(date);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DataError);
      expect(formatIssue((error as DataError).issues[0]!)).toMatch(
        /^hsplit\.csv:2:1: ROW_DATE: expected a date such as 2026-03-02 or 3\/2\/2026/,
      );
    }
  });
});
