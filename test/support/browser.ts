/**
 * A self-contained HTML page opened in a real headless Chromium (Debian package `chromium`),
 * for the report and KPI page tests: where Chromium is, whether the test must run (under CI
 * it must: .ci/run installs it), and the page loaded with its console problems and outside
 * requests collected, and its charts measured.
 */
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium, type Page } from "playwright-core";
import { expect } from "vitest";

/** Chromium's executable: $CHROMIUM, or Debian's. */
export const CHROMIUM = [
  process.env["CHROMIUM"],
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
].find((p): p is string => p !== undefined && existsSync(p));

/** Whether a browser test must run (under CI), even without Chromium here. */
export const CHROMIUM_REQUIRED = process.env["CI"] !== undefined;

/**
 * The title of a browser test's describe block, saying which Chromium runs it or why it is
 * skipped; a skip is also said on stderr, outside any test, so that it shows in the output.
 */
export function browserTitle(what: string): string {
  const title =
    CHROMIUM !== undefined
      ? `${what} in headless Chromium (${CHROMIUM})`
      : CHROMIUM_REQUIRED
        ? `${what} in headless Chromium: Chromium is required under CI (apt-get install chromium)`
        : `${what} in headless Chromium: SKIPPED, no Chromium here (apt-get install chromium, or set CHROMIUM=/path)`;
  if (CHROMIUM === undefined && !CHROMIUM_REQUIRED) process.stderr.write(`\n${title}\n`);
  return title;
}

/** A chart of the page: its id, drawn size and number of marks. */
export interface DrawnChart {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly marks: number;
}

/**
 * Opens `file` in headless Chromium, checks that it loads without console errors or warnings
 * and fetches nothing from outside, and runs `check` on the page.
 */
export async function withPage(file: string, check: (page: Page) => Promise<void>): Promise<void> {
  expect(CHROMIUM, "no Chromium: .ci/run installs Debian's chromium").toBeDefined();
  const browser = await chromium.launch({ executablePath: CHROMIUM! });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("request", (r) => {
      if (!r.url().startsWith("file:")) requests.push(r.url());
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    expect(problems).toEqual([]);
    expect(requests).toEqual([]); // self-contained: nothing fetched
    await check(page);
  } finally {
    await browser.close();
  }
}

/** The page's `svg.chart` elements, measured (each must be drawn: wide, tall, with marks). */
export async function drawnCharts(page: Page): Promise<DrawnChart[]> {
  // (evaluated in the page; a string keeps the DOM's types out of this Node project)
  const charts = JSON.parse(
    await page.evaluate<string>(
      `JSON.stringify([...document.querySelectorAll("svg.chart")].map((s) => {
        const box = s.getBoundingClientRect();
        return { id: s.id, width: box.width, height: box.height, marks: s.querySelectorAll("path, rect").length };
      }))`,
    ),
  ) as DrawnChart[];
  for (const c of charts) {
    expect(c.width, c.id).toBeGreaterThan(600);
    expect(c.height, c.id).toBeGreaterThan(100);
    expect(c.marks, c.id).toBeGreaterThan(0);
  }
  return charts;
}
