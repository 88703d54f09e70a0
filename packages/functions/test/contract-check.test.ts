import { describe, expect, it } from "vitest";
import { ContractCheck } from "./support/contract";

/**
 * The judge of contract-responses.test.ts judged: on a small document, each way a response can
 * break its contract is reported, and a conforming one is not.
 */
const document = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: {
    "/things/{id}": {
      get: {
        operationId: "getThing",
        responses: {
          200: {
            description: "a thing",
            headers: { "RateLimit-Remaining": { $ref: "#/components/headers/RateLimit-Remaining" }, ETag: { schema: { type: "string" } } },
            content: { "application/json": { schema: { type: "object", properties: { data: { $ref: "#/components/schemas/Thing" } }, required: ["data"] } } },
          },
          202: { description: "accepted, nothing to say" },
          304: { description: "unchanged" },
          "4XX": { $ref: "#/components/responses/Problem" },
        },
      },
    },
    "/other": { post: { responses: { 201: { description: "made" } } } },
  },
  components: {
    schemas: {
      Thing: { type: "object", properties: { id: { type: "string", pattern: "^t_" }, size: { type: "integer" } }, required: ["id"] },
      Problem: { type: "object", properties: { status: { type: "integer" } }, required: ["status"] },
    },
    headers: { "RateLimit-Remaining": { required: true, schema: { type: "integer", minimum: 0 } } },
    responses: { Problem: { description: "a problem", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } } },
  },
};

const json = (status: number, body: unknown, headers: Record<string, string> = {}, type = "application/json") =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": `${type}; charset=UTF-8`, "ratelimit-remaining": "4", ...headers } });

describe("ContractCheck", () => {
  const check = () => {
    const contract = new ContractCheck(document);
    return { contract, getThing: contract.operation("GET", "/things/{id}") };
  };

  it("passes a response as declared, a status range and a declared empty answer", async () => {
    const { contract, getThing } = check();
    expect(await contract.problemsOf(getThing, json(200, { data: { id: "t_1", size: 2 } }, { etag: '"x"' }))).toEqual([]);
    expect(await contract.problemsOf(getThing, json(404, { status: 404 }, {}, "application/problem+json"))).toEqual([]);
    expect(await contract.problemsOf(getThing, new Response(null, { status: 304 }))).toEqual([]);
  });

  it("reports an undeclared status, content type, body, a missing or wrong header", async () => {
    const { contract, getThing } = check();
    expect(await contract.problemsOf(getThing, json(500, { status: 500 }))).toEqual([expect.stringContaining("status 500 is not declared")]);
    expect(await contract.problemsOf(getThing, json(200, { data: { id: "t_1" } }, {}, "text/plain"))).toEqual([expect.stringContaining("content type text/plain; charset=UTF-8 is not declared")]);
    expect(await contract.problemsOf(getThing, json(200, { data: { id: "x", size: "big" } }))).toEqual([
      expect.stringMatching(/^body \/data\/id must match pattern/),
      expect.stringMatching(/^body \/data\/size must be integer/),
    ]);
    expect(await contract.problemsOf(getThing, new Response("{}", { status: 200, headers: { "content-type": "application/json" } }))).toEqual([
      "header RateLimit-Remaining is required but missing",
      expect.stringContaining("must have required property 'data'"),
    ]);
    expect(await contract.problemsOf(getThing, json(200, { data: { id: "t_1" } }, { "ratelimit-remaining": "-1" }))).toEqual([expect.stringMatching(/^header RateLimit-Remaining: "-1" must be >= 0/)]);
    expect(await contract.problemsOf(getThing, new Response("changed", { status: 202 }))).toEqual([expect.stringContaining("no body is declared")]);
  });

  it("names the operations never answered with a success", async () => {
    const { contract, getThing } = check();
    expect(contract.unanswered()).toEqual(["getThing", "POST /other"]);
    await contract.problemsOf(getThing, json(404, { status: 404 }, {}, "application/problem+json"));
    expect(contract.unanswered()).toEqual(["getThing", "POST /other"]);
    await contract.problemsOf(getThing, new Response(null, { status: 304 }));
    expect(contract.unanswered()).toEqual(["POST /other"]);
    expect(() => contract.operation("GET", "/nowhere")).toThrow("declares no GET /nowhere");
  });
});
