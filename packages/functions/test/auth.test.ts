import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoStorage } from "@openauthjs/openauth/storage/dynamo";
import { createDynamoClient } from "@travel/core/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditLog, createAccessTokenVerifier, UserDirectory, type AccessTokenVerifier } from "@travel/core/identity";
import { createIdentityEntities } from "@travel/core/identity/entities";
import { fileCodeSink } from "@travel/core/identity";
import { clientsWithWebHosts, createAuthIssuer, localClients, type AuthClient } from "../src/auth/issuer";
import { signInWithCode } from "@travel/dev/auth/sign-in";
import { ensureStageTables, listen, testResourceEnvironment, type Listening } from "./support/stack";

/** The OpenAuth issuer on a real HTTP port with DynamoDB Local storage, signed into like a browser. */
let issuerServer: Listening;
let verify: AccessTokenVerifier;
let auditTable: string;
let authTable: string;
const sink = fileCodeSink(mkdtempSync(join(tmpdir(), "auth-codes-")));

function startIssuer(clients: AuthClient[]): Promise<Listening> {
  const dynamo = createDynamoClient();
  const app = createAuthIssuer({
    storage: DynamoStorage({ table: authTable, endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB! }),
    sendCode: sink.send,
    adminEmails: ["boss@example.com"],
    clients,
    directory: new UserDirectory(dynamo, authTable),
    audit: new AuditLog(createIdentityEntities(dynamo, { audit: auditTable })),
    clientAddress: () => "198.51.100.7",
  });
  return listen(app.fetch);
}

beforeAll(async () => {
  const links = Object.fromEntries(
    Object.entries(testResourceEnvironment("http://127.0.0.1:9")).filter(([k]) => k.startsWith("SST_RESOURCE_")).map(([k, v]) => [k.slice(13), JSON.parse(v)]),
  ) as Record<string, { name: string }>;
  await ensureStageTables(links);
  auditTable = links.AuditTable!.name;
  authTable = links.AuthTable!.name;
  issuerServer = await startIssuer(localClients);
  verify = createAccessTokenVerifier({ issuer: issuerServer.url, audience: "travel-cli" });
});

afterAll(async () => {
  await issuerServer?.close();
});

describe("sign-in at the OAuth issuer (authorization code + PKCE, emailed one-time code)", () => {
  it("issues an ES256 access token the API's verifier accepts, for a stable, random user id, and audits the sign-in", async () => {
    const tokens = await signInWithCode({ issuerUrl: issuerServer.url, email: "Ada@Example.com", readCode: (e) => sink.read(e) });
    const header = JSON.parse(Buffer.from(tokens.access_token.split(".")[0]!, "base64url").toString());
    expect(header).toMatchObject({ alg: "ES256", typ: "JWT", kid: expect.any(String) });
    expect(tokens.expires_in).toBeGreaterThan(800);
    const ada = await verify(tokens.access_token);
    expect(ada).toEqual({ userId: expect.stringMatching(/^usr_[A-Za-z0-9_-]{22}$/), email: "ada@example.com", role: "traveller" });
    // The same person signing in again is the same user; someone else is someone else.
    const again = await signInWithCode({ issuerUrl: issuerServer.url, email: "ada@example.com", readCode: (e) => sink.read(e, { notEqualTo: undefined }) });
    expect((await verify(again.access_token)).userId).toBe(ada.userId);
    const other = await signInWithCode({ issuerUrl: issuerServer.url, email: "alan@example.com", readCode: (e) => sink.read(e) });
    expect((await verify(other.access_token)).userId).not.toBe(ada.userId);
    // Both of Ada's sign-ins are in the audit log, with where from and no email.
    const entries = await new AuditLog(createIdentityEntities(createDynamoClient(), { audit: auditTable })).allForActor(ada.userId);
    expect(entries.filter((e) => e.action === "auth.sign-in")).toHaveLength(2);
    expect(entries[0]).toMatchObject({ outcome: "success", actor: { type: "user", id: ada.userId }, ip: "198.51.100.7", details: { provider: "code" } });
    expect(JSON.stringify(entries)).not.toContain("ada@example.com");
  });

  it("makes allow-listed emails admins", async () => {
    const tokens = await signInWithCode({ issuerUrl: issuerServer.url, email: "boss@example.com", readCode: (e) => sink.read(e) });
    expect((await verify(tokens.access_token)).role).toBe("admin");
  });

  it("refuses a wrong code, an unknown client and a redirect to another host", async () => {
    await expect(signInWithCode({ issuerUrl: issuerServer.url, email: "eve@example.com", readCode: async () => "000000" })).rejects.toThrow(/verify code: HTTP 200/);
    await expect(signInWithCode({ issuerUrl: issuerServer.url, email: "eve@example.com", clientId: "unknown-app", readCode: (e) => sink.read(e) })).rejects.toThrow(/authorize/);
    await expect(
      signInWithCode({ issuerUrl: issuerServer.url, email: "eve@example.com", redirectUri: "https://evil.example.com/callback", readCode: (e) => sink.read(e) }),
    ).rejects.toThrow(/authorize/);
  });

  it("refreshes an access token with the refresh token", async () => {
    const tokens = await signInWithCode({ issuerUrl: issuerServer.url, email: "grace@example.com", readCode: (e) => sink.read(e) });
    const response = await fetch(`${issuerServer.url}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: tokens.refresh_token }).toString(),
    });
    expect(response.status).toBe(200);
    const refreshed = (await response.json()) as { access_token: string };
    expect((await verify(refreshed.access_token)).email).toBe("grace@example.com");
  });
});

describe("the web app's redirect hosts on AWS (WEB_REDIRECT_HOSTS, the Router's host)", () => {
  let deployed: Listening;
  beforeAll(async () => {
    deployed = await startIssuer(clientsWithWebHosts(" travel.example.com,www.travel.example.com "));
  });
  afterAll(async () => {
    await deployed?.close();
  });

  it("redirects the web app to its configured hosts only; the CLI keeps its loopback", async () => {
    const signIn = (email: string, clientId: string, redirectUri: string) => signInWithCode({ issuerUrl: deployed.url, email, clientId, redirectUri, readCode: (e) => sink.read(e) });
    await expect(signIn("lin@example.com", "travel-web", "https://www.travel.example.com/callback")).resolves.toMatchObject({ access_token: expect.any(String) });
    await expect(signIn("lin@example.com", "travel-web", "http://localhost/callback")).rejects.toThrow(/authorize/);
    await expect(signIn("kai@example.com", "travel-cli", "http://127.0.0.1/callback")).resolves.toMatchObject({ access_token: expect.any(String) });
  });

  it("keeps the local defaults when none are configured", () => {
    expect(clientsWithWebHosts(undefined)).toEqual(localClients);
    expect(clientsWithWebHosts(" , ")).toEqual(localClients);
  });
});
