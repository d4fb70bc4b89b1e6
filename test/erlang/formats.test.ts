import { describe, expect, it } from "vitest";
import {
  computeRequirementTable,
  DataError,
  parseForecastColumnsCsv,
  REQUIREMENT_COLUMNS,
  requirementsCsvChunks,
  staffingResultCells,
  staffInterval,
} from "../../src/erlang/index.ts";

const forecast = [
  "start,queue,calls,calls_p90,aht_s,note",
  "2025-01-06T08:00:00Z,orders,100,120,180,a",
  "2025-01-06T08:30:00Z,orders,0,0,,b",
].join("\n");

function located(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof DataError)
      return error.issues.map((i) => `${i.file}:${i.line}:${i.column}: ${i.field}: ${i.message}`);
    throw error;
  }
  throw new Error("expected a DataError");
}

describe("forecast CSV in columns", () => {
  it("reads the calls column asked for, NaN for empty AHT cells", () => {
    const read = parseForecastColumnsCsv(forecast, "f.csv", { callsColumn: "calls_p90" });
    expect(read.file).toBe("f.csv");
    expect(read.callsColumn).toBe("calls_p90");
    expect([...read.columns.calls]).toEqual([120, 0]);
    expect([...read.columns.startMs]).toEqual([
      Date.UTC(2025, 0, 6, 8, 0),
      Date.UTC(2025, 0, 6, 8, 30),
    ]);
    expect(read.columns.queue).toEqual(["orders", "orders"]);
    expect(read.columns.ahtSeconds[0]).toBe(180);
    expect(read.columns.ahtSeconds[1]).toBeNaN();
  });

  it("names file, line, column and field of bad cells", () => {
    const bad = "start,calls,aht_s\n2025-01-06T08:00:00Z,-1,180\n2025-01-06T08:30,5,0\n";
    expect(located(() => parseForecastColumnsCsv(bad, "bad.csv"))).toEqual([
      "bad.csv:2:2: calls: expected a number from 0 to 1e7",
      "bad.csv:3:1: start: no time-zone offset (add Z or +HH:MM, or read clock times in a zone with --local-times)",
      "bad.csv:3:3: aht_s: expected a number of seconds from 1 to 86400",
    ]);
  });

  it("names a missing calls column", () => {
    const messages = located(() =>
      parseForecastColumnsCsv("start,calls\n2025-01-06T08:00Z,1\n", "f.csv", {
        callsColumn: "calls_p90",
      }),
    );
    expect(messages.join("\n")).toMatch(/calls_p90/);
  });
});

describe("requirements CSV", () => {
  it("passes input columns through and adds the staffing columns, one row per input row", () => {
    const read = parseForecastColumnsCsv(forecast, "f.csv");
    const results = computeRequirementTable(read.columns, {
      intervalSeconds: 1800,
      ahtSeconds: 240,
    });
    const text = [...requirementsCsvChunks(read.table, results)].join("");
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe(
      ["start,queue,calls,calls_p90,aht_s,note", ...REQUIREMENT_COLUMNS].join(","),
    );
    expect(lines).toHaveLength(3);
    // the object form writes the same cells as the column form
    const one = staffInterval({ calls: 100, intervalSeconds: 1800, ahtSeconds: 180 });
    expect(lines[1]).toBe(
      `2025-01-06T08:00:00Z,orders,100,120,180,a,${staffingResultCells(one).join(",")}`,
    );
  });

  it("writes columns it computes afresh once, not twice", () => {
    const read = parseForecastColumnsCsv(
      "start,calls,agents\n2025-01-06T08:00:00Z,10,99\n",
      "f.csv",
    );
    const results = computeRequirementTable(read.columns, {
      intervalSeconds: 1800,
      ahtSeconds: 180,
    });
    const header = [...requirementsCsvChunks(read.table, results)].join("").split("\n")[0]!;
    expect(header.split(",").filter((c) => c === "agents")).toHaveLength(1);
  });

  it("yields chunks of at most 1,024 lines for big tables", () => {
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `${new Date(Date.UTC(2025, 0, 1) + i * 1_800_000).toISOString()},5`,
    );
    const read = parseForecastColumnsCsv(`start,calls\n${rows.join("\n")}\n`, "f.csv");
    const results = computeRequirementTable(read.columns, {
      intervalSeconds: 1800,
      ahtSeconds: 180,
    });
    const chunks = [...requirementsCsvChunks(read.table, results)];
    expect(chunks.length).toBe(3);
    expect(chunks.join("").trimEnd().split("\n")).toHaveLength(3001);
  });
});
