import fc from "fast-check";
import { afterEach, beforeEach, vi } from "vitest";

// Library code never prints (only the CLI writes, and it writes to injected streams in tests).
beforeEach(() => {
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      throw new Error(`console.${method} called: ${args.map(String).join(" ")}`);
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
});

// Property tests explore new random cases on every local run; CI replays one fixed seed so that
// its verdict is reproducible (a failure prints the seed to replay it locally).
if (process.env["CI"] !== undefined) fc.configureGlobal({ seed: 20261122 });
