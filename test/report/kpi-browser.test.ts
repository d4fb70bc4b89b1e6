/**
 * The page of `staffcast kpi --html` in a real headless Chromium (Debian package `chromium`):
 * it loads without console errors or requests, its charts are drawn and its tables filled.
 * Required under CI (.ci/run installs Chromium); locally, without Chromium, skipped with a
 * message that says so.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  browserTitle,
  CHROMIUM,
  CHROMIUM_REQUIRED,
  drawnCharts,
  withPage,
} from "../support/browser.ts";
import { runCli } from "../support/cli.ts";
import { KPI_ACTUALS, kpiPlanFolder } from "../support/kpi-fixture.ts";

describe(browserTitle("KPI page"), () => {
  it.skipIf(CHROMIUM === undefined && !CHROMIUM_REQUIRED)(
    "loads without console errors, draws its charts and fills its tables",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "staffcast-kpi-html-"));
      const actuals = join(dir, "actuals.csv");
      writeFileSync(actuals, KPI_ACTUALS);
      const file = join(dir, "kpi.html");
      const r = await runCli([
        "kpi",
        "--actuals",
        actuals,
        "--plan",
        kpiPlanFolder(),
        "--by",
        "interval",
        "--html",
        file,
        "--json",
      ]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(readFileSync(file, "utf8")).toMatch(/^<!doctype html>/);
      await withPage(file, async (page) => {
        expect(await page.title()).toBe("Contact-center KPIs");
        expect((await drawnCharts(page)).map((c) => c.id)).toEqual(["sl-0", "staffing-chart"]);
        // the numbers people read: 10 / 12 and 12 / 16 in SL, one interval missed
        const kpis = await page.textContent("#kpis");
        expect(kpis).toContain("83.3 %");
        expect(kpis).toContain("75.0 %");
        expect(await page.textContent("#accuracy")).toMatch(/orders\s*2025-01-20/);
        expect(await page.textContent("#missed h2")).toContain("(1)");
        expect(await page.locator("#sl-0 line.target").count()).toBe(1);
      });
    },
    60_000,
  );
});
