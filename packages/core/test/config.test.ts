import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../src/config";

const complete = {
  App: { name: "travel-platform", stage: "dev" },
  CatalogTable: { name: "travel-platform-dev-CatalogTable" },
  Redis: { host: "localhost", port: 6379, username: "default", password: "" },
  Bus: { name: "bus", arn: "arn:aws:events:us-east-1:123456789012:event-bus/bus" },
  SupplierApi: { baseUrl: "https://test.api.amadeus.com", clientId: "id", clientSecret: "secret" },
  AdminApiKey: { value: "an-admin-key-of-some-length" },
  CarSupplierApi: { baseUrl: "https://cars.example.com", clientId: "id", clientSecret: "secret" },
};

describe("configuration from SST links", () => {
  it("validates and types every link, filling defaults", () => {
    const config = readConfig(complete);
    expect(config.Redis.port).toBe(6379);
    expect(config.SupplierApi.timeoutMs).toBe(3000);
  });

  it("names a missing link", () => {
    const { Redis: _redis, ...withoutRedis } = complete;
    expect(() => readConfig(withoutRedis)).toThrow(ConfigError);
    expect(() => readConfig(withoutRedis)).toThrow(/Missing link "Redis"/);
  });

  it("names the invalid field of a malformed link", () => {
    expect(() => readConfig({ ...complete, SupplierApi: { ...complete.SupplierApi, baseUrl: "not a url" } })).toThrow(
      /Invalid link "SupplierApi": baseUrl/,
    );
  });
});
