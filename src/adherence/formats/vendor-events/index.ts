/**
 * Readers of vendor agent-state feeds (Amazon Connect, Genesys Cloud, Twilio TaskRouter) into
 * staffcast state events.
 *
 * @module
 */
export { AMAZON_CONNECT_STATES, amazonConnectEvent } from "./amazon-connect.ts";
export {
  createGenesysCloudCombiner,
  GENESYS_PRESENCE_STATES,
  GENESYS_ROUTING_STATES,
  genesysCloudState,
} from "./genesys-cloud.ts";
export {
  createVendorEventReader,
  isVendorEventFormat,
  parseVendorEvents,
  readVendorEventLines,
  VENDOR_EVENT_FORMATS,
  type VendorEventFormat,
  type VendorEventReader,
} from "./reader.ts";
export {
  isVendorFieldProblem,
  vendorState,
  type VendorFieldProblem,
  type VendorRecordResult,
} from "./record.ts";
export { TWILIO_STATES, twilioEvent } from "./twilio.ts";
