/**
 * A few plain SVG chart pieces for the report: linear scales, time and value axes, paths. No
 * library and no script: the report must open offline, in any browser, and print.
 *
 * @module
 */
import type { Zone } from "../time/zone.ts";

/** Escapes text for HTML and SVG. */
export function esc(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/** A number for SVG coordinates (two decimals). */
export function n(v: number): string {
  return (Math.round(v * 100) / 100).toString();
}

/** A linear map from [d0, d1] to [r0, r1]. */
export function scale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/** "Nice" tick values covering [0, max]. */
export function ticks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) out.push(Math.round(v * 1e9) / 1e9);
  return out;
}

/** Plot area of a chart. */
export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export const FRAME: Frame = { width: 960, height: 260, left: 56, right: 16, top: 16, bottom: 40 };

/** Vertical grid and labels at local midnights (with the weekday) between t0 and t1. */
export function timeAxis(
  frame: Frame,
  t0: number,
  t1: number,
  zone: Zone,
  x: (t: number) => number,
): string {
  const parts: string[] = [];
  const y0 = frame.top;
  const y1 = frame.height - frame.bottom;
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  for (let d = zone.dayOf(t0); d <= zone.dayOf(t1); d++) {
    const t = zone.dayStart(d);
    if (t < t0 || t > t1) continue;
    const px = x(t);
    const date = new Date(d * 86_400_000);
    const label = `${days[date.getUTCDay()]} ${date.toISOString().slice(5, 10)}`;
    parts.push(`<line class="grid" x1="${n(px)}" y1="${y0}" x2="${n(px)}" y2="${y1}"/>`);
    parts.push(`<text class="tick" x="${n(px + 3)}" y="${y1 + 16}">${label}</text>`);
  }
  return parts.join("");
}

/** Horizontal grid and labels for values. */
export function valueAxis(
  frame: Frame,
  values: readonly number[],
  y: (v: number) => number,
  format: (v: number) => string,
): string {
  return values
    .map((v) => {
      const py = y(v);
      return (
        `<line class="grid" x1="${frame.left}" y1="${n(py)}" x2="${frame.width - frame.right}" y2="${n(py)}"/>` +
        `<text class="tick" x="${frame.left - 6}" y="${n(py + 4)}" text-anchor="end">${esc(format(v))}</text>`
      );
    })
    .join("");
}

/** A polyline through points (gaps where y is null). */
export function linePath(points: readonly (readonly [number, number | null])[]): string {
  let d = "";
  let pen = false;
  for (const [px, py] of points) {
    if (py === null) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${n(px)},${n(py)}`;
    pen = true;
  }
  return d;
}

/** A step path: each value held over [x_i, x_i + width). */
export function stepPath(xs: readonly number[], ys: readonly number[], width: number): string {
  let d = "";
  xs.forEach((px, i) => {
    d += `${i === 0 ? "M" : "L"}${n(px)},${n(ys[i]!)}L${n(px + width)},${n(ys[i]!)}`;
  });
  return d;
}

/** An svg element with a title (for screen readers) and the frame's size. */
export function svg(frame: Frame, title: string, body: string, id: string): string {
  return (
    `<svg id="${esc(id)}" class="chart" viewBox="0 0 ${frame.width} ${frame.height}" role="img" aria-label="${esc(title)}">` +
    `<title>${esc(title)}</title>${body}</svg>`
  );
}
