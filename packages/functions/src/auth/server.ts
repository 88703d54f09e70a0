import { serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { DynamoStorage } from "@openauthjs/openauth/storage/dynamo";
import { readLinks } from "@travel/core/config";
import { createDynamoClient } from "@travel/core/db";
import { AuditLog, fileCodeSink, UserDirectory } from "@travel/core/identity";
import { createIdentityEntities } from "@travel/core/identity/entities";
import { createAuthIssuer, localClients } from "./issuer";

/**
 * The issuer on one machine (`pnpm start` runs it on AUTH_PORT, 3001): storage in DynamoDB Local,
 * sign-in codes printed and written under AUTH_CODES_DIR instead of emailed.
 */
const port = Number(process.env.AUTH_PORT ?? 3001);
const { AuthTable, AuditTable } = readLinks(["AuthTable", "AuditTable"]);
const sink = fileCodeSink(process.env.AUTH_CODES_DIR ?? ".data/auth-codes");
const dynamo = createDynamoClient();
const app = createAuthIssuer({
  storage: DynamoStorage({ table: AuthTable.name, ...(process.env.AWS_ENDPOINT_URL_DYNAMODB ? { endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB } : {}) }),
  sendCode: sink.send,
  adminEmails: (process.env.ADMIN_EMAILS ?? "admin@travel-platform.local").split(",").filter(Boolean),
  clients: localClients,
  directory: new UserDirectory(dynamo, AuthTable.name),
  audit: new AuditLog(createIdentityEntities(dynamo, { audit: AuditTable.name })),
  clientAddress: (c) => getConnInfo(c).remote.address,
});
serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, () => console.log(`auth issuer on http://127.0.0.1:${port} (JWKS: /.well-known/jwks.json)`));
