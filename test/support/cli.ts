import { Readable } from "node:stream";
import { run } from "../../src/cli/main.ts";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured streams (no TTY, so no colour). */
export async function runCli(args: readonly string[], stdin = ""): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(args, {
    stdin: Readable.from([stdin]),
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}
