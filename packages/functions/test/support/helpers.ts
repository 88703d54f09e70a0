import { getConnInfo } from "@hono/node-server/conninfo";
import { readConfig, type AppConfig } from "@travel/core/config";
import { createApp } from "../../src/api/app";
import { createApiDependencies, type ApiDependencies, type DependencyOverrides } from "../../src/api/deps";
import { inProcessBus } from "../../src/api/in-process-bus";
import { startIssuer, type RunningIssuer } from "./auth";
import { ensureStageTables, listen, testResourceEnvironment, type SupplierChoice } from "./stack";

export * from "./stack";

/** The email the test issuers sign in as an admin. */
export const testAdminEmail = "admin@example.com";

/**
 * Limits for suites that test something else than limits: every test client calls from one
 * loopback address, and a search suite sends bursts far above an anonymous caller's limit. The
 * identity suites pass the declared limits (`limits: {}`) or their own.
 */
export const roomyLimits: NonNullable<DependencyOverrides["limits"]> = {
  callers: { anonymous: { ratePerSecond: 10_000, burst: 10_000 }, user: { ratePerSecond: 10_000, burst: 10_000 } },
  guessing: { failures: 1_000 },
};

export function testConfig(simulatorUrl: string, suppliers?: SupplierChoice): AppConfig {
  const env = testResourceEnvironment(simulatorUrl, undefined, undefined, suppliers);
  const links = Object.fromEntries(
    Object.entries(env)
      .filter(([key]) => key.startsWith("SST_RESOURCE_"))
      .map(([key, value]) => [key.slice("SST_RESOURCE_".length), JSON.parse(value)]),
  );
  return readConfig(links);
}

export interface TestApi {
  url: string;
  /** An access token for this email from the API's own issuer (real sign-in flow). */
  signIn(email: string): Promise<string>;
  /** The API's issuer (its URL, full token sets). */
  issuer: RunningIssuer;
  deps: ApiDependencies;
  config: AppConfig;
  get(path: string, init?: RequestInit): Promise<Response>;
  /** A request as the admin (testAdminEmail), signed in at the API's issuer. */
  admin(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** The real app on a real HTTP server, wired to the run's DynamoDB Local and Redis. */
export async function startApi(
  simulatorUrl: string,
  options: DependencyOverrides & { config?: AppConfig; suppliers?: SupplierChoice } = {},
): Promise<TestApi> {
  const { config: givenConfig, suppliers, ...overrides } = options;
  const config = givenConfig ?? testConfig(simulatorUrl, suppliers);
  await ensureStageTables(config as unknown as Record<string, { name: string }>);
  const issuer = await startIssuer({ auth: config.AuthTable.name, audit: config.AuditTable.name }, [testAdminEmail]);
  config.Auth = { url: issuer.url };
  const deps = createApiDependencies(config, { limits: roomyLimits, bus: inProcessBus(config), ...overrides });
  const app = createApp(deps, { clientAddress: (c) => getConnInfo(c).remote.address, allowedOrigins: config.ApiSettings.allowedOrigins, compress: true });
  const server = await listen(app.fetch);
  let adminToken: Promise<string> | undefined;
  return {
    url: server.url,
    signIn: issuer.signIn,
    issuer,
    deps,
    config,
    get: (path, init) => fetch(`${server.url}${path}`, init),
    admin: async (path, init = {}) =>
      fetch(`${server.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${await (adminToken ??= issuer.signIn(testAdminEmail))}`, "content-type": "application/json", ...(init.headers as Record<string, string>) },
      }),
    close: async () => {
      await server.close();
      await issuer.close();
      await deps.close();
    },
  };
}
