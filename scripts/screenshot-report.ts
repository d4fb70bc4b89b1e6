/**
 * Screenshots a plan report in headless Chromium (Debian package `chromium`), for people and
 * for the README: `npx tsx scripts/screenshot-report.ts plan/report.html docs/report.png 1280 1700`
 * (width and height in pixels; height "full" for the whole page).
 */
import { chromium } from "playwright-core";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [input = "plan/report.html", output = "docs/report.png", width = "1280", height = "full"] =
  process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env["CHROMIUM"] ?? "/usr/bin/chromium",
});
try {
  const page = await browser.newPage({
    viewport: { width: Number(width), height: height === "full" ? 900 : Number(height) },
  });
  await page.goto(pathToFileURL(resolve(input)).href);
  await page.screenshot({ path: output, fullPage: height === "full" });
  console.log(`${output} written`);
} finally {
  await browser.close();
}
