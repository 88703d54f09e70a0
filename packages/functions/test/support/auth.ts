import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getConnInfo } from "@hono/node-server/conninfo";
import { DynamoStorage } from "@openauthjs/openauth/storage/dynamo";
import { createDynamoClient } from "@travel/core/db";
import { AuditLog, UserDirectory } from "@travel/core/identity";
import { createIdentityEntities } from "@travel/core/identity/entities";
import { fileCodeSink } from "@travel/core/identity";
import { createAuthIssuer, localClients } from "../../src/auth/issuer";
import { signInWithCode, type Tokens } from "@travel/dev/auth/sign-in";
import { listen } from "./stack";

export interface RunningIssuer {
  url: string;
  /** An access token for this email, through the real authorization-code flow. */
  signIn(email: string): Promise<string>;
  /** Access and refresh token, through the same flow. */
  signInTokens(email: string): Promise<Tokens>;
  /** The latest code sent to this email (what the traveller reads in the email), once one is there. */
  readCode(email: string, options?: { notEqualTo?: string; timeoutMs?: number }): Promise<string>;
  close(): Promise<void>;
}

/** The OAuth issuer on a free port, storage in the stage's AuthTable, sign-ins to its AuditTable (DynamoDB Local). */
export async function startIssuer(tables: { auth: string; audit: string }, adminEmails: string[] = []): Promise<RunningIssuer> {
  const sink = fileCodeSink(mkdtempSync(join(tmpdir(), "auth-codes-")));
  const dynamo = createDynamoClient();
  const app = createAuthIssuer({
    storage: DynamoStorage({ table: tables.auth, endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB! }),
    sendCode: sink.send,
    adminEmails,
    clients: localClients,
    directory: new UserDirectory(dynamo, tables.auth),
    audit: new AuditLog(createIdentityEntities(dynamo, { audit: tables.audit })),
    clientAddress: (c) => getConnInfo(c).remote.address,
  });
  const server = await listen(app.fetch);
  // One sign-in per email at a time: the code sink keeps one code per email.
  const inFlight = new Map<string, Promise<Tokens | undefined>>();
  const signInOnce = async (email: string) => {
    const lastCode = await sink.read(email, { timeoutMs: 1 }).catch(() => undefined);
    return signInWithCode({ issuerUrl: server.url, email, readCode: (e) => sink.read(e, lastCode ? { notEqualTo: lastCode } : {}) });
  };
  const signInTokens = (email: string): Promise<Tokens> => {
    const next = (inFlight.get(email) ?? Promise.resolve(undefined)).catch(() => undefined).then(() => signInOnce(email));
    inFlight.set(email, next);
    return next;
  };
  return {
    url: server.url,
    signInTokens,
    signIn: async (email) => (await signInTokens(email)).access_token,
    readCode: (email, options) => sink.read(email, options),
    close: async () => {
      await server.close();
      dynamo.destroy();
    },
  };
}
