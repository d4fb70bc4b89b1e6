/**
 * A hand-made plan folder and actuals for `staffcast kpi --plan`: queue orders (pooled with
 * after as the unit orders+after), two 30-minute intervals on 2025-01-20, target 80 % in 20 s.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const KPI_TIMES = ["2025-01-20T08:00:00Z", "2025-01-20T08:30:00Z"] as const;
const [t0, t1] = KPI_TIMES;

/** Actuals of the fixture: 10 of 12 in SL (met), then 12 of 16 (missed). */
export const KPI_ACTUALS =
  "start,queue,offered,handled,abandoned,answered_in_sl,sl_seconds,asa_s,aht_s,talk_s,acw_s,available_s\n" +
  `${t0},orders,12,11,1,10,20,8,240,2400,240,960\n` +
  `${t1},orders,16,14,2,12,20,25,250,3000,500,100\n`;

/** A fresh plan folder: forecast.csv, requirements.csv, schedule.json, plan.json. */
export function kpiPlanFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "staffcast-kpi-plan-"));
  writeFileSync(
    join(dir, "forecast.csv"),
    `start,queue,calls,calls_p10,calls_p90\n${t0},orders,10,8,12\n${t1},orders,20,16,24\n`,
  );
  writeFileSync(
    join(dir, "requirements.csv"),
    `start,queue,calls,aht_s,agents\n${t0},orders+after,10,240,3\n${t1},orders+after,20,240,5\n`,
  );
  writeFileSync(
    join(dir, "schedule.json"),
    JSON.stringify({
      status: "optimal",
      objective: 0,
      gap: 0,
      shifts: [],
      coverage: [
        { start: t0, required: 3.3, scheduled: 4 },
        { start: t1, required: 5.5, scheduled: 5 },
      ],
    }),
  );
  writeFileSync(
    join(dir, "plan.json"),
    JSON.stringify({
      queues: [{ queue: "orders", unit: "orders+after", targetServiceLevel: 0.8, slSeconds: 20 }],
    }),
  );
  return dir;
}
