/**
 * The values identity records may hold (the ElectroDB models in ./entities.ts enforce them). No
 * imports: the web app reads the audit lists from here.
 */
export const apiKeyStatuses = ["ACTIVE", "REVOKED"] as const;
export type ApiKeyStatus = (typeof apiKeyStatuses)[number];

/** What the audit log records (./audit.ts); the admin dashboard's filter lists them too. */
export const auditActions = [
  "auth.sign-in",
  "auth.token-refused",
  "auth.api-key-refused",
  "auth.locked-out",
  "auth.forbidden",
  "admin.cache-invalidated",
  "admin.event-published",
  "admin.analytics-cleared",
  "api-key.created",
  "api-key.rotated",
  "api-key.revoked",
  "user.profile-updated",
  "user.data-exported",
  "user.erased",
  "review.reported",
  "review.moderated",
  "review.replied",
] as const;
export const auditOutcomes = ["success", "failure", "denied"] as const;
export const actorTypes = ["user", "admin", "api-key", "anonymous", "system"] as const;
