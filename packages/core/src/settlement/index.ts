/**
 * Settlement (§5): batch billing and autopay of membership dues — credit
 * first, the stored card for the rest, all or nothing, never charged twice.
 */
export { settleBatch, summarizeSettlement } from "./settle-batch.js";
export { settleInvoice } from "./settle-invoice.js";
export {
  createSimulatedGateway,
  type SimulatedCharge,
  type SimulatedGateway,
  type SimulatedGatewayOptions,
  type SimulatedOutcome,
} from "./simulated-gateway.js";
export * from "./types.js";
export { DEFAULT_TIMEOUT_MS, settlementKey } from "./validate.js";
