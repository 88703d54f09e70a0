// The ElectroDB models are imported from "@travel/core/booking/entities", never through here: the API
// Lambda loads them at its first table access (functions/src/api/deferred.ts), and any import of
// them from this index would put ElectroDB back in the code every cold start parses.
export type { BookingEntities, BookingTables } from "./entities";
export * from "./statuses";
export { bookingRefusalCodes, type BookingOutcome, type BookingRefusal, type BookingRefusalCode } from "./outcomes";
export * from "./idempotency";
export * from "./inventory";
export * from "./outbox";
export * from "./policy";
export * from "./views";
export type { BookingServiceDeps } from "./context";
export type { HoldRequest } from "./hold";
export * from "./service";
export * from "./transact";
export * from "./personal-data";
export * from "./supplier-orders";
export type { SagaOutcome } from "./supplier-saga";
export type { CancellationQuoteView } from "./cancellation-quote";
export type { SupplierWebhookOutcome } from "./supplier-webhooks";
