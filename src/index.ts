/**
 * staffcast: a workforce-management engine for inbound call centers.
 *
 * Everything is also available by stage: `staffcast/forecast` (call volume with the response to
 * ad spots), `staffcast/erlang` (staffing: Erlang B, C and A), `staffcast/schedule` (shifts with
 * breaks, rosters) and `staffcast/adherence` (adherence and conformance, historical and real
 * time).
 *
 * @module
 */
export * from "./erlang/index.ts";
export * from "./forecast/index.ts";
export * from "./schedule/index.ts";
export * from "./adherence/index.ts";
