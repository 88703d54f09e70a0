import express from "express";
import { Redis } from "ioredis";

/**
 * What a team might write instead: Express, cache-aside on Redis keyed by the query string, the
 * supplier called on a miss. No validation, single flight, stale serving or L1.
 */
const redis = new Redis(process.env.REDIS_URL!);
const supplier = process.env.SUPPLIER_URL!;
let token: { value: string; expiresAt: number } | undefined;

async function accessToken(): Promise<string> {
  if (token && token.expiresAt > Date.now()) return token.value;
  const response = await fetch(`${supplier}/v1/security/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials&client_id=local-client&client_secret=local-secret",
  });
  const body = (await response.json()) as { access_token: string; expires_in: number };
  token = { value: body.access_token, expiresAt: Date.now() + (body.expires_in - 60) * 1000 };
  return token.value;
}

const app = express();
app.get("/v1/search/flights", async (req, res) => {
  const q = req.query as Record<string, string>;
  const key = `express:flights:${JSON.stringify(Object.entries(q).sort())}`;
  const cached = await redis.get(key);
  if (cached) {
    res.json(JSON.parse(cached));
    return;
  }
  const params = new URLSearchParams({
    originLocationCode: q.origin!,
    destinationLocationCode: q.destination!,
    departureDate: q.departureDate!,
    adults: q.adults ?? "1",
    ...(q.returnDate ? { returnDate: q.returnDate } : {}),
  });
  const response = await fetch(`${supplier}/v2/shopping/flight-offers?${params}`, {
    headers: { authorization: `Bearer ${await accessToken()}` },
  });
  const body = await response.json();
  await redis.set(key, JSON.stringify(body), "EX", 300);
  res.json(body);
});
app.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
