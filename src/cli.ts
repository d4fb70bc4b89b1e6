#!/usr/bin/env node
/**
 * The `staffcast` executable: runs the CLI on the process's arguments and streams.
 */
import { run } from "./cli/main.ts";

process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  // A closed pipe (`staffcast ... | head`) is not an error worth a stack trace.
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

process.exitCode = await run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
