/**
 * What `staffcast kpi --plan` reads from a plan folder written by `staffcast plan`:
 * forecast.csv (forecast calls per queue and interval), requirements.csv (agents per staffing
 * unit and interval), schedule.json (its coverage) and plan.json (each queue's service-level
 * target, from its `queues` list).
 *
 * @module
 */
import { join } from "node:path";
import { z } from "zod";
import { readIntervalAgentsCsv } from "../../erlang/formats/agents-csv.ts";
import { readForecastCsv } from "../../forecast/formats/forecast-csv.ts";
import { DataError, inFile } from "../../io/errors.ts";
import { parseJsonText } from "../../io/json.ts";
import { readInput } from "../../io/read-input.ts";
import { zodIssues } from "../../io/zod-issues.ts";
import { readScheduleJson } from "../../schedule/formats/schedule-json.ts";
import type { KpiPlanInput } from "../kpi-plan.ts";

const planJsonSchema = z.object({
  queues: z
    .array(
      z.object({
        queue: z.string().min(1),
        targetServiceLevel: z.number().min(0).max(1).nullable(),
        slSeconds: z.number().min(0).max(86_400),
      }),
    )
    .max(10_000),
});

/**
 * The service-level targets of a plan.json that `staffcast plan` wrote (its `queues` list).
 *
 * @param file - the name used in messages
 * @throws DataError naming the field (`queues[0].slSeconds: ...`), or saying the file is a
 *   plan configuration rather than a plan's plan.json
 * @example
 * parsePlanTargets('{"queues":[{"queue":"vip","targetServiceLevel":0.9,"slSeconds":10}]}', "plan.json");
 * // => [{ queue: "vip", serviceLevel: 0.9, slSeconds: 10 }]
 */
export function parsePlanTargets(text: string, file: string): KpiPlanInput["targets"] {
  const raw = parseJsonText(text, file);
  return inFile(file, () => {
    if (typeof raw !== "object" || raw === null || !("queues" in raw) || !Array.isArray(raw.queues))
      throw new DataError([
        {
          field: "queues",
          message:
            'expected the plan.json that "staffcast plan" writes (a list of queues with their ' +
            "targets), not a plan configuration",
        },
      ]);
    const parsed = planJsonSchema.safeParse(raw);
    if (!parsed.success) throw new DataError(zodIssues(parsed.error));
    return parsed.data.queues.map((q) => ({
      queue: q.queue,
      serviceLevel: q.targetServiceLevel,
      slSeconds: q.slSeconds,
    }));
  });
}

/**
 * Reads the parts of a plan folder that `staffcast kpi --plan` compares actuals with.
 *
 * @throws NoInputError when a file is missing; DataError (located) for bad content
 * @example
 * const plan = await readKpiPlanFolder("plan");
 * plan.coverage[0]; // { startMs, required: 11.4, scheduled: 12 }
 */
export async function readKpiPlanFolder(dir: string): Promise<KpiPlanInput> {
  const forecast = await readForecastCsv(join(dir, "forecast.csv"));
  const requirements = await readIntervalAgentsCsv(join(dir, "requirements.csv"));
  const schedule = await readScheduleJson(join(dir, "schedule.json"));
  const planJson = await readInput(join(dir, "plan.json"));
  return {
    forecast: forecast.rows,
    requirements: requirements.rows,
    coverage: schedule.coverage,
    targets: parsePlanTargets(planJson.text, planJson.file),
  };
}
