/**
 * A plan configuration points at an export as it is: a CSV input given as an object with its
 * path and how it is written (delimiter, columns, local clock times in the plan's zone,
 * h:mm:ss), read to the same rows as staffcast's own CSV and planned end to end.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parsePlanConfig, readPlanConfig, readPlanInputs } from "../../src/plan/index.ts";
import { createZone, formatInstant } from "../../src/time/zone.ts";
import { runCli } from "../support/cli.ts";
import { fixtureHistory, smallPlanFolder } from "../support/plan-fixture.ts";

const shanghai = createZone("Asia/Shanghai");
const hms = (s: number): string =>
  `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;

/**
 * The fixture's history as the new user's export of the issue: `;`, BOM, CRLF,
 * `Interval;Queue;Offered;Handled;AHT;Abandoned`, Shanghai clock times, AHT as h:mm:ss.
 */
function exportText(): string {
  const lines = ["\uFEFFInterval;Queue;Offered;Handled;AHT;Abandoned"];
  for (const h of fixtureHistory()) {
    const local = formatInstant(h.startMs, shanghai).slice(0, 16).replace("T", " ");
    const handled = Math.max(0, h.calls - 1);
    lines.push(
      `${local};${h.queue};${h.calls};${handled};${hms(h.ahtSeconds!)};${h.calls - handled}`,
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

const EXPORT_INPUT = {
  path: "export.csv",
  columns: { start: "Interval", queue: "Queue", calls: "Offered", aht_s: "AHT" },
  localTimes: true,
};

describe("CSV inputs given as objects", () => {
  it("read the export to the rows of staffcast's own CSV", async () => {
    const plain = smallPlanFolder({ timeZone: "Asia/Shanghai" });
    const exported = smallPlanFolder({ timeZone: "Asia/Shanghai", history: EXPORT_INPUT });
    writeFileSync(join(exported, "export.csv"), exportText());
    const a = await readPlanInputs(await readPlanConfig(join(plain, "plan.json")));
    const b = await readPlanInputs(await readPlanConfig(join(exported, "plan.json")));
    expect(b.inputs.history).toEqual(a.inputs.history);
  });

  it("plan the same forecast end to end", async () => {
    const plain = smallPlanFolder({ timeZone: "Asia/Shanghai" });
    const exported = smallPlanFolder({ timeZone: "Asia/Shanghai", history: EXPORT_INPUT });
    writeFileSync(join(exported, "export.csv"), exportText());
    const runs = await Promise.all(
      [plain, exported].map((d) =>
        runCli(["plan", "--config", join(d, "plan.json"), "--out", join(d, "out")]),
      ),
    );
    for (const r of runs) expect(r.code).toBe(0);
    const forecast = (d: string): string => readFileSync(join(d, "out", "forecast.csv"), "utf8");
    expect(forecast(exported)).toBe(forecast(plain));
  });

  it("read a history given as a vendor's interval export (Amazon Connect)", async () => {
    const header =
      "Queue,StartInterval,EndInterval,Contacts queued,Contacts handled incoming,Contact abandoned,Contacts answered in 20 seconds,Average queue answer time,Average handle time,Service level 20 seconds";
    const lines = fixtureHistory().map((h) => {
      const start = new Date(h.startMs).toISOString().replace(".000Z", "Z");
      const end = new Date(h.startMs + 1_800_000).toISOString().replace(".000Z", "Z");
      return `${h.queue},${start},${end},${h.calls},${h.calls},0,${h.calls},5,${h.ahtSeconds},-`;
    });
    const plain = smallPlanFolder();
    const exported = smallPlanFolder({
      history: { path: "connect.csv", format: "amazon-connect" },
    });
    writeFileSync(join(exported, "connect.csv"), `${[header, ...lines].join("\n")}\n`);
    const a = await readPlanInputs(await readPlanConfig(join(plain, "plan.json")));
    const b = await readPlanInputs(await readPlanConfig(join(exported, "plan.json")));
    expect(b.inputs.history).toEqual(a.inputs.history);
  });

  it("are validated field by field", () => {
    expect(() =>
      parsePlanConfig({
        history: { path: "h.csv", delimiter: "#" },
        shifts: "s.json",
        start: "2025-01-20",
        days: 1,
      }),
    ).toThrow(/history/);
    expect(() =>
      parsePlanConfig({
        history: { path: "h.csv", locaTimes: true },
        shifts: "s.json",
        start: "2025-01-20",
        days: 1,
      }),
    ).toThrow(/locaTimes/);
    // a vendor preset reads interval actuals: only the history can be one
    expect(() =>
      parsePlanConfig({
        history: "h.csv",
        ads: { path: "a.csv", format: "amazon-connect" },
        shifts: "s.json",
        start: "2025-01-20",
        days: 1,
      }),
    ).toThrow(/ads/);
  });
});
