/**
 * Incremental re-roster: a kept roster as terms of the roster model (each kept assignment
 * dropped and each new one costs {@link ROSTER_CHANGE_PENALTY}), the roster to start from (the
 * kept assignments that still keep the rules), and the changes of a roster against it.
 *
 * A kept assignment names an agent and a shift by start, end and group (no group: any group at
 * that time). One whose agent is gone, whose shift is no longer designed, or that the agent may
 * no longer work (skills, availability) is dropped whatever the roster: a forced change.
 *
 * @module
 */
import type { Instance } from "./roster-instances.ts";
import type { KeepTerms, RosterContext } from "./roster-model.ts";
import type { RosterState } from "./roster-state.ts";
import type { Agent, Assignment, RosterChange } from "./roster-types.ts";

/** The kept assignments, each once, in the order given. */
function distinct(keep: readonly Assignment[]): Assignment[] {
  const seen = new Set<string>();
  return keep.filter((k) => {
    const key = `${k.agentId}|${k.startMs}|${k.endMs}|${k.group ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether instance `inst` is the shift of assignment `k`. */
function matches(k: Assignment, inst: Instance): boolean {
  return (
    inst.start === k.startMs &&
    inst.end === k.endMs &&
    (k.group === undefined || k.group === inst.group)
  );
}

/** Instances by start, to find a kept shift's among them. */
function byStartMap(instances: readonly Instance[]): Map<number, Instance[]> {
  const map = new Map<number, Instance[]>();
  for (const inst of instances) {
    const list = map.get(inst.start);
    if (list === undefined) map.set(inst.start, [inst]);
    else list.push(inst);
  }
  return map;
}

/**
 * The model terms of a kept roster.
 *
 * @param allowed - allowed[a * instances + i]: agent a may work instance i
 */
export function keepTerms(
  keep: readonly Assignment[],
  instances: readonly Instance[],
  agents: readonly Agent[],
  allowed: Uint8Array,
): KeepTerms {
  const n = instances.length;
  const index = new Map(agents.map((a, k) => [a.id, k]));
  const starts = byStartMap(instances);
  const kept: number[][][] = agents.map(() => []);
  const isKept = agents.map(() => new Set<number>());
  let forced = 0;
  for (const k of distinct(keep)) {
    const a = index.get(k.agentId);
    const shift =
      a === undefined
        ? []
        : (starts.get(k.startMs) ?? [])
            .filter((inst) => matches(k, inst) && allowed[a * n + inst.index] === 1)
            .map((inst) => inst.index);
    if (a === undefined || shift.length === 0) {
      forced++;
      continue;
    }
    kept[a]!.push(shift);
    for (const i of shift) isKept[a]!.add(i);
  }
  return { kept, isKept, forced };
}

/**
 * Additions no roster avoids: per shift time (start and end, any group), the agent-shifts the
 * schedule asks for beyond the kept shifts there. Each is filled by a new assignment (a change)
 * or left unfilled (a shortfall, which costs more than a change), so each adds at least
 * {@link ROSTER_CHANGE_PENALTY} beyond the agents' own costs: a term of the lower bound.
 */
export function unavoidableAdditions(ctx: RosterContext): number {
  const keep = ctx.keep;
  if (keep === undefined) return 0;
  const key = (i: number): string => `${ctx.instances[i]!.start}|${ctx.instances[i]!.end}`;
  const room = new Map<string, number>();
  for (const inst of ctx.instances)
    room.set(key(inst.index), (room.get(key(inst.index)) ?? 0) + inst.count);
  for (const shifts of keep.kept)
    for (const shift of shifts) room.set(key(shift[0]!), room.get(key(shift[0]!))! - 1);
  let additions = 0;
  for (const r of room.values()) additions += Math.max(0, r);
  return additions;
}

/**
 * Starts a roster from the kept one: each kept shift, in order of start, given back to its
 * agent when it still has room and the agent's rules allow it.
 */
export function startFromKept(ctx: RosterContext, state: RosterState): void {
  const keep = ctx.keep;
  if (keep === undefined) return;
  keep.kept.forEach((shifts, a) => {
    const order = [...shifts].sort(
      (p, q) => ctx.instances[p[0]!]!.start - ctx.instances[q[0]!]!.start || p[0]! - q[0]!,
    );
    for (const shift of order) {
      const i = shift.find((j) => state.filled[j]! < ctx.instances[j]!.count && state.canAdd(a, j));
      if (i !== undefined) state.add(a, i);
    }
  });
}

/**
 * The changes of a roster (per agent, its instances) against the kept assignments: sorted by
 * agent, then start, then action.
 */
export function rosterChanges(
  keep: readonly Assignment[],
  shifts: readonly (readonly number[])[],
  instances: readonly Instance[],
  agents: readonly Agent[],
): RosterChange[] {
  const changes: RosterChange[] = [];
  const keptBy = new Map<string, Assignment[]>();
  for (const k of distinct(keep)) {
    const list = keptBy.get(k.agentId);
    if (list === undefined) keptBy.set(k.agentId, [k]);
    else list.push(k);
  }
  const assignment = (agentId: string, inst: Instance): Assignment => ({
    agentId,
    startMs: inst.start,
    endMs: inst.end,
    ...(inst.group === undefined ? {} : { group: inst.group }),
  });
  agents.forEach((agent, a) => {
    const kept = [...(keptBy.get(agent.id) ?? [])];
    keptBy.delete(agent.id);
    for (const i of shifts[a]!) {
      const inst = instances[i]!;
      const k = kept.findIndex((x) => matches(x, inst));
      if (k >= 0) kept.splice(k, 1);
      else changes.push({ ...assignment(agent.id, inst), action: "added" });
    }
    for (const k of kept) changes.push({ ...k, action: "removed" });
  });
  for (const kept of keptBy.values())
    for (const k of kept) changes.push({ ...k, action: "removed" });
  return changes.sort(
    (p, q) =>
      (p.agentId < q.agentId ? -1 : p.agentId > q.agentId ? 1 : 0) ||
      p.startMs - q.startMs ||
      (p.action < q.action ? -1 : p.action > q.action ? 1 : 0),
  );
}
