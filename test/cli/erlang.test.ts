import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";
import { expectClose } from "../support/approx.ts";

const base = ["erlang", "--calls", "100", "--interval", "30m", "--aht", "180"];

/** The documented `erlang --json` shape. */
interface ErlangJson {
  model: "erlangC" | "erlangA";
  loadErlangs: number;
  agents: number;
  scheduledAgents: number;
  fractionalAgents?: number;
  fractionalScheduledAgents?: number;
  probWait: number;
  serviceLevel: number;
  asaSeconds: number | null;
  stable: boolean;
  occupancy: number;
  abandonRate: number;
  meanQueueLength: number | null;
  binding?: string | null;
}
const parse = (text: string): ErlangJson => JSON.parse(text) as ErlangJson;

describe("staffcast erlang --json (contract)", () => {
  it("staffs to the default target, 80 % in 20 s (pyworkforce row 1 inputs)", async () => {
    const r = await runCli([...base, "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const j = parse(r.stdout);
    expect(Object.keys(j)).toEqual([
      "model",
      "loadErlangs",
      "agents",
      "scheduledAgents",
      "fractionalAgents",
      "fractionalScheduledAgents",
      "probWait",
      "serviceLevel",
      "asaSeconds",
      "stable",
      "occupancy",
      "abandonRate",
      "meanQueueLength",
      "binding",
    ]);
    expect(j).toMatchObject({
      model: "erlangC",
      loadErlangs: 10,
      agents: 14,
      scheduledAgents: 14,
      stable: true,
      abandonRate: 0,
      binding: "serviceLevel",
    });
    expectClose(j.serviceLevel, 0.88835, { abs: 5e-6 });
  });

  it("applies shrinkage and caps, and reports the binding constraint", async () => {
    const r = await runCli([
      ...base,
      "--sl",
      "0.8",
      "--sl-seconds",
      "20",
      "--max-occupancy",
      "0.7",
      "--shrinkage",
      "0.3",
      "--json",
    ]);
    const j = parse(r.stdout);
    expect(j.agents).toBe(15);
    expect(j.scheduledAgents).toBe(22);
    expect(j.binding).toBe("occupancy");
    expectClose(j.fractionalAgents ?? Number.NaN, 10 / 0.7, { rel: 1e-12 });
  });

  it("--patience switches to Erlang A; --max-abandon binds (Mandelbaum & Zeltyn example, staffing.md row 22)", async () => {
    const r = await runCli([
      "erlang",
      "--calls",
      "2880",
      "--interval",
      "1h",
      "--aht",
      "60",
      "--patience",
      "120",
      "--sl",
      "0.8",
      "--max-abandon",
      "0.05",
      "--json",
    ]);
    const j = parse(r.stdout);
    expect(j.model).toBe("erlangA");
    expect(j.agents).toBe(48);
    expect(j.binding).toBe("abandon");
  });

  it("evaluates a given number of agents: no binding, no fractional", async () => {
    const r = await runCli([...base, "--agents", "13", "--json"]);
    const j = parse(r.stdout);
    expect(j.agents).toBe(13);
    expect("binding" in j).toBe(false);
    expect("fractionalAgents" in j).toBe(false);
    expectClose(j.serviceLevel, 0.7956, { abs: 5e-4 });
  });

  it("reports an unstable queue with null ASA, never NaN or negative", async () => {
    const r = await runCli([...base, "--agents", "10", "--json"]);
    const j = parse(r.stdout);
    expect(j).toMatchObject({
      stable: false,
      probWait: 1,
      serviceLevel: 0,
      asaSeconds: null,
      occupancy: 1,
    });
  });

  it("zero calls: 0 agents, service level 1, occupancy 0", async () => {
    const r = await runCli([
      "erlang",
      "--calls",
      "0",
      "--interval",
      "15m",
      "--aht",
      "300",
      "--json",
    ]);
    const j = parse(r.stdout);
    expect(j).toMatchObject({
      agents: 0,
      scheduledAgents: 0,
      serviceLevel: 1,
      occupancy: 0,
      probWait: 0,
      asaSeconds: 0,
      binding: null,
    });
  });

  it("accepts every interval spelling", async () => {
    for (const interval of ["30m", "1800s", "1800", "0.5h"]) {
      const r = await runCli([
        "erlang",
        "--calls",
        "100",
        "--interval",
        interval,
        "--aht",
        "180",
        "--json",
      ]);
      expect(parse(r.stdout).loadErlangs, interval).toBe(10);
    }
  });
});

describe("staffcast erlang (people)", () => {
  it("prints a summary and a what-if table of N-2..N+2", async () => {
    const r = await runCli([...base, "--shrinkage", "0.3"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Agents needed   14 productive, 20 scheduled at 30 % shrinkage");
    const whatIf = r.stdout.split("What if:")[1]!.trim().split("\n");
    expect(whatIf.length).toBe(6);
    expect(whatIf.map((l) => /(\d+)\s/.exec(l.replace(">", " "))?.[1]).slice(1)).toEqual([
      "12",
      "13",
      "14",
      "15",
      "16",
    ]);
    expect(r.stdout).not.toContain("\u001b["); // no colour when not a terminal
  });
});

describe("staffcast erlang usage errors (exit 2, message names the flag)", () => {
  const cases: [string[], RegExp][] = [
    [[...base, "--sl", "1.5"], /--sl <fraction>.*'1\.5' is invalid/],
    [[...base, "--sl", "80"], /Rates are fractions: 0\.8 for 80 %/],
    [[...base, "--shrinkage", "1"], /--shrinkage <f>.*'1' is invalid/],
    [[...base, "--asa", "0"], /--asa <s>.*'0' is invalid/],
    [[...base, "--max-occupancy", "0"], /--max-occupancy/],
    [[...base, "--max-abandon", "0"], /--max-abandon/],
    [[...base, "--max-abandon", "0.05"], /--max-abandon needs --patience/],
    [
      ["erlang", "--calls", "-5", "--interval", "30m", "--aht", "180"],
      /--calls <n>.*'-5' is invalid/,
    ],
    [
      ["erlang", "--calls", "abc", "--interval", "30m", "--aht", "180"],
      /--calls <n>.*'abc' is invalid/,
    ],
    [
      ["erlang", "--calls", "100", "--interval", "30m", "--aht", "0"],
      /--aht <seconds>.*'0' is invalid/,
    ],
    [
      ["erlang", "--calls", "100", "--interval", "fortnight", "--aht", "180"],
      /--interval <dur>.*is invalid/,
    ],
    [["erlang", "--calls", "100", "--interval", "30m"], /required option '--aht <seconds>'/],
    [[...base, "--agents", "2.5"], /--agents <n>.*whole number/],
    [[...base, "--bogus"], /unknown option '--bogus'/],
  ];
  it.each(cases)("%j", async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("--help and --version exit 0 with an example in the help", async () => {
    const help = await runCli(["erlang", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Examples:");
    const v = await runCli(["--version"]);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
