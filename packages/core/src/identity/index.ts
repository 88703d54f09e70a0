export * from "./tokens";
export * from "./plans";
// The ElectroDB models come from "@travel/core/identity/entities" (see core/booking/index.ts for why).
export type { IdentityEntities, IdentityTables } from "./entities";
export * from "./statuses";
export * from "./audit";
export * from "./api-keys";
export * from "./api-key-cache";
export * from "./profiles";
export * from "./rate-limits";
export * from "./user-directory";
export * from "./issuer-account";
export * from "./erased-users";
export * from "./personal-data";
export * from "./sign-in-codes";
