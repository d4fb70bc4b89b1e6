/**
 * `staffcast adherence` and `staffcast adherence watch`: the JSON and CSV contracts, golden
 * outputs on the bundled example, located errors and exit codes.
 */
import { EventEmitter } from "node:events";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";
import { runCli } from "../support/cli.ts";

/** The objects of NDJSON output, one a line. */
function ndjson(text: string): Record<string, unknown>[] {
  return text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const EX = "examples/adherence";
const example = [
  "adherence",
  "--schedule",
  `${EX}/schedule.csv`,
  "--rules",
  `${EX}/rules.json`,
  "--approved",
  `${EX}/approved.csv`,
  "--threshold",
  "60",
];

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), "staffcast-adh-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

const schedule = `agent_id,start,end,activity
ana,2025-01-06T09:00:00Z,2025-01-06T10:00:00Z,onQueue
ana,2025-01-06T10:00:00Z,2025-01-06T10:15:00Z,break
ana,2025-01-06T10:15:00Z,2025-01-06T11:00:00Z,onQueue
`;

describe("staffcast adherence", () => {
  it("matches the golden JSON for the bundled example", async () => {
    const r = await runCli([...example, "--events", `${EX}/events.csv`, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot("../golden/adherence-example.json");
    const json = JSON.parse(r.stdout) as {
      agents: Record<string, unknown>[];
      totals: Record<string, unknown>;
      warnings: { code: string }[];
    };
    expect(Object.keys(json.agents[0]!)).toEqual([
      "agentId",
      "date",
      "scheduledSeconds",
      "inSeconds",
      "outSeconds",
      "neutralSeconds",
      "adherence",
      "conformance",
      "exceptions",
    ]);
    expect(Object.keys(json.totals)).toEqual([
      "scheduledSeconds",
      "inSeconds",
      "outSeconds",
      "adherence",
    ]);
    expect(json.warnings.map((w) => w.code)).toEqual(["duplicateEvent"]);
  });

  it("reads NDJSON events like CSV ones", async () => {
    const csv = await runCli([...example, "--events", `${EX}/events.csv`, "--json"]);
    const ndjson = await runCli([...example, "--events", `${EX}/events.ndjson`, "--json"]);
    expect(ndjson.code).toBe(0);
    expect(ndjson.stdout).toBe(csv.stdout);
  });

  it("writes one CSV row per agent-day, atomically, with unrounded numbers", async () => {
    const d = dir({});
    const out = join(d, "adherence.csv");
    const r = await runCli([...example, "--events", `${EX}/events.csv`, "--out", out]);
    expect(r.code).toBe(0);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines[0]).toBe(
      "agent_id,date,scheduled_s,in_s,out_s,neutral_s,adherence,conformance,exceptions",
    );
    expect(lines.length).toBe(13);
    const json = JSON.parse(
      (await runCli([...example, "--events", `${EX}/events.csv`, "--json"])).stdout,
    ) as { agents: { agentId: string; adherence: number; inSeconds: number }[] };
    const first = lines[1]!.split(",");
    expect(first[0]).toBe(json.agents[0]!.agentId);
    expect(Number(first[3])).toBe(json.agents[0]!.inSeconds);
    expect(Number(first[6])).toBe(json.agents[0]!.adherence);
    expect(r.stdout).toContain("agent01"); // the table for people as well
  });

  it("reports unknown states and agents as warnings, and counts unknown states as out", async () => {
    const d = dir({
      "s.csv": schedule,
      "e.csv":
        "agent_id,time,state\nana,2025-01-06T09:00:00Z,available\nana,2025-01-06T09:30:00Z,lunch\nzed,2025-01-06T09:00:00Z,available\n",
    });
    const r = await runCli([
      "adherence",
      "--schedule",
      join(d, "s.csv"),
      "--events",
      join(d, "e.csv"),
      "--json",
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      agents: { outSeconds: number }[];
      warnings: { code: string; line?: number }[];
    };
    expect(json.agents[0]!.outSeconds).toBe(90 * 60);
    expect(json.warnings).toEqual([
      expect.objectContaining({ code: "unknownAgent", line: 4 }),
      expect.objectContaining({ code: "unknownState", line: 3 }),
    ]);
    const human = await runCli([
      "adherence",
      "--schedule",
      join(d, "s.csv"),
      "--events",
      join(d, "e.csv"),
    ]);
    expect(human.stderr).toMatch(/warning: .*e\.csv:3: unknown state "lunch"/);
  });

  it("dates agent-days and writes times in --tz", async () => {
    const d = dir({
      "s.csv":
        "agent_id,start,end,activity\nana,2025-01-06T23:30:00Z,2025-01-07T07:30:00Z,onQueue\n",
      "e.csv": "agent_id,time,state\nana,2025-01-06T23:40:00Z,available\n",
    });
    const args = [
      "adherence",
      "--schedule",
      join(d, "s.csv"),
      "--events",
      join(d, "e.csv"),
      "--json",
    ];
    const utc = JSON.parse((await runCli(args)).stdout) as {
      agents: { date: string; exceptions: { start: string }[] }[];
    };
    expect(utc.agents[0]!.date).toBe("2025-01-06");
    expect(utc.agents[0]!.exceptions[0]!.start).toBe("2025-01-06T23:30:00Z");
    const berlin = JSON.parse(
      (await runCli([...args, "--tz", "Europe/Berlin"])).stdout,
    ) as typeof utc;
    expect(berlin.agents[0]!.date).toBe("2025-01-07");
    expect(berlin.agents[0]!.exceptions[0]!.start).toBe("2025-01-07T00:30:00+01:00");
  });

  it.each([
    [
      "an unknown activity code",
      "agent_id,start,end,activity\nana,2025-01-06T09:00:00Z,2025-01-06T10:00:00Z,lnch\n",
      /s\.csv:2:4: activity: unknown activity code .*\(got "lnch"\)/,
    ],
    [
      "an end before the start",
      "agent_id,start,end,activity\nana,2025-01-06T09:00:00Z,2025-01-06T08:00:00Z,onQueue\n",
      /s\.csv:2:3: end: the end is not after the start/,
    ],
    [
      "overlapping segments",
      "agent_id,start,end,activity\nana,2025-01-06T09:00:00Z,2025-01-06T10:00:00Z,onQueue\nana,2025-01-06T09:30:00Z,2025-01-06T09:45:00Z,break\n",
      /s\.csv:3:2: start: overlaps another segment of agent "ana"/,
    ],
    [
      "a time that does not parse",
      "agent_id,start,end,activity\nana,2025-01-06 9h,2025-01-06T10:00:00Z,onQueue\n",
      /s\.csv:2:2: start: expected an ISO-8601 date-time/,
    ],
  ])("refuses a schedule with %s (exit 65, file:line:column)", async (_, text, message) => {
    const d = dir({ "s.csv": text, "e.csv": "agent_id,time,state\n" });
    const r = await runCli([
      "adherence",
      "--schedule",
      join(d, "s.csv"),
      "--events",
      join(d, "e.csv"),
    ]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("refuses events whose time does not parse, naming line and column, and writes nothing", async () => {
    const d = dir({
      "s.csv": schedule,
      "e.ndjson":
        '{"agent_id":"ana","time":"2025-01-06T09:00:00Z","state":"available"}\n{"agent_id":"ana","time":"yesterday","state":"break"}\n',
      "e.csv": "agent_id,time,state\nana,2025-01-06T09:00:00,available\n",
    });
    const out = join(d, "out.csv");
    const ndjson = await runCli([
      "adherence",
      "--schedule",
      join(d, "s.csv"),
      "--events",
      join(d, "e.ndjson"),
      "--out",
      out,
    ]);
    expect(ndjson.code).toBe(65);
    expect(ndjson.stderr).toMatch(/e\.ndjson:2: time: expected an ISO-8601 date-time/);
    const csv = await runCli([
      "adherence",
      "--schedule",
      join(d, "s.csv"),
      "--events",
      join(d, "e.csv"),
      "--out",
      out,
    ]);
    expect(csv.code).toBe(65);
    expect(csv.stderr).toMatch(/e\.csv:2:2: time: no time-zone offset/);
    expect(existsSync(out)).toBe(false);
  });

  it("validates the rules file and the approved spans", async () => {
    const d = dir({
      "s.csv": schedule,
      "e.csv": "agent_id,time,state\n",
      "r.json": '{"rules":[{"category":"onQueue","state":"x","adherence":"sometimes"}]}',
      "a.csv": "agent_id,start,end\nana,2025-01-06T10:00:00Z,2025-01-06T09:00:00Z\n",
    });
    const base = ["adherence", "--schedule", join(d, "s.csv"), "--events", join(d, "e.csv")];
    const rules = await runCli([...base, "--rules", join(d, "r.json")]);
    expect(rules.code).toBe(65);
    expect(rules.stderr).toMatch(/r\.json: rules\[0\]\.adherence/);
    const approved = await runCli([...base, "--approved", join(d, "a.csv")]);
    expect(approved.code).toBe(65);
    expect(approved.stderr).toMatch(/a\.csv:2:3: end: the end is not after the start/);
  });

  it("needs --schedule and --events (exit 2)", async () => {
    const r = await runCli(["adherence", "--events", "x.csv"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/required option '--schedule <csv>'/);
  });
});

describe("staffcast adherence watch", () => {
  it("turns the example's NDJSON feed into the golden NDJSON alerts", async () => {
    const r = await runCli(
      ["adherence", "watch", "--schedule", `${EX}/schedule.csv`, "--rules", `${EX}/rules.json`],
      readFileSync(`${EX}/events.ndjson`, "utf8"),
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot("../golden/adherence-watch.ndjson");
    const alerts = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; at: string; since?: string; seconds?: number });
    expect(alerts.some((a) => a.type === "outOfAdherence")).toBe(true);
    for (const a of alerts.filter((x) => x.type === "outOfAdherence")) {
      expect(a.seconds).toBeGreaterThanOrEqual(300);
      expect(Date.parse(a.at) - Date.parse(a.since!)).toBe(a.seconds! * 1000);
    }
  });

  it("reports a bad line as a warning and goes on", async () => {
    const d = dir({ "s.csv": schedule });
    const feed = [
      '{"agent_id":"ana","time":"2025-01-06T09:00:00Z","state":"available"}',
      "{oops",
      '{"agent_id":"ana","time":"2025-01-06T10:20:00Z","state":"available"}',
    ].join("\n");
    const r = await runCli(
      ["adherence", "watch", "--schedule", join(d, "s.csv"), "--alarm-after", "120"],
      feed,
    );
    expect(r.code).toBe(0);
    const alerts = ndjson(r.stdout);
    expect(alerts).toEqual([
      expect.objectContaining({ type: "warning", code: "badEvent", line: 2 }),
      {
        type: "outOfAdherence",
        agentId: "ana",
        at: "2025-01-06T10:02:00Z",
        since: "2025-01-06T10:00:00Z",
        activity: "break",
        state: "available",
        seconds: 120,
      },
      {
        type: "backInAdherence",
        agentId: "ana",
        at: "2025-01-06T10:15:00Z",
        since: "2025-01-06T10:00:00Z",
        activity: "onQueue",
        state: "available",
        seconds: 900,
      },
    ]);
  });
});

describe("staffcast adherence watch: a wrong device clock and a stalled consumer", () => {
  const two = `${schedule}${schedule.split("\n").slice(1).join("\n").replaceAll("ana,", "bob,")}`;
  const event = (agent: string, time: string, state: string): string =>
    JSON.stringify({ agent_id: agent, time: `2025-01-06T${time}:00Z`, state });

  it("#7.6 reads stdin no faster than stdout drains, and writes every alert once it does", async () => {
    const d = dir({ "s.csv": two });
    const total = 5000;
    let produced = 0;
    /** Events of agents without a schedule: one unknownAgent warning each. */
    function* feed(): Generator<string> {
      for (let i = 0; i < total; i++) {
        produced++;
        yield `${JSON.stringify({ agent_id: `u${i}`, time: "2025-01-06T09:00:00Z", state: "available" })}\n`;
      }
    }
    /** A stdout whose buffer stays full until `open` is set and "drain" emitted. */
    class StalledOut extends EventEmitter {
      text = "";
      open = false;
      write(chunk: string): boolean {
        this.text += chunk;
        return this.open;
      }
    }
    const stdout = new StalledOut();
    let stderr = "";
    const done = run(["adherence", "watch", "--schedule", join(d, "s.csv")], {
      stdin: Readable.from(feed()),
      stdout,
      stderr: { write: (s: string) => (stderr += s) },
    });
    const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    // until the first alert is written (the schedule is read first: file reads take their
    // time on a loaded machine, so wait in real time, up to 20 s), then a while longer
    for (let i = 0; i < 4000 && stdout.text === ""; i++)
      await new Promise((resolve) => setTimeout(resolve, 5));
    for (let i = 0; i < 50; i++) await turn();
    expect(stdout.text.split("\n").length - 1).toBe(1);
    expect(produced).toBeGreaterThan(0);
    expect(produced).toBeLessThan(100); // the stream's small buffer, not the feed
    stdout.open = true;
    stdout.emit("drain");
    expect(await done).toBe(0);
    expect(stderr).toBe("");
    expect(produced).toBe(total);
    const alerts = stdout.text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { code: string; agentId: string });
    expect(alerts.length).toBe(total);
    expect(alerts.every((a) => a.code === "unknownAgent")).toBe(true);
    expect(new Set(alerts.map((a) => a.agentId)).size).toBe(total);
  });

  it("#7.6 reports a line longer than 1 MiB as a bad line (skipped, not parsed) and goes on", async () => {
    const d = dir({ "s.csv": two });
    const feed = [
      event("ana", "09:00", "available"),
      `{"agent_id":"ana","note":"${"x".repeat(1_100_000)}"}`,
      event("bob", "09:00", "available"),
      "{oops",
    ].join("\r\n");
    const r = await runCli(["adherence", "watch", "--schedule", join(d, "s.csv")], feed);
    expect(r.code).toBe(0);
    const alerts = ndjson(r.stdout);
    expect(alerts).toEqual([
      {
        type: "warning",
        at: "2025-01-06T09:00:00Z",
        code: "badEvent",
        message: "line 2: longer than 1 MiB: skipped",
        line: 2,
      },
      expect.objectContaining({ type: "warning", code: "badEvent", line: 4 }),
    ]);
  });

  it("#7.5 a line stamped 2099 in the middle is reported (futureEvent) and raises no false alarms", async () => {
    const d = dir({ "s.csv": two });
    const lines: string[] = [];
    for (const [time, state] of [
      ["09:00", "available"],
      ["09:10", "onCall"],
      ["09:20", "available"],
      ["09:30", "acw"],
      ["09:40", "available"],
      ["09:50", "onCall"],
      ["10:00", "break"],
      ["10:10", "break"],
      ["10:15", "available"],
      ["10:25", "onCall"],
      ["10:35", "available"],
      ["10:45", "onCall"],
      ["10:55", "available"],
    ] as const) {
      lines.push(event("ana", time, state), event("bob", time, state));
      // a device whose clock is wrong, in the middle of the feed (line 9)
      if (time === "09:30")
        lines.push('{"agent_id":"ana","time":"2099-01-01T00:00:00Z","state":"loggedOut"}');
    }
    const feed = lines.join("\n");
    const r = await runCli(["adherence", "watch", "--schedule", join(d, "s.csv")], feed);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const alerts = ndjson(r.stdout);
    expect(alerts).toEqual([
      {
        type: "warning",
        agentId: "ana",
        at: "2025-01-06T09:40:00Z",
        code: "futureEvent",
        message:
          "event at 2099-01-01T00:00:00.000Z is 2334752400 s ahead of the clock (more than the " +
          "lateness of 900 s): not applied (the clock moved on without it)",
        line: 9,
      },
    ]);
  });
});

describe("staffcast adherence watch: start-up, the end of a shift, old events and CSV (#8.13)", () => {
  const two = `${schedule}${schedule.split("\n").slice(1).join("\n").replaceAll("ana,", "bob,")}`;
  const event = (agent: string, time: string, state: string): string =>
    JSON.stringify({ agent_id: agent, time: `2025-01-06T${time}:00Z`, state });

  it("#8.13 --clock wall with a schedule whose day is long over raises no alerts at start-up", async () => {
    const now = JSON.stringify({
      agent_id: "agent01",
      time: new Date().toISOString(),
      state: "available",
    });
    const r = await runCli(
      [
        "adherence",
        "watch",
        "--schedule",
        `${EX}/schedule.csv`,
        "--rules",
        `${EX}/rules.json`,
        "--clock",
        "wall",
      ],
      `${now}\n`,
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
  });

  it("#8.13 --clock wall: an event two years old is reported, not replayed into alerts", async () => {
    const day = new Date(Date.now() - 730 * 86_400_000).toISOString().slice(0, 10);
    const d = dir({ "s.csv": schedule.replaceAll("2025-01-06", day) });
    const feed = `${JSON.stringify({ agent_id: "ana", time: `${day}T09:00:00Z`, state: "available" })}\n`;
    const r = await runCli(
      ["adherence", "watch", "--schedule", join(d, "s.csv"), "--clock", "wall"],
      feed,
    );
    expect(r.code).toBe(0);
    expect(ndjson(r.stdout)).toEqual([
      expect.objectContaining({
        type: "warning",
        agentId: "ana",
        code: "eventForClosedDay",
        line: 1,
      }),
    ]);
  });

  it("#8.13 a shift that ends while the agent is logged out ends with outOfAdherenceEnded, not backInAdherence", async () => {
    const d = dir({ "s.csv": two });
    const lines: string[] = [];
    for (const [time, state] of [
      ["09:00", "available"],
      ["09:10", "onCall"],
      ["09:20", "available"],
      ["09:30", "onCall"],
      ["09:40", "available"],
      ["09:50", "acw"],
      ["10:00", "break"],
      ["10:10", "break"],
      ["10:15", "available"],
      ["10:25", "onCall"],
    ] as const)
      lines.push(event("ana", time, state), event("bob", time, state));
    lines.push(event("ana", "10:30", "loggedOut")); // ana is gone for the day
    for (const [time, state] of [
      ["10:35", "available"],
      ["10:45", "onCall"],
      ["10:55", "available"],
      ["11:00", "loggedOut"],
      ["11:10", "loggedOut"],
    ] as const)
      lines.push(event("bob", time, state));
    const feed = lines.join("\n");
    const r = await runCli(["adherence", "watch", "--schedule", join(d, "s.csv")], feed);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(ndjson(r.stdout)).toEqual([
      {
        type: "outOfAdherence",
        agentId: "ana",
        at: "2025-01-06T10:35:00Z",
        since: "2025-01-06T10:30:00Z",
        activity: "onQueue",
        state: "loggedOut",
        seconds: 300,
      },
      {
        type: "outOfAdherenceEnded",
        agentId: "ana",
        at: "2025-01-06T11:00:00Z",
        since: "2025-01-06T10:30:00Z",
        activity: null,
        state: "loggedOut",
        seconds: 1800,
        reason: "scheduleEnded",
      },
    ]);
  });

  it("#8.13 the help of adherence watch lists the outOfAdherenceEnded alert type", async () => {
    const r = await runCli(["adherence", "watch", "--help"]);
    expect(r.code).toBe(0);
    const help = r.stdout.replace(/\s+/g, " ");
    expect(help).toContain(
      "type: outOfAdherence | backInAdherence | outOfAdherenceEnded | warning, agentId, at, since, activity, state, seconds, reason? }",
    );
    expect(help).toMatch(/outOfAdherenceEnded \(reason: scheduleEnded\)/);
  });

  it.each([
    ["a CSV header", "agent_id,time,state\nana,2025-01-06T09:00:00Z,available\n", 1],
    ["a CSV header after blank lines", "\n  \nagent_id,time,state\n", 3],
    ["CSV without a header", "ana,2025-01-06T09:00:00Z,available\n", 1],
  ])(
    "#8.13 refuses %s on stdin (exit 65, naming the line, with a hint) and writes nothing",
    async (_, feed, line) => {
      const d = dir({ "s.csv": schedule });
      const r = await runCli(["adherence", "watch", "--schedule", join(d, "s.csv")], feed);
      expect(r.code).toBe(65);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain(`<stdin>:${line}: `);
      expect(r.stderr).toContain(
        'adherence watch reads NDJSON events, one JSON object a line ({"agent_id":...,"time":...,"state":...}); for a CSV file use staffcast adherence --events <file>',
      );
      expect(r.stderr).not.toMatch(/\n\s+at /);
    },
  );
});
