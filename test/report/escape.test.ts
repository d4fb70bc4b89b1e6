/**
 * #7.11 (report): the HTML report escapes every name it shows. Queue names, shift template
 * names, warnings and the title carry markup and script attempts; none of them may reach the
 * page as markup.
 */
import { describe, expect, it } from "vitest";
import { parsePlanConfig, renderReport, runPlan } from "../../src/plan/index.ts";
import { parseShiftSpec } from "../../src/schedule/index.ts";
import { fixtureHistory, fixtureShiftFile } from "../support/plan-fixture.ts";

const EVIL = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(2)>',
  "</svg><svg onload=alert(3)>",
  "a&b<c>",
];

describe("#7.11 the report escapes what it shows", () => {
  it("#7.11 markup in queue names, template names and the title stays text", async () => {
    const names = new Map([
      ["orders", EVIL[0]!],
      ["vip", EVIL[1]!],
      ["after", EVIL[2]!],
    ]);
    const history = fixtureHistory().map((h) => ({ ...h, queue: names.get(h.queue)! }));
    const config = parsePlanConfig({
      history: "h.csv",
      shifts: "s.json",
      start: "2025-01-20",
      days: 1,
      queues: { [EVIL[0]!]: { serviceLevel: 0.8 } },
      pools: [[EVIL[0]!, EVIL[2]!]],
      solver: { timeLimitSeconds: 30 },
    });
    const shifts = parseShiftSpec({
      ...fixtureShiftFile,
      shifts: fixtureShiftFile.shifts.map((s, i) => ({ ...s, name: `${EVIL[3]!}${i}` })),
    });
    const plan = await runPlan({ config, history, shifts });
    const html = renderReport({ plan, config, history, title: EVIL[1]! });
    expect(html).not.toMatch(/<script|<img|<svg onload|a&b/); // as markup: only escaped text
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;");
    expect(html).toContain("a&amp;b&lt;c&gt;");
  }, 60_000);

  it("#7.11 markup in group names and queue names stays text in the tables by group", async () => {
    const names = new Map([
      ["orders", EVIL[0]!],
      ["vip", EVIL[1]!],
      ["after", "after"],
    ]);
    const history = fixtureHistory().map((h) => ({ ...h, queue: names.get(h.queue)! }));
    const config = parsePlanConfig(
      {
        start: "2025-01-20",
        days: 1,
        groups: {
          [EVIL[2]!]: { serves: [{ queue: EVIL[1]! }, { queue: EVIL[0]! }] },
          [EVIL[3]!]: { serves: [{ queue: EVIL[0]! }, { queue: "after", afterSeconds: 30 }] },
        },
        solver: { timeLimitSeconds: 30 },
      },
      { filePaths: false },
    );
    const plan = await runPlan({ config, history, shifts: parseShiftSpec(fixtureShiftFile) });
    const html = renderReport({ plan, config, history });
    expect(html).not.toMatch(/<script|<img|<svg onload|a&b/);
    expect(html).toContain("<td>a&amp;b&lt;c&gt;</td>");
    expect(html).toContain("&lt;/svg&gt;&lt;svg onload=alert(3)&gt;");
  }, 60_000);
});
