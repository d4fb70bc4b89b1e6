/**
 * `staffcast import`: each vendor preset's export (the research note's example records
 * verbatim, plus a day with a BOM, CRLF, `-` and percent cells, h:mm:ss, and Avaya's local clock
 * across New York's autumn change) and the new user's semicolon export through the generic
 * mapping, checked cell by cell; several files concatenated and sorted; overlapping files and
 * bad exports refused with located errors, nothing written. Expected values are worked out by
 * hand from the fixtures (test/fixtures/acd/).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseStateEventsCsv } from "../../src/adherence/index.ts";
import { ACTUALS_COLUMNS } from "../../src/actuals/index.ts";
import { parseCsv } from "../../src/io/csv.ts";
import { runCli } from "../support/cli.ts";

const ACD = "test/fixtures/acd";
const EVENTS = "test/fixtures/vendor-events";
const dir = mkdtempSync(join(tmpdir(), "staffcast-import-"));

/** The output's rows as objects of its non-empty cells. */
function rowsOf(csv: string): Record<string, string>[] {
  const t = parseCsv(csv, "out.csv");
  expect(t.header).toEqual([...ACTUALS_COLUMNS]);
  return t
    .records()
    .map((r) => Object.fromEntries(r.flatMap((v, i) => (v === "" ? [] : [[t.header[i]!, v]]))));
}

async function imported(args: string[]): Promise<Record<string, string>[]> {
  const r = await runCli(["import", ...args]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return rowsOf(r.stdout);
}

describe("staffcast import of interval exports", () => {
  it("reads Amazon Connect's example records and a day with BOM, CRLF, - and percents", async () => {
    const rows = await imported([
      "--format",
      "amazon-connect",
      `${ACD}/amazon-connect-example.csv`,
      `${ACD}/amazon-connect-day.csv`,
    ]);
    expect(rows).toEqual([
      {
        start: "2025-03-30T00:30:00Z",
        queue: "Ad-17",
        calls: "9",
        aht_s: "201",
        offered: "9",
        handled: "7",
        abandoned: "2",
        answered_in_sl: "5",
        sl_seconds: "30",
        asa_s: "31",
      },
      {
        start: "2025-03-30T00:30:00Z",
        queue: "VIP",
        calls: "4",
        aht_s: "190.25",
        offered: "4",
        handled: "4",
        abandoned: "0",
        answered_in_sl: "4",
        sl_seconds: "30",
        asa_s: "3.5",
      },
      { start: "2025-03-30T01:00:00Z", queue: "VIP", calls: "0", offered: "0" },
      {
        start: "2026-03-02T10:00:00Z",
        queue: "Ad-17",
        calls: "642",
        aht_s: "188",
        offered: "642",
        handled: "571",
        abandoned: "71",
        answered_in_sl: "388",
        sl_seconds: "20",
        asa_s: "27",
      },
      {
        start: "2026-03-02T10:00:00Z",
        queue: "VIP",
        calls: "118",
        aht_s: "212",
        offered: "118",
        handled: "112",
        abandoned: "6",
        answered_in_sl: "101",
        sl_seconds: "20",
        asa_s: "9",
      },
    ]);
  });

  it("reads Genesys Cloud's example record and an h:mm:ss variant with a chat row", async () => {
    const rows = await imported([
      "--format",
      "genesys-cloud",
      `${ACD}/genesys-cloud-example.csv`,
      `${ACD}/genesys-cloud-hms.csv`,
    ]);
    expect(rows).toEqual([
      {
        start: "2025-03-30T00:30:00Z",
        queue: "VIP",
        calls: "10",
        aht_s: "205.5",
        offered: "10",
        handled: "9",
        abandoned: "1",
        asa_s: "12",
      },
      {
        start: "2025-03-30T00:30:00Z",
        queue: "VIP/chat",
        calls: "3",
        aht_s: "600",
        offered: "3",
        handled: "3",
        abandoned: "0",
        asa_s: "62",
      },
      {
        start: "2025-03-30T01:00:00Z",
        queue: "VIP",
        calls: "0",
        offered: "0",
        handled: "0",
        abandoned: "0",
      },
      {
        start: "2026-03-02T10:00:00Z",
        queue: "VIP",
        calls: "120",
        aht_s: "205",
        offered: "120",
        handled: "113",
        abandoned: "5",
        asa_s: "8.4",
      },
    ]);
  });

  it("reads Avaya CMS in the switch's zone, the repeated autumn hour in order", async () => {
    const rows = await imported([
      "--format",
      "avaya-cms",
      "--tz",
      "America/New_York",
      `${ACD}/avaya-cms-example.csv`,
      `${ACD}/avaya-cms-dst.csv`,
    ]);
    const totals = (talk: string, acw: string, staffed: string, available: string) => ({
      talk_s: talk,
      acw_s: acw,
      staffed_s: staffed,
      available_s: available,
    });
    expect(rows).toEqual([
      // 00:30 EDT; AHT (400 + 60 + 20 hold) / 2; ASA 10 / 2
      {
        start: "2025-11-02T04:30:00Z",
        queue: "17",
        calls: "2",
        aht_s: "240",
        offered: "2",
        handled: "2",
        abandoned: "0",
        answered_in_sl: "2",
        asa_s: "5",
        ...totals("400", "60", "3600", "1000"),
      },
      {
        start: "2025-11-02T05:00:00Z",
        queue: "17",
        calls: "4",
        aht_s: "230",
        offered: "4",
        handled: "4",
        abandoned: "0",
        answered_in_sl: "3",
        asa_s: "10",
        ...totals("800", "120", "3600", "200"),
      },
      // no answered call: no averages
      {
        start: "2025-11-02T05:30:00Z",
        queue: "17",
        calls: "0",
        offered: "0",
        handled: "0",
        abandoned: "0",
        answered_in_sl: "0",
        ...totals("0", "0", "1800", "1800"),
      },
      // 01:00 again, now EST; HOLDACDTIME "-" adds nothing
      {
        start: "2025-11-02T06:00:00Z",
        queue: "17",
        calls: "3",
        aht_s: "200",
        offered: "3",
        handled: "2",
        abandoned: "1",
        answered_in_sl: "1",
        asa_s: "25",
        ...totals("300", "100", "3600", "900"),
      },
      {
        start: "2025-11-02T06:30:00Z",
        queue: "17",
        calls: "1",
        aht_s: "230",
        offered: "1",
        handled: "1",
        abandoned: "0",
        answered_in_sl: "1",
        asa_s: "5",
        ...totals("200", "20", "1800", "600"),
      },
      {
        start: "2025-11-02T07:00:00Z",
        queue: "17",
        calls: "5",
        aht_s: "250",
        offered: "5",
        handled: "5",
        abandoned: "0",
        answered_in_sl: "5",
        asa_s: "5",
        ...totals("1000", "200", "3600", "300"),
      },
      // 10:00 EST (before 2026-03-08); ASA 1010 / 111; AHT (22110 + 3330) / 111, unrounded
      {
        start: "2026-03-02T15:00:00Z",
        queue: "17",
        calls: "120",
        aht_s: String(25440 / 111),
        offered: "120",
        handled: "111",
        abandoned: "8",
        answered_in_sl: "98",
        asa_s: String(1010 / 111),
        ...totals("22110", "3330", "36000", "6120"),
      },
    ]);
  });

  it("reads the new user's ';' export with the generic mapping, one column to two names", async () => {
    const rows = await imported([
      "--format",
      "staffcast",
      "--columns",
      "start=Interval,queue=Queue,calls=Offered,offered=Offered,handled=Handled,aht_s=AHT,abandoned=Abandoned",
      "--local-times",
      "--tz",
      "Asia/Shanghai",
      `${ACD}/new-user.csv`,
    ]);
    expect(rows).toEqual([
      {
        start: "2025-02-03T00:00:00Z",
        queue: "orders",
        calls: "12",
        aht_s: "260",
        offered: "12",
        handled: "11",
        abandoned: "1",
      },
      {
        start: "2025-02-03T00:00:00Z",
        queue: "returns",
        calls: "4",
        aht_s: "361",
        offered: "4",
        handled: "3",
        abandoned: "1",
      },
      {
        start: "2025-02-03T00:15:00Z",
        queue: "orders",
        calls: "15",
        aht_s: "235",
        offered: "15",
        handled: "15",
        abandoned: "0",
      },
    ]);
  });

  it("writes the output file atomically with --out", async () => {
    const out = join(dir, "actuals.csv");
    const r = await runCli([
      "import",
      "--format",
      "genesys-cloud",
      `${ACD}/genesys-cloud-example.csv`,
      "--out",
      out,
    ]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(
      `${ACTUALS_COLUMNS.join(",")}\n2026-03-02T10:00:00Z,VIP,120,205,120,113,5,,,8.4,,,,\n`,
    );
  });
});

describe("staffcast import of event feeds", () => {
  it.each([
    ["amazon-connect-events", "amazon-connect.ndjson", "amazon-connect.csv"],
    ["genesys-cloud-events", "genesys-cloud.ndjson", "genesys-cloud.csv"],
    ["twilio-events", "twilio-webhook.ndjson", "twilio.csv"],
  ])("%s gives the events of the feed's CSV fixture", async (format, feed, expected) => {
    const r = await runCli(["import", "--format", format, `${EVENTS}/${feed}`]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("agent_id,time,state,reason,event_id");
    const strip = (e: { agentId: string; timeMs: number; state: string; reason?: string }) => [
      e.agentId,
      e.timeMs,
      e.state,
      e.reason ?? "",
    ];
    const want = parseStateEventsCsv(readFileSync(`${EVENTS}/${expected}`, "utf8")).rows;
    const sorted = [...want].sort(
      (a, b) => a.timeMs - b.timeMs || (a.agentId < b.agentId ? -1 : 1),
    );
    expect(parseStateEventsCsv(r.stdout).rows.map(strip)).toEqual(sorted.map(strip));
  });

  it("refuses the same event in two feeds, naming both", async () => {
    const feed = `${EVENTS}/twilio-webhook.ndjson`;
    const r = await runCli(["import", "--format", "twilio-events", feed, feed]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(
      new RegExp(`${feed}:1: agent "[^"]+" \\w+ at [^ ]+ is also in ${feed}:1`),
    );
  });
});

describe("staffcast import refuses bad exports and usage", () => {
  it("names both files and lines of an overlap, and writes nothing", async () => {
    const copy = join(dir, "monday.csv");
    writeFileSync(copy, readFileSync(`${ACD}/amazon-connect-example.csv`));
    const out = join(dir, "never.csv");
    const r = await runCli([
      "import",
      "--format",
      "amazon-connect",
      `${ACD}/amazon-connect-example.csv`,
      copy,
      "--out",
      out,
    ]);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain(
      `error: ${copy}:2: queue "VIP" at 2026-03-02T10:00:00Z is also in ${ACD}/amazon-connect-example.csv:2: the inputs overlap`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it("says which preset columns are missing and which the file has", async () => {
    const r = await runCli([
      "import",
      "--format",
      "avaya-cms",
      "--tz",
      "UTC",
      `${ACD}/genesys-cloud-example.csv`,
    ]);
    expect(r.code).toBe(65);
    expect(r.stderr).toBe(
      `error: ${ACD}/genesys-cloud-example.csv:1: missing columns "ROW_DATE", "STARTTIME", "SPLIT", "CALLSOFFERED" of --format avaya-cms (Avaya CMS split/skill interval export); the file has: Interval Start, Interval End, Queue, Media Type, Offered, Answered, Abandoned, Abandon %, ASA (s), AHT (s), Service Level %\n`,
    );
  });

  it("locates bad cells: a count, a percent, a skipped local hour; nothing written", async () => {
    const bad = join(dir, "bad-connect.csv");
    writeFileSync(
      bad,
      "\uFEFFQueue,StartInterval,Contacts queued,Service level 20 seconds\r\nVIP,2026-03-02T10:00:00Z,many,101%\r\n",
    );
    const out = join(dir, "bad.csv");
    const r = await runCli(["import", "--format", "amazon-connect", bad, "--out", out]);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain(
      `${bad}:2:4: Service level 20 seconds: expected a percent such as 88.14% (got "101%")`,
    );
    expect(r.stderr).toContain(
      `${bad}:2:3: Contacts queued: expected a number from 0 (got "many")`,
    );
    expect(existsSync(out)).toBe(false);
    const gap = join(dir, "gap.csv");
    writeFileSync(gap, "ROW_DATE,STARTTIME,SPLIT,CALLSOFFERED\n2025-03-09,230,17,4\n");
    const g = await runCli(["import", "--format", "avaya-cms", "--tz", "America/New_York", gap]);
    expect(g.code).toBe(65);
    expect(g.stderr).toContain(
      `${gap}:2:2: STARTTIME: does not exist in America/New_York (the clocks skip it on that day) (got "230")`,
    );
  });

  it("exits 2 for Avaya without --tz, --columns on a preset, and dialect flags on feeds", async () => {
    const avaya = await runCli(["import", "--format", "avaya-cms", `${ACD}/avaya-cms-example.csv`]);
    expect(avaya.code).toBe(2);
    expect(avaya.stderr).toContain("give --tz");
    const columns = await runCli([
      "import",
      "--format",
      "genesys-cloud",
      "--columns",
      "queue=Q",
      `${ACD}/genesys-cloud-example.csv`,
    ]);
    expect(columns.code).toBe(2);
    const feed = await runCli([
      "import",
      "--format",
      "twilio-events",
      "--delimiter",
      ";",
      `${EVENTS}/twilio-webhook.ndjson`,
    ]);
    expect(feed.code).toBe(2);
    const unknown = await runCli(["import", "--format", "cisco", `${ACD}/avaya-cms-example.csv`]);
    expect(unknown.code).toBe(2);
  });
});
