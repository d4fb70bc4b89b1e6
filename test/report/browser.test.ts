/**
 * The report in a real headless Chromium (Debian package `chromium`): it loads without console
 * errors and its charts are drawn. Required under CI (.ci/run installs Chromium); locally,
 * without Chromium, skipped with a message that says so.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { renderReport } from "../../src/report/index.ts";
import { fixtureConfig, fixtureHistory, fixturePlan } from "../support/plan-fixture.ts";

const executable = [process.env["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
  (p): p is string => p !== undefined && existsSync(p),
);
const required = process.env["CI"] !== undefined;
const title =
  executable !== undefined
    ? `report in headless Chromium (${executable})`
    : required
      ? "report in headless Chromium: Chromium is required under CI (apt-get install chromium)"
      : "report in headless Chromium: SKIPPED, no Chromium here (apt-get install chromium, or set CHROMIUM=/path)";

if (executable === undefined && !required) {
  // said outside any test, so that it shows in the run's output
  process.stderr.write(`\n${title}\n`);
}

describe(title, () => {
  it.skipIf(executable === undefined && !required)(
    "loads without console errors and draws its charts",
    async () => {
      expect(executable, "no Chromium: .ci/run installs Debian's chromium").toBeDefined();
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
      const browser = await chromium.launch({ executablePath: executable! });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const problems: string[] = [];
        const requests: string[] = [];
        page.on("console", (m) => {
          if (m.type() === "error" || m.type() === "warning")
            problems.push(`${m.type()}: ${m.text()}`);
        });
        page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
        page.on("request", (r) => {
          if (!r.url().startsWith("file:")) requests.push(r.url());
        });
        await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
        expect(problems).toEqual([]);
        expect(requests).toEqual([]); // self-contained: nothing fetched
        expect(await page.title()).toBe("Test plan");
        // (evaluated in the page; a string keeps the DOM's types out of this Node project)
        const charts = JSON.parse(
          await page.evaluate<string>(
            `JSON.stringify([...document.querySelectorAll("svg.chart")].map((s) => {
              const box = s.getBoundingClientRect();
              return { id: s.id, width: box.width, height: box.height, marks: s.querySelectorAll("path, rect").length };
            }))`,
          ),
        ) as { id: string; width: number; height: number; marks: number }[];
        expect(charts.map((c) => c.id)).toEqual([
          "calls-orders",
          "calls-vip",
          "calls-after",
          "agents-chart",
          "service-chart",
          "shifts-chart",
        ]);
        for (const c of charts) {
          expect(c.width, c.id).toBeGreaterThan(600);
          expect(c.height, c.id).toBeGreaterThan(100);
          expect(c.marks, c.id).toBeGreaterThan(0);
        }
        // the totals are there, as text people read
        expect(await page.textContent("#totals")).toMatch(/expected service level/);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
