import { randomBytes } from "node:crypto";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { createDynamoClient } from "@travel/core/db";
import { callerLimits, credentialGuessing, usagePlans } from "@travel/core/identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedisServer } from "@travel/dev/local/processes";
import { startApi, startSimulator, testConfig, type RunningSimulator, type TestApi } from "./support/helpers";

/**
 * Partner API keys, usage plans and rate limits with the declared limits (plans.ts), counted in
 * the run's real Redis. One plan's daily quota is made small so exhausting it takes seconds.
 */
let simulator: RunningSimulator;
let api: TestApi;
const smallQuota = 25;

type Json = Record<string, any>;
const json = async (response: Response) => (await response.json()) as Json;
const destinations = "/v1/destinations?q=lon";

beforeAll(async () => {
  simulator = await startSimulator();
  api = await startApi(simulator.url, { limits: { plans: { free: { quotaPerDay: smallQuota } } } });
});

afterAll(async () => {
  await api?.close();
  await simulator?.close();
});

async function issueKey(plan: string, name = `partner ${randomBytes(3).toString("hex")}`): Promise<{ key: string; keyId: string; data: Json }> {
  const response = await api.admin("/v1/admin/api-keys", { method: "POST", body: JSON.stringify({ name, plan }) });
  expect(response.status).toBe(201);
  const { data } = await json(response);
  return { key: data.key, keyId: data.keyId, data };
}

const withKey = (key: string, path = destinations) => api.get(path, { headers: { "x-api-key": key } });

/** Fire `count` requests at once and tally the statuses. */
async function burst(count: number, request: () => Promise<Response>): Promise<Record<number, number>> {
  const statuses = await Promise.all(Array.from({ length: count }, async () => (await request()).status));
  return statuses.reduce<Record<number, number>>((tally, s) => ({ ...tally, [s]: (tally[s] ?? 0) + 1 }), {});
}

describe("partner API keys", () => {
  it("shows a new key once and stores only its hash", async () => {
    const { key, keyId, data } = await issueKey("standard", "Acme Travel");
    expect(key).toMatch(/^tpk_[0-9a-f]{20}_[A-Za-z0-9_-]{43}$/);
    expect(data).toMatchObject({ keyId, name: "Acme Travel", plan: "standard", status: "ACTIVE", preview: `tpk_${keyId}_…${key.slice(-4)}` });
    const read = await json(await api.admin(`/v1/admin/api-keys/${keyId}`));
    expect(read.data.key).toBeUndefined();
    expect(read.data.usageToday).toEqual({ requests: 0, quotaPerDay: usagePlans.standard.quotaPerDay });
    const listed = await json(await api.admin("/v1/admin/api-keys?status=ACTIVE&limit=100"));
    expect(listed.data.some((k: Json) => k.keyId === keyId && k.key === undefined)).toBe(true);
    // Nothing in the table holds the secret.
    const secret = key.split("_").slice(2).join("_");
    const items = (await createDynamoClient().send(new QueryCommand({ TableName: api.config.CatalogTable.name, KeyConditionExpression: "searchType = :k", ExpressionAttributeValues: { ":k": "apikey" } }))).Items ?? [];
    expect(items.length).toBeGreaterThan(0);
    expect(JSON.stringify(items)).not.toContain(secret);
  });

  it("identifies the partner: its plan's limits and quota in the headers, usage counted", async () => {
    const { key, keyId } = await issueKey("standard");
    const response = await withKey(key);
    expect(response.status).toBe(200);
    expect(response.headers.get("ratelimit-limit")).toBe(String(usagePlans.standard.burst));
    expect(response.headers.get("ratelimit-policy")).toBe(`${usagePlans.standard.burst};w=2, ${usagePlans.standard.quotaPerDay};w=86400`);
    expect(response.headers.get("x-quota-remaining")).toBe(String(usagePlans.standard.quotaPerDay - 1));
    expect(Date.parse(response.headers.get("x-quota-reset")!) - Date.now()).toBeLessThanOrEqual(86_400_000);
    await withKey(key);
    expect((await json(await api.admin(`/v1/admin/api-keys/${keyId}`))).data.usageToday.requests).toBe(2);
  });

  it("refuses a key over its rate with 429 and Retry-After, and leaves other keys alone", async () => {
    const { key } = await issueKey("free");
    const { burst: allowed } = usagePlans.free;
    const tally = await burst(allowed + 5, () => withKey(key));
    expect(tally).toEqual({ 200: allowed, 429: 5 });
    const refused = await withKey(key);
    expect(refused.status).toBe(429);
    const problem = await json(refused);
    expect(problem.type).toMatch(/rate-limited$/);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    const other = await issueKey("free");
    expect((await withKey(other.key)).status).toBe(200);
    // After the window the key works again.
    await new Promise((resolve) => setTimeout(resolve, Number(refused.headers.get("retry-after")) * 1000 + 100));
    expect((await withKey(key)).status).toBe(200);
  });

  it("refuses a key whose daily quota is used up until 00:00 UTC, saying so", async () => {
    const { key } = await issueKey("free");
    let used = 0;
    while (used < smallQuota) {
      // Within the plan's rate: a burst of at most 10, then wait for the window.
      const batch = Math.min(usagePlans.free.burst, smallQuota - used);
      const tally = await burst(batch, () => withKey(key));
      expect(tally[200]).toBe(batch);
      used += batch;
      if (used < smallQuota) await new Promise((resolve) => setTimeout(resolve, 2_100));
    }
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const refused = await withKey(key);
    expect(refused.status).toBe(429);
    const problem = await json(refused);
    const midnight = new Date(new Date().toISOString().slice(0, 10) + "T00:00:00Z").getTime() + 86_400_000;
    expect(problem).toMatchObject({ type: expect.stringMatching(/quota-exceeded$/), resetsAt: new Date(midnight).toISOString() });
    expect(problem.detail).toContain(`${smallQuota} requests a day`);
    expect(Math.abs(Number(refused.headers.get("retry-after")) - (midnight - Date.now()) / 1000)).toBeLessThan(5);
    expect(refused.headers.get("x-quota-remaining")).toBe("0");
  });

  it("stops a revoked key at once, on this instance and another one sharing Redis", async () => {
    const other = await startApi(simulator.url, { config: { ...api.config } });
    try {
      const { key, keyId } = await issueKey("standard");
      expect((await withKey(key)).status).toBe(200);
      expect((await fetch(`${other.url}${destinations}`, { headers: { "x-api-key": key } })).status).toBe(200); // now cached there too
      const revoked = await api.admin(`/v1/admin/api-keys/${keyId}/revoke`, { method: "POST" });
      expect((await json(revoked)).data).toMatchObject({ status: "REVOKED", revokedAt: expect.any(String) });
      const here = await withKey(key);
      expect(here.status).toBe(401);
      expect((await json(here)).type).toMatch(/invalid-api-key$/);
      // The other instance hears of it over the cache bus.
      let status = 200;
      for (let i = 0; i < 40 && status === 200; i++) {
        status = (await fetch(`${other.url}${destinations}`, { headers: { "x-api-key": key } })).status;
        if (status === 200) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(status).toBe(401);
      expect((await api.admin(`/v1/admin/api-keys/${keyId}/rotate`, { method: "POST", body: "{}" })).status).toBe(409);
    } finally {
      await other.close();
    }
  });

  it("rotates a key: the new secret works, the old one only for its grace period", async () => {
    const { key: original, keyId } = await issueKey("standard");
    const graced = await json(await api.admin(`/v1/admin/api-keys/${keyId}/rotate`, { method: "POST", body: JSON.stringify({ graceSeconds: 3600 }) }));
    expect(graced.data.keyId).toBe(keyId);
    expect(graced.data.key).not.toBe(original);
    expect(Date.parse(graced.data.previousSecretValidUntil) - Date.now()).toBeGreaterThan(3590_000);
    expect((await withKey(original)).status).toBe(200);
    expect((await withKey(graced.data.key)).status).toBe(200);

    const immediate = await json(await api.admin(`/v1/admin/api-keys/${keyId}/rotate`, { method: "POST", body: JSON.stringify({ graceSeconds: 0 }) }));
    expect((await withKey(graced.data.key)).status).toBe(401);
    expect((await withKey(original)).status).toBe(401);
    expect((await withKey(immediate.data.key)).status).toBe(200);
    // Usage stays with the key id across rotations.
    expect((await json(await api.admin(`/v1/admin/api-keys/${keyId}`))).data.usageToday.requests).toBe(3);

    const bad = await api.admin(`/v1/admin/api-keys/${keyId}/rotate`, { method: "POST", body: JSON.stringify({ graceSeconds: -1 }) });
    expect(bad.status).toBe(400);
    expect((await api.admin("/v1/admin/api-keys/ffffffffffffffffffff/revoke", { method: "POST" })).status).toBe(404);
    expect((await api.admin("/v1/admin/api-keys", { method: "POST", body: JSON.stringify({ name: "x", plan: "platinum" }) })).status).toBe(400);
  });

  it("records the key lifecycle in the audit log", async () => {
    const { keyId } = await issueKey("premium", "Audited partner");
    await api.admin(`/v1/admin/api-keys/${keyId}/rotate`, { method: "POST", body: JSON.stringify({ graceSeconds: 0 }) });
    await api.admin(`/v1/admin/api-keys/${keyId}/revoke`, { method: "POST" });
    const entries = (await json(await api.admin("/v1/admin/audit?limit=200"))).data.filter((e: Json) => e.target?.id === keyId);
    expect(entries.map((e: Json) => e.action)).toEqual(["api-key.revoked", "api-key.rotated", "api-key.created"]);
    expect(entries[2]).toMatchObject({ outcome: "success", actor: { type: "admin" }, details: { plan: "premium", name: "Audited partner" }, ip: "127.0.0.1" });
  });
});

describe("the audit log", () => {
  it("pages newest first with filters, and refuses bad ranges and cursors by name", async () => {
    const names = ["first", "second", "third", "fourth", "fifth"];
    const keyIds: string[] = [];
    for (const name of names) keyIds.push((await issueKey("free", `paged ${name} ${randomBytes(2).toString("hex")}`)).keyId);
    const seen: Json[] = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ action: "api-key.created", limit: "2", ...(cursor ? { cursor } : {}) });
      const page = await json(await api.admin(`/v1/admin/audit?${query}`));
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data);
      cursor = page.meta.nextCursor;
    } while (cursor);
    expect(seen.every((e) => e.action === "api-key.created")).toBe(true);
    const ours = seen.filter((e) => keyIds.includes(e.target.id)).map((e) => e.target.id);
    expect(ours).toEqual([...keyIds].reverse());
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);

    const until = new Date().toISOString();
    const tooLong = await json(await api.admin(`/v1/admin/audit?since=${new Date(Date.now() - 100 * 86_400_000).toISOString()}&until=${until}`));
    expect(tooLong.errors).toEqual([{ field: "since", message: "the range may cover at most 92 days" }]);
    const backwards = await api.admin(`/v1/admin/audit?since=${until}&until=${new Date(Date.now() - 3_600_000).toISOString()}`);
    expect(backwards.status).toBe(400);
    const forged = await json(await api.admin(`/v1/admin/audit?cursor=${Buffer.from('{"d":"x"}').toString("base64url")}`));
    expect(forged.errors[0].field).toBe("cursor");
    expect((await api.admin("/v1/admin/audit?action=user.hacked")).status).toBe(400);
  });
});

describe("guessing keys from one address", () => {
  it("locks the address out after too many invalid keys, even for a valid key, and audits it", async () => {
    // Its own API with the declared guessing limits (the shared one is roomy for other tests).
    const guarded = await startApi(simulator.url, { limits: {} });
    try {
      const { key } = await (async () => {
        const response = await guarded.admin("/v1/admin/api-keys", { method: "POST", body: JSON.stringify({ name: "real partner", plan: "standard" }) });
        return (await json(response)).data as { key: string };
      })();
      const statuses: number[] = [];
      for (let i = 0; i < credentialGuessing.failures + 3; i++) {
        const guess = `tpk_${randomBytes(10).toString("hex")}_${randomBytes(32).toString("base64url")}`;
        statuses.push((await fetch(`${guarded.url}${destinations}`, { headers: { "x-api-key": guess } })).status);
      }
      expect(statuses.slice(0, credentialGuessing.failures - 1).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(credentialGuessing.failures - 1).every((s) => s === 429)).toBe(true);
      const lockedOut = await fetch(`${guarded.url}${destinations}`, { headers: { "x-api-key": key } });
      expect(lockedOut.status).toBe(429);
      const problem = await json(lockedOut);
      expect(problem.type).toMatch(/too-many-failed-credentials$/);
      expect(Number(lockedOut.headers.get("retry-after"))).toBeGreaterThan(credentialGuessing.blockSeconds - 10);
      expect(lockedOut.headers.get("ratelimit-remaining")).toBe("0");
      expect(lockedOut.headers.get("ratelimit-policy")).toBe(`${credentialGuessing.failures};w=${credentialGuessing.windowSeconds}`);
      // The admin's own requests come from the locked-out address too: read the log directly.
      const audit = await guarded.deps.identity.audit.list({ since: new Date(Date.now() - 60_000), until: new Date(), limit: 100 });
      const actions = audit.items.map((e) => e.action);
      expect(actions.filter((a) => a === "auth.api-key-refused")).toHaveLength(credentialGuessing.failures);
      expect(actions).toContain("auth.locked-out");
      expect(audit.items.find((e) => e.action === "auth.api-key-refused")!.details!.reason).toBe("unknown");
    } finally {
      await guarded.close();
    }
  });
});

describe("limits without an API key", () => {
  it("limits anonymous callers per address and signed-in users per user, with the declared numbers", async () => {
    const declared = await startApi(simulator.url, { limits: {} });
    try {
      const anonymous = await burst(callerLimits.anonymous.burst + 3, () => fetch(`${declared.url}${destinations}`));
      expect(anonymous).toEqual({ 200: callerLimits.anonymous.burst, 429: 3 });
      const refused = await fetch(`${declared.url}${destinations}`);
      expect((await json(refused)).detail).toContain("Partners with an API key get higher limits");
      // A signed-in user has their own, larger allowance, even from the same address.
      const token = await declared.signIn("frequent-flyer@example.com");
      const user = await burst(callerLimits.user.burst + 2, () => fetch(`${declared.url}${destinations}`, { headers: { authorization: `Bearer ${token}` } }));
      expect(user).toEqual({ 200: callerLimits.user.burst, 429: 2 });
    } finally {
      await declared.close();
    }
  });

  it("keeps limiting per instance when Redis is down: neither an open door nor an outage", async () => {
    const redis = await startRedisServer();
    const config = testConfig(simulator.url);
    const own = await startApi(simulator.url, { config: { ...config, Redis: { host: redis.host, port: redis.port } }, limits: {} });
    try {
      expect((await fetch(`${own.url}${destinations}`)).status).toBe(200);
      await redis.stop();
      const tally = await burst(callerLimits.anonymous.burst + 4, () => fetch(`${own.url}${destinations}`));
      expect(tally).toEqual({ 200: callerLimits.anonymous.burst, 429: 4 });
    } finally {
      await own.close();
      await redis.stop();
    }
  });
});
