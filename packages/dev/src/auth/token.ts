import { fileCodeSink } from "@travel/core/identity";
import { signInWithCode } from "./sign-in";

/**
 * `pnpm run token <email> [--admin]`: signs in at the running local issuer through the real
 * authorization-code flow (reading the code from the local code sink) and prints the access token.
 * `--admin` checks that the email is one of the issuer's admins (ADMIN_EMAILS; default
 * admin@travel-platform.local).
 */
const args = process.argv.slice(2);
const admin = args.includes("--admin");
const email = args.find((a) => !a.startsWith("--")) ?? (admin ? "admin@travel-platform.local" : undefined);
if (!email) {
  console.error("usage: pnpm run token <email> [--admin]");
  process.exit(2);
}
const issuerUrl = process.env.AUTH_URL ?? `http://127.0.0.1:${process.env.AUTH_PORT ?? 3001}`;
const sink = fileCodeSink(process.env.AUTH_CODES_DIR ?? new URL("../../../../.data/auth-codes", import.meta.url).pathname);

try {
  const previous = await sink.read(email, { timeoutMs: 1 }).catch(() => undefined);
  const tokens = await signInWithCode({ issuerUrl, email, readCode: (e) => sink.read(e, { ...(previous ? { notEqualTo: previous } : {}) }) });
  const claims = JSON.parse(Buffer.from(tokens.access_token.split(".")[1]!, "base64url").toString()) as { properties: { role?: string } };
  if (admin && claims.properties.role !== "admin") {
    console.error(`${email} is not an admin of this issuer: start it with ADMIN_EMAILS=${email}`);
    process.exit(1);
  }
  console.log(tokens.access_token);
} catch (error) {
  console.error(`${(error as Error).message} (is \`pnpm start\` running? the issuer is expected at ${issuerUrl})`);
  process.exit(1);
}
