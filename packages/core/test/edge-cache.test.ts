import { describe, expect, it } from "vitest";
import { edgeCacheBypassHeader, edgeCacheRule } from "../src/config/edge-cache";

type Headers = Record<string, { value: string }>;

/** Run the rule as CloudFront would, at the start of a viewer-request handler; the headers it leaves. */
function atTheEdge(method: string, uri: string, headers: Headers = {}): Headers {
  const event = { request: { method, uri, headers: { ...headers }, querystring: {} }, context: { requestId: "request-1" } };
  new Function("event", edgeCacheRule())(event);
  return event.request.headers;
}

const bypassed = (headers: Headers) => headers[edgeCacheBypassHeader]?.value === "request-1";

describe("the Router's edge cache rule", () => {
  it("leaves anonymous GETs of public searches and the app's files to the cache", () => {
    for (const uri of ["/v1/search/flights", "/v1/search/hotels", "/v1/destinations", "/v1/destinations/popular", "/", "/index.html", "/assets/app-1a2b.js", "/app-config.json", "/callback"]) {
      expect(bypassed(atTheEdge("GET", uri)), uri).toBe(false);
    }
  });

  it("never lets a request with credentials share a cache entry, on any path", () => {
    for (const uri of ["/v1/search/flights", "/v1/destinations", "/index.html"]) {
      expect(bypassed(atTheEdge("GET", uri, { authorization: { value: "Bearer token" } })), uri).toBe(true);
      expect(bypassed(atTheEdge("GET", uri, { "x-api-key": { value: "tpk_key" } })), uri).toBe(true);
    }
  });

  it("keeps every other API request out of the cache", () => {
    for (const uri of ["/v1/me", "/v1/reservations/r-1", "/v1/offers/o-1", "/v1/searches", "/health", "/health/ready", "/openapi.json", "/docs"]) {
      expect(bypassed(atTheEdge("GET", uri)), uri).toBe(true);
    }
    expect(bypassed(atTheEdge("POST", "/v1/search/flights"))).toBe(true);
    expect(bypassed(atTheEdge("HEAD", "/v1/destinations"))).toBe(true);
  });

  it("drops a bypass header the viewer sent, so nobody can choose another request's key", () => {
    expect(atTheEdge("GET", "/v1/search/flights", { [edgeCacheBypassHeader]: { value: "someone-else" } })[edgeCacheBypassHeader]).toBeUndefined();
  });

  it("fits beside SST's router code in CloudFront Functions' 10 KB", () => {
    expect(edgeCacheRule().length).toBeLessThan(400);
  });
});
