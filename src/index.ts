/**
 * staffcast: a workforce-management engine for inbound call centers.
 *
 * Subpaths: `staffcast/erlang` (staffing: Erlang B, C and A). Forecasting, scheduling and
 * adherence follow as `staffcast/forecast`, `staffcast/schedule` and `staffcast/adherence`.
 *
 * @module
 */
export * from "./erlang/index.ts";
