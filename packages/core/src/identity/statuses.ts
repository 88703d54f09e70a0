/** The values identity records may hold (the ElectroDB models in ./entities.ts enforce them). */
export const apiKeyStatuses = ["ACTIVE", "REVOKED"] as const;
export type ApiKeyStatus = (typeof apiKeyStatuses)[number];

export const auditOutcomes = ["success", "failure", "denied"] as const;
export const actorTypes = ["user", "admin", "api-key", "anonymous", "system"] as const;
