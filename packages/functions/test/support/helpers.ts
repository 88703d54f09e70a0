import { readConfig, type AppConfig } from "@travel/core/config";
import { createApp } from "../../src/api/app";
import { createApiDependencies, type ApiDependencies, type DependencyOverrides } from "../../src/api/deps";
import { startIssuer } from "./auth";
import { ensureStageTables, listen, testAdminKey, testResourceEnvironment } from "./stack";

export * from "./stack";

/** The email the test issuers sign in as an admin. */
export const testAdminEmail = "admin@example.com";

export function testConfig(simulatorUrl: string): AppConfig {
  const env = testResourceEnvironment(simulatorUrl);
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
  deps: ApiDependencies;
  config: AppConfig;
  get(path: string, init?: RequestInit): Promise<Response>;
  /** A request with the admin bearer key. */
  admin(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** The real app on a real HTTP server, wired to the run's DynamoDB Local and Redis. */
export async function startApi(
  simulatorUrl: string,
  options: DependencyOverrides & { config?: AppConfig } = {},
): Promise<TestApi> {
  const { config: givenConfig, ...overrides } = options;
  const config = givenConfig ?? testConfig(simulatorUrl);
  await ensureStageTables(config as unknown as Record<string, { name: string }>);
  const issuer = await startIssuer(config.AuthTable.name, [testAdminEmail]);
  config.Auth = { url: issuer.url };
  const deps = createApiDependencies(config, overrides);
  const server = await listen(createApp(deps, { adminApiKey: testAdminKey, compress: true }).fetch);
  return {
    url: server.url,
    signIn: issuer.signIn,
    deps,
    config,
    get: (path, init) => fetch(`${server.url}${path}`, init),
    admin: (path, init = {}) =>
      fetch(`${server.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${testAdminKey}`, "content-type": "application/json", ...(init.headers as Record<string, string>) },
      }),
    close: async () => {
      await server.close();
      await issuer.close();
      await deps.close();
    },
  };
}

