/**
 * Property tests of the historical engine: the result does not depend on the order in which the
 * same events arrive (or on duplicates), and equals a brute-force reference that classifies
 * every second of every window independently, straight from the definitions of issue #5.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  computeAdherence,
  DEFAULT_STATES,
  parseRules,
  type AdherenceOptions,
  type AdherenceRules,
  type ApprovedSpan,
  type ScheduleSegment,
  type StateEvent,
} from "../../src/adherence/index.ts";

const DAY0 = Date.UTC(2025, 0, 6);
const ACTIVITIES = [
  "onQueue",
  "onQueue",
  "onQueue",
  "break",
  "meal",
  "meeting",
  "training",
  "offQueue",
];
const STATES = [...DEFAULT_STATES, "mystery"];
const PAD = 4 * 3_600_000;

interface Case {
  schedule: ScheduleSegment[];
  events: StateEvent[];
  options: AdherenceOptions;
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    agents: fc.array(
      fc.record({
        firstStartMin: fc.integer({ min: 0, max: 1800 }),
        shifts: fc.array(
          fc.record({
            gapMin: fc.integer({ min: 0, max: 900 }),
            segments: fc.array(
              fc.record({
                minutes: fc.integer({ min: 5, max: 150 }),
                activity: fc.constantFrom(...ACTIVITIES),
              }),
              { minLength: 1, maxLength: 4 },
            ),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        events: fc.array(
          fc.record({
            // seconds, or whole quarter hours (where events collide with each other and with
            // segment boundaries)
            offsetS: fc.oneof(
              fc.integer({ min: -5 * 3600, max: 24 * 3600 }),
              fc.integer({ min: -8, max: 48 }).map((q) => q * 900),
            ),
            state: fc.constantFrom(...STATES),
            reason: fc.constantFrom(undefined, "r1"),
            withId: fc.constantFrom(false, false, true),
          }),
          { maxLength: 40 },
        ),
        approved: fc.array(
          fc.record({
            offsetS: fc.integer({ min: 0, max: 12 * 3600 }),
            seconds: fc.integer({ min: 1, max: 3600 }),
          }),
          { maxLength: 2 },
        ),
      }),
      { minLength: 1, maxLength: 2 },
    ),
    thresholdS: fc.constantFrom(0, 0, 30, 300),
    startTolS: fc.constantFrom(0, 0, 60, 300),
    endTolS: fc.constantFrom(0, 0, 120),
    countOutsideWork: fc.boolean(),
    neutralTraining: fc.boolean(),
  })
  .map((g) => {
    const schedule: ScheduleSegment[] = [];
    const events: StateEvent[] = [];
    const approved: ApprovedSpan[] = [];
    g.agents.forEach((a, k) => {
      const agentId = `A${k}`;
      let t = DAY0 + a.firstStartMin * 60_000;
      const first = t;
      a.shifts.forEach((s, i) => {
        if (i > 0) t += s.gapMin * 60_000;
        for (const x of s.segments) {
          schedule.push({
            agentId,
            startMs: t,
            endMs: t + x.minutes * 60_000,
            activity: x.activity,
          });
          t += x.minutes * 60_000;
        }
      });
      a.events.forEach((e, i) => {
        events.push({
          agentId,
          timeMs: first + e.offsetS * 1000,
          state: e.state,
          ...(e.reason === undefined ? {} : { reason: e.reason }),
          ...(e.withId ? { eventId: `${agentId}-${i}` } : {}),
        });
      });
      for (const p of a.approved) {
        approved.push({
          agentId,
          startMs: first + p.offsetS * 1000,
          endMs: first + (p.offsetS + p.seconds) * 1000,
        });
      }
    });
    const rules = parseRules(
      g.neutralTraining
        ? { rules: [{ category: "training", state: "*", adherence: "neutral" }] }
        : {},
    );
    return {
      schedule,
      events,
      options: {
        rules,
        thresholdSeconds: g.thresholdS,
        startToleranceSeconds: g.startTolS,
        endToleranceSeconds: g.endTolS,
        countOutsideWork: g.countOutsideWork,
        approved,
      },
    };
  });

/** The same events in another order, some sent twice. */
const reorderedArb = caseArb.chain((c) =>
  fc
    .tuple(
      fc.array(fc.nat(), { minLength: c.events.length, maxLength: c.events.length }),
      fc.array(fc.nat({ max: Math.max(0, c.events.length - 1) }), { maxLength: 5 }),
    )
    .map(([keys, dups]) => {
      const extra = c.events.length === 0 ? [] : dups.map((i) => c.events[i]!);
      const all = [...c.events, ...extra];
      const order = all.map((e, i) => ({ e, k: keys[i % Math.max(1, keys.length)]! * 1000 + i }));
      order.sort((p, q) => p.k - q.k);
      return { c, shuffled: order.map((o) => o.e) };
    }),
);

interface RefDay {
  agentId: string;
  date: string;
  scheduledSeconds: number;
  inSeconds: number;
  outSeconds: number;
  neutralSeconds: number;
  workingSeconds: number;
  onQueueScheduledSeconds: number;
  exceptions: {
    startMs: number;
    endMs: number;
    activity: string | null;
    state: string;
    seconds: number;
  }[];
}

/** Second-by-second reference, straight from the definitions. */
function reference(c: Case): RefDay[] {
  const rules: AdherenceRules = c.options.rules!;
  const thr = c.options.thresholdSeconds ?? 0;
  const st = (c.options.startToleranceSeconds ?? 0) * 1000;
  const et = (c.options.endToleranceSeconds ?? 0) * 1000;
  const out: RefDay[] = [];
  const agents = [...new Set(c.schedule.map((s) => s.agentId))];
  for (const agentId of agents) {
    const segs = c.schedule
      .filter((s) => s.agentId === agentId)
      .sort((p, q) => p.startMs - q.startMs);
    // state at an instant: the latest time <= t; at one time the greatest (eventId, state, reason)
    const evs = c.events.filter((e) => e.agentId === agentId);
    const stateAt = (t: number): { state: string; reason: string | undefined } => {
      let best: StateEvent | undefined;
      for (const e of evs) {
        if (e.timeMs > t) continue;
        if (best === undefined || e.timeMs > best.timeMs) best = e;
        else if (e.timeMs === best.timeMs) {
          const key = (x: StateEvent): string =>
            `${x.eventId ?? ""}\u0001${x.state}\u0001${x.reason ?? ""}`;
          if (key(e) > key(best)) best = e;
        }
      }
      return best === undefined
        ? { state: "loggedOut", reason: undefined }
        : { state: best.state, reason: best.reason };
    };
    const approved = (c.options.approved ?? []).filter((a) => a.agentId === agentId);
    // shifts: touching segments; agent-days: shifts by UTC date of their start
    const days: { date: string; segs: ScheduleSegment[] }[] = [];
    let shiftDate = "";
    segs.forEach((s, i) => {
      if (i === 0 || segs[i - 1]!.endMs !== s.startMs)
        shiftDate = new Date(s.startMs).toISOString().slice(0, 10);
      const last = days[days.length - 1];
      if (last?.date === shiftDate) last.segs.push(s);
      else days.push({ date: shiftDate, segs: [s] });
    });
    const windows = days.map((d) => [
      d.segs[0]!.startMs - PAD,
      d.segs[d.segs.length - 1]!.endMs + PAD,
    ]);
    for (let k = 0; k + 1 < days.length; k++) {
      if (windows[k]![1]! > windows[k + 1]![0]!) {
        const lastEnd = days[k]!.segs[days[k]!.segs.length - 1]!.endMs;
        const mid = lastEnd + (days[k + 1]!.segs[0]!.startMs - lastEnd) / 2;
        windows[k]![1] = mid;
        windows[k + 1]![0] = mid;
      }
    }
    days.forEach((d, k) => {
      const [w0, w1] = windows[k] as [number, number];
      const cls = (act: string, state: string, reason: string | undefined): string =>
        rules.isKnownState(state) ? rules.classify(act, state, reason) : "out";
      const secs: { adherence: string; activity: string | null; state: string }[] = [];
      let working = 0;
      for (let t = w0; t < w1; t += 1000) {
        const { state, reason } = stateAt(t);
        if (rules.isWorking(state)) working++;
        const i = d.segs.findIndex((s) => s.startMs <= t && t < s.endMs);
        const isApproved = approved.some((a) => a.startMs <= t && t < a.endMs);
        if (i >= 0) {
          const s = d.segs[i]!;
          let a = cls(s.activity, state, reason);
          if (a === "out" && t < s.startMs + st) {
            const prev = i > 0 && d.segs[i - 1]!.endMs === s.startMs ? d.segs[i - 1]! : null;
            if (prev === null || cls(prev.activity, state, reason) === "in") a = "in";
          }
          if (a === "out" && t >= s.endMs - et) {
            const next =
              i + 1 < d.segs.length && d.segs[i + 1]!.startMs === s.endMs ? d.segs[i + 1]! : null;
            if (next === null || cls(next.activity, state, reason) === "in") a = "in";
          }
          if (isApproved) a = "neutral";
          secs.push({ adherence: a, activity: s.activity, state });
        } else if (c.options.countOutsideWork === true && rules.isWorking(state) && !isApproved) {
          secs.push({ adherence: "out", activity: null, state });
        } else secs.push({ adherence: "none", activity: null, state });
      }
      const day: RefDay = {
        agentId,
        date: d.date,
        scheduledSeconds: d.segs.reduce((x, s) => x + (s.endMs - s.startMs) / 1000, 0),
        inSeconds: 0,
        outSeconds: 0,
        neutralSeconds: 0,
        workingSeconds: working,
        onQueueScheduledSeconds: d.segs
          .filter((s) => rules.categoryOf(s.activity) === "onQueue")
          .reduce((x, s) => x + (s.endMs - s.startMs) / 1000, 0),
        exceptions: [],
      };
      for (let i = 0; i < secs.length;) {
        const s = secs[i]!;
        if (s.adherence !== "out") {
          if (s.adherence === "in") day.inSeconds++;
          if (s.adherence === "neutral") day.neutralSeconds++;
          i++;
          continue;
        }
        let j = i;
        while (
          j + 1 < secs.length &&
          secs[j + 1]!.adherence === "out" &&
          secs[j + 1]!.activity === s.activity &&
          secs[j + 1]!.state === s.state
        )
          j++;
        const n = j - i + 1;
        if (n < thr) {
          if (s.activity !== null) day.inSeconds += n;
        } else {
          day.outSeconds += n;
          day.exceptions.push({
            startMs: w0 + i * 1000,
            endMs: w0 + (j + 1) * 1000,
            activity: s.activity,
            state: s.state,
            seconds: n,
          });
        }
        i = j + 1;
      }
      out.push(day);
    });
  }
  return out;
}

const fields = (r: ReturnType<typeof computeAdherence>): RefDay[] =>
  r.agents.map((d) => ({
    agentId: d.agentId,
    date: d.date,
    scheduledSeconds: d.scheduledSeconds,
    inSeconds: d.inSeconds,
    outSeconds: d.outSeconds,
    neutralSeconds: d.neutralSeconds,
    workingSeconds: d.workingSeconds,
    onQueueScheduledSeconds: d.onQueueScheduledSeconds,
    exceptions: d.exceptions.map((x) => ({ ...x })),
  }));

describe("historical adherence, properties", () => {
  it("equals a second-by-second reference", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        expect(fields(computeAdherence(c.schedule, c.events, c.options))).toEqual(reference(c));
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it("does not depend on the order in which the same events arrive, nor on duplicates", () => {
    fc.assert(
      fc.property(reorderedArb, ({ c, shuffled }) => {
        const a = computeAdherence(c.schedule, c.events, c.options);
        const b = computeAdherence(c.schedule, shuffled, c.options);
        expect(b.agents).toEqual(a.agents);
        expect(b.totals).toEqual(a.totals);
      }),
      { numRuns: 200 },
    );
  });

  it("keeps in + out + neutral = scheduled without outside work, and adherence in [0, 1]", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = computeAdherence(c.schedule, c.events, { ...c.options, countOutsideWork: false });
        for (const d of r.agents) {
          expect(d.inSeconds + d.outSeconds + d.neutralSeconds).toBe(d.scheduledSeconds);
          if (d.adherence !== null) {
            expect(d.adherence).toBeGreaterThanOrEqual(0);
            expect(d.adherence).toBeLessThanOrEqual(1);
          }
          if (d.conformance !== null) expect(d.conformance).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 100 },
    );
  });
});
