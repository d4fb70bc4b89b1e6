/**
 * Requirements in columns: one typed array per field, one entry per interval. A million
 * intervals take about 120 MB this way, a fraction of what a million result objects take, and
 * filling it allocates nothing per row.
 *
 * @module
 */
import type { BindingConstraint, QueueModel, StaffingResult } from "./types.ts";

/**
 * Staffing results of many intervals in columns; entry i of every column belongs to interval i.
 * Units and meanings as in {@link StaffingResult}; `asaSeconds` and `meanQueueLength` are
 * `Infinity` where the queue is unstable, `stable` is 1 or 0.
 */
export interface RequirementTable {
  readonly length: number;
  readonly model: QueueModel;
  readonly intervalSeconds: Float64Array;
  readonly ahtSeconds: Float64Array;
  readonly loadErlangs: Float64Array;
  readonly agents: Float64Array;
  readonly scheduledAgents: Float64Array;
  readonly fractionalAgents: Float64Array;
  readonly fractionalScheduledAgents: Float64Array;
  readonly probWait: Float64Array;
  readonly serviceLevel: Float64Array;
  readonly asaSeconds: Float64Array;
  readonly stable: Uint8Array;
  readonly occupancy: Float64Array;
  readonly abandonRate: Float64Array;
  readonly meanQueueLength: Float64Array;
  readonly binding: (BindingConstraint | null)[];
}

/**
 * A zero-filled table for `length` intervals.
 *
 * @example
 * createRequirementTable(96, "erlangC").agents.length; // => 96
 */
export function createRequirementTable(length: number, model: QueueModel): RequirementTable {
  const column = (): Float64Array => new Float64Array(length);
  return {
    length,
    model,
    intervalSeconds: column(),
    ahtSeconds: column(),
    loadErlangs: column(),
    agents: column(),
    scheduledAgents: column(),
    fractionalAgents: column(),
    fractionalScheduledAgents: column(),
    probWait: column(),
    serviceLevel: column(),
    asaSeconds: column(),
    stable: new Uint8Array(length),
    occupancy: column(),
    abandonRate: column(),
    meanQueueLength: column(),
    binding: new Array<BindingConstraint | null>(length).fill(null),
  };
}

/**
 * Row `index` of a table as a result object.
 *
 * @example
 * requirementAt(table, 0).agents; // the agents of the first interval
 */
export function requirementAt(table: RequirementTable, index: number): StaffingResult {
  return {
    model: table.model,
    loadErlangs: table.loadErlangs[index]!,
    agents: table.agents[index]!,
    probWait: table.probWait[index]!,
    serviceLevel: table.serviceLevel[index]!,
    asaSeconds: table.asaSeconds[index]!,
    stable: table.stable[index] === 1,
    occupancy: table.occupancy[index]!,
    abandonRate: table.abandonRate[index]!,
    meanQueueLength: table.meanQueueLength[index]!,
    scheduledAgents: table.scheduledAgents[index]!,
    fractionalAgents: table.fractionalAgents[index]!,
    fractionalScheduledAgents: table.fractionalScheduledAgents[index]!,
    binding: table.binding[index]!,
    intervalSeconds: table.intervalSeconds[index]!,
    ahtSeconds: table.ahtSeconds[index]!,
  };
}
