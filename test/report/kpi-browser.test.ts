/**
 * The page of `staffcast kpi --html` in a real headless Chromium (Debian package `chromium`):
 * it loads without console errors or requests, its charts are drawn and its tables filled.
 * Required under CI (.ci/run installs Chromium); locally, without Chromium, skipped with a
 * message that says so.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";
import { KPI_ACTUALS, kpiPlanFolder } from "../support/kpi-fixture.ts";

const executable = [process.env["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
  (p): p is string => p !== undefined && existsSync(p),
);
const required = process.env["CI"] !== undefined;
const title =
  executable !== undefined
    ? `KPI page in headless Chromium (${executable})`
    : required
      ? "KPI page in headless Chromium: Chromium is required under CI (apt-get install chromium)"
      : "KPI page in headless Chromium: SKIPPED, no Chromium here (apt-get install chromium, or set CHROMIUM=/path)";

if (executable === undefined && !required) {
  // said outside any test, so that it shows in the run's output
  process.stderr.write(`\n${title}\n`);
}

describe(title, () => {
  it.skipIf(executable === undefined && !required)(
    "loads without console errors, draws its charts and fills its tables",
    async () => {
      expect(executable, "no Chromium: .ci/run installs Debian's chromium").toBeDefined();
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
        page.on("request", (q) => {
          if (!q.url().startsWith("file:")) requests.push(q.url());
        });
        await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
        expect(problems).toEqual([]);
        expect(requests).toEqual([]); // self-contained: nothing fetched
        expect(await page.title()).toBe("Contact-center KPIs");
        // (evaluated in the page; a string keeps the DOM's types out of this Node project)
        const charts = JSON.parse(
          await page.evaluate<string>(
            `JSON.stringify([...document.querySelectorAll("svg.chart")].map((s) => {
              const box = s.getBoundingClientRect();
              return { id: s.id, width: box.width, height: box.height, marks: s.querySelectorAll("path, rect").length };
            }))`,
          ),
        ) as { id: string; width: number; height: number; marks: number }[];
        expect(charts.map((c) => c.id)).toEqual(["sl-0", "staffing-chart"]);
        for (const c of charts) {
          expect(c.width, c.id).toBeGreaterThan(600);
          expect(c.height, c.id).toBeGreaterThan(100);
          expect(c.marks, c.id).toBeGreaterThan(0);
        }
        // the numbers people read: 10 / 12 and 12 / 16 in SL, one interval missed
        const kpis = await page.textContent("#kpis");
        expect(kpis).toContain("83.3 %");
        expect(kpis).toContain("75.0 %");
        expect(await page.textContent("#accuracy")).toMatch(/orders\s*2025-01-20/);
        expect(await page.textContent("#missed h2")).toContain("(1)");
        expect(await page.locator("#sl-0 line.target").count()).toBe(1);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
