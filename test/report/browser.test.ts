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
import {
  fixtureConfig,
  fixtureGroupConfig,
  fixtureGroupPlan,
  fixtureHistory,
  fixturePlan,
} from "../support/plan-fixture.ts";

/** Table cells in rows of `width`. */
const rows = (cells: readonly string[], width: number): string[][] =>
  Array.from({ length: cells.length / width }, (_, i) => cells.slice(i * width, (i + 1) * width));

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

  it.skipIf(CHROMIUM === undefined && !CHROMIUM_REQUIRED)(
    "by group: shows per queue expected and simulated service, per group agents",
    async () => {
      const plan = await fixtureGroupPlan();
      const html = renderReport({
        plan,
        config: fixtureGroupConfig,
        history: fixtureHistory(),
        title: "Group plan",
      });
      const dir = mkdtempSync(join(tmpdir(), "staffcast-report-"));
      const file = join(dir, "report.html");
      writeFileSync(file, html);
      await withPage(file, async (page) => {
        expect((await drawnCharts(page)).map((c) => c.id)).toEqual([
          "calls-orders",
          "calls-vip",
          "calls-after",
          "agents-chart",
          "service-chart",
          "shifts-chart",
        ]);
        const queues = rows(await page.locator("#queues tbody td").allTextContents(), 10);
        expect(queues.map((r) => r[0])).toEqual(["orders", "vip", "after"]);
        // target, expected, simulated and its interval, as text people read
        expect(queues[1]!.slice(4, 8).join(" | ")).toMatch(
          /^90\.0 % in 10 s \| [\d.]+ % \| [\d.]+ % \| [\d.]+ % to [\d.]+ %$/,
        );
        const groups = rows(await page.locator("#groups tbody td").allTextContents(), 7);
        expect(groups.map((r) => r[0])).toEqual(["desk", "sales", "care"]);
        expect(Number(groups[0]![2])).toBeGreaterThan(0);
        expect(Number(groups[0]![3])).toBeGreaterThan(0);
      });
    },
    60_000,
  );
});
