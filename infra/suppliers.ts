/// <reference path="../.sst/platform/config.d.ts" />

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
