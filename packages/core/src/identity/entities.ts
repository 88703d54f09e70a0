import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";
import { catalogTable } from "../db/tables";
import { usagePlanNames } from "./plans";
import { actorTypes, apiKeyStatuses, auditOutcomes } from "./statuses";

/**
 * ElectroDB models of identity data: traveller profiles and partner API keys live in the catalog
 * table (searchType/searchId), audit entries in the audit table. Keys use explicit templates so
 * items read plainly in the console.
 */
const raw = { casing: "none" } as const;
const keys = catalogTable.primaryIndex;

export interface IdentityTables {
  catalog?: string;
  audit?: string;
}

/** Stands in for a table the calling function is not linked to (an access there fails loudly). */
const notLinked = "(table not linked to this function)";

export function createIdentityEntities(client: DynamoDBDocumentClient, tables: IdentityTables) {
  const UserProfile = new Entity(
    {
      model: { entity: "userProfile", version: "1", service: "identity" },
      attributes: {
        userId: { type: "string", required: true, readOnly: true },
        email: { type: "string" },
        displayName: { type: "string" },
        phone: { type: "string" },
        locale: { type: "string" },
        currency: { type: "string" },
        marketingOptIn: { type: "boolean", required: true, default: false },
        createdAt: { type: "string", required: true, readOnly: true },
        updatedAt: { type: "string", required: true },
      },
      indexes: {
        byUser: {
          pk: { field: keys.hashKey, composite: ["userId"], template: "user#${userId}", ...raw },
          sk: { field: keys.rangeKey, composite: [], template: "profile", ...raw },
        },
      },
    },
    { client, table: tables.catalog ?? notLinked },
  );

  /** A partner API key: only a hash of its secret is stored. */
  const ApiKey = new Entity(
    {
      model: { entity: "apiKey", version: "1", service: "identity" },
      attributes: {
        keyId: { type: "string", required: true, readOnly: true },
        name: { type: "string", required: true },
        plan: { type: usagePlanNames, required: true },
        status: { type: apiKeyStatuses, required: true },
        /** SHA-256 of the secret part, hex. */
        secretHash: { type: "string", required: true },
        /** The last four characters of the secret, so people can tell keys apart. */
        secretHint: { type: "string", required: true },
        /** After a rotation, the previous secret's hash stays valid until `previousValidUntil`. */
        previousSecretHash: { type: "string" },
        previousValidUntil: { type: "string" },
        createdAt: { type: "string", required: true, readOnly: true },
        createdBy: { type: "string", required: true, readOnly: true },
        rotatedAt: { type: "string" },
        revokedAt: { type: "string" },
        revokedBy: { type: "string" },
        updatedAt: { type: "string", required: true },
      },
      indexes: {
        // Partners number in the hundreds, and verification is cached: one partition holds them all,
        // ordered by key id (which starts with its creation time).
        byKeyId: {
          pk: { field: keys.hashKey, composite: [], template: "apikey", ...raw },
          sk: { field: keys.rangeKey, composite: ["keyId"], template: "key#${keyId}", ...raw },
        },
      },
    },
    { client, table: tables.catalog ?? notLinked },
  );

  const AuditEntry = new Entity(
    {
      model: { entity: "auditEntry", version: "1", service: "identity" },
      attributes: {
        day: { type: "string", required: true, readOnly: true },
        at: { type: "string", required: true, readOnly: true },
        id: { type: "string", required: true, readOnly: true },
        action: { type: "string", required: true, readOnly: true },
        outcome: { type: auditOutcomes, required: true, readOnly: true },
        actorType: { type: actorTypes, field: "actor_type", required: true, readOnly: true },
        actorId: { type: "string", field: "actor_id", required: true, readOnly: true },
        targetType: { type: "string", field: "target_type" },
        targetId: { type: "string", field: "target_id" },
        /** Where from; removed when the actor's personal data is erased. */
        ip: { type: "string" },
        userAgent: { type: "string", field: "user_agent" },
        requestId: { type: "string", field: "request_id" },
        /** Small facts about the action (plan, tags, counts); never secrets or personal data. */
        details: { type: "any" },
        /** DynamoDB TTL (seconds since epoch). */
        expiresAt: { type: "number", field: "expires_at", required: true, readOnly: true },
      },
      indexes: {
        byDay: {
          pk: { field: "day", composite: ["day"], template: "${day}", ...raw },
          sk: { field: "entry", composite: ["at", "id"], template: "${at}#${id}", ...raw },
        },
        byActor: {
          index: "actor-index",
          pk: { field: "actor_id", composite: ["actorId"], template: "${actorId}", ...raw },
          sk: { field: "entry", composite: ["at", "id"], template: "${at}#${id}", ...raw },
        },
      },
    },
    { client, table: tables.audit ?? notLinked },
  );

  return { UserProfile, ApiKey, AuditEntry };
}

export type IdentityEntities = ReturnType<typeof createIdentityEntities>;
