/**
 * The Bounded Minimum Shift Design instances (MiniZinc .dzn, Musliu et al.'s shift design
 * benchmark as converted by Stieguu/Bounded-Minimum-Shift-Design-Constraint-Programming) as
 * staffcast shift specs, and the BMSD objective of scheduling.md section 4.3: hard coverage,
 * over-cover penalised per minute, a fixed cost per shift instance used, and an average shift
 * length of at least avgMinutes / maxDuties (added through the model layer).
 */
import { readFileSync } from "node:fs";
import type { ShiftModel } from "../../src/schedule/model.ts";
import type { RequirementPoint } from "../../src/schedule/result.ts";
import { parseShiftSpec, type ShiftSpec } from "../../src/schedule/spec.ts";

export interface Bmsd {
  readonly spec: ShiftSpec;
  readonly requirements: RequirementPoint[];
  /** Minutes: the average shift length must be at least this. */
  readonly minAverageMinutes: number;
}

const hhmm = (m: number): string =>
  `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

export function readBmsd(path: string): Bmsd {
  const text = readFileSync(path, "utf8");
  const value = (name: string): string => {
    const m = new RegExp(`${name}\\s*=\\s*([^;]+);`).exec(text);
    if (m === null) throw new Error(`${path}: no ${name}`);
    return m[1]!.trim();
  };
  const num = (name: string): number => Number(value(name));
  const list = (name: string): number[] =>
    value(name)
      .replace(/[[\]\s]/g, "")
      .split(",")
      .map(Number);
  const interval = num("interval");
  const demand = list("demand");
  const types = num("shiftTypes");
  const [minStart, maxStart, minLength, maxLength] = [
    list("minStart"),
    list("maxStart"),
    list("minLength"),
    list("maxLength"),
  ];
  const shifts = Array.from({ length: types }, (_, i) => {
    const lengths: number[] = [];
    for (let l = minLength[i]!; l <= maxLength[i]!; l++) lengths.push(l * interval);
    return {
      name: `type${i + 1}`,
      startEarliest: hhmm(minStart[i]! * interval),
      startLatest: hhmm(maxStart[i]! * interval),
      startStepMinutes: interval,
      lengthMinutes: lengths,
      costPerHour: 0,
    };
  });
  const spec = parseShiftSpec({
    intervalMinutes: interval,
    coverage: "hard",
    cyclic: true,
    overPenalty: num("weightOverCover") * interval,
    underPenalty: 0,
    shiftInstanceCost: num("weightShiftInstances"),
    shifts,
  });
  const monday = Date.UTC(2025, 0, 6);
  const requirements = demand.map((required, i) => ({
    startMs: monday + i * interval * 60_000,
    required,
  }));
  return { spec, requirements, minAverageMinutes: num("avgMinutes") / num("maxDuties") };
}

/** Adds sum (length - average) x >= 0 to a built model. */
export function addAverageLength(built: ShiftModel, minAverageMinutes: number): void {
  const indices: number[] = [];
  const values: number[] = [];
  built.shifts.forEach((s, i) => {
    indices.push(built.x[i]!);
    values.push(s.length * built.intervalMinutes - minAverageMinutes);
  });
  built.model.rows.push({
    indices,
    values,
    lower: 0,
    upper: Number.POSITIVE_INFINITY,
    name: "avg",
  });
}
