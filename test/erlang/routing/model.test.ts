/**
 * The routing file: validation (every problem named by its path), the committed JSON Schema,
 * the example, and the pools shorthand.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  DataError,
  parseRouting,
  poolsRouting,
  queueOrder,
  routingJsonSchema,
} from "../../../src/erlang/index.ts";

const problems = (raw: unknown): string[] => {
  try {
    parseRouting(raw, "r.json");
  } catch (error) {
    if (error instanceof DataError) return error.issues.map((i) => `${i.field}: ${i.message}`);
    throw error;
  }
  return [];
};

const base = {
  queues: { vip: { priority: 1 }, orders: { priority: 2 } },
  groups: { sales: { serves: [{ queue: "orders" }, { queue: "vip", afterSeconds: 15 }] } },
};

describe("parseRouting", () => {
  it("reads the issue's example with its defaults", () => {
    const m = parseRouting(JSON.parse(readFileSync("examples/tv-shopping/routing.json", "utf8")));
    expect(Object.keys(m.queues)).toEqual(["vip", "orders", "aftersales"]);
    expect(m.queues["orders"]).toMatchObject({ rejectShare: 0.02, slSeconds: 20, priority: 2 });
    expect(m.groups["sales"]!.serves).toEqual([
      { queue: "orders", afterSeconds: 0 },
      { queue: "vip", afterSeconds: 15 },
    ]);
    expect(m.groups["sales"]).toMatchObject({ costPerHour: 1, shrinkage: 0.1, minAgents: 0 });
  });

  it("names every bad field by its path", () => {
    expect(problems({ ...base, queues: { vip: { priority: 1.5 }, orders: {} } })).toEqual([
      "queues.vip.priority: priority is a whole number, 1 = highest",
    ]);
    expect(
      problems({ ...base, queues: { vip: { shrinkage: 0.1, minAgents: 1 }, orders: {} } }),
    ).toEqual([
      "queues.vip.shrinkage: shrinkage belongs to the groups, not to a queue",
      "queues.vip.minAgents: minAgents belongs to the groups, not to a queue",
    ]);
    expect(
      problems({
        ...base,
        groups: { sales: { serves: [{ queue: "orders", afterSeconds: -1 }] } },
      })[0],
    ).toMatch(/^groups\.sales\.serves\[0\]\.afterSeconds: /);
    expect(problems({ ...base, groups: { sales: { serves: [{ queue: "nope" }] } } })).toEqual([
      'groups.sales.serves[0].queue: unknown queue "nope" (not in queues)',
      'queues.vip: no group serves queue "vip"',
      'queues.orders: no group serves queue "orders"',
    ]);
    expect(
      problems({
        ...base,
        groups: { sales: { serves: [{ queue: "orders" }, { queue: "orders" }] } },
      }),
    ).toEqual([
      'groups.sales.serves[1].queue: queue "orders" is listed twice',
      'queues.vip: no group serves queue "vip"',
    ]);
    expect(problems({ ...base, queues: { ...base.queues, "=cmd()": {} } })[0]).toMatch(
      /^queues\.=cmd\(\): /,
    );
    expect(problems({ ...base, extra: 1 })[0]).toMatch(/unknown field/);
    expect(problems({ ...base, intervalMinutes: 7 })).toEqual([
      "intervalMinutes: must divide a day (1440 minutes), got 7",
    ]);
    expect(problems({ ...base, queues: { vip: { maxAbandonRate: 0.1 }, orders: {} } })[0]).toMatch(
      /^queues\.vip\.maxAbandonRate: maxAbandonRate needs patienceSeconds/,
    );
  });

  it("keeps a queue named __proto__ as a queue", () => {
    const m = parseRouting(
      JSON.parse(
        '{"queues": {"__proto__": {}}, "groups": {"g": {"serves": [{"queue": "__proto__"}]}}}',
      ),
    );
    expect(Object.keys(m.queues)).toEqual(["__proto__"]);
  });

  it("orders unset priorities after every set one", () => {
    const m = parseRouting({
      queues: { a: {}, b: { priority: 3 } },
      groups: { g: { serves: [{ queue: "a" }, { queue: "b" }] } },
    });
    const [a, b] = queueOrder(m);
    expect(a!.priority).toBeGreaterThan(b!.priority);
  });

  it("ships its JSON Schema as schema/routing.schema.json (regenerate: npx tsx scripts/gen-routing-schema.ts)", () => {
    const committed = JSON.parse(readFileSync("schema/routing.schema.json", "utf8")) as unknown;
    expect(committed).toEqual(routingJsonSchema());
  });
});

describe("poolsRouting", () => {
  it("a pool is one group answering its queues first come first served; other queues alone", () => {
    const m = poolsRouting(
      {
        a: { slSeconds: 20, rejectShare: 0 },
        b: { slSeconds: 20, rejectShare: 0 },
        c: { slSeconds: 20, rejectShare: 0 },
      },
      [["a", "b"]],
    );
    expect(Object.keys(m.groups)).toEqual(["a+b", "c"]);
    expect(m.groups["a+b"]!.serves.map((s) => s.queue)).toEqual(["a", "b"]);
  });
});
