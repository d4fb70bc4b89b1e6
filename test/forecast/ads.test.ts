/**
 * The ad response: a known kernel recovered from constructed data, and the forecast of planned
 * spots.
 */
import { describe, expect, it } from "vitest";
import { fitAdResponse, type AdSpot } from "../../src/forecast/ads.ts";
import {
  defaultAiringDelays,
  forecastCalls,
  kernelCdf,
  type HistoryInterval,
} from "../../src/forecast/index.ts";
import { buildSeries } from "../../src/forecast/series.ts";
import { createZone } from "../../src/time/zone.ts";
import { poisson, rng } from "../../bench/semisynthetic.ts";
import { expectClose } from "../support/approx.ts";

const DAY = 86_400_000;
const FIRST = Date.UTC(2025, 0, 6) / DAY;
const zone = createZone("UTC");

/** True response: gamma(shape 2, scale 5 min), 300 calls per GRP. */
const TRUE = { shape: 2, scale: 5, delay: 0 };
const CALLS_PER_GRP = 300;
const trueCdf = kernelCdf(TRUE);

/**
 * 8 weeks of 5-minute history: a smooth intraday base (weekday-independent) plus the exact or
 * Poisson response to 4 spots a day at random minutes.
 */
function construct(noise: boolean) {
  const random = rng(5);
  const spots: AdSpot[] = [];
  const calls = new Map<number, number>();
  for (let d = FIRST; d < FIRST + 56; d++) {
    for (let q = 84; q < 252; q++) {
      calls.set(d * DAY + q * 300_000, 60 + 40 * Math.sin((Math.PI * (q - 84)) / 168));
    }
    for (let k = 0; k < 4; k++) {
      const minute = 8 * 60 + Math.floor(random() * 10 * 60);
      const grp = 0.5 + random();
      spots.push({ airMs: d * DAY + minute * 60_000, channel: "TV", grp });
    }
  }
  for (const s of spots) {
    const first = Math.floor(s.airMs / 300_000) * 300_000;
    for (let k = 0; k < 40; k++) {
      const t = first + k * 300_000;
      if (!calls.has(t)) continue;
      const from = (t - s.airMs) / 60_000;
      const share = trueCdf.at(from + 5) - trueCdf.at(from);
      calls.set(t, calls.get(t)! + CALLS_PER_GRP * s.grp! * share);
    }
  }
  const history: HistoryInterval[] = [...calls].map(([startMs, c]) => ({
    queue: "",
    startMs,
    calls: noise ? poisson(c, random) : c,
  }));
  return { history, spots };
}

describe("ad response", () => {
  it.each([
    ["expected values", false],
    ["Poisson counts", true],
  ])("recovers a single known kernel within 5 %% (%s)", (_name, noise) => {
    const { history, spots } = construct(noise);
    const { series } = buildSeries(
      history.map((r) => ({ startMs: r.startMs, calls: r.calls, ahtSeconds: Number.NaN })),
      zone,
      5,
    );
    const fit = fitAdResponse(series, zone, spots);
    const tv = fit.response.channels.get("TV")!;
    expect(tv.perGrp).toBe(true);
    expectClose(tv.callsPerUnit, CALLS_PER_GRP, { rel: 0.05 }, "calls per GRP");
    // the shape: share of the response within 5, 10, 20 and 40 minutes
    const fitted = kernelCdf(tv.kernel);
    for (const t of [5, 10, 20, 40]) {
      expectClose(fitted.at(t), trueCdf.at(t), { abs: 0.05 }, `F(${t} min)`);
    }
    // and the mean response time (shape x scale + delay = 10 minutes)
    const mean = tv.kernel.shape * tv.kernel.scale + tv.kernel.delay;
    expectClose(mean, TRUE.shape * TRUE.scale, { rel: 0.05 }, "mean response time");
  });

  it("adds the response of planned spots to the forecast, spread over airing delays", () => {
    const { history, spots } = construct(false);
    const start = (FIRST + 56) * DAY;
    const planned: AdSpot = { airMs: start + 12 * 3_600_000, channel: "TV", grp: 1 };
    const withAd = forecastCalls(history, { start, days: 1, ads: [...spots, planned] });
    const without = forecastCalls(history, { start, days: 1, ads: spots });
    const extra = withAd.rows.map((r, i) => r.calls - without.rows[i]!.calls);
    const total = extra.reduce((a, b) => a + b, 0);
    expectClose(total, CALLS_PER_GRP, { rel: 0.06 }, "calls brought by one planned GRP");
    // nothing before the spot, most of it within the hour after
    const noon = 12 * 12;
    expect(extra.slice(0, noon).every((v) => Math.abs(v) < 1e-9)).toBe(true);
    expect(extra.slice(noon, noon + 12).reduce((a, b) => a + b, 0)).toBeGreaterThan(0.8 * total);
  });

  it("applies ad rows without a queue to every queue, and rows with one to that queue only", () => {
    const { history, spots } = construct(false);
    const two = [
      ...history.map((r) => ({ ...r, queue: "orders" })),
      ...history.map((r) => ({ ...r, queue: "service", calls: r.calls / 2 })),
    ];
    const start = (FIRST + 56) * DAY;
    const only = { airMs: start + 10 * 3_600_000, channel: "TV", grp: 1, queue: "orders" };
    const result = forecastCalls(two, { start, days: 1, ads: [...spots, only] });
    const ordersModel = result.models.find((m) => m.queue === "orders")!;
    const serviceModel = result.models.find((m) => m.queue === "service")!;
    // both queues learned the (queue-less) past spots
    expect(ordersModel.ads.channels.get("TV")!.callsPerUnit).toBeGreaterThan(250);
    expect(serviceModel.ads.channels.get("TV")!.callsPerUnit).toBeGreaterThan(100);
    const at = (queue: string, t: number) =>
      result.rows.find((r) => r.queue === queue && r.startMs === t)!.calls;
    const t = start + 10 * 3_600_000 + 5 * 60_000;
    const before = start + 9 * 3_600_000;
    expect(at("orders", t) - at("orders", before)).toBeGreaterThan(20);
    expect(Math.abs(at("service", t) - at("service", before))).toBeLessThan(5);
  });
});

describe("intraday reforecast", () => {
  it("re-estimates the lift of a spot that aired this morning from its first minutes", () => {
    const { history, spots } = construct(false);
    const start = (FIRST + 56) * DAY;
    const air = start + 10 * 3_600_000;
    const spot: AdSpot = { airMs: air, channel: "TV", grp: 1 };
    // today: the usual base, and the spot brings twice the usual response
    const base = (t: number): number => {
      const q = (t % DAY) / 300_000;
      return q >= 84 && q < 252 ? 60 + 40 * Math.sin((Math.PI * (q - 84)) / 168) : 0;
    };
    const today: HistoryInterval[] = [];
    for (let t = start; t < air + 15 * 60_000; t += 300_000) {
      const from = (t - air) / 60_000;
      const share = trueCdf.at(from + 5) - trueCdf.at(from);
      today.push({ queue: "", startMs: t, calls: base(t) + 2 * CALLS_PER_GRP * share });
    }
    const options = { start, days: 1, ads: [...spots, spot] };
    const plain = forecastCalls(history, options);
    const updated = forecastCalls([...history, ...today], {
      ...options,
      actualsUntil: air + 15 * 60_000,
    });
    const later = (rows: { startMs: number; calls: number }[]) =>
      rows
        .filter((r) => r.startMs >= air + 15 * 60_000 && r.startMs < air + 60 * 60_000)
        .reduce((a, r) => a + r.calls - base(r.startMs), 0);
    // planned, the spot's response is spread over the usual airing delays...
    const planned = defaultAiringDelays().reduce(
      (a, p, d) => a + p * CALLS_PER_GRP * (trueCdf.at(60 - d) - trueCdf.at(15 - d)),
      0,
    );
    expectClose(later(plain.rows), planned, { rel: 0.15 }, "planned");
    // ...aired (at 10:00, seen for 15 minutes at twice the usual response), it follows what it did
    const aired = CALLS_PER_GRP * (trueCdf.at(60) - trueCdf.at(15));
    expect(later(updated.rows)).toBeGreaterThan(1.5 * aired);
    expect(later(updated.rows)).toBeLessThan(2.3 * aired);
  });
});

describe("fitAdResponses", () => {
  it("learns each queue's response exactly as the forecast's model does", async () => {
    const { readAdsCsv, readHistoryCsv, fitAdResponses } =
      await import("../../src/forecast/index.ts");
    const history = await readHistoryCsv("examples/tv-shopping/history.csv");
    const ads = await readAdsCsv("examples/tv-shopping/ads.csv");
    const start = Math.max(...history.rows.map((r) => r.startMs)) + 900_000;
    const options = { start, timeZone: "Asia/Shanghai", ads: ads.rows };
    const forecast = forecastCalls(history.rows, { ...options, days: 1 });
    const fitted = fitAdResponses(history.rows, options);
    expect([...fitted.keys()]).toEqual(forecast.models.map((m) => m.queue));
    for (const model of forecast.models) {
      expect(model.ads.channels.size).toBeGreaterThan(0);
      expect(fitted.get(model.queue)).toEqual(model.ads);
    }
  });
});
