import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoStorage } from "@openauthjs/openauth/storage/dynamo";
import { fileCodeSink } from "../../src/auth/code-sink";
import { createAuthIssuer, localClients } from "../../src/auth/issuer";
import { signInWithCode } from "../../src/auth/sign-in";
import { listen } from "./stack";

export interface RunningIssuer {
  url: string;
  /** An access token for this email, through the real authorization-code flow. */
  signIn(email: string): Promise<string>;
  close(): Promise<void>;
}

/** The OAuth issuer on a free port, storage in the stage's AuthTable (DynamoDB Local). */
export async function startIssuer(authTableName: string, adminEmails: string[] = []): Promise<RunningIssuer> {
  const sink = fileCodeSink(mkdtempSync(join(tmpdir(), "auth-codes-")));
  const app = createAuthIssuer({
    storage: DynamoStorage({ table: authTableName, endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB! }),
    sendCode: sink.send,
    adminEmails,
    clients: localClients,
  });
  const server = await listen(app.fetch);
  // One sign-in per email at a time: the code sink keeps one code per email.
  const inFlight = new Map<string, Promise<string>>();
  const signInOnce = async (email: string) => {
    const lastCode = await sink.read(email, { timeoutMs: 1 }).catch(() => undefined);
    const tokens = await signInWithCode({ issuerUrl: server.url, email, readCode: (e) => sink.read(e, lastCode ? { notEqualTo: lastCode } : {}) });
    return tokens.access_token;
  };
  return {
    url: server.url,
    signIn: (email) => {
      const next = (inFlight.get(email) ?? Promise.resolve("")).catch(() => "").then(() => signInOnce(email));
      inFlight.set(email, next);
      return next;
    },
    close: server.close,
  };
}
