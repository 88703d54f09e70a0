import { randomUUID } from "node:crypto";
import { DynamoStorage } from "@openauthjs/openauth/storage/dynamo";
import { getConnInfo, handle } from "hono/aws-lambda";
import { readLinks } from "@travel/core/config";
import { createDynamoClient } from "@travel/core/db";
import { AuditLog, UserDirectory } from "@travel/core/identity";
import { createIdentityEntities } from "@travel/core/identity/entities";
import { emailSenderFor } from "@travel/core/notifications";
import { clientsWithWebHosts, createAuthIssuer } from "./issuer";
import { instrumented } from "../telemetry";

/**
 * The issuer on AWS (`sst.aws.Auth`, infra/auth.ts): storage in the table SST creates for it
 * (OPENAUTH_STORAGE), sign-in codes emailed through SES, admins from ADMIN_EMAILS, the web app's
 * redirect hosts from WEB_REDIRECT_HOSTS (the Router's host), sign-ins to the audit table.
 */
const storage = JSON.parse(process.env.OPENAUTH_STORAGE ?? "{}") as { options?: { table?: string } };
if (!storage.options?.table) throw new Error("OPENAUTH_STORAGE is not set: deploy the issuer through sst.aws.Auth");
const links = readLinks(["Email", "AuditTable"]);
const email = emailSenderFor(links.Email);
const dynamo = createDynamoClient();

const app = createAuthIssuer({
  storage: DynamoStorage({ table: storage.options.table }),
  sendCode: (to, code) =>
    email.send({ id: `sign-in-${randomUUID()}`, to, subject: "Your Travel Platform sign-in code", text: `Your sign-in code is ${code}. It can be used once.` }),
  adminEmails: (process.env.ADMIN_EMAILS ?? "").split(",").filter(Boolean),
  clients: clientsWithWebHosts(process.env.WEB_REDIRECT_HOSTS),
  directory: new UserDirectory(dynamo, storage.options.table),
  audit: new AuditLog(createIdentityEntities(dynamo, { audit: links.AuditTable.name })),
  // The function URL event's source IP (what AWS saw connect), never a client-sent header.
  clientAddress: (c) => getConnInfo(c as never).remote.address,
});

export const handler = instrumented(handle(app));
