/**
 * `--events-format <vendor>` on `staffcast adherence` and `staffcast adherence watch`: a vendor
 * feed gives what the equivalent staffcast events give; bad usage exits 2, bad lines are located.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";

const DIR = "test/fixtures/vendor-events";
const SCHEDULE = `${DIR}/schedule.csv`;
const fixture = (name: string): string => readFileSync(`${DIR}/${name}`, "utf8");

/** The objects of NDJSON output, one a line. */
const ndjson = (text: string): ({ type: string } & Record<string, unknown>)[] =>
  text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { type: string } & Record<string, unknown>);

/** A staffcast events CSV as staffcast NDJSON events. */
function csvToNdjson(csv: string): string {
  const [header, ...rows] = csv.trim().split("\n");
  const names = header!.split(",");
  return rows
    .map((r) => JSON.stringify(Object.fromEntries(r.split(",").map((v, i) => [names[i], v]))))
    .join("\n");
}

interface Report {
  agents: unknown[];
  totals: unknown;
  warnings: { code: string; line?: number }[];
}

describe("staffcast adherence --events-format", () => {
  it("amazon-connect: the vendor feed gives the result of the equivalent CSV", async () => {
    const base = ["adherence", "--schedule", SCHEDULE, "--json", "--events"];
    const vendor = await runCli([
      ...base,
      `${DIR}/amazon-connect.ndjson`,
      "--events-format",
      "amazon-connect",
    ]);
    const csv = await runCli([...base, `${DIR}/amazon-connect.csv`]);
    expect(vendor.stderr).toBe("");
    expect(vendor.code).toBe(0);
    const v = JSON.parse(vendor.stdout) as Report;
    const c = JSON.parse(csv.stdout) as Report;
    expect(v.agents).toEqual(c.agents);
    expect(v.totals).toEqual(c.totals);
    expect(v.warnings.map((w) => w.code)).toEqual(["duplicateEvent"]);
  });

  it("twilio: a bad record is a data error naming the file, line and field (exit 65)", async () => {
    const d = mkdtempSync(join(tmpdir(), "staffcast-vendor-"));
    const lines = fixture("twilio-webhook.ndjson").split("\n");
    lines[1] = lines[1]!.replace('"WorkerSid":"WK0042"', '"WorkerSid":""');
    writeFileSync(join(d, "feed.ndjson"), lines.join("\n"));
    const r = await runCli([
      "adherence",
      "--schedule",
      SCHEDULE,
      "--events",
      join(d, "feed.ndjson"),
      "--events-format",
      "twilio",
    ]);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain("feed.ndjson:2: WorkerSid: missing");
  });

  it("refuses a vendor format for a CSV file, and an unknown vendor (exit 2)", async () => {
    const csv = await runCli([
      "adherence",
      "--schedule",
      SCHEDULE,
      "--events",
      `${DIR}/twilio.csv`,
      "--events-format",
      "twilio",
    ]);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain(
      "--events-format twilio reads NDJSON (one JSON record a line), but --events names a CSV file",
    );
    const unknown = await runCli([
      "adherence",
      "--schedule",
      SCHEDULE,
      "--events",
      `${DIR}/twilio-webhook.ndjson`,
      "--events-format",
      "five9",
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("amazon-connect, genesys-cloud, twilio");
  });
});

describe("staffcast adherence watch --events-format", () => {
  it("genesys-cloud: the notifications on stdin raise the alerts of the equivalent events", async () => {
    // one agent's feed: quiet spans longer than the default lateness would be held as future
    const watch = ["adherence", "watch", "--schedule", SCHEDULE, "--lateness", "7200"];
    const vendor = await runCli(
      [...watch, "--events-format", "genesys-cloud"],
      fixture("genesys-cloud.ndjson"),
    );
    const staffcast = await runCli(watch, csvToNdjson(fixture("genesys-cloud.csv")));
    expect(vendor.stderr).toBe("");
    expect(vendor.code).toBe(0);
    const alerts = ndjson(vendor.stdout);
    expect(alerts.some((a) => a.type === "outOfAdherence")).toBe(true);
    expect(alerts.filter((a) => a.type !== "warning")).toEqual(
      ndjson(staffcast.stdout).filter((a) => a.type !== "warning"),
    );
  });

  it("amazon-connect: a bad line is a badEvent warning with its line, and the feed goes on", async () => {
    const lines = fixture("amazon-connect.ndjson").trim().split("\n");
    lines.splice(2, 0, '{"EventType":"STATE_CHANGE","AgentARN":"x/agent/bbbb"}');
    const r = await runCli(
      [
        "adherence",
        "watch",
        "--schedule",
        SCHEDULE,
        "--lateness",
        "7200",
        "--events-format",
        "amazon-connect",
      ],
      lines.join("\n"),
    );
    expect(r.code).toBe(0);
    const warnings = ndjson(r.stdout).filter((a) => a.type === "warning");
    expect(warnings).toContainEqual(
      expect.objectContaining({
        code: "badEvent",
        line: 3,
        message: expect.stringContaining("EventTimestamp") as unknown,
      }),
    );
    expect(ndjson(r.stdout).some((a) => a.type === "outOfAdherence")).toBe(true);
  });

  it("refuses CSV on stdin", async () => {
    const r = await runCli(
      ["adherence", "watch", "--schedule", SCHEDULE, "--events-format", "twilio"],
      fixture("twilio.csv"),
    );
    expect(r.code).toBe(65);
    expect(r.stderr).toContain(
      "<stdin>:1: this looks like CSV, not NDJSON: --events-format twilio",
    );
  });
});
