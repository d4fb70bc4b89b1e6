/**
 * Staffing on several threads gives the numbers of one thread, bit for bit, and reports bad
 * rows by their index in the whole forecast. Worker threads run built JavaScript, so these
 * tests import the package as users do (`staffcast/erlang`, the build in dist/).
 */
import { execFileSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import type * as Erlang from "../../src/erlang/index.ts";
import { canRunWorker, workerExecArgv } from "../../src/erlang/parallel.ts";

let api: typeof Erlang;

// dist/ is brought up to date with src/ by the global setup (test/support/build-dist.ts).
beforeAll(async () => {
  // the built module has the same API; classes with private fields are nominal across builds
  api = (await import("staffcast/erlang")) as unknown as typeof Erlang;
}, 120_000);

function forecast(n: number): Erlang.ForecastColumns & { shrinkage: number[] } {
  const queue: string[] = [];
  const startMs: number[] = [];
  const calls: number[] = [];
  const ahtSeconds: number[] = [];
  const shrinkage: number[] = [];
  for (let i = 0; i < n; i++) {
    queue.push(i % 2 === 0 ? "vip" : "sales");
    startMs.push(Date.UTC(2025, 0, 6) + Math.floor(i / 2) * 900_000);
    calls.push(i % 11 === 0 ? 0 : 5 + ((i * 7919) % 400));
    ahtSeconds.push(i % 4 === 0 ? 150 + (i % 300) : Number.NaN);
    shrinkage.push(i % 5 === 0 ? 0.35 : Number.NaN);
  }
  return { queue, startMs, calls, ahtSeconds, shrinkage };
}

describe("computeRequirementTableParallel", () => {
  it.each([{}, { patienceSeconds: 120, targets: { maxAbandonRate: 0.04, asaSeconds: 25 } }])(
    "equals computeRequirementTable on 1, 2 and 3 threads (%j)",
    async (model) => {
      const f = forecast(3000);
      const options = { ahtSeconds: 240, minAgents: 1, ...model };
      const one = api.computeRequirementTable(f, options);
      for (const threads of [1, 2, 3]) {
        const many = await api.computeRequirementTableParallel(f, options, {
          threads,
          minRowsPerThread: 100,
        });
        expect(many).toEqual(one);
      }
    },
  );

  it("reproduces a published case on worker threads, not only the one-thread result", async () => {
    // pyworkforce docs scenarios.md and the CRAN ErlangC README (reference.test.ts row 3):
    // 100 calls in 30 minutes, AHT 180 s, 80 % in 20 s need 14 agents, service level 0.88835
    const n = 400;
    const f = {
      queue: Array<string>(n).fill("q"),
      startMs: Array.from({ length: n }, (_, i) => Date.UTC(2025, 0, 6) + i * 1_800_000),
      calls: Array<number>(n).fill(100),
    };
    const t = await api.computeRequirementTableParallel(
      f,
      { ahtSeconds: 180, intervalSeconds: 1800 },
      { threads: 2, minRowsPerThread: 100 },
    );
    expect(new Set(t.agents)).toEqual(new Set([14]));
    for (const sl of t.serviceLevel) expect(Math.abs(sl - 0.88835)).toBeLessThan(5e-4);
  });

  it("names bad rows by their index in the whole forecast", async () => {
    const f = forecast(1000);
    const shrinkage = [...f.shrinkage];
    shrinkage[123] = 1.5;
    shrinkage[876] = 1.5;
    const error = await api
      .computeRequirementTableParallel(
        { ...f, shrinkage },
        { ahtSeconds: 240 },
        { threads: 2, minRowsPerThread: 100 },
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect((error as { issues: { row: number }[] }).issues.map((i) => i.row)).toEqual([123, 876]);
  });
});

describe("worker options", () => {
  it("hands workers the module loaders of the parent's command line, nothing else", () => {
    expect(
      workerExecArgv([
        "--input-type=module",
        "--import",
        "tsx",
        "--max-old-space-size=100",
        "-e",
        "code",
        "--require=./setup.cjs",
        "--conditions",
        "development",
        "--experimental-vm-modules",
        "--enable-source-maps",
      ]),
    ).toEqual([
      "--import",
      "tsx",
      "--require=./setup.cjs",
      "--conditions",
      "development",
      "--experimental-vm-modules",
      "--enable-source-maps",
    ]);
  });

  it("runs workers from a process started with --input-type and -e", () => {
    const script = [
      'import { computeRequirementTableParallel } from "staffcast/erlang";',
      "const n = 600;",
      'const f = { queue: Array(n).fill("q"), startMs: Array.from({ length: n }, (_, i) => i * 9e5),',
      "  calls: Array.from({ length: n }, (_, i) => 10 + (i % 300)) };",
      "const t = await computeRequirementTableParallel(f, { ahtSeconds: 200 }, { threads: 2, minRowsPerThread: 100 });",
      "console.log(t.length, t.agents[599]);",
    ].join("\n");
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
    });
    expect(out.trim()).toBe(
      `600 ${api.staffInterval({ calls: 10 + (599 % 300), intervalSeconds: 900, ahtSeconds: 200 }).agents}`,
    );
  });
});

describe("canRunWorker", () => {
  const ts = new URL("file:///x/staff-worker.ts");
  it("runs a built script anywhere, a TypeScript one only under a TypeScript loader", () => {
    expect(canRunWorker(new URL("file:///x/staff-worker.js"), [])).toBe(true);
    expect(canRunWorker(ts, ["--import", "tsx"])).toBe(true);
    expect(canRunWorker(ts, ["--import=tsx/esm"])).toBe(true);
    expect(canRunWorker(ts, ["--loader", "ts-node/esm"])).toBe(true);
    // a test runner that transforms modules in-process hands no such loader on
    expect(canRunWorker(ts, [])).toBe(false);
    expect(canRunWorker(ts, ["--conditions", "development", "--import", "./setup.mjs"])).toBe(
      false,
    );
  });
});
