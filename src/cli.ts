#!/usr/bin/env node
/**
 * The `staffcast` executable: runs the CLI on the process's arguments and streams.
 */
import { run } from "./cli/main.ts";
import { guardProcess } from "./cli/process.ts";

guardProcess(process);

process.exitCode = await run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
