/**
 * Reference cases of ../shared/research/staffing.md section 3 (rows 1-3, 5, 6, 8, 9, 11, 12,
 * 14-18, 21-29 and the Erlang B values of row 4). Each test names its source. Tolerances:
 * 5e-4 on rates (sources print 3-4 decimals), half a unit of the last printed digit on seconds,
 * exact agent counts.
 */
import { describe, expect, it } from "vitest";
import {
  erlangAMetrics,
  erlangB,
  erlangC,
  evaluateInterval,
  staffInterval,
  type StaffOptions,
} from "../../src/erlang/index.ts";
import { expectClose, PUBLISHED } from "../support/approx.ts";

/** Tolerance of a printed number: half a unit of its last digit. */
function printed(text: string): { abs: number } {
  const decimals = text.includes(".") ? text.length - text.indexOf(".") - 1 : 0;
  return { abs: 0.5 * 10 ** -decimals + 1e-12 };
}
const rate = (actual: number, expected: number, label?: string): void => {
  expectClose(actual, expected, PUBLISHED, label);
};
const seconds = (actual: number, expected: string, label?: string): void => {
  expectClose(actual, Number(expected), printed(expected), label);
};
const minutes = (actualSeconds: number, expected: string, label?: string): void => {
  expectClose(actualSeconds / 60, Number(expected), printed(expected), label);
};

const SL8020 = { serviceLevel: { fraction: 0.8, seconds: 20 } };

describe("Erlang C", () => {
  // pyworkforce uses T = 0.33 min = 19.8 s ("asa" is really the SL threshold).
  it("row 1: pyworkforce test_erlang.py test_expected_erlangc_results", () => {
    const r = staffInterval({
      calls: 100,
      intervalSeconds: 1800,
      ahtSeconds: 180,
      targets: { serviceLevel: { fraction: 0.8, seconds: 19.8 }, maxOccupancy: 0.85 },
      shrinkage: 0.3,
    });
    expect(r.agents).toBe(14);
    expect(r.scheduledAgents).toBe(20);
    rate(r.serviceLevel, 0.8879);
    rate(r.occupancy, 0.7143);
    rate(r.probWait, 0.1741);
    expect(r.binding).toBe("serviceLevel");
  });

  it("row 2: pyworkforce test_over_occupancy_erlangc (occupancy cap binds)", () => {
    const r = staffInterval({
      calls: 100,
      intervalSeconds: 1800,
      ahtSeconds: 180,
      targets: { serviceLevel: { fraction: 0.8, seconds: 19.8 }, maxOccupancy: 0.7 },
      shrinkage: 0.3,
    });
    expect(r.agents).toBe(15);
    expect(r.scheduledAgents).toBe(22);
    rate(r.serviceLevel, 0.9411);
    rate(r.occupancy, 0.6667);
    rate(r.probWait, 0.102);
    expect(r.binding).toBe("occupancy");
  });

  it("row 3: pyworkforce docs scenarios.md, CRAN ErlangC README, pyworkforce issue #35", () => {
    const at = (agents: number) =>
      evaluateInterval({
        calls: 100,
        intervalSeconds: 1800,
        ahtSeconds: 180,
        agents,
        slSeconds: 20,
      });
    const sl: [number, number][] = [
      [11, 0.3896],
      [12, 0.6402],
      [13, 0.7956],
      [14, 0.88835],
      [15, 0.9415],
      [16, 0.9706],
    ];
    for (const [n, v] of sl) rate(at(n).serviceLevel, v, `SL(${n})`);
    expectClose(at(11).probWait, 0.6821182, printed("0.6821182"));
    expectClose(at(14).probWait, 0.1741319, printed("0.1741319"));
    seconds(at(14).asaSeconds, "7.836");
    expectClose(at(14).occupancy, 0.7142857, printed("0.7142857"));
    expect(staffInterval({ calls: 100, intervalSeconds: 1800, ahtSeconds: 180 }).agents).toBe(14);
  });

  it("row 8: phubers/erlang vignette (A = 20, N = 25, T = 60 s)", () => {
    expectClose(erlangB(25, 20), 0.050222, printed("0.050222"));
    expectClose(erlangC(25, 20), 0.209103, printed("0.209103"));
    const w = { calls: 200, intervalSeconds: 1800, ahtSeconds: 180 };
    const m25 = evaluateInterval({ ...w, agents: 25, slSeconds: 60 });
    rate(m25.serviceLevel, 0.96051);
    seconds(m25.asaSeconds, "7.528");
    rate(evaluateInterval({ ...w, agents: 23 }).occupancy, 0.8696);
    expect(
      staffInterval({ ...w, targets: { serviceLevel: { fraction: 0.8, seconds: 60 } } }).agents,
    ).toBe(23);
    const asa = staffInterval({ ...w, targets: { asaSeconds: 120 } });
    expect(asa.agents).toBe(22);
    expect(asa.binding).toBe("asa");
    seconds(asa.asaSeconds, "51.1");
    seconds(evaluateInterval({ ...w, agents: 21 }).asaSeconds, "136.9");
  });

  it("row 9: Westbay 'The Erlang-C formula' walkthrough (A = 48, 55 agents, T = 15 s)", () => {
    const w = { calls: 360, intervalSeconds: 1800, ahtSeconds: 240, slSeconds: 15 };
    const m = evaluateInterval({ ...w, agents: 55 });
    expect(m.loadErlangs).toBe(48);
    rate(m.occupancy, 0.8727);
    rate(m.probWait, 0.2387);
    seconds(m.asaSeconds, "8.18");
    rate(m.serviceLevel, 0.8459);
    rate(evaluateInterval({ ...w, agents: 54 }).serviceLevel, 0.7929);
    rate(evaluateInterval({ ...w, agents: 56 }).serviceLevel, 0.8865);
  });

  it("row 11: jonesthenet.com 'Erlang uplift' (250 calls/h, AHT 330 s, 80/30)", () => {
    const w = { calls: 250, intervalSeconds: 3600, ahtSeconds: 330, slSeconds: 30 };
    const r = staffInterval({ ...w, targets: { serviceLevel: { fraction: 0.8, seconds: 30 } } });
    expect(r.agents).toBe(28);
    rate(r.serviceLevel, 0.8569);
    rate(evaluateInterval({ ...w, agents: 27 }).serviceLevel, 0.7822);
  });

  it("row 12: jonesthenet.com '24-hour Erlang overstated' (20,000 calls/week flat, 80/30)", () => {
    const r = staffInterval({
      calls: 20000 / 168,
      intervalSeconds: 3600,
      ahtSeconds: 330,
      targets: { serviceLevel: { fraction: 0.8, seconds: 30 } },
    });
    expect(r.agents).toBe(15);
    expect(r.agents * 168).toBe(2520); // agent-hours per week
  });

  it("row 13: callcentrehelper.com forum, AHT 577 s vs 578 s (borderline 80 % in 60 s)", () => {
    const base = {
      calls: 14,
      intervalSeconds: 3600,
      targets: { serviceLevel: { fraction: 0.8, seconds: 60 }, maxOccupancy: 0.85 },
      shrinkage: 0.35,
    };
    const r577 = staffInterval({ ...base, ahtSeconds: 577 });
    expect(r577.agents).toBe(4);
    rate(r577.serviceLevel, 0.8006);
    const r578 = staffInterval({ ...base, ahtSeconds: 578 });
    expect(r578.agents).toBe(5);
    rate(
      evaluateInterval({
        calls: 14,
        intervalSeconds: 3600,
        ahtSeconds: 578,
        agents: 4,
        slSeconds: 60,
      }).serviceLevel,
      0.7995,
    );
  });

  it("row 14: pypi call-center-tools README (1000 calls/h, AHT 120 s, 80/20, occupancy 85 %, shrinkage 30 %)", () => {
    const r = staffInterval({
      calls: 1000,
      intervalSeconds: 3600,
      ahtSeconds: 120,
      targets: { ...SL8020, maxOccupancy: 0.85 },
      shrinkage: 0.3,
    });
    expect(r.agents).toBe(40);
    expect(r.binding).toBe("occupancy");
    rate(r.probWait, 0.1907);
    rate(r.serviceLevel, 0.9372);
    seconds(r.asaSeconds, "3.43");
    rate(r.occupancy, 0.8333);
    expect(r.scheduledAgents).toBe(58);
    // SL alone needs 38; 39 agents would run at 85.5 % occupancy
    expect(staffInterval({ calls: 1000, intervalSeconds: 3600, ahtSeconds: 120 }).agents).toBe(38);
    rate(
      evaluateInterval({ calls: 1000, intervalSeconds: 3600, ahtSeconds: 120, agents: 39 })
        .occupancy,
      0.855,
    );
  });

  it("row 15: pypi turbotab README (25 contacts / 600 s, AHT 180 s, 80/20, shrinkage 30 %)", () => {
    const w = { calls: 25, intervalSeconds: 600, ahtSeconds: 180 };
    const r = staffInterval({ ...w, shrinkage: 0.3 });
    expect(r.agents).toBe(11);
    expect(r.scheduledAgents).toBe(16);
    rate(r.serviceLevel, 0.8808);
    rate(evaluateInterval({ ...w, agents: 10 }).serviceLevel, 0.7678);
  });

  it("row 16: rubygems erlang_c_calculator README (0.01 calls/s, AHT 300 s, T = 20 s)", () => {
    const w = { calls: 36, intervalSeconds: 3600, ahtSeconds: 300 };
    const m6 = evaluateInterval({ ...w, agents: 6 });
    seconds(m6.asaSeconds, "9.9");
    rate(m6.serviceLevel, 0.919);
    const m5 = evaluateInterval({ ...w, agents: 5 });
    seconds(m5.asaSeconds, "35.4");
    rate(m5.serviceLevel, 0.793);
    expect(staffInterval(w).agents).toBe(6);
  });

  it("row 17: gurpreetsawhney.com Erlang C page (100 calls / 30 min, AHT 600 s, 80/20)", () => {
    const w = { calls: 100, intervalSeconds: 1800, ahtSeconds: 600 };
    const r = staffInterval(w);
    expect(r.agents).toBe(40);
    rate(r.serviceLevel, 0.8473);
    rate(evaluateInterval({ ...w, agents: 39 }).serviceLevel, 0.7897);
    expect(staffInterval({ ...w, calls: 1000 }).agents).toBe(348);
  });

  it("row 18: public pytest of a module 'stimulus' (AHT 752 s, 15-min interval, 90 % in 20 s)", () => {
    const r = staffInterval({
      calls: 25,
      intervalSeconds: 900,
      ahtSeconds: 752,
      targets: { serviceLevel: { fraction: 0.9, seconds: 20 } },
    });
    expect(r.agents).toBe(28);
    rate(r.serviceLevel, 0.9195);
    rate(
      evaluateInterval({ calls: 25, intervalSeconds: 900, ahtSeconds: 752, agents: 27 })
        .serviceLevel,
      0.8776,
    );
    expectClose(
      evaluateInterval({ calls: 35, intervalSeconds: 900, ahtSeconds: 752, agents: 37 })
        .serviceLevel,
      0.90422,
      printed("0.90422"),
    );
  });

  describe("rows 23-26: large loads (computed in staffing.md by float64 recursion and 60-digit arithmetic)", () => {
    it("row 23: A = 100, 80/20", () => {
      const r = staffInterval({ calls: 1000, intervalSeconds: 1800, ahtSeconds: 180 });
      expect(r.agents).toBe(107);
      rate(r.serviceLevel, 0.8238);
      expectClose(r.probWait, 0.383512, printed("0.383512"));
      seconds(r.asaSeconds, "9.86");
      rate(r.occupancy, 0.935);
      rate(
        evaluateInterval({ calls: 1000, intervalSeconds: 1800, ahtSeconds: 180, agents: 106 })
          .serviceLevel,
        0.7711,
      );
    });
    it("row 24: A = 500, 80/20, and with max occupancy 85 %", () => {
      const w = { calls: 5000, intervalSeconds: 1800, ahtSeconds: 180 };
      const r = staffInterval(w);
      expect(r.agents).toBe(510);
      rate(r.serviceLevel, 0.8189);
      expectClose(r.probWait, 0.550211, printed("0.550211"));
      seconds(r.asaSeconds, "9.90");
      rate(r.occupancy, 0.98);
      rate(evaluateInterval({ ...w, agents: 509 }).serviceLevel, 0.7842);
      expect(staffInterval({ ...w, targets: { ...SL8020, maxOccupancy: 0.85 } }).agents).toBe(589);
    });
    it("row 25: A = 1000, 80/20", () => {
      const r = staffInterval({ calls: 10000, intervalSeconds: 1800, ahtSeconds: 180 });
      expect(r.agents).toBe(1011);
      rate(r.serviceLevel, 0.8138);
      expectClose(r.probWait, 0.632109, printed("0.632109"));
      seconds(r.asaSeconds, "10.34");
      rate(r.occupancy, 0.989);
      rate(
        evaluateInterval({ calls: 10000, intervalSeconds: 1800, ahtSeconds: 180, agents: 1010 })
          .serviceLevel,
        0.7826,
      );
    });
    it("row 26: A = 500, AHT 300 s, 90 % in 30 s", () => {
      const w = { calls: 3000, intervalSeconds: 1800, ahtSeconds: 300, slSeconds: 30 };
      const r = staffInterval({ ...w, targets: { serviceLevel: { fraction: 0.9, seconds: 30 } } });
      expect(r.agents).toBe(515);
      rate(r.serviceLevel, 0.9121);
      expectClose(r.probWait, 0.393921, printed("0.393921"));
      seconds(r.asaSeconds, "7.88");
      rate(evaluateInterval({ ...w, agents: 514 }).serviceLevel, 0.8959);
    });
  });

  it("row 29: overflow check, where a^N/N! gives NaN in float64 (staffing.md, 60-digit exact values)", () => {
    const cases: [number, number, string][] = [
      [171, 150, "0.0601814"],
      [200, 180, "0.0944712"],
      [560, 500, "0.00492206"],
      [1100, 1000, "0.00104480"],
    ];
    for (const [n, a, p] of cases)
      expectClose(erlangC(n, a), Number(p), printed(p), `C(${n}, ${a})`);
  });
});

describe("Erlang B", () => {
  it("row 4: pyworkforce test_erlang_b.py", () => {
    expectClose(erlangB(1, 1), 0.5, { rel: 1e-15 });
    expectClose(erlangB(2, 1), 0.2, { rel: 1e-15 });
    expectClose(erlangB(16, 10), 0.0223, printed("0.02230"));
    expectClose(erlangB(17, 10), 0.01295, printed("0.01295"));
  });
});

describe("Erlang A", () => {
  const A5 = { calls: 100, intervalSeconds: 1800, ahtSeconds: 180 };

  it("row 5: pyworkforce test_abandonment.py test_erlanga_regression_metrics", () => {
    const m = erlangAMetrics({
      agents: 14,
      load: 10,
      ahtSeconds: 180,
      patienceSeconds: 300,
      slSeconds: 20,
    });
    expectClose(m.probWait, 0.14526, printed("0.14526"));
    expectClose(m.abandonRate, 0.013984, printed("0.013984"));
    expectClose(m.occupancy, 0.704297, printed("0.704297"));
    minutes(m.asaSeconds, "0.069919");
    expectClose(m.serviceLevel, 0.916792, printed("0.916792"));
    const v = erlangAMetrics({
      agents: 14,
      load: 10,
      ahtSeconds: 180,
      patienceSeconds: 300,
      slSeconds: 20,
      slDefinition: "virtualWait",
    });
    expectClose(v.serviceLevel, 0.918714, printed("0.918714"));
  });

  it("row 6: pyworkforce docs erlanga.md / scenarios.md (patience 3, 5, 10 min)", () => {
    const targets = { ...SL8020, maxOccupancy: 0.85, maxAbandonRate: 0.05 };
    const expected: [number, number, number][] = [
      [180, 0.8751, 0.0322],
      [300, 0.8582, 0.025],
      [600, 0.8376, 0.0165],
    ];
    for (const [patience, sl, ab] of expected) {
      const r = staffInterval({ ...A5, patienceSeconds: patience, targets, shrinkage: 0.3 });
      expect(r.agents, `patience ${patience}`).toBe(13);
      expect(r.scheduledAgents).toBe(19);
      rate(r.serviceLevel, sl, `SL patience ${patience}`);
      rate(r.abandonRate, ab, `P(ab) patience ${patience}`);
      if (patience === 300) {
        rate(r.probWait, 0.2258);
        rate(r.occupancy, 0.75);
        minutes(r.asaSeconds, "0.1248");
      }
    }
  });

  describe("rows 21-22: Mandelbaum & Zeltyn's Palm/Erlang-A example (48 calls/min, AHT 1 min, patience 2 min)", () => {
    const w = { calls: 2880, intervalSeconds: 3600, ahtSeconds: 60, slSeconds: 20 };
    it("row 21: 50 agents under Erlang C and Erlang A, four service-level definitions", () => {
      const c = evaluateInterval({ ...w, agents: 50 });
      rate(c.probWait, 0.6945);
      seconds(c.asaSeconds, "20.8");
      rate(c.serviceLevel, 0.6435);
      expect(evaluateInterval({ ...w, agents: 48 }).stable).toBe(false);
      expect(evaluateInterval({ ...w, agents: 49 }).stable).toBe(true);
      const a = (slDefinition: StaffOptions["slDefinition"]) =>
        evaluateInterval({
          ...w,
          agents: 50,
          patienceSeconds: 120,
          ...(slDefinition ? { slDefinition } : {}),
        });
      const m = a(undefined);
      rate(m.probWait, 0.4678);
      rate(m.abandonRate, 0.0309);
      seconds(m.asaSeconds, "3.71");
      rate(m.occupancy, 0.9303);
      rate(m.serviceLevel, 0.943);
      rate(a("virtualWait").serviceLevel, 0.9679);
      rate(a("answered").serviceLevel, 0.9731);
      rate(a("excludeShortAbandons").serviceLevel, 0.972);
    });
    it("row 22: staffing for 80/20, and with P(ab) <= 5 %", () => {
      const c = staffInterval(w);
      expect(c.agents).toBe(52);
      rate(evaluateInterval({ ...w, agents: 51 }).serviceLevel, 0.7898);
      const a = staffInterval({ ...w, patienceSeconds: 120 });
      expect(a.agents).toBe(46);
      rate(a.serviceLevel, 0.8176);
      rate(a.abandonRate, 0.07);
      expectClose(a.probWait, 0.73, printed("0.73"));
      const capped = staffInterval({
        ...w,
        patienceSeconds: 120,
        targets: { ...SL8020, maxAbandonRate: 0.05 },
      });
      expect(capped.agents).toBe(48);
      expect(capped.binding).toBe("abandon");
      rate(capped.abandonRate, 0.0476);
    });
  });

  it("row 27: A = 100, patience 2 min, N = 105 (staffing.md, cross-checked with pyworkforce)", () => {
    const m = evaluateInterval({
      calls: 1000,
      intervalSeconds: 1800,
      ahtSeconds: 180,
      patienceSeconds: 120,
      agents: 105,
    });
    expectClose(m.probWait, 0.292416, printed("0.292416"));
    expectClose(m.abandonRate, 0.023053, printed("0.023053"));
    minutes(m.asaSeconds, "0.046107");
    expectClose(m.serviceLevel, 0.947649, printed("0.947649"));
    const v = evaluateInterval({
      calls: 1000,
      intervalSeconds: 1800,
      ahtSeconds: 180,
      patienceSeconds: 120,
      agents: 105,
      slDefinition: "virtualWait",
    });
    expectClose(v.serviceLevel, 0.963529, printed("0.963529"));
  });

  it("row 28: A = 500, patience 2 min: N = 505, and SL >= 80 % alone met at N = 453 < A", () => {
    const w = { calls: 5000, intervalSeconds: 1800, ahtSeconds: 180, patienceSeconds: 120 };
    const m = evaluateInterval({ ...w, agents: 505 });
    expectClose(m.probWait, 0.376744, printed("0.376744"));
    expectClose(m.abandonRate, 0.014941, printed("0.014941"));
    minutes(m.asaSeconds, "0.029882");
    expectClose(m.serviceLevel, 0.984427, printed("0.984427"));
    const r = staffInterval(w);
    expect(r.agents).toBe(453);
    rate(r.abandonRate, 0.0947);
    rate(r.probWait, 0.959);
  });
});
