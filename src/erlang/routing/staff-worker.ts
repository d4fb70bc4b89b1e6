/**
 * Worker thread of {@link staffRoutingParallel}: staffs its share of the distinct loads and
 * sends the staffings back (or the message of a RangeError).
 *
 * @module
 * @internal
 */
import { parentPort, workerData } from "node:worker_threads";
import { parseRouting } from "./model.ts";
import { staffTask } from "./staff-routing.ts";
import type { StaffWorkerReply, StaffWorkerTask } from "./staff-parallel.ts";

const task = workerData as StaffWorkerTask;
let reply: StaffWorkerReply;
try {
  // the routing as JSON: a queue named __proto__ stays a queue across the thread boundary
  const routing = parseRouting(JSON.parse(task.routingJson));
  reply = {
    ok: true,
    results: task.tasks.map((t) =>
      staffTask(routing, task.intervalSeconds, t, task.budgetPerInterval, task.options),
    ),
  };
} catch (error) {
  reply = {
    ok: false,
    range: error instanceof RangeError,
    message: error instanceof Error ? error.message : String(error),
  };
}
parentPort?.postMessage(reply);
