/**
 * Regression tests of issue #7 (numbered items `#7.<n>`): bounded inputs, models checked for
 * size, no spread over data, safe identifiers, terminal escapes, confined configurations,
 * validated schedule JSON, capped error lists.
 */
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  computeRequirementTable,
  evaluateInterval,
  simulateQueues,
  staffInterval,
  STAFFING_LIMITS,
} from "../../src/erlang/index.ts";
import { DataError, MAX_ISSUES } from "../../src/io/errors.ts";
import { identifierProblem } from "../../src/io/identifiers.ts";
import { jsonSyntaxError, parseJsonText } from "../../src/io/json.ts";
import { parseCsv } from "../../src/io/csv.ts";
import { appendAll, maxOf, minOf } from "../../src/math/extent.ts";
import { parsePlanConfig } from "../../src/plan/index.ts";
import { buildShiftModel, parseScheduleJson, parseShiftSpec } from "../../src/schedule/index.ts";
import { forPeople, table } from "../../src/cli/format.ts";
import { runCli } from "../support/cli.ts";
import { smallPlanFolder } from "../support/plan-fixture.ts";

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), "staffcast-safety-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

/** A one-shift schedule as `staffcast schedule --out` writes it. */
const validSchedule = {
  status: "optimal",
  objective: 8,
  gap: 0,
  shifts: [
    {
      name: "day",
      start: "2025-01-06T08:00:00Z",
      end: "2025-01-06T16:00:00Z",
      count: 1,
      breaks: [],
    },
  ],
  coverage: [{ start: "2025-01-06T08:00:00Z", required: 1, scheduled: 1 }],
  shiftFile: {
    shifts: [{ name: "day", startEarliest: "08:00", startLatest: "08:00", lengthMinutes: 480 }],
  },
};

const noStack = (text: string): void => {
  expect(text).not.toMatch(/\n\s+at |internal error|Maximum call stack/);
};

const quarterHours = (n: number, queue = "q", calls = "10"): string => {
  const lines = ["start,queue,calls,aht_s"];
  for (let i = 0; i < n; i++)
    lines.push(
      `${new Date(Date.UTC(2025, 0, 6) + i * 900_000).toISOString()},${queue},${calls},180`,
    );
  return `${lines.join("\n")}\n`;
};

describe("#7.7 every input bounded to a documented range", () => {
  const base = ["erlang", "--interval", "30m"];
  it.each([
    [
      ["--calls", "2e17", "--aht", "180"],
      /--calls <n>.*'2e17' is invalid\. must be a number from 0 to 1e7/,
    ],
    [["--calls", "100", "--aht", "1e300"], /--aht <seconds>.*must be a number from 1 to 86400/],
    [
      ["--calls", "100", "--aht", "180", "--max-occupancy", "1e-15"],
      /--max-occupancy.*from 0\.01 to 1/,
    ],
    [["--calls", "100", "--aht", "180", "--patience", "1e18"], /--patience.*from 1 to 1e7/],
    [["--calls", "100", "--aht", "180", "--agents", "1e6"], /--agents.*from 0 to 100000/],
    [["--calls", "100", "--aht", "180", "--sl", "0.001"], /--sl <fraction>.*from 0\.01 to below 1/],
    [["--calls", "100", "--aht", "180", "--shrinkage", "0.999"], /--shrinkage.*from 0 to 0\.99/],
  ])("#7.7 erlang %j: exit 2 naming the flag", async (args, message) => {
    const r = await runCli([...base, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    noStack(r.stderr);
  });

  it("#7.7 erlang: a load above 10,000 Erlangs is refused, not searched for ever", async () => {
    const r = await runCli(["erlang", "--calls", "1e7", "--interval", "1h", "--aht", "86400"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/offered load 240000000 Erlangs .* is above 10000 Erlangs/);
  });

  it("#7.7 the edges of the ranges are staffed and evaluated without NaN", () => {
    const r = staffInterval({
      calls: 1e7,
      intervalSeconds: 86_400,
      ahtSeconds: 86.4,
      targets: { serviceLevel: { fraction: 0.99, seconds: 0 }, maxOccupancy: 0.1 },
    });
    expect(r.loadErlangs).toBe(10_000);
    expect(r.agents).toBe(100_000); // the occupancy cap binds, at the agents' limit
    expect(() =>
      staffInterval({
        calls: 1e7,
        intervalSeconds: 86_400,
        ahtSeconds: 86.4,
        targets: { maxOccupancy: 0.01 },
      }),
    ).toThrow(/meeting the targets takes 1000000 agents in one interval, more than 100000/);
    const a = evaluateInterval({
      calls: 1e7,
      intervalSeconds: 86_400,
      ahtSeconds: 86.4,
      agents: 100_000,
      patienceSeconds: 1e7,
    });
    for (const v of [a.serviceLevel, a.probWait, a.abandonRate, a.occupancy]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    expect(() => staffInterval({ calls: 2e17, intervalSeconds: 900, ahtSeconds: 180 })).toThrow(
      /calls must be a number from 0 to 1e7, got 200000000000000000/,
    );
    expect(() =>
      staffInterval({
        calls: 10,
        intervalSeconds: 900,
        ahtSeconds: 180,
        targets: { maxOccupancy: 1e-15 },
      }),
    ).toThrow(/maxOccupancy must be a number from 0\.01 to 1/);
    expect(STAFFING_LIMITS.loadErlangs.max).toBe(10_000);
  });

  it("#7.7 requirements: huge calls, AHT and calls = 1e308 are refused naming the cell (exit 65)", async () => {
    const d = dir({
      "f.csv":
        "start,queue,calls,aht_s\n" +
        "2025-01-06T08:00:00Z,q,2e17,180\n" +
        "2025-01-06T08:15:00Z,q,10,1e300\n" +
        "2025-01-06T08:30:00Z,q,1e308,180\n" +
        "2025-01-06T08:45:00Z,q,9000000,600\n",
    });
    const r = await runCli([
      "requirements",
      "--forecast",
      join(d, "f.csv"),
      "--out",
      join(d, "o.csv"),
    ]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/f\.csv:2:3: calls: expected a number from 0 to 1e7 \(got "2e17"\)/);
    expect(r.stderr).toMatch(/f\.csv:3:4: aht_s: expected a number of seconds from 1 to 86400/);
    expect(r.stderr).toMatch(/f\.csv:4:3: calls: expected a number from 0 to 1e7 \(got "1e308"\)/);
    noStack(r.stderr);
    const load = dir({
      "f.csv":
        "start,queue,calls,aht_s\n2025-01-06T08:00:00Z,q,9000000,600\n2025-01-06T08:15:00Z,q,1,60\n",
    });
    const l = await runCli(["requirements", "--forecast", join(load, "f.csv")]);
    expect(l.code).toBe(65);
    expect(l.stderr).toMatch(
      /f\.csv:2:3: calls: offered load 6000000 Erlangs .* above 10000 Erlangs/,
    );
    expect(readdirSync(d)).toEqual(["f.csv"]);
  });

  it("#7.7 the plan configuration is bounded too", () => {
    const config = { history: "h.csv", shifts: "s.json", start: "2025-01-06", days: 1 };
    expect(() =>
      parsePlanConfig({ ...config, queues: { q: { patienceSeconds: 1e30, minAgents: 1e9 } } }),
    ).toThrow(/queues\.q\.patienceSeconds: .*\n.*queues\.q\.minAgents/);
    expect(() => parsePlanConfig({ ...config, solver: { timeLimitSeconds: 1e300 } })).toThrow(
      /solver\.timeLimitSeconds/,
    );
  });
});

describe("#7.8 / #7.17 models checked for size before they are built", () => {
  const day = (year: number): string => {
    const lines = ["start,agents"];
    for (let h = 8; h < 18; h++) lines.push(`${year}-01-06T${String(h).padStart(2, "0")}:00:00Z,3`);
    return lines.join("\n");
  };
  const spec = JSON.stringify({
    interval: 60,
    shifts: [{ name: "day", startEarliest: "06:00", startLatest: "12:00", lengthMinutes: 480 }],
  });

  it("#7.8 a year typed wrong (2052 for 2025) is refused naming the gap, not built (exit 65)", async () => {
    const d = dir({
      "req.csv": `${day(2025)}\n2052-01-06T09:00:00Z,3\n`,
      "shifts.json": spec,
    });
    const r = await runCli([
      "schedule",
      "--requirements",
      join(d, "req.csv"),
      "--shifts",
      join(d, "shifts.json"),
    ]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(
      /warning: .*req\.csv: no rows for 9861 days between line 11 \(2025-01-06T17:00:00Z\) and line 12 \(2052-01-06T09:00:00Z\): is a date wrong\?/,
    );
    expect(r.stderr).toMatch(
      /error: model too large: the horizon has 236,666 intervals of 60 minutes, more than 20,000 \(833 days at this interval\): the widest gap between two rows is 9861 days/,
    );
    noStack(r.stderr);
  });

  it("#7.8 a 1-minute grid with every start and 361 lengths is refused before any shift is made", () => {
    const lengths = Array.from({ length: 361 }, (_, i) => 240 + i);
    const requirements = Array.from({ length: 7 * 1440 }, (_, i) => ({
      startMs: Date.UTC(2025, 0, 6) + i * 60_000,
      required: 5,
    }));
    const s = parseShiftSpec({
      interval: 1,
      shifts: [
        { name: "any", startEarliest: "00:00", startLatest: "23:59", lengthMinutes: lengths },
      ],
    });
    expect(() => buildShiftModel(requirements, s)).toThrow(
      /model too large: the templates allow 4,158,720 concrete shifts \(day x start x length\), more than 100,000/,
    );
  });

  it("#7.17 thirty breaks with wide windows are refused at once, not built for half a minute", async () => {
    const breaks = Array.from({ length: 12 }, () => ({
      minutes: 5,
      earliestAfterStart: 0,
      latestBeforeEnd: 0,
    }));
    const d = dir({
      "req.csv": quarterHours(96 * 7)
        .replace(/,q,10,180/g, ",q,12,180")
        .replace("calls,aht_s", "agents,aht_s"),
      "shifts.json": JSON.stringify({
        interval: 5,
        shifts: [
          {
            name: "long",
            startEarliest: "00:00",
            startLatest: "23:55",
            lengthMinutes: 720,
            breaks,
          },
        ],
      }),
    });
    const r = await runCli([
      "schedule",
      "--requirements",
      join(d, "req.csv"),
      "--shifts",
      join(d, "shifts.json"),
      "--time-limit",
      "10",
    ]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(
      /model too large: the model would have [\d,]+ variables and [\d,]+ non-zeros, more than 2,000,000 and 5,000,000: narrow the break windows/,
    );
  });

  it("#7.8 a break count beyond 12 per shift is refused by the shift file's schema", () => {
    const breaks = Array.from({ length: 30 }, () => ({ minutes: 15 }));
    expect(() =>
      parseShiftSpec({
        shifts: [
          { name: "x", startEarliest: "08:00", startLatest: "08:00", lengthMinutes: 600, breaks },
        ],
      }),
    ).toThrow(/shifts\[0\]\.breaks/);
  });
});

describe("#7.9 no spread of data into arguments", () => {
  it("#7.9 minOf, maxOf and appendAll take a million values", () => {
    const values = Float64Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1_000_003);
    expect(minOf(values, (v) => v)).toBe(0);
    expect(maxOf(values, (v) => v)).toBe(1_000_002);
    const into: number[] = [];
    appendAll(into, values);
    expect(into.length).toBe(1_000_000);
  });

  /** A forecast and requirements of two queues, `rows` intervals each: 150,000 rows in all. */
  function twoQueues(rows: number, stepMs: number, callEvery: number): string {
    const forecast = ["start,queue,calls,aht_s"];
    const agents = ["start,queue,agents"];
    for (let i = 0; i < rows; i++) {
      const t = new Date(Date.UTC(2024, 0, 1) + i * stepMs).toISOString();
      const calls = i % callEvery === callEvery / 2 ? "1" : "0";
      forecast.push(`${t},a,${calls},180`, `${t},b,${calls},180`);
      agents.push(`${t},a,1`, `${t},b,1`);
    }
    return dir({ "f.csv": `${forecast.join("\n")}\n`, "r.csv": `${agents.join("\n")}\n` });
  }
  const simulate = (d: string) =>
    runCli([
      "simulate",
      "--forecast",
      join(d, "f.csv"),
      "--requirements",
      join(d, "r.csv"),
      "--runs",
      "1",
      "--json",
    ]);

  it("#7.9 simulate with 150,000 rows runs (no 'Maximum call stack size exceeded')", async () => {
    // 75,000 quarter hours a queue (781 days): more than a year is refused, by name
    const r = await simulate(twoQueues(75_000, 900_000, 96));
    noStack(r.stderr);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(
      /the forecast spans 781 days, .*: simulate at most 366 days at a time/,
    );
    // 75,000 five-minute intervals a queue (260 days): simulated
    const s = await simulate(twoQueues(75_000, 300_000, 288));
    noStack(s.stderr);
    expect(s.code).toBe(0);
    const result = JSON.parse(s.stdout) as { total: { serviceLevel: number } };
    expect(result.total.serviceLevel).toBeGreaterThan(0); // computed over all 150,000 rows
    expect(result.total.serviceLevel).toBeLessThanOrEqual(1);
  }, 60_000);

  it("#7.7 simulations are bounded: a hundred million calls are refused with the work they would take", () => {
    expect(() =>
      simulateQueues({
        pools: [
          {
            streams: [
              {
                queue: "q",
                rate: { startMs: 0, stepSeconds: 900, values: [1e7 / 900] },
                ahtSeconds: 60,
              },
            ],
            agents: { startMs: 0, stepSeconds: 900, values: [1000] },
          },
        ],
        report: { startMs: 0, intervalSeconds: 900, count: 1 },
        runs: 20,
      }),
    ).toThrow(
      /the simulation would handle about 200,000,000 calls \(10,000,000 a run x 20 runs\), more than 20,000,000/,
    );
  });
});

describe("#7.11 no spreadsheet formulas in output files", () => {
  it("#7.11 names starting with =, @, +, -, tab or CR are refused; dialled numbers are not", () => {
    for (const bad of [
      '=HYPERLINK("http://x")',
      "@SUM(A1)",
      "+cmd",
      "-2+3",
      "\tx",
      "\rx",
      "=cmd|' /C calc'!A0",
    ])
      expect(identifierProblem(bad)).toMatch(/spreadsheet programs run as a formula/);
    for (const good of ["orders", "+86 400 800 1234", "-", "-12-34", "vip desk", "a=b"])
      expect(identifierProblem(good)).toBeUndefined();
    expect(identifierProblem("q".repeat(201))).toMatch(/longer than 200 characters/);
  });

  it("#7.11 forecast, requirements, roster agents and adherence refuse formula names (exit 65, the cell named)", async () => {
    const history = quarterHours(4).replaceAll(",q,", ',"=HYPERLINK(""http://x"")",');
    const d = dir({ "h.csv": history });
    const r = await runCli(["requirements", "--forecast", join(d, "h.csv")]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(
      /h\.csv:2:2: queue: starts with "=", which spreadsheet programs run as a formula/,
    );
    const f = await runCli([
      "forecast",
      "--history",
      join(d, "h.csv"),
      "--start",
      "2025-01-07",
      "--days",
      "1",
    ]);
    expect(f.code).toBe(65);
    expect(f.stderr).toMatch(/h\.csv:2:2: queue: starts with "="/);
    const agents = dir({
      "a.csv": "agent_id\nann\n=cmd|' /C calc'!A0\n",
      "s.csv":
        "agent_id,start,end,activity\n@x,2025-01-06T08:00:00Z,2025-01-06T09:00:00Z,onQueue\n",
      "e.csv": "agent_id,time,state\n+1 evil,2025-01-06T08:00:00Z,available\n",
    });
    const ad = await runCli([
      "adherence",
      "--schedule",
      join(agents, "s.csv"),
      "--events",
      join(agents, "e.csv"),
    ]);
    expect(ad.code).toBe(65);
    expect(ad.stderr).toMatch(/s\.csv:2:1: agent_id: starts with "@"/);
    // the events file is read after the schedule: a good schedule shows its problem
    writeFileSync(
      join(agents, "s.csv"),
      "agent_id,start,end,activity\nann,2025-01-06T08:00:00Z,2025-01-06T09:00:00Z,onQueue\n",
    );
    const ev = await runCli([
      "adherence",
      "--schedule",
      join(agents, "s.csv"),
      "--events",
      join(agents, "e.csv"),
    ]);
    expect(ev.code).toBe(65);
    expect(ev.stderr).toMatch(/e\.csv:2:1: agent_id: starts with "\+"/);
    writeFileSync(join(agents, "sched.json"), JSON.stringify(validSchedule));
    const roster = await runCli([
      "roster",
      "--schedule",
      join(agents, "sched.json"),
      "--agents",
      join(agents, "a.csv"),
    ]);
    expect(roster.code).toBe(65);
    expect(roster.stderr).toMatch(/a\.csv:3:1: agent_id: starts with "="/);
    const ads = dir({
      "h.csv": quarterHours(8),
      "ads.csv": "air_time,channel,queue\n2025-01-06T08:10:00Z,@TV,q\n2025-01-06T08:20:00Z,tv,-x\n",
    });
    const fa = await runCli([
      "forecast",
      "--history",
      join(ads, "h.csv"),
      "--ads",
      join(ads, "ads.csv"),
      "--start",
      "2025-01-07",
      "--days",
      "1",
    ]);
    expect(fa.code).toBe(65);
    expect(fa.stderr).toMatch(
      /ads\.csv:2:2: channel: starts with "@"[^]*ads\.csv:3:3: queue: starts with "-"/,
    );
  });

  it("#7.11 the plan configuration's queue names too", () => {
    const config = { history: "h.csv", shifts: "s.json", start: "2025-01-06", days: 1 };
    expect(() => parsePlanConfig({ ...config, queues: { "=x": {} } })).toThrow(
      /queues\.=x: starts with "="/,
    );
    expect(() => parsePlanConfig({ ...config, pools: [["a", "@b"]] })).toThrow(
      /pools\[0\]\[1\]: starts with "@"/,
    );
  });
});

describe("#7.12 nothing printed for people drives the terminal", () => {
  it("#7.12 control characters are written out as escapes in tables, warnings and errors", async () => {
    expect(forPeople("a\u001b[31mred\u009b2J\u202Eevil\nnext")).toBe(
      "a\\u001b[31mred\\u009b2J\\u202eevil\nnext",
    );
    expect(table([["x\u001b]0;title\u0007", "1"]], [false, true])).toBe(
      "x\\u001b]0;title\\u0007  1",
    );
    // an agent id with an escape sequence, in the adherence table and a warning
    const d = dir({
      "s.csv":
        "agent_id,start,end,activity\nann\u001b[2J,2025-01-06T08:00:00Z,2025-01-06T09:00:00Z,onQueue\n",
      "e.csv":
        "agent_id,time,state\nann\u001b[2J,2025-01-06T08:00:00Z,available\nbob\u001b[31m,2025-01-06T08:00:00Z,available\n",
    });
    const r = await runCli([
      "adherence",
      "--schedule",
      join(d, "s.csv"),
      "--events",
      join(d, "e.csv"),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain("\u001b");
    expect(r.stdout).toMatch(/ann\\u001b\[2J/);
    expect(r.stderr).toMatch(/bob\\u001b\[31m/);
    // a flag value echoed by commander
    const f = await runCli([
      "erlang",
      "--calls",
      "\u001b[31m",
      "--interval",
      "30m",
      "--aht",
      "180",
    ]);
    expect(f.code).toBe(2);
    expect(f.stderr).not.toContain("\u001b");
  });
});

describe("#7.13 configurations: no content echoed, --confine", () => {
  it("#7.13 a JSON syntax error gives file, line and column and never the file's content", async () => {
    const d = smallPlanFolder({ shifts: "secret.txt" });
    writeFileSync(join(d, "secret.txt"), "root:x:0:0:root:/root:/bin/bash\n");
    const r = await runCli(["plan", "--config", join(d, "plan.json"), "--out", join(d, "out")]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/secret\.txt:1:1: not valid JSON: expected a value/);
    expect(r.stderr).not.toMatch(/root/);
    expect(() => parseJsonText('{\n  "a": 1,\n}', "c.json")).toThrow(
      "c.json:3:1: not valid JSON: expected a property name in double quotes",
    );
    expect(parseJsonText('\ufeff{"a":[1,2e3,"x\\u0041"]}', "b.json")).toEqual({
      a: [1, 2000, "xA"],
    });
    for (const [text, offset] of [
      ["", 0],
      ["[1,]", 3],
      ['{"a" 1}', 5],
      ["[1] x", 4],
      ['"\u0001"', 1],
      ["01", 1],
      ["[".repeat(100_000), 100_000],
    ] as const)
      expect(jsonSyntaxError(text)?.offset).toBe(offset);
    expect(jsonSyntaxError('{"a":[true,false,null,-1.5e-3,{}]}')).toBeNull();
  });

  it("#7.13 --confine refuses paths outside the configuration's folder (exit 65, field named)", async () => {
    const d = smallPlanFolder({ history: "../elsewhere.csv" });
    const r = await runCli([
      "plan",
      "--config",
      join(d, "plan.json"),
      "--out",
      join(d, "out"),
      "--confine",
    ]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(
      /plan\.json: history: \.\.\/elsewhere\.csv is outside the configuration's folder \(--confine\)/,
    );
    const ok = smallPlanFolder();
    const fine = await runCli([
      "plan",
      "--config",
      join(ok, "plan.json"),
      "--out",
      join(ok, "out"),
      "--confine",
      "--json",
    ]);
    expect(fine.code).toBe(0);
  }, 60_000);
});

describe("#7.14 schedule JSON is validated, not cast", () => {
  const valid = validSchedule;
  it.each([
    ["null", null, /not a schedule from "staffcast schedule --out"/],
    [
      "a numeric name",
      { ...valid, shifts: [{ ...valid.shifts[0], name: 1 }] },
      /shifts\[0\]\.name: .*expected string/,
    ],
    [
      "breaks null",
      { ...valid, shifts: [{ ...valid.shifts[0], breaks: null }] },
      /shifts\[0\]\.breaks: .*expected array/,
    ],
    [
      "a bad instant",
      { ...valid, coverage: [{ ...valid.coverage[0], start: "yesterday" }] },
      /coverage\[0\]\.start: expected an ISO-8601 instant/,
    ],
  ])("#7.14 roster and simulate name the field of %s (exit 65)", async (_name, json, message) => {
    const d = dir({
      "s.json": JSON.stringify(json),
      "a.csv": "agent_id\nann\n",
      "f.csv": quarterHours(4),
    });
    const roster = await runCli([
      "roster",
      "--schedule",
      join(d, "s.json"),
      "--agents",
      join(d, "a.csv"),
    ]);
    expect(roster.code).toBe(65);
    expect(roster.stderr).toMatch(new RegExp(`s\\.json: ${message.source}`));
    noStack(roster.stderr);
    const sim = await runCli([
      "simulate",
      "--schedule",
      join(d, "s.json"),
      "--forecast",
      join(d, "f.csv"),
    ]);
    expect(sim.code).toBe(65);
    expect(sim.stderr).toMatch(message);
    noStack(sim.stderr);
  });

  it("#7.14 a valid schedule still reads, and roster demands its shift file", () => {
    expect(parseScheduleJson(valid).shifts[0]!.count).toBe(1);
    const bare: Record<string, unknown> = { ...valid };
    delete bare["shiftFile"];
    expect(() => parseScheduleJson(bare, { needs: ["shiftFile"] })).toThrow(/shiftFile: missing/);
  });
});

describe("#7.15 error floods are capped", () => {
  it("#7.15 a 1 MB line of quote junk gives at most 20 problems and a count", () => {
    const junk = `a,b\n${'x"'.repeat(500_000)}\n`;
    let error: unknown;
    try {
      parseCsv(junk, "junk.csv");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).issues.length).toBeLessThanOrEqual(MAX_ISSUES + 1);
    expect((error as DataError).message.split("\n").length).toBeLessThanOrEqual(MAX_ISSUES + 1);
  });

  it("#7.15 ragged rows beyond 20 end in '... and N more problems like these'", () => {
    const rows = Array.from({ length: 70 }, () => "1,2,3").join("\n");
    expect(() => parseCsv(`a,b\n${rows}\n`, "r.csv")).toThrow(
      /r\.csv:21: expected 2 fields like the header, found 3\nerror: r\.csv: \.\.\. and 50 more problems like these$/,
    );
  });

  it("#7.15 echoed values are cut, and a binary file is refused once", async () => {
    const d = dir({
      "h.csv": `start,queue,calls\n2025-01-06T08:00:00Z,q,${"9".repeat(1_000_000)}x\n2025-01-06T08:15:00Z,q,1\n`,
    });
    const r = await runCli(["requirements", "--forecast", join(d, "h.csv"), "--aht", "60"]);
    expect(r.code).toBe(65);
    expect(r.stderr.length).toBeLessThan(400);
    expect(r.stderr).toMatch(/\(got "9{60}\.\.\. \(999941 more characters\)"\)/);
    const binary = Buffer.alloc(10 * 1024 * 1024);
    for (let i = 0; i < binary.length; i++) binary[i] = (i * 2654435761) % 251;
    writeFileSync(join(d, "b.csv"), binary);
    const b = await runCli(["requirements", "--forecast", join(d, "b.csv"), "--aht", "60"]);
    expect(b.code).toBe(65);
    expect(b.stderr.split("\n").filter(Boolean)).toHaveLength(1);
    expect(b.stderr).toMatch(/b\.csv:1: not a text file: it has a NUL byte \(byte 1\)/);
  });

  it("#7.15 problems merged from several threads share one cap", () => {
    const n = 50_000;
    const queue = Array.from({ length: n }, () => "q");
    const startMs = Float64Array.from({ length: n }, (_, i) => i * 900_000);
    const calls = new Float64Array(n).fill(1e7); // load 2,000,000 Erlangs: each row refused
    expect(() => computeRequirementTable({ queue, startMs, calls }, { ahtSeconds: 180 })).toThrow(
      /\.\.\. and 49980 more problems like these/,
    );
  });
});
