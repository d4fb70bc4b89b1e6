/**
 * Mixed-integer linear programs in the project's own sparse form, independent of any solver:
 * minimize c'x subject to rowLower <= Ax <= rowUpper and lower <= x <= upper, some x integer.
 * Solver backends (solvers.ts) translate it; tests and verification read it directly.
 *
 * @module
 */

/** A MILP, minimized. Rows are stored sparse (column indices and coefficients). */
export interface Milp {
  readonly cost: number[];
  readonly lower: number[];
  readonly upper: number[];
  readonly integer: boolean[];
  readonly names: string[];
  readonly rows: MilpRow[];
}

/** One constraint: lower <= sum(values[k] x[indices[k]]) <= upper (either side may be infinite). */
export interface MilpRow {
  readonly indices: number[];
  readonly values: number[];
  readonly lower: number;
  readonly upper: number;
  readonly name: string;
}

/**
 * Builds a {@link Milp} variable by variable and row by row.
 *
 * @example
 * const b = new MilpBuilder();
 * const x = b.addVar({ cost: 1, integer: true, name: "x" });
 * b.addRow([x], [2], { lower: 3, name: "cover" });
 * b.build(); // minimize x s.t. 2x >= 3, x integer
 */
export class MilpBuilder {
  private readonly model: Milp = {
    cost: [],
    lower: [],
    upper: [],
    integer: [],
    names: [],
    rows: [],
  };

  /** Adds a variable and returns its index. Defaults: cost 0, bounds [0, infinity), continuous. */
  addVar(options: {
    cost?: number;
    lower?: number;
    upper?: number;
    integer?: boolean;
    name?: string;
  }): number {
    const m = this.model;
    m.cost.push(options.cost ?? 0);
    m.lower.push(options.lower ?? 0);
    m.upper.push(options.upper ?? Number.POSITIVE_INFINITY);
    m.integer.push(options.integer ?? false);
    m.names.push(options.name ?? `x${m.cost.length - 1}`);
    return m.cost.length - 1;
  }

  /** Adds lower <= sum values[k] x[indices[k]] <= upper and returns the row's index. */
  addRow(
    indices: readonly number[],
    values: readonly number[],
    bounds: { lower?: number; upper?: number; name?: string },
  ): number {
    // merge repeated columns: solvers reject duplicates within a row
    const merged = new Map<number, number>();
    indices.forEach((j, k) => merged.set(j, (merged.get(j) ?? 0) + values[k]!));
    const idx: number[] = [];
    const val: number[] = [];
    for (const [j, v] of merged) {
      if (v === 0) continue;
      idx.push(j);
      val.push(v);
    }
    this.model.rows.push({
      indices: idx,
      values: val,
      lower: bounds.lower ?? Number.NEGATIVE_INFINITY,
      upper: bounds.upper ?? Number.POSITIVE_INFINITY,
      name: bounds.name ?? `r${this.model.rows.length}`,
    });
    return this.model.rows.length - 1;
  }

  /** Number of variables so far. */
  get variables(): number {
    return this.model.cost.length;
  }

  /** The model (shared, not copied: further additions extend it). */
  build(): Milp {
    return this.model;
  }
}

/** Objective value of a point. */
export function objectiveOf(model: Milp, x: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < model.cost.length; j++) s += model.cost[j]! * x[j]!;
  return s;
}

/**
 * Checks a point against every bound, row and integrality requirement.
 *
 * @returns the first violation in words, or null when the point is feasible
 */
export function violation(model: Milp, x: ArrayLike<number>, tolerance = 1e-6): string | null {
  for (let j = 0; j < model.cost.length; j++) {
    const v = x[j]!;
    if (!Number.isFinite(v)) return `${model.names[j]!} is ${v}`;
    if (v < model.lower[j]! - tolerance || v > model.upper[j]! + tolerance) {
      return `${model.names[j]!} = ${v} outside [${model.lower[j]!}, ${model.upper[j]!}]`;
    }
    if (model.integer[j] && Math.abs(v - Math.round(v)) > tolerance) {
      return `${model.names[j]!} = ${v} is not integral`;
    }
  }
  for (const row of model.rows) {
    let s = 0;
    row.indices.forEach((j, k) => (s += row.values[k]! * x[j]!));
    const scale = tolerance * Math.max(1, Math.abs(s));
    if (s < row.lower - scale || s > row.upper + scale) {
      return `row ${row.name}: ${s} outside [${row.lower}, ${row.upper}]`;
    }
  }
  return null;
}

/** An independent part of a MILP: its own model and where its columns sit in the original. */
export interface MilpPart {
  readonly model: Milp;
  /** columns[j] is the original index of the part's column j. */
  readonly columns: number[];
}

/**
 * Splits a MILP into independent parts: the connected components of the graph linking the
 * variables that share a row (union-find). A shift design without shifts across the night, for
 * example, falls apart into one part per day, and the parts solve much faster than the whole.
 *
 * @example
 * splitMilp(model).length; // 7 for a week of day shifts
 */
export function splitMilp(model: Milp): MilpPart[] {
  const n = model.cost.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (const row of model.rows) {
    const first = row.indices[0];
    if (first === undefined) continue;
    const root = find(first);
    for (let k = 1; k < row.indices.length; k++) {
      const r = find(row.indices[k]!);
      if (r !== root) parent[r] = root;
    }
  }
  const groups = new Map<number, number[]>();
  for (let j = 0; j < n; j++) {
    const r = find(j);
    const list = groups.get(r);
    if (list === undefined) groups.set(r, [j]);
    else list.push(j);
  }
  if (groups.size <= 1) return [{ model, columns: Array.from({ length: n }, (_, j) => j) }];
  const partOf = new Int32Array(n);
  const localIndex = new Int32Array(n);
  const parts = [...groups.values()].map((columns, p) => {
    columns.forEach((j, k) => {
      partOf[j] = p;
      localIndex[j] = k;
    });
    return {
      columns,
      model: {
        cost: columns.map((j) => model.cost[j]!),
        lower: columns.map((j) => model.lower[j]!),
        upper: columns.map((j) => model.upper[j]!),
        integer: columns.map((j) => model.integer[j]!),
        names: columns.map((j) => model.names[j]!),
        rows: [] as MilpRow[],
      },
    };
  });
  for (const row of model.rows) {
    const first = row.indices[0];
    if (first === undefined) continue;
    parts[partOf[first]!]!.model.rows.push({
      ...row,
      indices: row.indices.map((j) => localIndex[j]!),
    });
  }
  return parts;
}
