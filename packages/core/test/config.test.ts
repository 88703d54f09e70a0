import { describe, expect, it } from "vitest";
import { ConfigError, parseSupplierList, readApiConfig, readConfig } from "../src/config";

const complete = {
  App: { name: "travel-platform", stage: "dev" },
  CatalogTable: { name: "travel-platform-dev-CatalogTable" },
  Redis: { host: "localhost", port: 6379, username: "default", password: "" },
  Bus: { name: "bus", arn: "arn:aws:events:us-east-1:123456789012:event-bus/bus" },
  SupplierApi: { baseUrl: "https://test.api.amadeus.com", clientId: "id", clientSecret: "secret" },
  CarSupplierApi: { baseUrl: "https://cars.example.com", clientId: "id", clientSecret: "secret" },
  SearchSuppliers: { flights: ["duffel", "amadeus"], stays: ["amadeus"] },
  DuffelApi: { baseUrl: "https://api.duffel.com", accessToken: "duffel_test_abc" },
  DuffelWebhookSecret: { value: "" },
  ReservationsTable: { name: "dev-reservation-reservations" },
  OrdersTable: { name: "dev-reservation-orders" },
  IdempotencyTable: { name: "dev-reservation-idempotency" },
  OutboxTable: { name: "dev-reservation-outbox" },
  AuthTable: { name: "travel-platform-dev-AuthTable" },
  AuditTable: { name: "travel-platform-dev-AuditTable" },
  ApiSettings: { allowedOrigins: ["https://www.example-travel.com"] },
  Auth: { url: "https://auth.example.com" },
  ReservationBus: { name: "dev-reservation-events", arn: "arn:aws:events:us-east-1:123456789012:event-bus/dev-reservation-events" },
  ReservationDeadLetterQueue: { url: "https://sqs.us-east-1.amazonaws.com/123456789012/dev-reservation-events-dlq" },
  Booking: {},
  AnalyticsForwarding: {},
  Payments: { provider: "stripe", secretKey: "sk_test_abc" },
  Email: { sender: "bookings@example.com", configSet: "dev-email" },
};

describe("configuration from SST links", () => {
  it("validates and types every link, filling defaults", () => {
    const config = readConfig(complete);
    expect(config.Redis.port).toBe(6379);
    expect(config.SupplierApi.timeoutMs).toBe(3000);
    expect(config.ReservationBus.delivery).toBe("eventbridge");
  });

  it("refuses a payment link without a Stripe key and a dead-letter queue that is neither SQS nor a directory", () => {
    expect(() => readConfig({ ...complete, Payments: { provider: "stripe", secretKey: "pk_test_abc" } })).toThrow(/Invalid link "Payments": secretKey: must be a Stripe secret/);
    expect(() => readConfig({ ...complete, Payments: { provider: "paypal" } })).toThrow(/Invalid link "Payments"/);
    expect(() => readConfig({ ...complete, ReservationDeadLetterQueue: { url: "ftp://x" } })).toThrow(/ReservationDeadLetterQueue": url: must be an SQS/);
  });

  it("takes CORS origins only as origins", () => {
    expect(readConfig({ ...complete, ApiSettings: {} }).ApiSettings.allowedOrigins).toEqual([]);
    expect(() => readConfig({ ...complete, ApiSettings: { allowedOrigins: ["https://www.example-travel.com/app"] } })).toThrow(/ApiSettings": allowedOrigins.0: must be an origin/);
    expect(() => readConfig({ ...complete, ApiSettings: { allowedOrigins: ["*"] } })).toThrow(/Invalid link "ApiSettings"/);
  });

  it("asks the API only for the links it uses (not the reservation bus, its DLQ or the issuer's storage)", () => {
    const { ReservationBus: _bus, ReservationDeadLetterQueue: _dlq, AuthTable: _auth, ...apiLinks } = complete;
    expect(readApiConfig(apiLinks).ReservationsTable.name).toBe("dev-reservation-reservations");
    expect(() => readConfig(apiLinks)).toThrow(/Missing link "(AuthTable|ReservationBus|ReservationDeadLetterQueue)"/);
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

  it("takes the suppliers of each vertical from a comma list, in order, and refuses what no vertical sells", () => {
    expect(parseSupplierList("flights", undefined)).toEqual(["duffel", "amadeus"]);
    expect(parseSupplierList("stays", " Amadeus , duffel,amadeus")).toEqual(["amadeus", "duffel"]);
    expect(() => parseSupplierList("flights", "duffel,sabre")).toThrow("FLIGHT_SUPPLIERS: unknown supplier sabre; choose from duffel, amadeus");
    expect(() => readConfig({ ...complete, SearchSuppliers: { flights: [], stays: ["duffel"] } })).toThrow(/Invalid link "SearchSuppliers": flights/);
    expect(() => readConfig({ ...complete, DuffelApi: { baseUrl: "https://api.duffel.com", accessToken: "sk_test_x" } })).toThrow(
      /Invalid link "DuffelApi": accessToken: must be a Duffel access token/,
    );
    expect(readConfig(complete).DuffelApi.timeoutMs).toBe(8000);
  });
});
