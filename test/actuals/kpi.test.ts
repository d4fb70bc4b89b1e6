/**
 * KPIs from actuals against hand-computed values (the arithmetic is in the comments): weighted
 * means, intervals without calls, missing cells, local days and Monday weeks across a DST
 * change, and service-level thresholds as the source counted them.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  computeKpis,
  formatKpiCsv,
  formatKpiJson,
  KPI_COLUMNS,
  SERVICE_LEVEL_DEFINITION,
  type ActualsRow,
} from "../../src/actuals/index.ts";
import { DataError } from "../../src/io/errors.ts";
import { parseCsv } from "../../src/io/csv.ts";

const T0 = Date.UTC(2026, 2, 2, 10); // Monday 2026-03-02 10:00Z
const HALF_HOUR = 1_800_000;

/** A busy interval and a quiet one of queue vip. */
const A: ActualsRow = {
  startMs: T0,
  queue: "vip",
  offered: 10,
  handled: 8,
  abandoned: 2,
  answeredInSl: 6,
  slSeconds: 20,
  asaSeconds: 30,
  ahtSeconds: 200,
  talkSeconds: 1200,
  acwSeconds: 400,
  availableSeconds: 200,
};
const B: ActualsRow = {
  startMs: T0 + HALF_HOUR,
  queue: "vip",
  offered: 30,
  handled: 30,
  abandoned: 0,
  answeredInSl: 27,
  slSeconds: 20,
  asaSeconds: 10,
  ahtSeconds: 100,
  talkSeconds: 2400,
  acwSeconds: 600,
  availableSeconds: 1800,
};
/** No calls: the vendor leaves SL, ASA and AHT empty. */
const QUIET: ActualsRow = {
  startMs: T0 + 2 * HALF_HOUR,
  queue: "vip",
  offered: 0,
  handled: 0,
  abandoned: 0,
  slSeconds: 20,
  talkSeconds: 0,
  acwSeconds: 0,
  availableSeconds: 1800,
};

/** The row without one of its cells. */
function without(row: ActualsRow, field: keyof ActualsRow): ActualsRow {
  return Object.fromEntries(
    Object.entries(row).filter(([k]) => k !== field),
  ) as unknown as ActualsRow;
}

describe("computeKpis", () => {
  it("per interval: the source's counts and rates", () => {
    const [a] = computeKpis([A], { by: "interval" }).rows;
    expect(a).toEqual({
      queue: "vip",
      startMs: T0,
      intervals: 1,
      offered: 10,
      handled: 8,
      abandoned: 2,
      answeredInSl: 6,
      answerRate: 0.8, // 8 / 10
      abandonRate: 0.2, // 2 / 10
      serviceLevel: 0.6, // 6 / 10
      serviceLevelDefinition: SERVICE_LEVEL_DEFINITION,
      slSeconds: 20,
      asaSeconds: 30,
      ahtSeconds: 200,
      occupancy: 1600 / 1800, // (1200 + 400) / (1200 + 400 + 200)
    });
  });

  it("per day: sums, rates of sums, ASA and AHT weighted by handled calls", () => {
    const [day] = computeKpis([A, B], { by: "day" }).rows;
    expect(day).toMatchObject({
      startMs: Date.UTC(2026, 2, 2),
      intervals: 2,
      offered: 40, // 10 + 30
      handled: 38, // 8 + 30
      abandoned: 2,
      answeredInSl: 33, // 6 + 27
      answerRate: 38 / 40, // 0.95, not the mean of 0.8 and 1
      abandonRate: 2 / 40,
      serviceLevel: 33 / 40, // 0.825
      slSeconds: 20,
      asaSeconds: 540 / 38, // (30 * 8 + 10 * 30) / 38 = 14.21 s, not (30 + 10) / 2
      ahtSeconds: 4600 / 38, // (200 * 8 + 100 * 30) / 38 = 121.05 s
      occupancy: 4600 / 6600, // (1600 + 3000) / (1800 + 4800)
    });
  });

  it("an interval without calls has null rates, never 0 or NaN, and does not null its day", () => {
    const { rows } = computeKpis([B, QUIET], { by: "interval" });
    expect(rows[1]).toMatchObject({
      offered: 0,
      answeredInSl: null, // no cell
      answerRate: null, // 0 / 0
      abandonRate: null,
      serviceLevel: null,
      asaSeconds: null, // no handled calls to weigh
      ahtSeconds: null,
      occupancy: 0, // 0 / (0 + 0 + 1800): idle is a real 0
    });
    const idle = computeKpis([{ ...QUIET, availableSeconds: 0 }], { by: "interval" }).rows[0];
    expect(idle?.occupancy).toBeNull(); // 0 / 0
    const [day] = computeKpis([B, QUIET], { by: "day" }).rows;
    // the quiet interval's denominator is 0, so it needs no numerator
    expect(day).toMatchObject({
      intervals: 2,
      offered: 30,
      serviceLevel: 27 / 30,
      asaSeconds: 10,
      ahtSeconds: 100,
      occupancy: 3000 / 6600, // (3000 + 0) / (4800 + 1800)
    });
    expect(JSON.parse(formatKpiJson(computeKpis([QUIET], { by: "interval" })))).toMatchObject({
      rows: [{ answerRate: null, serviceLevel: null, asaSeconds: null }],
    });
  });

  it("a missing cell: counts sum what exists, a rate that needs it is null", () => {
    const noSl: ActualsRow = without(A, "answeredInSl");
    const [day] = computeKpis([noSl, B], { by: "day" }).rows;
    expect(day).toMatchObject({
      answeredInSl: 27, // B's only
      serviceLevel: null, // A had 10 calls offered and no count
      answerRate: 38 / 40, // still defined
    });
    const noOffered: ActualsRow = without(A, "offered");
    const [day2] = computeKpis([noOffered, B], { by: "day" }).rows;
    expect(day2).toMatchObject({ offered: 30, answerRate: null, serviceLevel: null });
    // calls stands in for offered (a history-style file)
    const [calls] = computeKpis([{ startMs: T0, queue: "q", calls: 4, handled: 3 }], {
      by: "interval",
    }).rows;
    expect(calls).toMatchObject({ offered: 4, answerRate: 0.75, handled: 3, abandoned: null });
  });

  it("days across the spring DST change in Europe/Berlin: a 23-hour day", () => {
    // 2026-03-29 (Sunday) runs from 2026-03-28T23:00Z (+01:00) to 2026-03-29T22:00Z (+02:00)
    const rows: ActualsRow[] = [
      { startMs: Date.UTC(2026, 2, 28, 22, 30), queue: "q", offered: 1 }, // Sat 23:30 +01:00
      { startMs: Date.UTC(2026, 2, 28, 23), queue: "q", offered: 2 }, // Sun 00:00 +01:00
      { startMs: Date.UTC(2026, 2, 29, 21, 30), queue: "q", offered: 4 }, // Sun 23:30 +02:00
      { startMs: Date.UTC(2026, 2, 29, 22), queue: "q", offered: 8 }, // Mon 00:00 +02:00
    ];
    const result = computeKpis(rows, { by: "day", timeZone: "Europe/Berlin" });
    expect(result.rows.map((r) => [r.startMs, r.offered])).toEqual([
      [Date.UTC(2026, 2, 27, 23), 1],
      [Date.UTC(2026, 2, 28, 23), 6], // 2 + 4: both ends of the 23-hour day
      [Date.UTC(2026, 2, 29, 22), 8],
    ]);
    const starts = parseCsv(formatKpiCsv(result), "k.csv")
      .records()
      .map((r) => r[1]);
    expect(starts).toEqual([
      "2026-03-28T00:00:00+01:00",
      "2026-03-29T00:00:00+01:00",
      "2026-03-30T00:00:00+02:00",
    ]);
    // in UTC the last two rows share Sunday 2026-03-29
    expect(computeKpis(rows, { by: "day" }).rows.map((r) => r.offered)).toEqual([3, 12]);
  });

  it("weeks start on Monday in the zone", () => {
    const rows: ActualsRow[] = [
      { startMs: Date.UTC(2026, 2, 22, 23), queue: "q", offered: 1 }, // Mon 03-23 00:00 +01:00
      { startMs: Date.UTC(2026, 2, 29, 21, 30), queue: "q", offered: 2 }, // Sun 03-29 23:30 +02:00
      { startMs: Date.UTC(2026, 2, 29, 22), queue: "q", offered: 4 }, // Mon 03-30 00:00 +02:00
    ];
    const berlin = computeKpis(rows, { by: "week", timeZone: "Europe/Berlin" });
    expect(berlin.rows.map((r) => [r.startMs, r.offered])).toEqual([
      [Date.UTC(2026, 2, 22, 23), 3], // Monday 03-23, a 167-hour week
      [Date.UTC(2026, 2, 29, 22), 4], // Monday 03-30
    ]);
    expect(JSON.parse(formatKpiJson(berlin))).toMatchObject({
      by: "week",
      rows: [{ start: "2026-03-23T00:00:00+01:00" }, { start: "2026-03-30T00:00:00+02:00" }],
    });
    // in UTC the first row is still Sunday 03-22 (previous week) and the last still Sunday 03-29
    const utc = computeKpis(rows, { by: "week" });
    expect(utc.rows.map((r) => [r.startMs, r.offered])).toEqual([
      [Date.UTC(2026, 2, 16), 1],
      [Date.UTC(2026, 2, 23), 6],
    ]);
  });

  it("a vendor whose SL counts short abandons as met: the count is used as given", () => {
    // 100 offered, 90 handled, 10 abandoned, 4 of them within 20 s; 70 answered within 20 s.
    // Amazon Connect's "Service level 20 seconds" counts contacts removed from the queue within
    // 20 s, answered or abandoned: 70 + 4 = 74. staffcast does not recount: 74 / 100.
    const connect: ActualsRow = {
      startMs: T0,
      queue: "q",
      offered: 100,
      handled: 90,
      abandoned: 10,
      answeredInSl: 74,
      slSeconds: 20,
    };
    const [row] = computeKpis([connect], { by: "interval" }).rows;
    expect(row?.serviceLevel).toBe(0.74); // not 0.70, the answered-only figure
    expect(row?.serviceLevelDefinition).toBe(
      "answered_in_sl / offered (answered_in_sl as the source counted it)",
    );
    // and the command's page says so, with this very example
    const page = readFileSync("docs/commands/kpi.md", "utf8").replace(/\s+/g, " ");
    expect(page).toContain(SERVICE_LEVEL_DEFINITION);
    expect(page).toContain("Amazon Connect");
    expect(page).toMatch(/answered \*\*or abandoned\*\*/);
    expect(page).toContain("`serviceLevel` is 0.74, not 0.70");
  });

  it("the threshold: the file's, the option's when the file has none, 20 by default", () => {
    const bare = { startMs: T0, queue: "q", offered: 10, answeredInSl: 9 };
    expect(computeKpis([bare], { by: "day" }).rows[0]?.slSeconds).toBe(20);
    expect(computeKpis([bare], { by: "day", slSeconds: 30 }).rows[0]?.slSeconds).toBe(30);
    // a file that states 15 somewhere lends it to rows without sl_seconds
    const stated = { ...bare, startMs: T0 + HALF_HOUR, slSeconds: 15 };
    expect(computeKpis([bare, stated], { by: "day" }).rows[0]?.slSeconds).toBe(15);
    expect(computeKpis([A], { by: "day", slSeconds: 20 }).rows[0]?.serviceLevel).toBe(0.6);
    expect(() => computeKpis([A, B], { by: "day", slSeconds: 30 })).toThrow(
      /threshold of 30 s was asked for, but row 1 \(queue vip\) counted answered_in_sl at 20 s/,
    );
  });

  it("periods mixing thresholds get no service level and a warning", () => {
    const b30 = { ...B, slSeconds: 30 };
    const day = computeKpis([A, b30], { by: "day" });
    expect(day.rows[0]).toMatchObject({ serviceLevel: null, slSeconds: null, offered: 40 });
    expect(day.warnings).toEqual([
      "queue vip, period starting 2026-03-02T00:00:00.000Z: answered_in_sl was counted at " +
        "20 s and 30 s; no service level for this period (group by a shorter period)",
    ]);
    const intervals = computeKpis([A, b30], { by: "interval" });
    expect(intervals.rows.map((r) => [r.serviceLevel, r.slSeconds])).toEqual([
      [0.6, 20],
      [0.9, 30], // 27 / 30
    ]);
    expect(intervals.warnings).toEqual([]);
  });

  it("refuses a second row for the same queue and start, by row index", () => {
    try {
      computeKpis([A, B, { ...A, offered: 3 }], { by: "day" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DataError);
      expect((error as DataError).issues).toEqual([
        { row: 2, field: "start", message: "a second row for queue vip at this start" },
      ]);
    }
    expect(() => computeKpis([A], { by: "day", timeZone: "CST" })).toThrow(RangeError);
  });

  it("queues in order of first appearance, periods in time order", () => {
    const rows = computeKpis(
      [
        { startMs: T0 + HALF_HOUR, queue: "b", offered: 1 },
        { startMs: T0, queue: "a", offered: 1 },
        { startMs: T0, queue: "b", offered: 1 },
      ],
      { by: "interval" },
    ).rows;
    expect(rows.map((r) => [r.queue, r.startMs])).toEqual([
      ["b", T0],
      ["b", T0 + HALF_HOUR],
      ["a", T0],
    ]);
  });
});

describe("formatKpiCsv", () => {
  it("writes the columns, unrounded numbers and empty cells for null", () => {
    const text = formatKpiCsv(computeKpis([A, QUIET], { by: "interval" }));
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe(KPI_COLUMNS.join(","));
    expect(lines[0]).toBe(
      "queue,start,intervals,offered,handled,abandoned,answered_in_sl,answer_rate,abandon_rate," +
        "service_level,service_level_definition,sl_seconds,asa_s,aht_s,occupancy",
    );
    expect(lines[1]).toBe(
      `vip,2026-03-02T10:00:00Z,1,10,8,2,6,0.8,0.2,0.6,${SERVICE_LEVEL_DEFINITION},20,30,200,${1600 / 1800}`,
    );
    expect(lines[2]).toBe(
      `vip,2026-03-02T11:00:00Z,1,0,0,0,,,,,${SERVICE_LEVEL_DEFINITION},20,,,0`,
    );
  });
});
