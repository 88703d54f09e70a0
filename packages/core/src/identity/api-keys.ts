import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { EntityItem } from "electrodb";
import type { IdentityEntities } from "./entities";
import type { UsagePlanName } from "./plans";

/**
 * Partner API keys. A key reads `tpk_<key id>_<secret>`; it is shown once, when created or
 * rotated, and only the SHA-256 of its secret is stored. (A fast hash is enough: the secret is 256
 * random bits, so there is nothing to guess from a leaked hash, unlike a password.) The key id is
 * public: it names the key in listings, audit entries and usage counters.
 *
 * Verification is on the request path, so records are read through a cache (L1 in process, L2
 * Redis, kept coherent by the cache bus); revoking or rotating a key drops it from every
 * instance's cache at once.
 */
const keyPattern = /^tpk_([0-9a-f]{20})_([A-Za-z0-9_-]{43})$/;
export const apiKeyIdPattern = /^[0-9a-f]{20}$/;

export interface ApiKeyView {
  keyId: string;
  name: string;
  plan: UsagePlanName;
  status: "ACTIVE" | "REVOKED";
  /** `tpk_<key id>_…<last four>`: enough to recognise a key, not to use it. */
  preview: string;
  createdAt: string;
  createdBy: string;
  rotatedAt?: string;
  /** Until when the secret before the last rotation still works. */
  previousSecretValidUntil?: string;
  revokedAt?: string;
  revokedBy?: string;
}

/** What a verified key grants. */
export interface VerifiedApiKey {
  keyId: string;
  plan: UsagePlanName;
}

/** The cached part of a key record: what verification needs, nothing more. */
export interface ApiKeyCredentials {
  keyId: string;
  plan: UsagePlanName;
  status: "ACTIVE" | "REVOKED";
  secretHash: string;
  previousSecretHash?: string;
  previousValidUntil?: string;
}

/** Read-through cache for key credentials; `undefined` from `load` is not cached. */
export interface ApiKeyCache {
  getOrLoad(keyId: string, load: () => Promise<ApiKeyCredentials | undefined>): Promise<ApiKeyCredentials | undefined>;
  forget(keyId: string): Promise<void>;
}

export class ApiKeyNotFoundError extends Error {
  override name = "ApiKeyNotFoundError";
}

export class ApiKeyRevokedError extends Error {
  override name = "ApiKeyRevokedError";
}

type ApiKeyItem = EntityItem<IdentityEntities["ApiKey"]>;

export class ApiKeys {
  constructor(
    private readonly entities: Pick<IdentityEntities, "ApiKey">,
    private readonly cache: ApiKeyCache,
    private readonly now: () => number = Date.now,
  ) {}

  async create(input: { name: string; plan: UsagePlanName; createdBy: string }): Promise<{ key: string; view: ApiKeyView }> {
    const keyId = newKeyId(this.now());
    const secret = newSecret();
    const at = new Date(this.now()).toISOString();
    const { data } = await this.entities.ApiKey.create({
      keyId,
      name: input.name,
      plan: input.plan,
      status: "ACTIVE",
      secretHash: hashOf(secret),
      secretHint: secret.slice(-4),
      createdAt: at,
      createdBy: input.createdBy,
      updatedAt: at,
    }).go();
    return { key: formatKey(keyId, secret), view: toView(data) };
  }

  async list(options: { limit: number; cursor?: string; status?: "ACTIVE" | "REVOKED" }): Promise<{ items: ApiKeyView[]; nextCursor: string | null }> {
    const query = this.entities.ApiKey.query.byKeyId({});
    const filtered = options.status ? query.where((a, op) => op.eq(a.status, options.status!)) : query;
    const page = await filtered.go({ order: "desc", count: options.limit, cursor: options.cursor ?? null });
    return { items: page.data.map(toView), nextCursor: page.cursor };
  }

  async get(keyId: string): Promise<ApiKeyView> {
    return toView(await this.item(keyId));
  }

  /**
   * A new secret for the same key (same id, plan and usage counters). The old secret keeps working
   * for `graceSeconds` (0: not at all), so a partner can deploy the new one first.
   */
  async rotate(keyId: string, options: { graceSeconds: number }): Promise<{ key: string; view: ApiKeyView }> {
    const current = await this.item(keyId);
    if (current.status !== "ACTIVE") throw new ApiKeyRevokedError(`key ${keyId} is revoked; issue a new one`);
    const secret = newSecret();
    const at = new Date(this.now()).toISOString();
    const patch = this.entities.ApiKey.patch({ keyId }).set({
      secretHash: hashOf(secret),
      secretHint: secret.slice(-4),
      rotatedAt: at,
      updatedAt: at,
      ...(options.graceSeconds > 0
        ? { previousSecretHash: current.secretHash, previousValidUntil: new Date(this.now() + options.graceSeconds * 1000).toISOString() }
        : {}),
    });
    const update = options.graceSeconds > 0 ? patch : patch.remove(["previousSecretHash", "previousValidUntil"]);
    // Conditional on the secret we read, so two rotations at once cannot both hand out a key.
    const { data } = await update.where((a, op) => op.eq(a.secretHash, current.secretHash)).go({ response: "all_new" });
    await this.cache.forget(keyId);
    return { key: formatKey(keyId, secret), view: toView(data as ApiKeyItem) };
  }

  async revoke(keyId: string, revokedBy: string): Promise<ApiKeyView> {
    const current = await this.item(keyId);
    if (current.status === "REVOKED") return toView(current);
    const at = new Date(this.now()).toISOString();
    const { data } = await this.entities.ApiKey.patch({ keyId })
      .set({ status: "REVOKED", revokedAt: at, revokedBy, updatedAt: at })
      .remove(["previousSecretHash", "previousValidUntil"])
      .go({ response: "all_new" });
    await this.cache.forget(keyId);
    return toView(data as ApiKeyItem);
  }

  /**
   * The key's grant, or why it is refused: `malformed` (not a key at all), `unknown`, `revoked`
   * or `wrong-secret`. Only the caller's own log and the audit trail see the reason.
   */
  async verify(presented: string): Promise<VerifiedApiKey | { refused: "malformed" | "unknown" | "revoked" | "wrong-secret"; keyId?: string }> {
    const match = keyPattern.exec(presented);
    if (!match) return { refused: "malformed" };
    const [, keyId, secret] = match as unknown as [string, string, string];
    const credentials = await this.cache.getOrLoad(keyId, async () => {
      const { data } = await this.entities.ApiKey.get({ keyId }).go();
      return data ? credentialsOf(data) : undefined;
    });
    if (!credentials) return { refused: "unknown", keyId };
    if (credentials.status !== "ACTIVE") return { refused: "revoked", keyId };
    const hash = hashOf(secret);
    const current = sameHash(hash, credentials.secretHash);
    const previous =
      credentials.previousSecretHash !== undefined &&
      credentials.previousValidUntil !== undefined &&
      Date.parse(credentials.previousValidUntil) > this.now() &&
      sameHash(hash, credentials.previousSecretHash);
    if (!current && !previous) return { refused: "wrong-secret", keyId };
    return { keyId, plan: credentials.plan };
  }

  private async item(keyId: string): Promise<ApiKeyItem> {
    const { data } = await this.entities.ApiKey.get({ keyId }).go();
    if (!data) throw new ApiKeyNotFoundError(`no API key ${keyId}`);
    return data;
  }
}

/** The id starts with the creation time (ms, hex), so listing by id lists by age. */
function newKeyId(now: number): string {
  return now.toString(16).padStart(12, "0").slice(-12) + randomBytes(4).toString("hex");
}

function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

function formatKey(keyId: string, secret: string): string {
  return `tpk_${keyId}_${secret}`;
}

function hashOf(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}

function credentialsOf(item: ApiKeyItem): ApiKeyCredentials {
  return {
    keyId: item.keyId,
    plan: item.plan,
    status: item.status,
    secretHash: item.secretHash,
    ...(item.previousSecretHash && item.previousValidUntil ? { previousSecretHash: item.previousSecretHash, previousValidUntil: item.previousValidUntil } : {}),
  };
}

function toView(item: ApiKeyItem): ApiKeyView {
  return {
    keyId: item.keyId,
    name: item.name,
    plan: item.plan,
    status: item.status,
    preview: `tpk_${item.keyId}_…${item.secretHint}`,
    createdAt: item.createdAt,
    createdBy: item.createdBy,
    ...(item.rotatedAt ? { rotatedAt: item.rotatedAt } : {}),
    ...(item.previousValidUntil ? { previousSecretValidUntil: item.previousValidUntil } : {}),
    ...(item.revokedAt ? { revokedAt: item.revokedAt } : {}),
    ...(item.revokedBy ? { revokedBy: item.revokedBy } : {}),
  };
}
