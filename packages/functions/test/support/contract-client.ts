import { createTravelClient, type TravelClient } from "@travel/client";
import { expect } from "vitest";
import type { ContractCheck, DeclaredOperation } from "./contract";

/**
 * The generated client, with every response it receives checked against the document (a soft
 * assertion: one test reports every response that breaks the contract, not only the first).
 */
export function checkedClient(contract: ContractCheck, baseUrl: string, headers: Record<string, string> = {}): TravelClient {
  const client = createTravelClient({ baseUrl, headers });
  client.use({
    onResponse: async ({ request, schemaPath, response }) => {
      await expectConforming(contract, contract.operation(request.method, schemaPath), response.clone());
    },
  });
  return client;
}

export async function expectConforming(contract: ContractCheck, declared: DeclaredOperation, response: Response): Promise<void> {
  expect.soft(await contract.problemsOf(declared, response), `${declared.key} (${declared.method} ${declared.path}) answered ${response.status}`).toEqual([]);
}

/** A raw request to an operation whatever its parameters (path parameters filled with `x`). */
export async function callRaw(baseUrl: string, declared: DeclaredOperation, headers: Record<string, string>): Promise<Response> {
  const path = declared.path.replace(/\{[^}]+\}/g, "x");
  const body = declared.operation.requestBody ? "{}" : undefined;
  return fetch(`${baseUrl}${path}`, { method: declared.method, headers: { "content-type": "application/json", ...headers }, ...(body ? { body } : {}) });
}
