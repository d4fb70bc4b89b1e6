/**
 * The CSS of staffcast's HTML pages (the plan report, the KPI page): one look, inline, no
 * network.
 *
 * @module
 */

/** The style sheet, for a `<style>` element. */
export const REPORT_STYLE = `
:root { color-scheme: light; --ink: #1d2330; --muted: #5f6b7a; --line: #d9dee5; --blue: #2f6fd0;
  --orange: #e07b24; --red: #d64545; --green: #2e9d62; --grey: #8a94a3; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f6f7f9; }
header { padding: 24px 32px 8px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 0 0 8px; }
p.sub { color: var(--muted); margin: 0; }
main { padding: 8px 32px 32px; display: grid; gap: 16px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
.card .v { font-size: 20px; font-weight: 600; }
.card .k { color: var(--muted); font-size: 12px; }
svg.chart { width: 100%; height: auto; display: block; }
.grid { stroke: #eef1f4; stroke-width: 1; }
.tick { fill: var(--muted); font-size: 11px; }
.axis { stroke: var(--line); }
.history { fill: none; stroke: var(--grey); stroke-width: 1.2; }
.forecast { fill: none; stroke: var(--blue); stroke-width: 1.6; }
.band { fill: var(--blue); opacity: 0.15; }
.spot { fill: var(--orange); }
.required { fill: none; stroke: var(--ink); stroke-width: 1.4; }
.scheduled { fill: var(--blue); opacity: 0.25; stroke: var(--blue); stroke-width: 1; }
.short { fill: var(--red); opacity: 0.55; }
.over { fill: var(--green); opacity: 0.25; }
.sl { fill: none; stroke: var(--blue); stroke-width: 1.6; }
.target { stroke: var(--red); stroke-dasharray: 5 4; stroke-width: 1.2; }
.bar { fill: var(--blue); opacity: 0.75; }
.bar-label { fill: #fff; font-size: 10px; font-weight: 600; }
.day-label { fill: var(--muted); font-size: 11px; }
.legend { color: var(--muted); font-size: 12px; margin: 4px 0 0; }
.legend span { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 12px; vertical-align: -1px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); }
td.r, th.r { text-align: right; font-variant-numeric: tabular-nums; }
ul.warnings { margin: 0; padding-left: 20px; color: #8a5a00; }
`;
