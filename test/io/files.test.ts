/**
 * Outputs go where the user said and nowhere else: links are followed, FIFOs and devices written
 * through (#7.4); temporary files never outlive a run, interrupted or killed (#7.3); write errors
 * are one line and exit 1 (#7.10); inputs too large for a string are refused with advice (#7.16).
 */
import { spawn, spawnSync } from "node:child_process";
import { EventEmitter } from "node:events";
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { onInterrupt, pendingInterruptTasks, runInterruptTasks } from "../../src/io/cleanup.ts";
import {
  MAX_INPUT_BYTES,
  readText,
  writeChunksAtomic,
  writeTextAtomic,
} from "../../src/io/files.ts";
import { guardProcess, type GuardedProcess } from "../../src/cli/process.ts";

const cli = join(process.cwd(), "dist/cli.js");
const tmp = (): string => mkdtempSync(join(tmpdir(), "staffcast-files-"));
const streams = {
  stdin: Readable.from([""]),
  stdout: { write: () => true },
  stderr: { write: () => true },
};

/** A forecast CSV of `rows` quarter hours for one queue. */
function forecastFile(dir: string, rows: number): string {
  const lines = ["start,queue,calls,aht_s"];
  for (let i = 0; i < rows; i++)
    lines.push(`${new Date(Date.UTC(2025, 0, 6) + i * 900_000).toISOString()},q,${i % 300},180`);
  const path = join(dir, "forecast.csv");
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

describe("#7.4 --out writes where it points", () => {
  it("#7.4 a symbolic link is written through to its target and stays a link", async () => {
    const d = tmp();
    writeFileSync(join(d, "target.csv"), "old");
    symlinkSync("target.csv", join(d, "link.csv"));
    await writeTextAtomic(join(d, "link.csv"), "new\n", streams);
    expect(lstatSync(join(d, "link.csv")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(d, "link.csv"))).toBe("target.csv");
    expect(readFileSync(join(d, "target.csv"), "utf8")).toBe("new\n");
    // a dangling link creates its target
    symlinkSync("made.csv", join(d, "dangling.csv"));
    await writeTextAtomic(join(d, "dangling.csv"), "made\n", streams);
    expect(readFileSync(join(d, "made.csv"), "utf8")).toBe("made\n");
    expect(readdirSync(d).sort()).toEqual(["dangling.csv", "link.csv", "made.csv", "target.csv"]);
  });

  it("#7.4 a FIFO's reader gets the data and the FIFO stays a FIFO", async () => {
    const d = tmp();
    const fifo = join(d, "pipe");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const reader = spawn("cat", [fifo]);
    let got = "";
    reader.stdout.on("data", (c: Buffer) => (got += c.toString()));
    const closed = new Promise((done) => reader.on("close", done));
    await writeChunksAtomic(fifo, ["a,b\n", "1,2\n"], streams);
    await closed;
    expect(got).toBe("a,b\n1,2\n");
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(d)).toEqual(["pipe"]);
  });

  it.runIf(process.getuid?.() === 0)(
    "#7.4 a character device is written through, not replaced (a null device made in a temp folder)",
    async () => {
      const d = tmp();
      const device = join(d, "null");
      if (spawnSync("mknod", [device, "c", "1", "3"]).status !== 0) return; // no CAP_MKNOD
      await writeTextAtomic(device, "into the void\n", streams);
      expect(statSync(device).isCharacterDevice()).toBe(true);
      expect(readdirSync(d)).toEqual(["null"]);
    },
  );

  it("#7.4 a folder is refused (exit 1) and left alone", async () => {
    const d = tmp();
    await expect(writeTextAtomic(d, "x", streams)).rejects.toMatchObject({
      exitCode: 1,
      message: `cannot write ${d}: it is a folder`,
    });
  });

  it("#7.4 the replaced file keeps its permissions", async () => {
    const d = tmp();
    writeFileSync(join(d, "out.csv"), "old", { mode: 0o640 });
    await writeTextAtomic(join(d, "out.csv"), "new", streams);
    expect(statSync(join(d, "out.csv")).mode & 0o777).toBe(0o640);
  });
});

describe("#7.3 temporary files never outlive a run", () => {
  it("#7.3 SIGINT during `requirements --out` removes the partial temporary file", async () => {
    const d = tmp();
    const input = forecastFile(d, 400_000);
    const out = join(d, "requirements.csv");
    const child = spawn(
      process.execPath,
      [cli, "requirements", "--forecast", input, "--out", out],
      {
        stdio: "ignore",
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((done) =>
      child.on("exit", (_code, signal) => {
        done(signal);
      }),
    );
    let signalled = false;
    for (let k = 0; k < 20_000 && !signalled; k++) {
      if (readdirSync(d).some((f) => f.endsWith(".tmp"))) {
        child.kill("SIGINT");
        signalled = true;
      } else await new Promise((r) => setTimeout(r, 2));
    }
    expect(signalled).toBe(true);
    expect(await exited).toBe("SIGINT");
    expect(readdirSync(d)).toEqual(["forecast.csv"]);
  }, 60_000);

  it("#7.3 the next write of an output removes the temporary files of killed runs", async () => {
    const d = tmp();
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    writeFileSync(join(d, `.out.csv.${dead}.0123abcd.tmp`), "half a fi");
    writeFileSync(join(d, `.other.csv.${dead}.0123abcd.tmp`), "not ours to touch");
    await writeTextAtomic(join(d, "out.csv"), "whole\n", streams);
    expect(readdirSync(d).sort()).toEqual([`.other.csv.${dead}.0123abcd.tmp`, "out.csv"]);
  });

  it("#7.3 a failed write leaves neither a temporary file nor a changed target", async () => {
    const d = tmp();
    writeFileSync(join(d, "out.csv"), "before");
    function* chunks(): Generator<string> {
      yield "partial";
      throw Object.assign(new Error("disk on fire"), { code: "EIO" });
    }
    await expect(writeChunksAtomic(join(d, "out.csv"), chunks(), streams)).rejects.toMatchObject({
      exitCode: 1,
      message: `cannot write ${join(d, "out.csv")}: EIO`,
    });
    expect(readdirSync(d)).toEqual(["out.csv"]);
    expect(readFileSync(join(d, "out.csv"), "utf8")).toBe("before");
  });

  it("#7.3 interruption tasks run newest first, and only while registered", () => {
    const order: string[] = [];
    const a = onInterrupt(() => order.push("a"));
    onInterrupt(() => order.push("b"));
    a();
    expect(pendingInterruptTasks()).toBe(1);
    runInterruptTasks();
    expect(order).toEqual(["b"]);
    expect(pendingInterruptTasks()).toBe(0);
  });
});

/** A fake process for guardProcess. */
function fakeProcess(): GuardedProcess & {
  exits: number[];
  errors: string;
  signals: Map<string, () => void>;
  killed: string[];
  stdoutEmitter: EventEmitter;
} {
  const stdoutEmitter = new EventEmitter();
  const signals = new Map<string, () => void>();
  const fake = {
    exits: [] as number[],
    errors: "",
    signals,
    killed: [] as string[],
    stdoutEmitter,
    pid: 4242,
    stdout: stdoutEmitter,
    stderr: { write: (s: string) => (fake.errors += s) },
    on: (event: string, listener: () => void) => signals.set(event, listener),
    removeListener: (event: string) => signals.delete(event),
    kill: (_pid: number, signal: string) => fake.killed.push(signal),
    exit: (code: number): never => {
      fake.exits.push(code);
      return undefined as never;
    },
  };
  return fake;
}

describe("#7.10 write errors on stdout", () => {
  it("#7.10 a full disk on stdout is one line on stderr and exit 1; a closed pipe is exit 0", () => {
    const p = fakeProcess();
    guardProcess(p);
    p.stdoutEmitter.emit("error", Object.assign(new Error("write ENOSPC"), { code: "ENOSPC" }));
    expect(p.errors).toBe("error: cannot write to standard output: no space left on the device\n");
    expect(p.exits).toEqual([1]);
    const q = fakeProcess();
    guardProcess(q);
    q.stdoutEmitter.emit("error", Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
    expect(q.exits[0]).toBe(0);
    expect(q.errors).toBe("");
  });

  it("#7.3 signal listeners exist only while something is held, and clean up before re-raising", () => {
    const p = fakeProcess();
    guardProcess(p);
    expect(p.signals.size).toBe(0);
    let cleaned = false;
    const done = onInterrupt(() => (cleaned = true));
    expect([...p.signals.keys()].sort()).toEqual(["SIGHUP", "SIGINT", "SIGTERM"]);
    done();
    expect(p.signals.size).toBe(0);
    onInterrupt(() => (cleaned = true));
    p.signals.get("SIGTERM")!();
    expect(cleaned).toBe(true);
    expect(p.killed).toEqual(["SIGTERM"]);
    expect(p.signals.size).toBe(0);
  });
});

describe("#7.16 inputs too large for a string", () => {
  it("#7.16 a file over the limit is refused with its size limit and how to split it (exit 65)", async () => {
    const d = tmp();
    const big = join(d, "big.csv");
    writeFileSync(big, "");
    // a sparse file: large on paper, no disk used
    spawnSync("truncate", ["-s", String(MAX_INPUT_BYTES + 1), big]);
    await expect(readText(big, streams)).rejects.toMatchObject({
      exitCode: 65,
      message: `${big}: larger than 256 MiB, the most staffcast reads from one input: split it (by date or by queue) and run the parts separately`,
    });
  });

  it("#7.16 stdin over the limit is refused the same way, without reading it all", async () => {
    let pulled = 0;
    const chunk = Buffer.alloc(16 * 1024 * 1024, 97);
    const stdin = Readable.from(
      (function* () {
        for (;;) {
          pulled++;
          yield chunk;
        }
      })(),
    );
    await expect(readText("-", { ...streams, stdin })).rejects.toMatchObject({
      exitCode: 65,
      message: expect.stringMatching(/^<stdin>: larger than 256 MiB/) as unknown,
    });
    expect(pulled).toBeLessThan(20);
  });

  it("#7.16 the binary: no stack trace, exit 65 naming the file", () => {
    const d = tmp();
    const big = join(d, "big.csv");
    writeFileSync(big, "");
    spawnSync("truncate", ["-s", String(700 * 1024 * 1024), big]);
    const r = spawnSync(process.execPath, [cli, "requirements", "--forecast", big], {
      encoding: "utf8",
    });
    expect(r.status).toBe(65);
    expect(r.stderr).toBe(
      `error: ${big}: larger than 256 MiB, the most staffcast reads from one input: split it (by date or by queue) and run the parts separately\n`,
    );
    expect(existsSync(big)).toBe(true);
  });
});
