/**
 * Property tests: monotonicity, limits, conservation laws and "no NaN anywhere".
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import {
  erlangAMetrics,
  erlangB,
  erlangCMetrics,
  evaluateInterval,
  staffInterval,
  type QueueMetrics,
  type ServiceLevelDefinition,
} from "../../src/erlang/index.ts";
import { expectClose } from "../support/approx.ts";

const load = fc.double({ min: 0.01, max: 2000, noNaN: true, noDefaultInfinity: true });
const aht = fc.double({ min: 10, max: 1200, noNaN: true, noDefaultInfinity: true });
const patience = fc.double({ min: 5, max: 1800, noNaN: true, noDefaultInfinity: true });
const slSeconds = fc.double({ min: 0, max: 300, noNaN: true, noDefaultInfinity: true });
const definition = fc.constantFrom<ServiceLevelDefinition>(
  "offered",
  "answered",
  "excludeShortAbandons",
  "virtualWait",
);

function expectSane(m: QueueMetrics): void {
  for (const key of ["probWait", "serviceLevel", "occupancy", "abandonRate"] as const) {
    const v = m[key];
    expect(Number.isNaN(v), key).toBe(false);
    expect(v, key).toBeGreaterThanOrEqual(0);
    expect(v, key).toBeLessThanOrEqual(1);
  }
  expect(Number.isNaN(m.asaSeconds)).toBe(false);
  expect(m.asaSeconds).toBeGreaterThanOrEqual(0);
  expect(Number.isNaN(m.meanQueueLength)).toBe(false);
  expect(m.meanQueueLength).toBeGreaterThanOrEqual(0);
  if (m.stable) {
    expect(Number.isFinite(m.asaSeconds)).toBe(true);
    expect(Number.isFinite(m.meanQueueLength)).toBe(true);
  } else {
    expect(m.asaSeconds).toBe(Number.POSITIVE_INFINITY);
    expect(m.serviceLevel).toBe(0);
    expect(m.probWait).toBe(1);
  }
}

describe("no NaN anywhere", () => {
  test.prop(
    [
      fc.double({ min: 0.01, max: 10_000, noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: 0, max: 20_000 }),
      aht,
      slSeconds,
    ],
    { numRuns: 300 },
  )("Erlang C on loads 0.01-10,000 Erlangs and N up to 20,000", (a, n, h, t) => {
    expectSane(erlangCMetrics(n, a, h, t));
  });

  test.prop(
    [
      fc.double({ min: 0.01, max: 10_000, noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: 0, max: 20_000 }),
      aht,
      patience,
      slSeconds,
      definition,
    ],
    { numRuns: 300 },
  )("Erlang A on loads 0.01-10,000 Erlangs and N up to 20,000", (a, n, h, p, t, d) => {
    expectSane(
      erlangAMetrics({
        agents: n,
        load: a,
        ahtSeconds: h,
        patienceSeconds: p,
        slSeconds: t,
        slDefinition: d,
      }),
    );
  });

  test("the grid's corners", () => {
    for (const a of [0.01, 1, 150, 171, 1000, 10_000]) {
      for (const n of [
        0,
        1,
        Math.floor(a),
        Math.ceil(a),
        Math.ceil(a) + 1,
        2 * Math.ceil(a),
        20_000,
      ]) {
        for (const p of [1, 120, 1e6]) {
          expectSane(erlangCMetrics(n, a, 180, 20));
          expectSane(
            erlangAMetrics({
              agents: n,
              load: a,
              ahtSeconds: 180,
              patienceSeconds: p,
              slSeconds: 20,
            }),
          );
        }
      }
    }
  });
});

describe("monotonicity", () => {
  test.prop([load, aht, slSeconds], { numRuns: 60 })(
    "Erlang C service level is non-decreasing in N",
    (a, h, t) => {
      let prev = -1;
      const top = Math.ceil(a + 6 * Math.sqrt(a) + 5);
      for (let n = Math.max(0, Math.floor(a) - 2); n <= top; n++) {
        const sl = erlangCMetrics(n, a, h, t).serviceLevel;
        expect(sl).toBeGreaterThanOrEqual(prev);
        prev = sl;
      }
    },
  );

  test.prop([load, aht, patience, slSeconds, definition], { numRuns: 40 })(
    "Erlang A service level is non-decreasing and abandonment non-increasing in N",
    (a, h, p, t, d) => {
      let prevSl = -1;
      let prevAb = 2;
      const top = Math.ceil(a + 6 * Math.sqrt(a) + 5);
      const step = Math.max(1, Math.floor(top / 60));
      for (let n = Math.max(0, Math.floor(0.6 * a)); n <= top; n += step) {
        const m = erlangAMetrics({
          agents: n,
          load: a,
          ahtSeconds: h,
          patienceSeconds: p,
          slSeconds: t,
          slDefinition: d,
        });
        // Absolute accuracy of the Erlang A service level: about 1e-16 x ln S(x, y), which reaches
        // 1e-12 in heavy overload (N << A, where the service level itself is ~0).
        expect(m.serviceLevel).toBeGreaterThanOrEqual(prevSl - 1e-10);
        expect(m.abandonRate).toBeLessThanOrEqual(prevAb * (1 + 1e-12) + 1e-15);
        prevSl = m.serviceLevel;
        prevAb = m.abandonRate;
      }
    },
  );

  test.prop([load], { numRuns: 50 })(
    "Erlang B decreases in N and matches the plain recursion",
    (a) => {
      let b = 1;
      for (let n = 1; n <= Math.ceil(2 * a + 40); n++) {
        const next = (a * b) / (n + a * b);
        const value = erlangB(n, a);
        expect(value).toBeLessThanOrEqual(erlangB(n - 1, a));
        if (next > 1e-250) expectClose(value, next, { rel: 1e-11 }, `B(${n}, ${a})`);
        b = next;
      }
    },
  );
});

describe("limits and conservation laws", () => {
  test.prop([load, aht, slSeconds], { numRuns: 60 })(
    "Erlang A tends to Erlang C as patience grows (pyworkforce test_erlanga_matches_erlangc_in_patient_limit)",
    (a, h, t) => {
      // away from the edge of stability (near N = A the limit is approached very slowly)
      for (const n of [Math.ceil(a + Math.sqrt(a)) + 1, Math.ceil(2 * a) + 1]) {
        const c = erlangCMetrics(n, a, h, t);
        const patient = erlangAMetrics({
          agents: n,
          load: a,
          ahtSeconds: h,
          patienceSeconds: 1e9 * h,
          slSeconds: t,
        });
        const tol = 1e-4;
        expectClose(patient.probWait, c.probWait, { abs: tol }, "P(wait)");
        expectClose(patient.serviceLevel, c.serviceLevel, { abs: tol }, "SL");
        expectClose(patient.occupancy, c.occupancy, { abs: tol }, "occupancy");
        expect(patient.abandonRate).toBeLessThan(1e-4);
      }
    },
  );

  /**
   * Independent oracle: the birth-death chain of M/M/N+M truncated where its tail is negligible,
   * summed state by state (Mandelbaum & Zeltyn's definition of the model; pyworkforce's method).
   */
  function birthDeath(
    n: number,
    a: number,
    h: number,
    p: number,
  ): { probWait: number; meanQueue: number } {
    const lambda = a / h;
    const mu = 1 / h;
    const theta = 1 / p;
    // ln pi_k relative to pi_0
    const logs: number[] = [0];
    let ln = 0;
    for (let k = 1; k <= n; k++) {
      ln += Math.log(lambda / (k * mu));
      logs.push(ln);
    }
    for (let j = 1; ; j++) {
      ln += Math.log(lambda / (n * mu + j * theta));
      logs.push(ln);
      if (ln < Math.max(...logs.slice(-1000)) - 60 && lambda < n * mu + j * theta) break;
    }
    const max = Math.max(...logs);
    let total = 0;
    let busy = 0;
    let queue = 0;
    logs.forEach((l, k) => {
      const w = Math.exp(l - max);
      total += w;
      if (k >= n) busy += w;
      if (k > n) queue += (k - n) * w;
    });
    return { probWait: busy / total, meanQueue: queue / total };
  }

  test.prop(
    [
      fc.double({ min: 0.5, max: 300, noNaN: true, noDefaultInfinity: true }),
      fc.double({ min: 0.5, max: 1.3, noNaN: true, noDefaultInfinity: true }),
      aht,
      patience,
    ],
    { numRuns: 60 },
  )(
    "Erlang A closed form matches the birth-death chain, and Little's law E[Q] = lambda E[W] holds",
    (a, ratio, h, p) => {
      const n = Math.max(1, Math.round(a * ratio));
      const oracle = birthDeath(n, a, h, p);
      const m = erlangAMetrics({
        agents: n,
        load: a,
        ahtSeconds: h,
        patienceSeconds: p,
        slSeconds: 20,
      });
      expectClose(m.probWait, oracle.probWait, { abs: 1e-10, rel: 1e-9 }, "P(W > 0)");
      const lambda = a / h;
      expectClose(
        lambda * m.asaSeconds,
        oracle.meanQueue,
        { rel: 1e-9, abs: 1e-12 },
        "lambda E[W] = E[Q]",
      );
      // abandonment is theta E[Q] / lambda
      expectClose(m.abandonRate, oracle.meanQueue / p / lambda, { rel: 1e-9, abs: 1e-12 }, "P(ab)");
    },
  );

  test.prop([load, aht], { numRuns: 50 })("Erlang C Little's law: Lq = lambda x ASA", (a, h) => {
    const n = Math.ceil(a + Math.sqrt(a)) + 1;
    const m = erlangCMetrics(n, a, h, 20);
    expectClose(m.meanQueueLength, (a / h) * m.asaSeconds, { rel: 1e-12 });
  });
});

describe("staffing search", () => {
  const targetsArb = fc.record(
    {
      sl: fc.double({ min: 0.5, max: 0.99, noNaN: true }),
      slSeconds: fc.double({ min: 0, max: 120, noNaN: true }),
      asa: fc.double({ min: 1, max: 120, noNaN: true }),
      occ: fc.double({ min: 0.6, max: 1, noNaN: true }),
      ab: fc.double({ min: 0.01, max: 0.3, noNaN: true }),
    },
    { requiredKeys: [] },
  );

  test.prop(
    [
      load,
      aht,
      fc.option(patience, { nil: undefined }),
      targetsArb,
      fc.integer({ min: 0, max: 5 }),
    ],
    {
      numRuns: 300,
    },
  )(
    "returns the smallest N meeting every target, and a fractional requirement in (N - 1, N]",
    (a, h, p, t, minAgents) => {
      const given = {
        ...(t.sl !== undefined
          ? { serviceLevel: { fraction: t.sl, seconds: t.slSeconds ?? 20 } }
          : {}),
        ...(t.asa !== undefined ? { asaSeconds: t.asa } : {}),
        ...(t.occ !== undefined ? { maxOccupancy: t.occ } : {}),
        ...(t.ab !== undefined && p !== undefined ? { maxAbandonRate: t.ab } : {}),
      };
      // with no target at all, the default is 80 % in 20 s
      const targets =
        Object.keys(given).length === 0 ? { serviceLevel: { fraction: 0.8, seconds: 20 } } : given;
      const w = { calls: (a * 1800) / h, intervalSeconds: 1800, ahtSeconds: h };
      const options = {
        ...w,
        targets: given,
        minAgents,
        ...(p !== undefined ? { patienceSeconds: p } : {}),
      };
      const r = staffInterval(options);
      const sl = targets.serviceLevel?.seconds ?? 20;
      const meets = (m: QueueMetrics): boolean =>
        m.agents >= Math.max(1, minAgents) &&
        m.stable &&
        (targets.serviceLevel === undefined || m.serviceLevel >= targets.serviceLevel.fraction) &&
        (targets.asaSeconds === undefined || m.asaSeconds <= targets.asaSeconds) &&
        (targets.maxOccupancy === undefined || m.occupancy <= targets.maxOccupancy) &&
        (targets.maxAbandonRate === undefined || m.abandonRate <= targets.maxAbandonRate);
      const at = (n: number) =>
        evaluateInterval({
          ...w,
          agents: n,
          slSeconds: sl,
          ...(p !== undefined ? { patienceSeconds: p } : {}),
        });
      expect(meets(at(r.agents))).toBe(true);
      expect(meets(at(r.agents - 1))).toBe(false);
      expect(r.fractionalAgents).toBeLessThanOrEqual(r.agents);
      expect(r.fractionalAgents).toBeGreaterThan(r.agents - 1 - 1e-9);
      expect(r.binding).not.toBeNull();
    },
  );
});
