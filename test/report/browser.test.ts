/**
 * The report in a real headless Chromium (Debian package `chromium`): it loads without console
 * errors and its charts are drawn. Required under CI (.ci/run installs Chromium); locally,
 * without Chromium, skipped with a message that says so.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderReport } from "../../src/report/index.ts";
import {
  browserTitle,
  CHROMIUM,
  CHROMIUM_REQUIRED,
  drawnCharts,
  withPage,
} from "../support/browser.ts";
import { fixtureConfig, fixtureHistory, fixturePlan } from "../support/plan-fixture.ts";

describe(browserTitle("report"), () => {
  it.skipIf(CHROMIUM === undefined && !CHROMIUM_REQUIRED)(
    "loads without console errors and draws its charts",
    async () => {
      const plan = await fixturePlan();
      const html = renderReport({
        plan,
        config: fixtureConfig,
        history: fixtureHistory(),
        title: "Test plan",
      });
      const dir = mkdtempSync(join(tmpdir(), "staffcast-report-"));
      const file = join(dir, "report.html");
      writeFileSync(file, html);
      await withPage(file, async (page) => {
        expect(await page.title()).toBe("Test plan");
        expect((await drawnCharts(page)).map((c) => c.id)).toEqual([
          "calls-orders",
          "calls-vip",
          "calls-after",
          "agents-chart",
          "service-chart",
          "shifts-chart",
        ]);
        // the totals are there, as text people read
        expect(await page.textContent("#totals")).toMatch(/expected service level/);
      });
    },
    60_000,
  );
});
