/**
 * The docs name only what the package exports: every reader, writer and engine function that
 * docs/formats.md and docs/library.md name in backticks is exported by one of the package's
 * entry points (the test failed on `createMonitor` and `planSimulation` when written).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as root from "../src/index.ts";
import * as actuals from "../src/actuals/index.ts";
import * as adherence from "../src/adherence/index.ts";
import * as erlang from "../src/erlang/index.ts";
import * as forecast from "../src/forecast/index.ts";
import * as plan from "../src/plan/index.ts";
import * as schedule from "../src/schedule/index.ts";

const ENTRIES: Record<string, Record<string, unknown>> = {
  staffcast: root,
  "staffcast/actuals": actuals,
  "staffcast/adherence": adherence,
  "staffcast/erlang": erlang,
  "staffcast/forecast": forecast,
  "staffcast/plan": plan,
  "staffcast/schedule": schedule,
};

/** Names in backticks that look like a function or constant of the API. */
const API_NAME =
  /^(read|parse|format|create|compute|design|build|run|verify|resample|fit|staff|evaluate|simulate|correct|plan|folder|locate|infer)[A-Z]\w*$|^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/;

function namesIn(path: string): string[] {
  const text = readFileSync(path, "utf8");
  const names = [...text.matchAll(/`([A-Za-z_]\w*)`/g)].map((m) => m[1]!);
  return [...new Set(names.filter((n) => API_NAME.test(n)))].sort();
}

describe.each(["docs/formats.md", "docs/library.md"])("%s", (path) => {
  it("names only exported functions", () => {
    const names = namesIn(path);
    expect(names.length).toBeGreaterThan(10);
    const missing = names.filter((n) => !Object.values(ENTRIES).some((m) => n in m));
    expect(missing).toEqual([]);
  });
});

describe("every documented format", () => {
  it("has its reader in docs/formats.md", () => {
    const names = namesIn("docs/formats.md");
    for (const reader of [
      "readHistoryCsv",
      "readAdsCsv",
      "readHolidaysCsv",
      "readOverridesCsv",
      "readForecastCsv",
      "readForecastColumnsCsv",
      "readIntervalAgentsCsv",
      "readRequirementPointsCsv",
      "readShiftFile",
      "readScheduleJson",
      "readAgentsCsv",
      "readAvailabilityCsv",
      "readAdherenceScheduleCsv",
      "readStateEvents",
      "readApprovedSpansCsv",
      "readRulesJson",
      "readPlanConfig",
      "readActualsCsv",
      "readKpiPlanFolder",
    ])
      expect(names).toContain(reader);
  });
});
