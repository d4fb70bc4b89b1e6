/**
 * The KPI page without a browser: what it says with and without rows, a plan and warnings.
 */
import { describe, expect, it } from "vitest";
import { computeKpis } from "../../src/actuals/index.ts";
import { renderKpiReport } from "../../src/report/index.ts";

const T0 = Date.UTC(2026, 2, 2, 10);

describe("renderKpiReport", () => {
  it("a chart per queue, the table, '-' for null, the warnings, no plan sections", () => {
    const kpis = computeKpis(
      [
        { startMs: T0, queue: "a", offered: 10, answeredInSl: 8, slSeconds: 20 },
        { startMs: T0 + 1_800_000, queue: "a", offered: 10, answeredInSl: 9, slSeconds: 30 },
        { startMs: T0, queue: "b", offered: 0 },
      ],
      { by: "day" },
    );
    const html = renderKpiReport({ kpis, title: "Week <10>" });
    expect(html).toContain("<title>Week &lt;10&gt;</title>");
    expect(html.match(/<svg /g)?.length).toBe(2);
    expect(html).toContain('id="kpis"');
    expect(html).not.toContain('id="accuracy"');
    expect(html).toContain('id="warnings"'); // a's day mixes 20 s and 30 s
    expect(html).toMatch(
      /<td>b<\/td><td>2026-03-02T00:00:00Z<\/td><td class="r">0<\/td><td class="r">-<\/td>/,
    );
  });

  it("an empty result: the table's header, no chart", () => {
    const html = renderKpiReport({ kpis: computeKpis([], { by: "week" }) });
    expect(html).not.toContain("<svg");
    expect(html).toContain("KPIs per queue and week");
  });
});
