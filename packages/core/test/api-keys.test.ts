import { createHash, randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { createBusConnectionTemplate } from "@travel/core/cache";
import { catalogTable, createDynamoClient } from "@travel/core/db";
import { ApiKeyNotFoundError, ApiKeyRevokedError, ApiKeys, BentoApiKeyCache, type ApiKeyCredentials } from "@travel/core/identity";
import { createIdentityEntities } from "@travel/core/identity/entities";
import { redisConnections, redisLink, tableName, uniquePrefix } from "./support/stores";

/**
 * Partner API keys in the run's catalog table, verified through the key cache (in-process L1,
 * Redis L2, bentocache's bus between instances) on the run's redis-server.
 */
const dynamo = createDynamoClient();
const catalog = tableName(catalogTable);
const entities = createIdentityEntities(dynamo, { catalog });
const redis = redisConnections();
const caches: BentoApiKeyCache[] = [];

afterAll(async () => {
  await Promise.all(caches.map((cache) => cache.close()));
  dynamo.destroy();
});

/** One API instance's view of the keys; instances given the same prefix share Redis and the bus. */
function instance(prefix: string, now?: () => number): { keys: ApiKeys; cache: BentoApiKeyCache } {
  const cache = new BentoApiKeyCache({ redis: redis.open(), bus: createBusConnectionTemplate(redisLink), keyPrefix: prefix });
  caches.push(cache);
  return { keys: new ApiKeys(entities, cache, now), cache };
}

const issue = (keys: ApiKeys, name = `partner ${randomBytes(3).toString("hex")}`) => keys.create({ name, plan: "standard", createdBy: "admin-1" });
const secretOf = (key: string) => key.split("_").slice(2).join("_");

/**
 * The bus subscribes in the background; a revocation published before the other instance listens
 * would be missed (until the cache's TTL). Wait until a forget() on `sender` reaches `receiver`.
 */
async function untilBusConnects(sender: BentoApiKeyCache, receiver: BentoApiKeyCache): Promise<void> {
  const probe = `probe-${randomBytes(4).toString("hex")}`;
  let loads = 0;
  const load = async (): Promise<ApiKeyCredentials> => (++loads, { keyId: probe, plan: "free", status: "ACTIVE", secretHash: "00" });
  for (let attempt = 0; attempt < 100; attempt++) {
    await receiver.getOrLoad(probe, load);
    const before = loads;
    await sender.forget(probe);
    await sleep(20);
    await receiver.getOrLoad(probe, load);
    if (loads > before) return;
  }
  throw new Error("the cache bus did not connect the two instances");
}

/** Poll `check` until true; the milliseconds it took (fails after `withinMs`). */
async function msUntil(check: () => Promise<boolean>, withinMs: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await sleep(10);
  }
  return Date.now() - started;
}

describe("ApiKeys: issuing and verifying", () => {
  it("shows a new key once; the table holds only the SHA-256 of its secret", async () => {
    const { keys } = instance(uniquePrefix("issue"));
    const { key, view } = await issue(keys, "Acme Travel");
    expect(key).toMatch(/^tpk_[0-9a-f]{20}_[A-Za-z0-9_-]{43}$/);
    const secret = secretOf(key);
    expect(view).toMatchObject({ keyId: key.split("_")[1], name: "Acme Travel", plan: "standard", status: "ACTIVE", preview: `tpk_${view.keyId}_…${secret.slice(-4)}`, createdBy: "admin-1" });

    const { Item } = await dynamo.send(new GetCommand({ TableName: catalog, Key: { searchType: "apikey", searchId: `key#${view.keyId}` }, ConsistentRead: true }));
    expect(Item?.secretHash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(JSON.stringify(Item)).not.toContain(secret);
    expect(JSON.stringify(await keys.get(view.keyId))).not.toContain(secret);
  });

  it("grants a key its plan, and names why anything else is refused", async () => {
    const { keys } = instance(uniquePrefix("verify"));
    const { key, view } = await issue(keys);
    expect(await keys.verify(key)).toEqual({ keyId: view.keyId, plan: "standard" });
    expect(await keys.verify("tpk_not-a-key")).toEqual({ refused: "malformed" });
    const unknownId = randomBytes(10).toString("hex");
    expect(await keys.verify(`tpk_${unknownId}_${secretOf(key)}`)).toEqual({ refused: "unknown", keyId: unknownId });
    expect(await keys.verify(`tpk_${view.keyId}_${randomBytes(32).toString("base64url")}`)).toEqual({ refused: "wrong-secret", keyId: view.keyId });
    await expect(keys.get(unknownId)).rejects.toBeInstanceOf(ApiKeyNotFoundError);
  });
});

describe("ApiKeys: rotation", () => {
  it("keeps the old secret working until its grace ends, the new one from the start", async () => {
    let now = Date.now();
    const { keys } = instance(uniquePrefix("rotate"), () => now);
    const { key: old, view } = await issue(keys);
    expect(await keys.verify(old)).toMatchObject({ keyId: view.keyId });
    const rotatedAt = now;
    const rotated = await keys.rotate(view.keyId, { graceSeconds: 300 });
    expect(rotated.key).not.toBe(old);
    expect(rotated.view).toMatchObject({ keyId: view.keyId, plan: "standard", rotatedAt: new Date(rotatedAt).toISOString(), previousSecretValidUntil: new Date(rotatedAt + 300_000).toISOString() });

    now = rotatedAt + 299_999;
    expect(await keys.verify(old)).toEqual({ keyId: view.keyId, plan: "standard" });
    expect(await keys.verify(rotated.key)).toEqual({ keyId: view.keyId, plan: "standard" });
    now = rotatedAt + 300_000;
    expect(await keys.verify(old)).toEqual({ refused: "wrong-secret", keyId: view.keyId });
    expect(await keys.verify(rotated.key)).toEqual({ keyId: view.keyId, plan: "standard" });
  });

  it("keeps one earlier secret at most: the next rotation ends its grace, a rotation without grace ends it at once", async () => {
    const { keys } = instance(uniquePrefix("rotate-again"));
    const { key: first, view } = await issue(keys);
    const second = await keys.rotate(view.keyId, { graceSeconds: 300 });
    const third = await keys.rotate(view.keyId, { graceSeconds: 300 });
    expect(await keys.verify(first)).toMatchObject({ refused: "wrong-secret" });
    expect(await keys.verify(second.key)).toMatchObject({ keyId: view.keyId });

    const fourth = await keys.rotate(view.keyId, { graceSeconds: 0 });
    expect(fourth.view.previousSecretValidUntil).toBeUndefined();
    expect(await keys.verify(second.key)).toMatchObject({ refused: "wrong-secret" });
    expect(await keys.verify(third.key)).toMatchObject({ refused: "wrong-secret" });
    expect(await keys.verify(fourth.key)).toMatchObject({ keyId: view.keyId });
  });
});

describe("ApiKeys: revocation", () => {
  it("refuses a revoked key at once, even within a rotation's grace, and cannot rotate it", async () => {
    const { keys } = instance(uniquePrefix("revoke"));
    const { key: old, view } = await issue(keys);
    const { key } = await keys.rotate(view.keyId, { graceSeconds: 300 });
    expect(await keys.verify(key)).toMatchObject({ keyId: view.keyId });
    const revoked = await keys.revoke(view.keyId, "admin-2");
    expect(revoked).toMatchObject({ status: "REVOKED", revokedBy: "admin-2", revokedAt: expect.any(String) });
    expect(revoked.previousSecretValidUntil).toBeUndefined();
    expect(await keys.verify(key)).toEqual({ refused: "revoked", keyId: view.keyId });
    expect(await keys.verify(old)).toEqual({ refused: "revoked", keyId: view.keyId });
    expect(await keys.revoke(view.keyId, "admin-3")).toEqual(revoked);
    await expect(keys.rotate(view.keyId, { graceSeconds: 0 })).rejects.toBeInstanceOf(ApiKeyRevokedError);
  });

  it("refuses a key revoked on another instance as soon as the cache bus tells this one", async () => {
    const prefix = uniquePrefix("revoke-elsewhere");
    const here = instance(prefix);
    const elsewhere = instance(prefix);
    await untilBusConnects(elsewhere.cache, here.cache);
    const { key, view } = await issue(here.keys);
    // Cached here (in process and in Redis) by the first verification.
    expect(await here.keys.verify(key)).toMatchObject({ keyId: view.keyId });
    expect(await here.keys.verify(key)).toMatchObject({ keyId: view.keyId });

    await elsewhere.keys.revoke(view.keyId, "admin-1");
    // Without the bus this instance would keep granting it from memory for seconds.
    const ms = await msUntil(async () => "refused" in (await here.keys.verify(key)), 1_000);
    expect(ms).toBeLessThan(1_000);
    expect(await here.keys.verify(key)).toEqual({ refused: "revoked", keyId: view.keyId });
  });
});

describe("ApiKeys: listing", () => {
  it("lists newest first, a page at a time, by status if asked, never with a secret", async () => {
    // Ids start with their creation time: a clock ahead of every other test's makes these the newest keys in the shared table.
    let now = Date.now() + 100 * 365 * 86_400_000;
    const { keys } = instance(uniquePrefix("list"), () => now);
    const issued: Array<{ key: string; keyId: string }> = [];
    for (const name of ["oldest", "middle", "newest"]) {
      const { key, view } = await issue(keys, name);
      issued.push({ key, keyId: view.keyId });
      now += 1;
    }
    const [oldest, middle, newest] = issued as [(typeof issued)[0], (typeof issued)[0], (typeof issued)[0]];
    await keys.revoke(middle.keyId, "admin-1");

    const first = await keys.list({ limit: 2 });
    expect(first.items.map((k) => [k.name, k.status])).toEqual([["newest", "ACTIVE"], ["middle", "REVOKED"]]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await keys.list({ limit: 2, cursor: first.nextCursor! });
    expect(second.items[0]?.keyId).toBe(oldest.keyId);

    const active = await keys.list({ limit: 2, status: "ACTIVE" });
    expect(active.items.map((k) => k.keyId)).toEqual([newest.keyId, oldest.keyId]);
    const listed = JSON.stringify([first, second, active]);
    for (const { key } of issued) expect(listed).not.toContain(secretOf(key));
  });
});
