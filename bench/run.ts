/**
 * Staffing benchmark (issue #2): 1,000,000 interval rows, loads uniform in 1..1,000 Erlangs, AHT
 * uniform in 60..600 s, 30-minute intervals, 80 % answered within 20 s.
 *
 * 1. The engine alone, as users import it (`staffcast/erlang`, the built package; no CSV I/O):
 *    `computeRequirementTable` for Erlang C and Erlang A (mean patience 180 s), best of three
 *    runs on one core, and the object API `computeRequirements` for comparison. Results are
 *    checked against independent implementations written here.
 * 2. The CLI end to end: `staffcast requirements` reading and writing a 1,000,000-row CSV.
 *
 * Run: `npm run bench` (builds first). `BENCH_ROWS=100000 npm run bench` for a quick look.
 * Goals: engine under 1 s (Erlang C) and 3 s (Erlang A) on one core; CLI under 5 s.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import {
  computeRequirements,
  computeRequirementTable,
  computeRequirementTableParallel,
} from "staffcast/erlang";
import { rng } from "./semisynthetic.ts";
import { timeCli } from "./time-cli.ts";

const ROWS = Number(process.env["BENCH_ROWS"] ?? 1_000_000);
const INTERVAL = 1800;
const PATIENCE = 180;
const T = 20;
const TARGET = 0.8;

const random = rng(2026);
const queue = new Array<string>(ROWS).fill("q");
const startMs = new Float64Array(ROWS);
const calls = new Float64Array(ROWS);
const ahtSeconds = new Float64Array(ROWS);
const t0 = Date.UTC(2025, 0, 6);
for (let i = 0; i < ROWS; i++) {
  const load = 1 + 999 * random();
  const aht = 60 + 540 * random();
  startMs[i] = t0 + i * INTERVAL * 1000;
  calls[i] = (load * INTERVAL) / aht;
  ahtSeconds[i] = aht;
}
const forecast = { queue, startMs, calls, ahtSeconds };
const targets = { serviceLevel: { fraction: TARGET, seconds: T } };

function best<T>(runs: number, f: () => T): { ms: number; value: T } {
  let out: { ms: number; value: T } | undefined;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const value = f();
    const ms = performance.now() - start;
    if (out === undefined || ms < out.ms) out = { ms, value };
  }
  return out!;
}

// --- independent checks -------------------------------------------------------------------

/** Erlang C minimal N for 80/20 by the plain Erlang B recursion from N = 0 (the textbook way). */
function plainErlangC(load: number, aht: number): number {
  let b = 1;
  for (let n = 1; ; n++) {
    b = (load * b) / (n + load * b);
    if (n > load) {
      const c = (n * b) / (n - load * (1 - b));
      if (1 - c * Math.exp((-(n - load) * T) / aht) >= TARGET) return n;
    }
  }
}

/** ln of sum_j prod_{k<=j} y/(x+k) by direct summation of positive terms (log-sum-exp). */
function lnSeriesDirect(x: number, y: number): number {
  let lnTerm = 0;
  let lnMax = 0;
  let scaled = 1; // sum of exp(lnTerm - lnMax)
  for (let j = 1; j < 1e7; j++) {
    lnTerm += Math.log(y / (x + j));
    if (lnTerm > lnMax) {
      scaled = scaled * Math.exp(lnMax - lnTerm) + 1;
      lnMax = lnTerm;
    } else {
      scaled += Math.exp(lnTerm - lnMax);
    }
    if (y < x + j && lnTerm - lnMax < -40) break;
  }
  return lnMax + Math.log(scaled);
}

/**
 * Erlang A service level (answered within T / offered) at N agents from the closed form of
 * Mandelbaum & Zeltyn with the series summed term by term and Erlang B by its recursion.
 */
function directErlangA(n: number, load: number, aht: number): number {
  if (n === 0) return 0;
  let b = 1;
  for (let k = 1; k <= n; k++) b = (load * b) / (k + load * b);
  const r = PATIENCE / aht;
  const x = n * r;
  const y = load * r;
  const tau = T / PATIENCE;
  const u = Math.exp(-tau);
  const lnS = lnSeriesDirect(x, y);
  const pWait = 1 / (1 + (1 - b) / (b * Math.exp(lnS)));
  // S(x+1, y) = (S(x, y) - 1) (x + 1) / y
  const lnS1 = Math.log(-Math.expm1(-lnS)) + lnS + Math.log((x + 1) / y);
  const late = Math.exp(lnSeriesDirect(x + 1, y * u) - (x + 1) * tau + y * (1 - u) - lnS);
  const answered = (x / (x + 1)) * (Math.exp(lnS1 - lnS) - late);
  return 1 - pWait * (1 - answered);
}

const lines: string[] = [];
const say = (s: string): void => {
  console.log(s);
  lines.push(s);
};

say(
  `machine: ${cpus().length} cores, ${cpus()[0]?.model ?? "unknown CPU"}; node ${process.version}`,
);
say(`rows: ${ROWS.toLocaleString("en-US")}`);
const perRow = (ms: number): string => `${((1000 * ms) / ROWS).toFixed(3)} us/row`;

const c = best(3, () => computeRequirementTable(forecast, { targets, intervalSeconds: INTERVAL }));
let mismatchC = 0;
for (let i = 0; i < ROWS; i++) {
  const load = (calls[i]! * ahtSeconds[i]!) / INTERVAL;
  if (c.value.agents[i] !== plainErlangC(load, ahtSeconds[i]!)) mismatchC++;
}
say(
  `engine Erlang C: ${c.ms.toFixed(0)} ms (${perRow(c.ms)}); agents differing from the plain recursion from N = 0: ${mismatchC} of ${ROWS}`,
);

const a = best(3, () =>
  computeRequirementTable(forecast, {
    targets,
    intervalSeconds: INTERVAL,
    patienceSeconds: PATIENCE,
  }),
);
const sample = Math.min(ROWS, 20_000);
let mismatchA = 0;
for (let i = 0; i < sample; i++) {
  const load = (calls[i]! * ahtSeconds[i]!) / INTERVAL;
  const n = a.value.agents[i]!;
  const ok =
    directErlangA(n, load, ahtSeconds[i]!) >= TARGET &&
    directErlangA(n - 1, load, ahtSeconds[i]!) < TARGET;
  if (!ok) mismatchA++;
}
say(
  `engine Erlang A (patience ${PATIENCE} s): ${a.ms.toFixed(0)} ms (${perRow(a.ms)}); not the smallest N by direct summation: ${mismatchA} of ${sample} checked`,
);

let parallelMs = Number.POSITIVE_INFINITY;
for (let run = 0; run < 3; run++) {
  const start = performance.now();
  const table = await computeRequirementTableParallel(forecast, {
    targets,
    intervalSeconds: INTERVAL,
    patienceSeconds: PATIENCE,
  });
  parallelMs = Math.min(parallelMs, performance.now() - start);
  for (let i = 0; i < ROWS; i++) {
    if (table.agents[i] !== a.value.agents[i]) throw new Error(`threads disagree at row ${i}`);
  }
}
say(
  `engine Erlang A on ${cpus().length} threads (computeRequirementTableParallel): ${parallelMs.toFixed(0)} ms, same agents as one thread`,
);

const rows = Array.from({ length: ROWS }, (_, i) => ({
  queue: "q",
  startMs: startMs[i]!,
  calls: calls[i]!,
  ahtSeconds: ahtSeconds[i]!,
}));
const objects = best(3, () => computeRequirements(rows, { targets, intervalSeconds: INTERVAL }));
say(
  `object API (computeRequirements) Erlang C: ${objects.ms.toFixed(0)} ms (${perRow(objects.ms)})`,
);

// --- CLI end to end -------------------------------------------------------------------------
const dir = mkdtempSync(join(tmpdir(), "staffcast-bench-"));
try {
  const input = join(dir, "forecast.csv");
  const parts = ["start,queue,calls,aht_s"];
  for (let i = 0; i < ROWS; i++) {
    const start = new Date(startMs[i]!).toISOString().replace(".000Z", "Z");
    parts.push(`${start},q,${calls[i]!},${ahtSeconds[i]!}`);
  }
  writeFileSync(input, `${parts.join("\n")}\n`);
  const size = (statSync(input).size / 1e6).toFixed(0);
  for (const extra of [
    [],
    ["--patience", String(PATIENCE)],
    ["--threads", "1"],
    ["--patience", String(PATIENCE), "--threads", "1"],
  ]) {
    const args = [
      "requirements",
      "--forecast",
      input,
      "--interval",
      "30m",
      "--sl",
      String(TARGET),
      "--sl-seconds",
      String(T),
      "--out",
      join(dir, "out.csv"),
      ...extra,
    ];
    const { bestMs, peakMb } = timeCli(args);
    const memory = peakMb === undefined ? "" : `, peak RSS ${peakMb.toFixed(0)} MB`;
    say(
      `CLI requirements ${extra.includes("--patience") ? "Erlang A" : "Erlang C"}${extra.includes("--threads") ? " on one thread" : ""} on a ${size} MB CSV: ${bestMs.toFixed(0)} ms wall (best of 3)${memory}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
