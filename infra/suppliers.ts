/// <reference path="../.sst/platform/config.d.ts" />
import { duffelApi, parseSupplierList } from "../packages/core/src/config/suppliers";

/**
 * Which suppliers each vertical asks, side by side: FLIGHT_SUPPLIERS and STAY_SUPPLIERS at deploy
 * time (comma lists of duffel, amadeus; default both), the same variables the local runner reads.
 */
export const searchSuppliers = new sst.Linkable("SearchSuppliers", {
  properties: {
    flights: parseSupplierList("flights", process.env.FLIGHT_SUPPLIERS),
    stays: parseSupplierList("stays", process.env.STAY_SUPPLIERS),
  },
});

/**
 * Duffel, through its official client: the access token is a secret
 * (`sst secret set DuffelAccessToken duffel_test_… --stage dev`, a `duffel_live_…` token in
 * production); DUFFEL_API_URL at deploy time points a stage at another Duffel-compatible server.
 */
const duffelAccessToken = new sst.Secret("DuffelAccessToken");
export const duffelApiLink = new sst.Linkable("DuffelApi", {
  properties: { baseUrl: process.env.DUFFEL_API_URL ?? duffelApi.productionUrl, accessToken: duffelAccessToken.value, timeoutMs: duffelApi.timeoutMs },
});

/**
 * The secret Duffel signs its webhooks with (given when the webhook is created in Duffel's
 * dashboard or API): `sst secret set DuffelWebhookSecret … --stage <stage>`. Linked as is, so the
 * API reads `DuffelWebhookSecret.value`; until it is set, `POST /v1/webhooks/duffel` answers 503.
 */
export const duffelWebhookSecret = new sst.Secret("DuffelWebhookSecret", "");

/**
 * The travel content supplier (Amadeus Self-Service format). Credentials are secrets:
 * `sst secret set SupplierClientId …` and `sst secret set SupplierClientSecret …` per stage.
 */
const clientId = new sst.Secret("SupplierClientId");
const clientSecret = new sst.Secret("SupplierClientSecret");

export const supplierApi = new sst.Linkable("SupplierApi", {
  properties: {
    baseUrl: $app.stage === "production" ? "https://api.amadeus.com" : "https://test.api.amadeus.com",
    clientId: clientId.value,
    clientSecret: clientSecret.value,
    timeoutMs: 3000,
  },
});

/** The car rental supplier: base URL and credentials per stage, all secrets. */
const carBaseUrl = new sst.Secret("CarSupplierBaseUrl");
const carClientId = new sst.Secret("CarSupplierClientId");
const carClientSecret = new sst.Secret("CarSupplierClientSecret");

export const carSupplierApi = new sst.Linkable("CarSupplierApi", {
  properties: { baseUrl: carBaseUrl.value, clientId: carClientId.value, clientSecret: carClientSecret.value, timeoutMs: 3000 },
});
