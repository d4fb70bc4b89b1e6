/**
 * What `staffcast plan` may replace, and how: only an earlier plan folder (#7.1), under a lock
 * and with the leftovers of killed runs cleaned up (#7.2).
 */
import { spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/io/errors.ts";
import { writeFolderAtomic } from "../../src/io/folder.ts";
import { planFolderProblem } from "../../src/plan/index.ts";
import { runCli } from "../support/cli.ts";
import { smallPlanFolder } from "../support/plan-fixture.ts";

const cli = join(process.cwd(), "dist/cli.js");

/** Every file of a folder with its content. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), "utf8")]),
  );
}

/** A process id that no longer exists (a child that has exited). */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", ""]).pid;
}

function spawnCli(
  args: string[],
  cwd = process.cwd(),
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (code) => {
      done({ code, stdout, stderr });
    });
  });
}

describe("#7.1 plan --force replaces only an earlier plan folder", () => {
  it("#7.1 `plan --config plan.json --out . --force` in a folder of inputs refuses and keeps every input", async () => {
    const d = smallPlanFolder();
    writeFileSync(join(d, "notes.txt"), "my notes");
    const before = snapshot(d);
    const r = await spawnCli(["plan", "--config", "plan.json", "--out", ".", "--force"], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out \.: not a folder that staffcast plan wrote/);
    expect(r.stderr).toMatch(/would delete history\.csv, notes\.txt, plan\.json, shifts\.json/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(d)).toEqual(before);
  }, 60_000);

  it("#7.1 refuses an earlier plan folder that holds a file the plan did not write", async () => {
    const d = smallPlanFolder();
    const out = join(d, "out");
    expect((await runCli(["plan", "--config", join(d, "plan.json"), "--out", out])).code).toBe(0);
    writeFileSync(join(out, "analysis.xlsx"), "an analyst's work");
    const before = snapshot(out);
    const r = await runCli(["plan", "--config", join(d, "plan.json"), "--out", out, "--force"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/it holds files its plan\.json does not list: analysis\.xlsx/);
    expect(snapshot(out)).toEqual(before);
  }, 60_000);

  it("#7.1 never replaces a folder that holds the configuration or an input", async () => {
    const d = smallPlanFolder();
    const out = join(d, "out");
    expect((await runCli(["plan", "--config", join(d, "plan.json"), "--out", out])).code).toBe(0);
    // a second plan that reads the first plan's forecast-free folder: its input lives in --out
    cpSync(join(d, "history.csv"), join(out, "history.csv"));
    const files = JSON.parse(readFileSync(join(out, "plan.json"), "utf8")) as { files: string[] };
    files.files.push("history.csv"); // even when plan.json lists it
    writeFileSync(join(out, "plan.json"), JSON.stringify({ ...files, config: {}, summary: {} }));
    writeFileSync(
      join(d, "second.json"),
      JSON.stringify({
        history: "out/history.csv",
        shifts: "shifts.json",
        start: "2025-01-20",
        days: 1,
      }),
    );
    const before = snapshot(out);
    const r = await runCli(["plan", "--config", join(d, "second.json"), "--out", out, "--force"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds out\/history\.csv, an input of this plan \(history\)/);
    expect(snapshot(out)).toEqual(before);
  }, 60_000);

  it("#7.1 recognises a plan folder by its plan.json", () => {
    const plan = JSON.stringify({ config: {}, summary: {}, files: ["plan.json", "forecast.csv"] });
    expect(planFolderProblem(["plan.json", "forecast.csv"], plan)).toBeUndefined();
    expect(planFolderProblem(["forecast.csv"], undefined)).toBe("it has no plan.json");
    expect(planFolderProblem(["plan.json"], "{")).toBe("its plan.json is not valid JSON");
    expect(planFolderProblem(["plan.json"], JSON.stringify({ history: "h.csv" }))).toMatch(
      /lacks the config, summary and files/,
    );
    expect(planFolderProblem(["plan.json", "x.csv", "forecast.csv"], plan)).toBe(
      "it holds files its plan.json does not list: x.csv",
    );
  });
});

describe("#7.2 the folder swap under a lock", () => {
  it("#7.2 a second run exits 1 naming the live holder of the lock; a dead holder's lock is taken over", async () => {
    const d = smallPlanFolder();
    const out = join(d, "out");
    const holder = spawn("sleep", ["30"]);
    try {
      writeFileSync(
        join(d, ".out.lock"),
        JSON.stringify({ pid: holder.pid, hostname: hostname(), startedAt: "2026-01-01T00:00Z" }),
      );
      const r = await runCli(["plan", "--config", join(d, "plan.json"), "--out", out]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        new RegExp(
          `is being written by process ${holder.pid} on .* \\(its lock is .*\\.out\\.lock`,
        ),
      );
      expect(existsSync(out)).toBe(false);
    } finally {
      holder.kill();
    }
    writeFileSync(
      join(d, ".out.lock"),
      JSON.stringify({ pid: deadPid(), hostname: hostname(), startedAt: "2026-01-01T00:00Z" }),
    );
    const r = await runCli(["plan", "--config", join(d, "plan.json"), "--out", out]);
    expect(r.code).toBe(0);
    expect(readdirSync(d).filter((f) => f.startsWith("."))).toEqual([]);
  }, 60_000);

  it("#7.2 the next run removes what a killed run left: a temporary folder and a set-aside old plan", async () => {
    const d = smallPlanFolder();
    const out = join(d, "out");
    expect((await runCli(["plan", "--config", join(d, "plan.json"), "--out", out])).code).toBe(0);
    const pid = deadPid();
    mkdirSync(join(d, `.out.${pid}.0a1b2c3d.tmp`));
    writeFileSync(join(d, `.out.${pid}.0a1b2c3d.tmp`, "forecast.csv"), "half a fil");
    mkdirSync(join(d, `.out.${pid}.0a1b2c3d.old`));
    const r = await runCli(["plan", "--config", join(d, "plan.json"), "--out", out, "--force"]);
    expect(r.code).toBe(0);
    expect(readdirSync(d).filter((f) => f.startsWith("."))).toEqual([]);
  }, 60_000);

  it("#7.2 a killed run's old plan comes back when the new one never arrived", async () => {
    const parent = mkdtempSync(join(tmpdir(), "staffcast-folder-"));
    const pid = deadPid();
    const old = join(parent, `.out.${pid}.0a1b2c3d.old`);
    mkdirSync(old);
    writeFileSync(join(old, "plan.json"), "the old plan");
    await expect(
      writeFolderAtomic(
        join(parent, "out"),
        { "plan.json": "new" },
        {
          checkReplace: () => {
            throw new UsageError("not replacing it");
          },
        },
      ),
    ).rejects.toThrow("not replacing it");
    expect(readFileSync(join(parent, "out", "plan.json"), "utf8")).toBe("the old plan");
    expect(readdirSync(parent)).toEqual(["out"]);
  });

  it("#7.2 two concurrent runs to one --out: one plan folder, no strays", async () => {
    const d = smallPlanFolder();
    const out = join(d, "out");
    const args = ["plan", "--config", join(d, "plan.json"), "--out", out, "--force", "--json"];
    const results = await Promise.all([spawnCli(args), spawnCli(args), spawnCli(args)]);
    for (const r of results) {
      expect([0, 1]).toContain(r.code);
      if (r.code === 1) expect(r.stderr).toMatch(/is being written by process \d+/);
      expect(r.stderr).not.toMatch(/ENOTEMPTY|\n\s+at /);
    }
    expect(results.some((r) => r.code === 0)).toBe(true);
    expect(readdirSync(d).filter((f) => f.startsWith("."))).toEqual([]);
    expect(readdirSync(out).sort()).toEqual([
      "forecast.csv",
      "plan.json",
      "report.html",
      "requirements.csv",
      "schedule.json",
    ]);
  }, 120_000);
});
