/**
 * Vendor agent-state feeds (Amazon Connect, Genesys Cloud, Twilio TaskRouter) read into state
 * events: each fixture record -> its event exactly, ignored records, duplicates by event id,
 * bad lines located, and a day's feed giving the adherence of the equivalent staffcast CSV.
 * Fixtures: test/fixtures/vendor-events/ (the research note's example records, verbatim on one
 * line, among records written from the documented fields).
 */
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  amazonConnectEvent,
  computeAdherence,
  createGenesysCloudCombiner,
  createVendorEventReader,
  genesysCloudState,
  isVendorEventFormat,
  parseAdherenceScheduleCsv,
  parseStateEvents,
  parseVendorEvents,
  readStateEvents,
  readVendorEventLines,
  twilioEvent,
  vendorState,
  type StateEvent,
  type VendorEventFormat,
} from "../../src/adherence/index.ts";
import { DataError } from "../../src/io/errors.ts";

const DIR = "test/fixtures/vendor-events";
const fixture = (name: string): string => readFileSync(`${DIR}/${name}`, "utf8");
const ms = (hms: string): number => Date.parse(`2026-03-02T${hms}Z`);
const U = "7c1d0e52-0000-4000-8000-00000000a001";
const amazonId = (n: number): string => `6f0c9d5e-0000-4000-8000-${String(n).padStart(12, "0")}`;

/** The events of a feed, without the fields that only locate them. */
async function events(format: VendorEventFormat, file: string): Promise<StateEvent[]> {
  return (await parseVendorEvents(fixture(file), format, file)).rows;
}

describe("amazon-connect", () => {
  it("reads each record of the fixture to its event", async () => {
    const ev = (line: number, hms: string, state: string, id: number): StateEvent => ({
      agentId: "liwei",
      timeMs: ms(hms),
      state,
      eventId: amazonId(id),
      line,
    });
    expect(await events("amazon-connect", "amazon-connect.ndjson")).toEqual([
      ev(1, "08:58:00.000", "loggedOut", 101), // LOGIN, status Offline
      ev(2, "08:59:30.500", "available", 102),
      ev(3, "09:20:00.000", "onCall", 103), // contact CONNECTED
      ev(4, "09:24:10.000", "onCall", 104), // CONNECTED_ONHOLD
      ev(5, "09:26:40.000", "acw", 105), // ENDED
      ev(6, "09:28:00.000", "available", 106),
      // line 7: HEART_BEAT, no event
      ev(8, "10:15:03.250", "break", 1), // the research note's record, verbatim
      ev(9, "10:15:03.250", "break", 1), // the same again: a duplicate by event id
      ev(10, "10:31:20.000", "available", 108),
      ev(11, "11:00:05.000", "loggedOut", 109), // LOGOUT
      // line 12: HEART_BEAT after logout
    ]);
  });

  it("takes the agent id from the ARN without a username, and passes custom statuses through", () => {
    const record = {
      EventType: "STATE_CHANGE",
      EventTimestamp: "2026-03-02T12:00:00Z",
      AgentARN: "arn:aws:connect:eu-west-1:1:instance/aaaa/agent/bbbb",
      CurrentAgentSnapshot: { AgentStatus: { Name: "Lunch" }, Contacts: [{ State: "MISSED" }] },
    };
    expect(amazonConnectEvent(record, 4)).toEqual({
      agentId: "bbbb",
      timeMs: ms("12:00:00"),
      state: "Lunch",
      line: 4,
    });
    const meal = { ...record, CurrentAgentSnapshot: { AgentStatus: { Name: "MEAL" } } };
    expect(amazonConnectEvent(meal, 5)).toMatchObject({ state: "meal" });
    expect(amazonConnectEvent({ ...record, EventType: "SOMETHING_NEW" }, 6)).toBeNull();
    expect(amazonConnectEvent({ ...record, AgentARN: "arn:x/agent/" }, 7)).toEqual({
      field: "AgentARN",
      message: "no agent id after the last /",
    });
  });

  it("names the line and the field of a bad record", async () => {
    const good = fixture("amazon-connect.ndjson").split("\n")[1]!;
    const text = [
      good,
      good.replace(
        '"EventTimestamp":"2026-03-02T08:59:30.500Z"',
        '"EventTimestamp":"2026-03-02 08:59"',
      ),
      "not json",
      good.replace('"Name":"Available"', '"Name":""'),
      "[1]",
      good.replace(/"AgentARN":"[^"]*",/, "").replace('"Username":"liwei"', '"Username":""'),
    ].join("\n");
    const error = await parseVendorEvents(text, "amazon-connect", "feed.ndjson").catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).issues.map((i) => [i.line, i.field])).toEqual([
      [2, "EventTimestamp"],
      [3, undefined],
      [4, "CurrentAgentSnapshot.AgentStatus.Name"],
      [5, undefined],
      [6, "AgentARN"],
    ]);
    expect((error as DataError).message).toMatch(/^feed\.ndjson:2: EventTimestamp: /m);
    expect((error as DataError).message).toMatch(/feed\.ndjson:3: not valid JSON/);
    expect((error as DataError).message).toMatch(/feed\.ndjson:5: expected a JSON object/);
  });
});

describe("genesys-cloud", () => {
  it("combines routing status and presence into one state per message", async () => {
    const ev = (line: number, hms: string, state: string): StateEvent => ({
      agentId: U,
      timeMs: ms(hms),
      state,
      line,
    });
    expect(await events("genesys-cloud", "genesys-cloud.ndjson")).toEqual([
      ev(1, "08:58:00.000", "offQueue"), // presence Available, no routing status yet
      ev(2, "08:59:30.000", "available"), // presence On Queue
      ev(3, "08:59:30.200", "available"), // routing IDLE
      ev(4, "09:20:00.000", "onCall"), // INTERACTING
      // line 5: channel.metadata heartbeat
      ev(6, "09:28:00.000", "available"),
      ev(7, "10:15:03.120", "onCall"), // the research note's routing record
      ev(8, "10:30:00.004", "onCall"), // its presence record: Break, while still interacting
      ev(9, "10:30:00.050", "break"), // OFF_QUEUE: the presence, Break
      ev(10, "10:44:50.000", "available"), // On Queue while routing is still OFF_QUEUE
      ev(11, "10:44:50.300", "available"),
      ev(12, "10:44:50.300", "available"), // the same message again (a duplicate)
      // line 13: heartbeat
      ev(14, "11:00:04.900", "available"),
      ev(15, "11:00:05.000", "loggedOut"), // presence Offline
    ]);
  });

  it("maps routing statuses and presences as documented", () => {
    expect(genesysCloudState("COMMUNICATING", "Break")).toBe("onCall");
    expect(genesysCloudState("NOT_RESPONDING", "On Queue")).toBe("notResponding");
    expect(genesysCloudState("OFF_QUEUE", undefined)).toBe("offQueue");
    expect(genesysCloudState(undefined, undefined)).toBe("offQueue");
    for (const [presence, state] of [
      ["Meal", "meal"],
      ["MEETING", "meeting"],
      ["Training", "training"],
      ["Busy", "offQueue"],
      ["AWAY", "offQueue"],
      ["Available", "offQueue"],
      ["ON_QUEUE", "available"],
      ["Offline", "loggedOut"],
      ["Custom Thing", "Custom Thing"],
    ]) {
      expect(genesysCloudState("OFF_QUEUE", presence), presence).toBe(state);
    }
  });

  it("keeps per user the latest of each kind: an older message gives no event", () => {
    const read = createGenesysCloudCombiner();
    const routing = (user: string, status: string, time: string): unknown => ({
      topicName: `v2.users.${user}.routingStatus`,
      eventBody: { routingStatus: { status, startTime: time } },
    });
    expect(read(routing("u1", "IDLE", "2026-03-02T10:00:00Z"), 1)).toMatchObject({
      state: "available",
    });
    expect(read(routing("u1", "INTERACTING", "2026-03-02T09:59:00Z"), 2)).toBeNull();
    expect(read(routing("u2", "INTERACTING", "2026-03-02T09:59:00Z"), 3)).toMatchObject({
      agentId: "u2",
      state: "onCall",
    });
    expect(read({ topicName: "v2.users.u1.activity", eventBody: {} }, 4)).toBeNull();
    expect(read({ topicName: "v2.users.u1.presence", eventBody: {} }, 5)).toEqual({
      field: "eventBody.presenceDefinition.systemPresence",
      message: "missing",
    });
    expect(read({ eventBody: {} }, 6)).toEqual({ field: "topicName", message: "missing" });
  });
});

describe("twilio", () => {
  const expected = (lines: number[]): StateEvent[] =>
    (
      [
        ["08:58:00.000", "loggedOut", "EV8001"],
        ["08:59:30.500", "available", "EV8002"],
        ["10:15:03.120", "break", "EV9001"],
        ["10:15:03.120", "break", "EV9001"],
        ["10:31:20.000", "available", "EV8004"],
        ["10:50:00.000", "Coaching", "EV8005"], // not a default state: passed through
        ["11:00:05.000", "loggedOut", "EV8006"],
      ] as const
    ).map(([hms, state, eventId], i) => ({
      agentId: "WK0042",
      timeMs: ms(hms),
      state,
      eventId,
      line: lines[i]!,
    }));

  it("reads the webhook's fields as JSON (TimestampMs; Timestamp in seconds or ISO)", async () => {
    // line 3: task.created, ignored; lines 4 and 5: the research note's record (as JSON), twice
    expect(await events("twilio", "twilio-webhook.ndjson")).toEqual(
      expected([1, 2, 4, 5, 6, 7, 8]),
    );
  });

  it("reads Event Streams CloudEvents to the same events", async () => {
    expect(await events("twilio", "twilio-cloudevents.ndjson")).toEqual(
      expected([1, 2, 4, 5, 6, 7, 8]),
    );
  });

  it("maps TaskRouter's default activities and names bad fields", () => {
    const e = (activity: string, extra: Record<string, unknown> = {}): unknown =>
      twilioEvent(
        {
          EventType: "worker.activity.update",
          WorkerSid: "WK1",
          WorkerActivityName: activity,
          Timestamp: "1772446503",
          ...extra,
        },
        1,
      );
    expect(e("Unavailable")).toMatchObject({ state: "offQueue", timeMs: 1772446503000 });
    expect(e("offline")).toMatchObject({ state: "loggedOut" });
    expect(e("Break", { Timestamp: "2026-03-02T11:15:03+01:00" })).toMatchObject({
      timeMs: ms("10:15:03"),
    });
    expect(e("Break", { Timestamp: "yesterday" })).toMatchObject({ field: "Timestamp" });
    expect(e("Break", { TimestampMs: "17x" })).toEqual({
      field: "TimestampMs",
      message: "expected epoch milliseconds",
      value: "17x",
    });
    expect(e("")).toEqual({ field: "WorkerActivityName", message: "missing" });
    expect(e("Break", { WorkerSid: "=cmd" })).toMatchObject({ field: "WorkerSid" });
    expect(twilioEvent({ WorkerSid: "WK1" }, 1)).toMatchObject({ field: "EventType" });
  });
});

describe("one reader for the three vendors", () => {
  it("reads a feed a line at a time, yielding bad lines and skipping ignored ones", async () => {
    const feed = [
      '{"EventType":"task.created"}',
      "",
      '{"EventType":"worker.activity.update","WorkerSid":"WK1","WorkerActivityName":"Break","TimestampMs":1772446503120}',
      "{oops",
    ].join("\n");
    const reads = [];
    for await (const r of readVendorEventLines(Readable.from([feed]), "twilio", {
      file: "<stdin>",
    }))
      reads.push(r);
    expect(reads.map((r) => [r.line, r.event?.state, r.issue?.file])).toEqual([
      [3, "break", undefined],
      [4, undefined, "<stdin>"],
    ]);
    const tooLong = readVendorEventLines(Readable.from(["x".repeat(100)]), "genesys-cloud", {
      maxLineBytes: 10,
    });
    for await (const r of tooLong) expect(r.issue?.message).toMatch(/skipped/);
  });

  it("is what readStateEvents and parseStateEvents use for a vendor format", async () => {
    const read = await readStateEvents(`${DIR}/genesys-cloud.ndjson`, { format: "genesys-cloud" });
    expect(read.format).toBe("genesys-cloud");
    expect(read.rows).toHaveLength(13);
    const parsed = await parseStateEvents(fixture("twilio-webhook.ndjson"), "x.ndjson", {
      format: "twilio",
    });
    expect(parsed.rows).toHaveLength(7);
    expect(createVendorEventReader("amazon-connect")("{}", 9)?.issue).toEqual({
      file: "<input>",
      line: 9,
      field: "EventType",
      message: "missing",
    });
  });

  it("isVendorEventFormat names the three vendors only", () => {
    expect(
      ["amazon-connect", "genesys-cloud", "twilio", "csv", "ndjson"].map(isVendorEventFormat),
    ).toEqual([true, true, true, false, false]);
  });

  it("vendorState: explicit names, then default states case-insensitively, else verbatim", () => {
    expect(vendorState("OFFLINE", { offline: "loggedOut" })).toBe("loggedOut");
    expect(vendorState("oncall", {})).toBe("onCall");
    expect(vendorState("Lunch", {})).toBe("Lunch");
  });
});

describe("a day's vendor feed gives the adherence of the equivalent staffcast events", () => {
  const schedule = parseAdherenceScheduleCsv(fixture("schedule.csv"), "schedule.csv").rows;
  it.each([
    ["amazon-connect", "amazon-connect.ndjson", "amazon-connect.csv"],
    ["genesys-cloud", "genesys-cloud.ndjson", "genesys-cloud.csv"],
    ["twilio", "twilio-webhook.ndjson", "twilio.csv"],
    ["twilio", "twilio-cloudevents.ndjson", "twilio.csv"],
  ] as const)("%s: %s", async (format, feed, csv) => {
    const vendor = computeAdherence(schedule, await events(format, feed));
    const staffcast = computeAdherence(schedule, (await parseStateEvents(fixture(csv), csv)).rows);
    expect(vendor.agents).toEqual(staffcast.agents);
    expect(vendor.totals).toEqual(staffcast.totals);
    expect(vendor.warnings.map((w) => [w.code, w.agentId])).toEqual(
      staffcast.warnings.map((w) => [w.code, w.agentId]),
    );
    // the feed's agent has a result, with the duplicate dropped
    expect(vendor.agents.some((d) => d.inSeconds > 0)).toBe(true);
    expect(vendor.warnings.map((w) => w.code)).toContain("duplicateEvent");
  });
});
