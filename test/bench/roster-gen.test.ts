/**
 * The roster benchmark's week generator (bench/roster-gen.ts): seeded and reproducible, the
 * contracts and availability it promises, and files the CLI reads back to the same week.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateWeek, mulberry32, writeWeekFiles } from "../../bench/roster-gen.ts";
import {
  readAgentsCsv,
  readAvailabilityCsv,
  readRequirementPointsCsv,
  readShiftFile,
} from "../../src/schedule/index.ts";

describe("generateWeek", () => {
  it("gives the same week for the same seed, another for another seed", () => {
    const a = generateWeek({ seed: 7, agents: 120 });
    expect(generateWeek({ seed: 7, agents: 120 })).toEqual(a);
    const b = generateWeek({ seed: 8, agents: 120 });
    expect(b.requirements).not.toEqual(a.requirements);
    expect(b.availability).not.toEqual(a.availability);
    const rnd = mulberry32(1);
    const draws = Array.from({ length: 1000 }, rnd);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(1)()).toBe(draws[0]);
  });

  it("scales the curve with the agents: about 24.4 on-queue hours each a week", () => {
    for (const agents of [450, 2000]) {
      const week = generateWeek({ seed: 1, agents });
      expect(week.requirements).toHaveLength(7 * 96);
      const hours = week.requirements.reduce((s, r) => s + r.required, 0) / 4;
      // rounding each interval to whole agents (at least 1): within 1 %
      expect(Math.abs(hours / (agents * 24.4) - 1)).toBeLessThan(0.01);
    }
  });

  it("follows the local clock: a week over the change to summer time has 668 quarter hours", () => {
    const week = generateWeek({ seed: 1, agents: 100, startDate: "2025-03-24" });
    expect(week.requirements).toHaveLength(7 * 96 - 4);
  });

  it("has 80 % full-time agents (32-40 h, 5 days), 20 % part-time (16-24 h, 4 days), and the rules", () => {
    const week = generateWeek({ seed: 3, agents: 450 });
    const full = week.agents.filter((a) => a.maxDaysWeek === 5);
    expect(full).toHaveLength(360);
    expect(
      full.every((a) => a.minSecondsWeek === 32 * 3600 && a.maxSecondsWeek === 40 * 3600),
    ).toBe(true);
    const part = week.agents.filter((a) => a.maxDaysWeek === 4);
    expect(part).toHaveLength(90);
    expect(
      part.every((a) => a.minSecondsWeek === 16 * 3600 && a.maxSecondsWeek === 24 * 3600),
    ).toBe(true);
    expect(week.roster).toMatchObject({
      minRestSeconds: 39_600,
      twoConsecutiveDaysOff: true,
      maxNightShiftsWeek: 3,
    });
    const ids = new Set(week.agents.map((a) => a.id));
    expect(week.availability.every((a) => ids.has(a.agentId))).toBe(true);
    // time off (no window), and part-timers' morning or evening windows
    expect(week.availability.some((a) => a.from === undefined)).toBe(true);
    expect(week.availability.some((a) => a.from === "06:00" && a.to === "16:00")).toBe(true);
    expect(week.availability.some((a) => a.from === "12:00" && a.to === "24:00")).toBe(true);
    expect(week.spec.shifts.map((s) => s.name)).toEqual([
      "early",
      "middle",
      "late",
      "night",
      "part-am",
      "part-pm",
    ]);
  });

  it("writes files the CLI's readers read back to the same week", async () => {
    const week = generateWeek({ seed: 5, agents: 60 });
    const dir = mkdtempSync(join(tmpdir(), "staffcast-roster-gen-"));
    try {
      const files = await writeWeekFiles(week, dir);
      expect((await readRequirementPointsCsv(files.requirements)).points).toEqual(
        week.requirements,
      );
      expect((await readShiftFile(files.shifts)).spec).toEqual(week.spec);
      expect((await readAgentsCsv(files.agents)).rows).toEqual(week.agents);
      expect((await readAvailabilityCsv(files.availability)).rows).toEqual(week.availability);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
