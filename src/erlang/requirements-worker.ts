/**
 * Worker thread of {@link computeRequirementTableParallel}: staffs one range of resolved rows
 * and sends the table back (its columns transferred, not copied).
 *
 * @module
 * @internal
 */
import { parentPort, workerData } from "node:worker_threads";
import { DataError } from "../io/errors.ts";
import type { WorkerReply, WorkerTask } from "./parallel.ts";
import { staffResolved } from "./requirements.ts";

const task = workerData as WorkerTask;
let reply: WorkerReply;
const transfer: ArrayBuffer[] = [];
try {
  const table = staffResolved(task.rows, task.policy);
  reply = { ok: true, table };
  for (const value of Object.values(table)) {
    if (ArrayBuffer.isView(value)) transfer.push(value.buffer as ArrayBuffer);
  }
} catch (error) {
  reply =
    error instanceof DataError
      ? { ok: false, issues: error.issues, message: error.message }
      : { ok: false, message: error instanceof Error ? error.message : String(error) };
}
parentPort?.postMessage(reply, transfer);
