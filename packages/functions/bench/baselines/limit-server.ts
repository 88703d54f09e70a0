import { createServer } from "node:http";
import { Redis } from "ioredis";

/**
 * The limit: a bare node:http server that answers each request with one ioredis GET of the same
 * payload the API serves. Nothing a real endpoint needs (validation, keys, headers, logs) is here.
 */
const redis = new Redis(process.env.REDIS_URL!);
const server = createServer(async (req, res) => {
  const body = await redis.get(`limit:${req.url}`);
  if (body === null) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": "application/json" }).end(body);
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
