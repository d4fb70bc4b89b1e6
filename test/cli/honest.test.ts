/**
 * Regression tests of issue #8 (numbered items `#8.<n>`): no silent wrong answers, clear
 * messages, sane defaults.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { parseRules } from "../../src/adherence/index.ts";
import { evaluateInterval, productiveFromScheduled } from "../../src/erlang/index.ts";
import { parseCsv } from "../../src/io/csv.ts";
import { decodeText, firstInvalidUtf8 } from "../../src/io/files.ts";
import { identifierProblem } from "../../src/io/identifiers.ts";
import { parsePlanConfig, runPlan } from "../../src/plan/index.ts";
import { inferSpacing } from "../../src/time/duration.ts";
import { parseInstant } from "../../src/time/instant.ts";
import { createZone, legacyZoneNote, parseDay, zoneNameProblem } from "../../src/time/zone.ts";
import { forecastCsvChunks } from "../../src/forecast/index.ts";
import { runCli } from "../support/cli.ts";
import {
  fixtureAgents,
  fixtureHistory,
  fixtureSpec,
  smallPlanFolder,
} from "../support/plan-fixture.ts";

function dir(files: Record<string, string | Buffer>): string {
  const d = mkdtempSync(join(tmpdir(), "staffcast-honest-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

/** `n` quarter hours of one queue from Monday 2025-01-06 08:00. */
function quarterHours(n: number, calls = 10): string[] {
  const lines = ["start,queue,calls,aht_s"];
  for (let i = 0; i < n; i++)
    lines.push(
      `${new Date(Date.UTC(2025, 0, 6, 8) + i * 900_000).toISOString().replace(".000Z", "Z")},q,${calls},180`,
    );
  return lines;
}

describe("#8.1 the interval is the most common gap; rows off it are errors", () => {
  it("#8.1 one row stamped 12:00:01 among quarter hours is named, not made the interval", async () => {
    const lines = quarterHours(40);
    lines.splice(17, 0, "2025-01-06T12:00:01Z,q,1,180");
    const d = dir({ "f.csv": `${lines.join("\n")}\n` });
    const r = await runCli(["requirements", "--forecast", join(d, "f.csv")]);
    expect(r.code).toBe(65);
    expect(r.stderr).toBe(
      `error: ${join(d, "f.csv")}:18:1: start: queue "q" has a row at 2025-01-06T12:00:01Z, off the grid of its other rows (every 900 s): is its time a typo? (got "2025-01-06T12:00:01Z")\n`,
    );
  });

  it("#8.1 inferSpacing: the most common gap (ties: the smaller), the most common phase", () => {
    expect(inferSpacing([0, 900_000, 3_600_000])).toEqual({
      ok: true,
      spacingMs: 900_000,
      offGrid: [],
    });
    const starts = Array.from({ length: 20 }, (_, i) => i * 900_000);
    expect(inferSpacing([...starts, 7_201_000])).toEqual({
      ok: true,
      spacingMs: 900_000,
      offGrid: [7_201_000],
    });
    // the stray row first: the grid still follows the others
    expect(inferSpacing([-1_000, ...starts])).toMatchObject({
      spacingMs: 900_000,
      offGrid: [-1_000],
    });
    // closed hours (gaps of several intervals) are not off the grid
    expect(inferSpacing([0, 900_000, 1_800_000, 36_000_000, 36_900_000])).toMatchObject({
      spacingMs: 900_000,
      offGrid: [],
    });
  });

  it("#8.1 schedule refuses it too, naming the line (it made 692,636 agent-intervals of 1 s)", async () => {
    const lines = ["start,agents"];
    for (let i = 0; i < 40; i++)
      lines.push(`${new Date(Date.UTC(2025, 0, 6, 8) + i * 900_000).toISOString()},3`);
    lines.splice(17, 0, "2025-01-06T12:00:01Z,1");
    const d = dir({
      "r.csv": `${lines.join("\n")}\n`,
      "s.json": JSON.stringify({
        interval: 15,
        shifts: [{ name: "day", startEarliest: "08:00", startLatest: "10:00", lengthMinutes: 480 }],
      }),
    });
    const r = await runCli([
      "schedule",
      "--requirements",
      join(d, "r.csv"),
      "--shifts",
      join(d, "s.json"),
    ]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(
      /r\.csv:18:1: start: off the grid of the other rows \(every 15 min\): is its time a typo\? \(got "2025-01-06T12:00:01Z"\)/,
    );
  });

  it("#8.1 simulate refuses a stray row the same way", async () => {
    const lines = quarterHours(12);
    lines.push("2025-01-06T09:07:00Z,q,1,180");
    const req = quarterHours(12).map((l, i) =>
      i === 0 ? "start,queue,agents" : l.replace(/,10,180$/, ",3"),
    );
    const d = dir({ "f.csv": `${lines.join("\n")}\n`, "r.csv": `${req.join("\n")}\n` });
    const r = await runCli([
      "simulate",
      "--forecast",
      join(d, "f.csv"),
      "--requirements",
      join(d, "r.csv"),
    ]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(
      /a row at 2025-01-06T09:07:00Z is off the grid of the others \(every 15 min\)/,
    );
  });
});

describe("#8.2 encodings", () => {
  it("#8.2 invalid UTF-8 is refused naming line and byte, instead of merging q\\xff and q\\xfe", async () => {
    const bytes = Buffer.concat([
      Buffer.from("start,queue,calls,aht_s\n2025-01-06T08:00:00Z,q"),
      Buffer.from([0xff]),
      Buffer.from(",1,180\n2025-01-06T08:00:00Z,q"),
      Buffer.from([0xfe]),
      Buffer.from(",1,180\n"),
    ]);
    const d = dir({ "f.csv": bytes });
    const r = await runCli(["requirements", "--forecast", join(d, "f.csv")]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(
      /f\.csv:2: not valid UTF-8 at byte 47 \(0xFF\): save the file as UTF-8/,
    );
  });

  it("#8.2 a UTF-16 file is told to convert to UTF-8", async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from("start,calls\n", "utf16le"),
    ]);
    const d = dir({ "f.csv": utf16 });
    const r = await runCli(["requirements", "--forecast", join(d, "f.csv")]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/f\.csv:1: the file is UTF-16 text: convert it to UTF-8/);
  });

  it("#8.2 the UTF-8 check agrees with the decoder on every byte sequence", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        let valid = true;
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(bytes) === bytes.length).toBe(valid);
      }),
      { numRuns: 2000 },
    );
    expect(decodeText(Buffer.from("é,ü\n"), "x")).toBe("é,ü\n");
  });
});

describe("#8.3 Erlang A with a large patience tends to Erlang C", () => {
  it("#8.3 a patience above 1e7 s is refused", async () => {
    const r = await runCli([
      "erlang",
      "--calls",
      "100",
      "--interval",
      "30m",
      "--aht",
      "180",
      "--patience",
      "1e18",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--patience.*must be a number from 1 to 1e7/);
  });

  test.prop([
    fc.double({ min: 0.1, max: 10_000, noNaN: true }),
    fc.double({ min: 0.05, max: 3, noNaN: true }),
    fc.integer({ min: 1, max: 20 }),
  ])(
    "#8.3 as patience grows to 1e7 s, P(wait), service level and ASA close in on Erlang C's (stable N)",
    (load, spare, extra) => {
      const agents = Math.ceil(load + spare * Math.sqrt(load) + 0.5) + extra - 1;
      const w = {
        calls: (load * 1800) / 180,
        intervalSeconds: 1800,
        ahtSeconds: 180,
        agents,
        slSeconds: 20,
      };
      const c = evaluateInterval(w);
      const diffs = [1e3, 1e4, 1e5, 1e6, 1e7].map((patienceSeconds) => {
        const a = evaluateInterval({ ...w, patienceSeconds });
        for (const v of [a.probWait, a.serviceLevel, a.abandonRate, a.occupancy])
          expect(v >= 0 && v <= 1).toBe(true);
        expect(a.asaSeconds).toBeGreaterThanOrEqual(0);
        if (a.probWait > 1e-9) expect(a.asaSeconds).toBeGreaterThan(0);
        return [
          Math.abs(a.probWait - c.probWait),
          Math.abs(a.serviceLevel - c.serviceLevel),
          Math.abs(a.asaSeconds - c.asaSeconds) / Math.max(1, c.asaSeconds),
        ];
      });
      // P(wait) and ASA approach Erlang C's monotonically; the service level need not (fewer
      // abandonments but longer waits), so only its final distance is checked
      for (let k = 1; k < diffs.length; k++)
        for (const m of [0, 2]) expect(diffs[k]![m]!).toBeLessThanOrEqual(diffs[k - 1]![m]! + 1e-9);
      // At 1e7 s within 0.5 % (absolute) on rates and 2 % on ASA. Convergence is slowest in
      // heavy traffic next to N = A: at A = 8166.3, N = 8172 Erlang A's exact ASA is 28.906 s
      // (direct summation of the birth-death chain in 30-digit mpmath, patience 1e7 s; the
      // engine gives 28.9059), Erlang C's 29.174 s.
      const [pw, sl, asa] = diffs[diffs.length - 1]!;
      expect(pw).toBeLessThan(5e-3);
      expect(sl).toBeLessThan(5e-3);
      expect(asa).toBeLessThan(2e-2);
    },
  );
});

describe("#8.4 one year rule: 1900 to 9999", () => {
  it("#8.4 0050 is refused in every form (it was read as 1950 by one path and 0050 by the other)", () => {
    expect(parseInstant("0050-01-01T08:00Z")).toBe("year 0050 is outside 1900 to 9999");
    expect(parseInstant("0050-01-01T08:00:00Z")).toBe("year 0050 is outside 1900 to 9999");
    expect(parseInstant("0050-01-01T08:00:00.5+01:00")).toBe("year 0050 is outside 1900 to 9999");
    expect(parseDay("0050-01-01")).toBe("year 0050 is outside 1900 to 9999");
    expect(parseInstant("1950-01-01T08:00Z")).toBe(Date.UTC(1950, 0, 1, 8));
    expect(parseInstant("1950-01-01T08:00:00Z")).toBe(Date.UTC(1950, 0, 1, 8));
  });

  test.prop([fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(9999, 11, 31) })])(
    "#8.4 the short and the long forms of an instant agree",
    (ms) => {
      const iso = new Date(ms - (ms % 1000)).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z
      const canonical = `${iso.slice(0, 19)}Z`;
      const other = `${iso.slice(0, 19)}.000+00:00`;
      expect(parseInstant(canonical)).toBe(parseInstant(other));
    },
  );
});

describe("#8.5 bounded adjustments, no empty numbers, no year 10000", () => {
  it("#8.5 an override factor of 1e308 is refused; a forecast ending past 9999 is refused", async () => {
    const history = quarterHours(4 * 10 * 14).join("\n");
    const d = dir({
      "h.csv": `${history}\n`,
      "o.csv": "start,end,factor\n2025-01-20T08:00:00Z,2025-01-20T10:00:00Z,1e308\n",
    });
    const o = await runCli([
      "forecast",
      "--history",
      join(d, "h.csv"),
      "--overrides",
      join(d, "o.csv"),
      "--start",
      "2025-01-20",
      "--days",
      "1",
    ]);
    expect(o.code).toBe(65);
    expect(o.stderr).toMatch(/o\.csv:2:3: factor: expected a number from 0 to 100/);
    const y = await runCli([
      "forecast",
      "--history",
      join(d, "h.csv"),
      "--start",
      "9999-12-31",
      "--days",
      "1",
    ]);
    expect(y.code).toBe(2);
    expect(y.stderr).toMatch(/the forecast must lie within the years 1900 to 9999/);
    expect(y.stdout).not.toMatch(/\+010000/);
  });
});

describe("#8.5 no empty numbers in a forecast", () => {
  it("#8.5 a forecast value that is not finite is a bug, never an empty cell", () => {
    const row = { queue: "q", startMs: Date.UTC(2025, 0, 6), calls: Number.NaN, p10: 0, p90: 1 };
    expect(() => [
      ...forecastCsvChunks({
        rows: [row],
        models: [],
        warnings: [],
        zone: createZone("UTC"),
        intervalMinutes: 15,
      }),
    ]).toThrow("the forecast's calls is NaN, not a finite number");
  });
});

describe("#8.6 closed hours get no calls and no agents", () => {
  it("#8.6 the response to a spot after closing is not forecast (the tail was 4.6e-14 calls at 21:30)", async () => {
    const r = await runCli([
      "forecast",
      "--history",
      "examples/tv-shopping/history.csv",
      "--ads",
      "examples/tv-shopping/ads.csv",
      "--start",
      "2003-10-20T00:00:00Z",
      "--days",
      "7",
    ]);
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout, "f.csv").records();
    const at = (start: string, queue: string) =>
      rows.find((x) => x[0] === start && x[1] === queue)!;
    expect(at("2003-10-21T21:30:00Z", "aftersales")[2]).toBe("0");
    expect(at("2003-10-24T21:00:00Z", "orders")[2]).toBe("0");
    // the weekend is said once per weekday, not per queue
    expect(r.stderr.match(/no history for Saturdays/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/warning: no history for Saturdays: forecast 0 \(closed\)/);
  });

  it("#8.6 one scheduled agent at 10 % shrinkage is still one on the phones", () => {
    expect(productiveFromScheduled(1, 0.1)).toBe(1);
    expect(productiveFromScheduled(10, 0.1)).toBe(9);
    expect(productiveFromScheduled(0, 0.1)).toBe(0);
  });

  it("#8.6 a staffing unit with calls never gets no agent where the schedule has one", async () => {
    const plan = await runPlan({
      config: parsePlanConfig({
        history: "h.csv",
        shifts: "s.json",
        start: "2025-01-20",
        days: 1,
        queues: { orders: { shrinkage: 0.1 }, vip: { shrinkage: 0.1 }, after: { shrinkage: 0.1 } },
        solver: { timeLimitSeconds: 30 },
      }),
      history: fixtureHistory(),
      shifts: fixtureSpec,
    });
    for (const e of plan.expected)
      if (e.calls > 0 && e.scheduled >= 1) expect(e.productiveAgents).toBeGreaterThanOrEqual(1);
    for (const q of plan.queues) expect(q.serviceLevel).toBeGreaterThan(0.5);
  }, 60_000);
});

describe("#8.7 the plan says when it misses its own targets", () => {
  it("#8.7 a target the schedule cannot meet is a warning on stderr, in plan.json and the report, with why", async () => {
    // going short costs less than an agent: the schedule leaves the requirement short
    const d = smallPlanFolder({ queues: { orders: { serviceLevel: 0.95, slSeconds: 10 } } });
    const spec = JSON.parse(readFileSync(join(d, "shifts.json"), "utf8")) as Record<
      string,
      unknown
    >;
    writeFileSync(join(d, "shifts.json"), JSON.stringify({ ...spec, underPenalty: 0.5 }));
    const out = join(d, "out");
    const r = await runCli(["plan", "--config", join(d, "plan.json"), "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /warning: queue "orders" misses its targets: expected service level [\d.]+ % against a target of 95\.0 % in 10 s; misses a target in \d+ of its \d+ open intervals \([\d.]+ %: the service level in \d+\)\. Why: the schedule has fewer agents than required in \d+ of them \(coverage is soft: going short costs 0\.5 per agent-interval/,
    );
    const plan = JSON.parse(readFileSync(join(out, "plan.json"), "utf8")) as { warnings: string[] };
    expect(plan.warnings.some((w) => w.startsWith('queue "orders" misses its targets'))).toBe(true);
    expect(readFileSync(join(out, "report.html"), "utf8")).toMatch(
      /queue &quot;orders&quot; misses its targets/,
    );
  }, 60_000);
});

describe("#8.8 simulate counts the schedule's agents as the plan does", () => {
  it("#8.8 --shrinkage takes agents off the phones, a plan folder's shrinkage is read, pools are printed", async () => {
    const d = smallPlanFolder({
      queues: { orders: { shrinkage: 0.3 }, vip: {}, after: {} },
    });
    const out = join(d, "out");
    expect((await runCli(["plan", "--config", join(d, "plan.json"), "--out", out])).code).toBe(0);
    const args = [
      "simulate",
      "--schedule",
      join(out, "schedule.json"),
      "--forecast",
      join(out, "forecast.csv"),
      "--runs",
      "3",
      "--json",
    ];
    const fromPlan = JSON.parse((await runCli(args)).stdout) as {
      pools: { name: string; queues: string[]; shrinkage: number; shrinkageFrom: string }[];
      intervals: { agents: number }[];
      total: { serviceLevel: number };
    };
    expect(fromPlan.pools).toEqual([
      {
        name: "all",
        queues: ["orders", "vip", "after"],
        shrinkage: 0.3,
        shrinkageFrom: "the plan's configuration (its largest queue shrinkage)",
      },
    ]);
    const none = JSON.parse(
      (await runCli([...args, "--shrinkage", "0"])).stdout,
    ) as typeof fromPlan;
    const agents = (x: typeof fromPlan) => x.intervals.reduce((a, i) => a + i.agents, 0);
    expect(agents(fromPlan)).toBeLessThan(agents(none));
    const human = await runCli(args.filter((a) => a !== "--json"));
    expect(human.stdout).toMatch(
      /one pool of the schedule's agents answers orders, vip, after \(first come, first served\), shrinkage 30\.0 % from the plan's configuration/,
    );
    const req = await runCli([
      "simulate",
      "--requirements",
      join(out, "requirements.csv"),
      "--forecast",
      join(out, "forecast.csv"),
      "--shrinkage",
      "0.2",
    ]);
    expect(req.code).toBe(2);
    expect(req.stderr).toMatch(/--shrinkage applies to --schedule/);
  }, 60_000);
});

describe("#8.9 any name a user may give works as a key", () => {
  const names = fc.oneof(
    fc.constantFrom(
      "__proto__",
      "constructor",
      "toString",
      "hasOwnProperty",
      "valueOf",
      "prototype",
    ),
    fc
      .string({ minLength: 1, maxLength: 20 })
      .filter((s) => identifierProblem(s) === undefined && s.trim() === s && !/[,"\r\n]/.test(s)),
  );
  test.prop([names, fc.double({ min: 0.05, max: 0.95, noNaN: true })])(
    "#8.9 queue targets and activity codes are kept under any accepted name",
    (name, sl) => {
      const raw = JSON.parse(
        `{"history":"h.csv","shifts":"s.json","start":"2025-01-06","days":1,"queues":{${JSON.stringify(name)}:{"serviceLevel":${sl}}}}`,
      ) as unknown;
      const config = parsePlanConfig(raw);
      expect(Object.keys(config.queues)).toEqual([name]);
      expect(Object.hasOwn(config.queues, name)).toBe(true);
      expect(config.queues[name]!.serviceLevel).toBe(sl);
      const written = JSON.parse(JSON.stringify(config)) as typeof config;
      expect(Object.hasOwn(written.queues, name)).toBe(true); // plan.json keeps it too
      const rules = parseRules(JSON.parse(`{"activities":{${JSON.stringify(name)}:"training"}}`));
      expect(rules.categoryOf(name)).toBe("training");
      expect(parseRules({}).categoryOf(name)).toBe(
        ["onQueue", "break", "meal", "meeting", "training", "offQueue"].includes(name)
          ? name
          : undefined,
      );
    },
  );

  it("#8.9 a plan with queues named constructor and __proto__ applies their targets", async () => {
    const renamed = new Map([
      ["orders", "constructor"],
      ["vip", "__proto__"],
      ["after", "toString"],
    ]);
    const history = fixtureHistory().map((h) => ({ ...h, queue: renamed.get(h.queue)! }));
    const config = parsePlanConfig(
      JSON.parse(
        '{"history":"h.csv","shifts":"s.json","start":"2025-01-20","days":1,' +
          '"queues":{"constructor":{"serviceLevel":0.8,"slSeconds":30},"__proto__":{"serviceLevel":0.9,"slSeconds":10},"toString":{"serviceLevel":0.7,"slSeconds":60}},' +
          '"solver":{"timeLimitSeconds":30}}',
      ),
    );
    const plan = await runPlan({ config, history, shifts: fixtureSpec, agents: fixtureAgents });
    expect(plan.queues.map((q) => [q.queue, q.targetServiceLevel, q.slSeconds])).toEqual([
      ["constructor", 0.8, 30],
      ["__proto__", 0.9, 10],
      ["toString", 0.7, 60],
    ]);
    expect(plan.warnings.filter((w) => /has no targets/.test(w))).toEqual([]);
  }, 60_000);
});

describe("#8.14 plan configuration errors name the file and the field (exit 65)", () => {
  it("#8.14 a bad timeZone or intervalMinutes is bad data, and a byte-order mark is fine", async () => {
    const tz = smallPlanFolder({ timeZone: "Mars/Olympus" });
    const a = await runCli(["plan", "--config", join(tz, "plan.json"), "--out", join(tz, "out")]);
    expect(a.code).toBe(65);
    expect(a.stderr).toMatch(/plan\.json: timeZone: unknown time zone "Mars\/Olympus"/);
    const iv = smallPlanFolder({ intervalMinutes: 7 });
    const b = await runCli(["plan", "--config", join(iv, "plan.json"), "--out", join(iv, "out")]);
    expect(b.code).toBe(65);
    expect(b.stderr).toMatch(
      /plan\.json: intervalMinutes: must divide a day \(1440 minutes\), got 7/,
    );
    const coarse = smallPlanFolder({ intervalMinutes: 45 });
    const c = await runCli([
      "plan",
      "--config",
      join(coarse, "plan.json"),
      "--out",
      join(coarse, "out"),
    ]);
    expect(c.code).toBe(65);
    expect(c.stderr).toMatch(
      /plan\.json: intervalMinutes: the output interval \(45 min\) must be a multiple of the history interval \(30 min\)/,
    );
    const bom = smallPlanFolder();
    writeFileSync(join(bom, "plan.json"), `\ufeff${readFileSync(join(bom, "plan.json"), "utf8")}`);
    const ok = await runCli([
      "plan",
      "--config",
      join(bom, "plan.json"),
      "--out",
      join(bom, "out"),
      "--json",
    ]);
    expect(ok.code).toBe(0);
    const plan = JSON.parse(ok.stdout) as { config: Record<string, unknown> };
    expect(plan.config).not.toHaveProperty("$schema");
  }, 60_000);
});

describe("#8.15 messages that say what is wrong", () => {
  it("#8.15 backtest with more origins than the history allows, a forecast before the history", async () => {
    const history = quarterHours(4 * 10 * 21);
    const d = dir({ "h.csv": `${history.join("\n")}\n` });
    const b = await runCli([
      "backtest",
      "--history",
      join(d, "h.csv"),
      "--origins",
      "60",
      "--days",
      "1",
    ]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(
      /origins: the history has \d+ days with data, and every origin needs at least 7 of them before it: use at most \d+ origins/,
    );
    const f = await runCli([
      "forecast",
      "--history",
      join(d, "h.csv"),
      "--start",
      "2024-06-03",
      "--days",
      "1",
    ]);
    expect(f.code).toBe(65);
    expect(f.stderr).toMatch(
      /the forecast starts at 2024-06-03T00:00:00Z, before the history's first row \(2025-01-06T08:00:00Z\)/,
    );
  });
});

describe("#8.16 / #8.17 flags that were misread", () => {
  it("#8.16 --interval 30 asks whether 30 minutes were meant; 900 and 30s stay valid", async () => {
    const r = await runCli(["erlang", "--calls", "100", "--interval", "30", "--aht", "180"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /a bare number is seconds, and 30 s is less than a minute: did you mean 30m\?/,
    );
    for (const interval of ["900", "30s", "30m"])
      expect(
        (await runCli(["erlang", "--calls", "100", "--interval", interval, "--aht", "180"])).code,
      ).toBe(0);
  });

  it("#8.17 --tz CST is refused (ambiguous); EST and US/Eastern are accepted with a warning", async () => {
    const base = [
      "forecast",
      "--history",
      "examples/tv-shopping/history.csv",
      "--start",
      "2003-10-20",
      "--days",
      "1",
    ];
    const cst = await runCli([...base, "--tz", "CST"]);
    expect(cst.code).toBe(2);
    expect(cst.stderr).toMatch(
      /--tz: unknown time zone "CST": give a tz database name such as America\/Chicago/,
    );
    const est = await runCli([...base, "--tz", "EST"]);
    expect(est.code).toBe(0);
    expect(est.stderr).toMatch(
      /warning: --tz: time zone "EST" is a legacy name of the tz database/,
    );
    const us = await runCli([...base, "--tz", "US/Eastern"]);
    expect(us.stderr).toMatch(
      /"US\/Eastern" is a legacy name of the tz database for America\/New_York: prefer America\/New_York/,
    );
    expect(zoneNameProblem("Asia/Shanghai")).toBeUndefined();
    expect(zoneNameProblem("UTC")).toBeUndefined();
    expect(legacyZoneNote("Europe/Berlin")).toBeUndefined();
    expect(legacyZoneNote("CST6CDT")).toMatch(/legacy/);
  });
});

describe("#8.18 line ends and one-column files", () => {
  it("#8.18 CR-only line ends (old Mac) are read as line ends", () => {
    const t = parseCsv("start,calls\r2025-01-06T08:00:00Z,1\r2025-01-06T08:15:00Z,2\r", "mac.csv");
    expect(t.records()).toEqual([
      ["2025-01-06T08:00:00Z", "1"],
      ["2025-01-06T08:15:00Z", "2"],
    ]);
  });

  it("#8.18 a one-column CSV of a million rows parses in linear time (it scanned to the end from every line)", () => {
    const text = `agent_id\n${Array.from({ length: 1_000_000 }, (_, i) => `a${i}`).join("\n")}\n`;
    const t = parseCsv(text, "one.csv");
    expect(t.length).toBe(1_000_000);
    expect(t.cell(999_999, 0)).toBe("a999999");
  });
});

describe("#8.19 the published types compile on TypeScript 5.4", () => {
  it("#8.19 no declaration uses generic typed arrays (TypeScript 5.7+); CI compiles them on 5.4", () => {
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (e.name.endsWith(".d.ts")) files.push(join(d, e.name));
      }
    };
    walk("dist");
    expect(files.length).toBeGreaterThan(20);
    for (const f of files)
      expect(readFileSync(f, "utf8"), f).not.toMatch(
        /\b(Float64|Float32|Int8|Int16|Int32|Uint8|Uint8Clamped|Uint16|Uint32|BigInt64|BigUint64)Array</,
      );
  });
});

describe("#8.20 small ones", () => {
  it("#8.20 staffcast alone: help on stderr, exit 2; an unknown flag is named before missing ones", async () => {
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe("");
    expect(none.stderr).toMatch(/^Usage: staffcast/);
    const typo = await runCli(["erlang", "--clls", "100", "--interval", "30m", "--aht", "180"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/^error: unknown option '--clls'\n\(Did you mean --calls\?\)/);
    const value = await runCli(["requirements", "--forecast", "-", "--out", "-"], "start,calls\n");
    expect(value.stderr).not.toMatch(/unknown option/);
  });

  it("#8.20 one agent, not 1 agents", async () => {
    const r = await runCli(["erlang", "--calls", "1", "--interval", "30m", "--aht", "180"]);
    expect(r.stdout).toMatch(/1 call per 30 min/);
  });
});
