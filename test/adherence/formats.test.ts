/**
 * The adherence file formats, read from text: the schedule, approved spans, state events (CSV,
 * NDJSON and a live feed), the rules file; and the writers of the adherence CSV and JSON and
 * the monitor's NDJSON alerts. Bad cells are located as `file:line:column: field`, exactly.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  computeAdherence,
  eventsFormat,
  formatAdherenceCsv,
  formatAdherenceJson,
  formatMonitorAlert,
  looksLikeCsvLine,
  parseAdherenceScheduleCsv,
  parseApprovedSpansCsv,
  parseRulesJson,
  parseStateEventLine,
  parseStateEvents,
  parseStateEventsCsv,
  parseStateEventsNdjson,
  readAdherenceScheduleCsv,
  readRulesJson,
  readStateEventLines,
  readStateEvents,
  type EventLine,
  type MonitorAlert,
  type StateEvent,
} from "../../src/adherence/index.ts";
import { DataError } from "../../src/io/errors.ts";
import { locateRows } from "../../src/io/table-read.ts";

const T = (h: number, m = 0, s = 0): number => Date.UTC(2025, 0, 6, h, m, s);

/** The message of the DataError that `f` throws (fails when it throws nothing else). */
async function dataError(f: () => unknown): Promise<string> {
  try {
    await f();
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return (error as DataError).message;
  }
  expect.fail("expected a DataError");
}

const SCHEDULE = `agent_id,start,end,activity
ana,2025-01-06T09:00:00Z,2025-01-06T10:00:00Z,onQueue
ana,2025-01-06T10:00:00+01:00,2025-01-06T10:15:00Z,break
"bob, jr",2025-01-06T09:00:00Z,2025-01-06T11:00:00Z,onQueue
`;

describe("the adherence schedule CSV", () => {
  it("reads one segment per row, in file order, with its table and file name", () => {
    const read = parseAdherenceScheduleCsv(SCHEDULE, "s.csv");
    expect(read.file).toBe("s.csv");
    expect(read.warnings).toEqual([]);
    expect(read.rows).toEqual([
      { agentId: "ana", startMs: T(9), endMs: T(10), activity: "onQueue" },
      // an offset is honoured: 10:00+01:00 is 09:00Z (the engine will refuse the overlap)
      { agentId: "ana", startMs: T(9), endMs: T(10, 15), activity: "break" },
      { agentId: "bob, jr", startMs: T(9), endMs: T(11), activity: "onQueue" },
    ]);
    expect(read.table.line(2)).toBe(4);
    expect(parseAdherenceScheduleCsv("agent_id,start,end,activity\n").file).toBe("<input>");
  });

  it("locates every bad cell at file:line:column: field", async () => {
    const text = `agent_id,start,end,activity
@x,2025-01-06T09:00:00Z,2025-01-06T10:00:00Z,onQueue
ana,2025-01-06 9h,2025-01-06T10:00:00,
,2025-01-06T09:00:00Z,2025-01-06T10:00:00Z,=1+1
`;
    const message = await dataError(() => parseAdherenceScheduleCsv(text, "s.csv"));
    expect(message.split("\nerror: ")).toEqual([
      expect.stringMatching(/^s\.csv:2:1: agent_id: starts with "@"/),
      expect.stringMatching(/^s\.csv:3:2: start: expected an ISO-8601 date-time/),
      expect.stringMatching(/^s\.csv:3:3: end: no time-zone offset/),
      's.csv:3:4: activity: expected an activity code (got "")',
      's.csv:4:1: agent_id: expected an id (got "")',
      expect.stringMatching(/^s\.csv:4:4: activity: starts with "="/),
    ]);
  });

  it("names a missing column on line 1", async () => {
    const message = await dataError(() =>
      parseAdherenceScheduleCsv("agent_id,start,end\nana,x,y\n", "s.csv"),
    );
    expect(message).toMatch(/^s\.csv:1: missing column "activity"/);
  });

  it("lets the engine's row-numbered errors be placed at the row's line and column", async () => {
    const read = parseAdherenceScheduleCsv(
      `${SCHEDULE}bob,2025-01-06T12:00:00Z,2025-01-06T13:00:00Z,lnch\n`,
      "s.csv",
    );
    const message = await dataError(() => {
      try {
        computeAdherence(read.rows, []);
      } catch (error) {
        throw error instanceof DataError ? locateRows(error, read) : error;
      }
    });
    expect(message.split("\nerror: ")).toEqual([
      expect.stringMatching(/^s\.csv:3:2: start: overlaps another segment of agent "ana"/),
      expect.stringMatching(/^s\.csv:5:4: activity: unknown activity code .*\(got "lnch"\)$/),
    ]);
  });

  it("reads a path, and - from the stdin it is given", async () => {
    const d = mkdtempSync(join(tmpdir(), "staffcast-formats-"));
    writeFileSync(join(d, "s.csv"), SCHEDULE);
    const fromFile = await readAdherenceScheduleCsv(join(d, "s.csv"));
    expect(fromFile.file).toBe(join(d, "s.csv"));
    const fromStdin = await readAdherenceScheduleCsv("-", { stdin: Readable.from([SCHEDULE]) });
    expect(fromStdin.file).toBe("<stdin>");
    expect(fromStdin.rows).toEqual(fromFile.rows);
  });
});

describe("approved spans CSV", () => {
  it("reads agent_id,start,end and an optional reason (empty: none)", () => {
    const read = parseApprovedSpansCsv(
      "agent_id,start,end,reason\nana,2025-01-06T10:00:00Z,2025-01-06T10:30:00Z,coaching\nbob,2025-01-06T11:00:00Z,2025-01-06T11:15:00Z,\n",
      "a.csv",
    );
    expect(read.rows).toEqual([
      { agentId: "ana", startMs: T(10), endMs: T(10, 30), reason: "coaching" },
      { agentId: "bob", startMs: T(11), endMs: T(11, 15) },
    ]);
    expect(
      parseApprovedSpansCsv("agent_id,start,end\nana,2025-01-06T10:00:00Z,2025-01-06T10:30:00Z\n")
        .rows,
    ).toEqual([{ agentId: "ana", startMs: T(10), endMs: T(10, 30) }]);
  });

  it("locates an end not after the start and a bad time", async () => {
    const message = await dataError(() =>
      parseApprovedSpansCsv(
        "agent_id,start,end\nana,2025-01-06T10:00:00Z,2025-01-06T09:00:00Z\nana,2025-01-06T10:00:00Z,soon\n",
        "a.csv",
      ),
    );
    expect(message.split("\nerror: ")).toEqual([
      'a.csv:2:3: end: the end is not after the start (got "2025-01-06T09:00:00Z")',
      expect.stringMatching(/^a\.csv:3:3: end: expected an ISO-8601 date-time/),
    ]);
  });
});

const EVENTS_CSV = `agent_id,time,state,reason,event_id
ana,2025-01-06T09:00:00Z,available,,e1
ana,2025-01-06T09:30:00Z,offQueue,coaching,
`;
const EVENTS_NDJSON = [
  '{"agent_id":"ana","time":"2025-01-06T09:00:00Z","state":"available","event_id":"e1"}',
  "",
  '{"agent_id":"ana","time":"2025-01-06T09:30:00Z","state":"offQueue","reason":"coaching","event_id":""}',
].join("\r\n");

describe("state events, CSV and NDJSON", () => {
  it("reads CSV rows with their lines; empty reason and event id are absent", () => {
    const read = parseStateEventsCsv(EVENTS_CSV, "e.csv");
    expect(read.rows).toEqual([
      { agentId: "ana", timeMs: T(9), state: "available", eventId: "e1", line: 2 },
      { agentId: "ana", timeMs: T(9, 30), state: "offQueue", reason: "coaching", line: 3 },
    ]);
  });

  it("reads NDJSON lines (blank lines skipped, CRLF) like the same CSV, numbers as text", async () => {
    const read = await parseStateEventsNdjson(EVENTS_NDJSON, "e.ndjson");
    expect(read).toMatchObject({ file: "e.ndjson", format: "ndjson", warnings: [] });
    expect(read.rows).toEqual([
      { agentId: "ana", timeMs: T(9), state: "available", eventId: "e1", line: 1 },
      { agentId: "ana", timeMs: T(9, 30), state: "offQueue", reason: "coaching", line: 3 },
    ]);
    const numeric = await parseStateEventsNdjson(
      '{"agent_id":42,"time":"2025-01-06T09:00:00Z","state":"available"}',
    );
    expect(numeric.rows[0]!.agentId).toBe("42");
  });

  it("locates bad CSV cells at file:line:column: field (one problem a row)", async () => {
    const message = await dataError(() =>
      parseStateEventsCsv(
        "agent_id,time,state\nana,2025-01-06T09:00:00,available\nana,2025-01-06T09:00:00Z,\n+1 evil,2025-01-06T09:00:00Z,x\n",
        "e.csv",
      ),
    );
    expect(message.split("\nerror: ")).toEqual([
      'e.csv:2:2: time: no time-zone offset (add Z or +HH:MM, or read clock times in a zone with --local-times) (got "2025-01-06T09:00:00")',
      "e.csv:3:3: state: expected a state",
      expect.stringMatching(/^e\.csv:4:1: agent_id: starts with "\+"/),
    ]);
  });

  it("locates bad NDJSON lines at file:line (and the field)", async () => {
    const text = [
      '{"agent_id":"ana","time":"2025-01-06T09:00:00Z","state":"available"}',
      '{"agent_id":"ana","time":"yesterday","state":"break"}',
      "{oops",
      "[1,2]",
      '{"time":"2025-01-06T09:00:00Z","state":"available"}',
      '{"agent_id":"ana","state":"available"}',
    ].join("\n");
    const message = await dataError(() => parseStateEventsNdjson(text, "e.ndjson"));
    expect(message.split("\nerror: ")).toEqual([
      expect.stringMatching(
        /^e\.ndjson:2: time: expected an ISO-8601 date-time .*\(got "yesterday"\)$/,
      ),
      expect.stringMatching(/^e\.ndjson:3: not valid JSON: /),
      "e.ndjson:4: expected a JSON object",
      "e.ndjson:5: agent_id: expected an id",
      "e.ndjson:6: time: missing",
    ]);
  });

  it("tells the formats apart by extension, else by the first character", async () => {
    expect(eventsFormat("states.jsonl", "agent_id,time")).toBe("ndjson");
    expect(eventsFormat("states.NDJSON", "")).toBe("ndjson");
    expect(eventsFormat("states.csv", "{")).toBe("csv");
    expect(eventsFormat("<stdin>", '  \n{"agent_id":"ana"}')).toBe("ndjson");
    expect(eventsFormat("<stdin>", "agent_id,time,state")).toBe("csv");
    const csv = await parseStateEvents(EVENTS_CSV, "<stdin>");
    const ndjson = await parseStateEvents(EVENTS_NDJSON, "<stdin>");
    expect([csv.format, ndjson.format]).toEqual(["csv", "ndjson"]);
    const withoutLine = (e: StateEvent): unknown => ({ ...e, line: undefined });
    expect(ndjson.rows.map(withoutLine)).toEqual(csv.rows.map(withoutLine));
    const forced = await parseStateEvents(EVENTS_NDJSON, "x.csv", { format: "ndjson" });
    expect(forced.rows.length).toBe(2);
    const fromStdin = await readStateEvents("-", { stdin: Readable.from([EVENTS_CSV]) });
    expect(fromStdin).toMatchObject({ file: "<stdin>", format: "csv" });
  });
});

describe("a live NDJSON feed", () => {
  it("yields each non-blank line's event or issue, and goes on after a bad line", async () => {
    const feed = [
      '{"agent_id":"ana","time":"2025-01-06T09:00:00Z","state":"available"}',
      "   ",
      "{oops",
      `{"agent_id":"ana","note":"${"x".repeat(200)}"}`,
      '{"agent_id":"ana","time":"2025-01-06T09:05:00Z","state":"onCall"}',
    ].join("\n");
    const got: EventLine[] = [];
    for await (const read of readStateEventLines(Readable.from([feed]), {
      file: "<stdin>",
      maxLineBytes: 100,
    }))
      got.push(read);
    expect(got.map((r) => [r.line, r.event?.state ?? r.issue?.message])).toEqual([
      [1, "available"],
      [3, expect.stringMatching(/^not valid JSON: /)],
      [4, `longer than ${100 / 1_048_576} MiB: skipped`],
      [5, "onCall"],
    ]);
    expect(got[1]!.issue).toMatchObject({ file: "<stdin>", line: 3 });
    expect(got[2]!.text).toBeNull();
  });

  it("reads no further than its consumer pulls", async () => {
    let produced = 0;
    function* lines(): Generator<string> {
      for (let i = 0; i < 10_000; i++) {
        produced++;
        yield `{"agent_id":"a${i}","time":"2025-01-06T09:00:00Z","state":"available"}\n`;
      }
    }
    const feed = readStateEventLines(Readable.from(lines()));
    const first = await feed.next();
    expect(first.value).toMatchObject({ line: 1, event: { agentId: "a0" } });
    expect(produced).toBeLessThan(100);
    await feed.return();
  });

  it("parses one line, and tells a CSV line from NDJSON", () => {
    expect(
      parseStateEventLine('{"agent_id":"ana","time":"2025-01-06T09:00:00Z","state":"meal"}', 7)
        .event,
    ).toEqual({ agentId: "ana", timeMs: T(9), state: "meal", line: 7 });
    expect(parseStateEventLine('{"agent_id":"ana"}', 8, "f").issue).toEqual({
      file: "f",
      line: 8,
      field: "time",
      message: "missing",
    });
    expect(looksLikeCsvLine("agent_id,time,state")).toBe(true);
    expect(looksLikeCsvLine("ana,2025-01-06T09:00:00Z,available")).toBe(true);
    expect(looksLikeCsvLine('{"agent_id":"ana","time":1}')).toBe(false);
    expect(looksLikeCsvLine("[1,2]")).toBe(false); // JSON: a bad line, not CSV
    expect(looksLikeCsvLine("oops")).toBe(false);
  });
});

describe("the rules file", () => {
  it("compiles a good file with the defaults", async () => {
    const read = parseRulesJson(
      '{"activities":{"phone":"onQueue"},"rules":[{"category":"training","state":"*","adherence":"neutral"}]}',
      "r.json",
    );
    expect(read.file).toBe("r.json");
    expect(read.rules.classify("phone", "onCall")).toBe("in");
    expect(read.rules.classify("training", "loggedOut")).toBe("neutral");
    const d = mkdtempSync(join(tmpdir(), "staffcast-formats-"));
    writeFileSync(join(d, "r.json"), "\uFEFF{}");
    expect((await readRulesJson(join(d, "r.json"))).rules.classify("break", "break")).toBe("in");
  });

  it("names the file and the bad field, or the line and column of a syntax error", async () => {
    expect(
      await dataError(() =>
        parseRulesJson(
          '{"rules":[{"category":"onQueue","state":"x","adherence":"sometimes"}]}',
          "r.json",
        ),
      ),
    ).toMatch(/^r\.json: rules\[0\]\.adherence: /);
    expect(await dataError(() => parseRulesJson('{\n  "states": [,]\n}', "r.json"))).toMatch(
      /^r\.json:2:14: not valid JSON: /,
    );
  });
});

describe("the writers", () => {
  const schedule = [
    { agentId: "ana, jr", startMs: T(9), endMs: T(10), activity: "onQueue" },
    { agentId: "bob", startMs: T(9), endMs: T(10), activity: "onQueue" },
  ];
  // ana logs in at 09:20 (in 40 of 60 minutes: 2/3, unrounded); bob never does
  const report = computeAdherence(schedule, [
    { agentId: "ana, jr", timeMs: T(9, 20), state: "available" },
    { agentId: "ana, jr", timeMs: T(10), state: "loggedOut" },
  ]);

  it("writes one CSV row per agent-day, numbers unrounded, empty where undefined", () => {
    expect(formatAdherenceCsv(report)).toBe(
      "agent_id,date,scheduled_s,in_s,out_s,neutral_s,adherence,conformance,exceptions\n" +
        `"ana, jr",2025-01-06,3600,2400,1200,0,${2 / 3},${2 / 3},1\n` +
        "bob,2025-01-06,3600,0,3600,0,0,0,1\n",
    );
    const none = computeAdherence(
      [{ agentId: "c", startMs: T(9), endMs: T(10), activity: "break" }],
      [],
      {
        rules: parseRulesJson('{"rules":[{"category":"break","state":"*","adherence":"neutral"}]}')
          .rules,
      },
    );
    expect(formatAdherenceCsv(none).split("\n")[1]).toBe("c,2025-01-06,3600,0,0,3600,,,0");
  });

  it("writes the result JSON with the exceptions' instants in the zone asked for", () => {
    const utc = JSON.parse(formatAdherenceJson(report)) as {
      agents: { exceptions: { start: string; end: string }[] }[];
      totals: object;
    };
    expect(utc.agents[0]!.exceptions[0]).toEqual({
      start: "2025-01-06T09:00:00Z",
      end: "2025-01-06T09:20:00Z",
      activity: "onQueue",
      state: "loggedOut",
      seconds: 1200,
    });
    expect(Object.keys(utc.totals)).toEqual([
      "scheduledSeconds",
      "inSeconds",
      "outSeconds",
      "adherence",
    ]);
    const berlin = JSON.parse(formatAdherenceJson(report, "Europe/Berlin")) as typeof utc;
    expect(berlin.agents[0]!.exceptions[0]!.start).toBe("2025-01-06T10:00:00+01:00");
  });

  it("writes each kind of alert as one NDJSON line, fields in the contract's order", () => {
    const alerts: MonitorAlert[] = [
      {
        type: "outOfAdherence",
        agentId: "ana",
        atMs: T(10, 5),
        sinceMs: T(10),
        activity: "break",
        state: "available",
        seconds: 300,
      },
      {
        type: "backInAdherence",
        agentId: "ana",
        atMs: T(10, 8),
        sinceMs: T(10),
        activity: "break",
        state: "break",
        seconds: 480,
      },
      {
        type: "outOfAdherenceEnded",
        agentId: "ana",
        atMs: T(11),
        sinceMs: T(10, 30),
        activity: null,
        state: "loggedOut",
        seconds: 1800,
        reason: "scheduleEnded",
      },
      { type: "warning", code: "badEvent", atMs: T(9), message: "line 2: oops", line: 2 },
      { type: "warning", code: "unknownAgent", agentId: "zed", atMs: T(9), message: "who?" },
    ];
    expect(alerts.map((a) => formatMonitorAlert(a)).join("")).toBe(
      [
        '{"type":"outOfAdherence","agentId":"ana","at":"2025-01-06T10:05:00Z","since":"2025-01-06T10:00:00Z","activity":"break","state":"available","seconds":300}',
        '{"type":"backInAdherence","agentId":"ana","at":"2025-01-06T10:08:00Z","since":"2025-01-06T10:00:00Z","activity":"break","state":"break","seconds":480}',
        '{"type":"outOfAdherenceEnded","agentId":"ana","at":"2025-01-06T11:00:00Z","since":"2025-01-06T10:30:00Z","activity":null,"state":"loggedOut","seconds":1800,"reason":"scheduleEnded"}',
        '{"type":"warning","at":"2025-01-06T09:00:00Z","code":"badEvent","message":"line 2: oops","line":2}',
        '{"type":"warning","agentId":"zed","at":"2025-01-06T09:00:00Z","code":"unknownAgent","message":"who?"}',
        "",
      ].join("\n"),
    );
    expect(formatMonitorAlert(alerts[0]!, "America/New_York")).toContain(
      '"at":"2025-01-06T05:05:00-05:00"',
    );
  });
});
