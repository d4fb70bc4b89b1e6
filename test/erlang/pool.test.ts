import { describe, expect, it } from "vitest";
import { createStaffer, staffInterval, type StaffingPolicy } from "../../src/erlang/index.ts";
import { pooledWorkload, staffPool } from "../../src/erlang/pool.ts";

describe("pooledWorkload", () => {
  it("sums calls and weights AHT by calls (hand-computed: (100 x 200 + 50 x 500) / 150 = 300)", () => {
    expect(
      pooledWorkload(
        [
          { calls: 100, ahtSeconds: 200 },
          { calls: 50, ahtSeconds: 500 },
        ],
        1800,
      ),
    ).toEqual({ calls: 150, intervalSeconds: 1800, ahtSeconds: 300 });
  });

  it("without calls takes the plain mean of the known AHTs, or 1 s when none is known", () => {
    const none = [
      { calls: 0, ahtSeconds: 100 },
      { calls: 0, ahtSeconds: Number.NaN },
    ];
    expect(pooledWorkload(none, 900).ahtSeconds).toBe(50);
    expect(pooledWorkload([{ calls: 0, ahtSeconds: Number.NaN }], 900).ahtSeconds).toBe(1);
  });
});

describe("staffPool", () => {
  const policies: StaffingPolicy[] = [
    {},
    { targets: { serviceLevel: { fraction: 0.9, seconds: 10 } } },
    { targets: { maxOccupancy: 0.8 }, shrinkage: 0.3 },
    { patienceSeconds: 120, targets: { maxAbandonRate: 0.03 } },
  ];

  it("keeps the strictest queue's result on the pooled load (brute force over the policies)", () => {
    for (let calls = 0; calls <= 400; calls += 37) {
      const queues = [
        { calls, ahtSeconds: 180 },
        { calls: calls / 2, ahtSeconds: 300 },
        { calls: 7, ahtSeconds: 240 },
        { calls: 0, ahtSeconds: Number.NaN },
      ];
      const { workload, result } = staffPool(policies.map(createStaffer), queues, 1800);
      const each = policies.map((p) => staffInterval({ ...workload, ...p }));
      const most = Math.max(...each.map((r) => r.scheduledAgents));
      expect(result.scheduledAgents).toBe(most);
      const tied = each.filter((r) => r.scheduledAgents === most);
      expect(result.fractionalScheduledAgents).toBe(
        Math.max(...tied.map((r) => r.fractionalScheduledAgents)),
      );
    }
  });

  it("a pool of one queue is that queue staffed alone", () => {
    const policy: StaffingPolicy = { targets: { serviceLevel: { fraction: 0.8, seconds: 20 } } };
    const pooled = staffPool([createStaffer(policy)], [{ calls: 100, ahtSeconds: 180 }], 1800);
    expect(pooled.result).toEqual(
      staffInterval({ calls: 100, intervalSeconds: 1800, ahtSeconds: 180, ...policy }),
    );
  });

  it("needs one staffer per queue", () => {
    expect(() => staffPool([], [], 1800)).toThrow(RangeError);
    expect(() => staffPool([createStaffer({})], [], 1800)).toThrow(/one staffer per queue/);
  });
});
