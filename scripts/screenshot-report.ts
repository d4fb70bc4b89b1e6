/**
 * Screenshots a plan report in headless Chromium (Debian package `chromium`), for people and
 * for the README: `npx tsx scripts/screenshot-report.ts plan/report.html docs/report.png`.
 */
import { chromium } from "playwright-core";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [input = "plan/report.html", output = "docs/report.png", width = "1280"] =
  process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env["CHROMIUM"] ?? "/usr/bin/chromium",
});
try {
  const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
  await page.goto(pathToFileURL(resolve(input)).href);
  await page.screenshot({ path: output, fullPage: true });
  console.log(`${output} written`);
} finally {
  await browser.close();
}
