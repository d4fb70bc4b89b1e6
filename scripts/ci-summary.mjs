// Prints "N passed, N failed" from vitest's JSON report; exits 1 when tests failed, none ran,
// or the report is missing (for example because lint failed before the tests started).
// A test file that failed to load counts as one failure.
import { existsSync, readFileSync } from "node:fs";

const path = process.argv[2] ?? ".vitest/results.json";
if (!existsSync(path)) {
  console.log("0 passed, 1 failed");
  console.error(`no test report at ${path}: the test run did not complete`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(path, "utf8"));
const passed = report.numPassedTests ?? 0;
const broken = (report.testResults ?? []).filter(
  (file) => file.status === "failed" && (file.assertionResults ?? []).length === 0,
).length;
const failed = (report.numFailedTests ?? 0) + broken;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
