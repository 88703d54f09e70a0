import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/**
 * Responses held to the API's own OpenAPI document: each status must be declared for its
 * operation, its content type and body must match the declared schema, its declared headers must
 * be there and match theirs. Every response checked counts its operation as called.
 */
type Json = Record<string, any>;

export interface DeclaredOperation {
  /** The operationId, or `METHOD /path/{template}` where the document has none. */
  key: string;
  method: string;
  path: string;
  operation: Json;
}

const methods = ["get", "put", "post", "patch", "delete", "head", "options", "trace"];
/** The id component schemas are registered under, so `#/components/schemas/X` resolves inside ajv. */
const componentsId = "openapi-components.json";

export async function fetchDocument(apiUrl: string): Promise<Json> {
  const response = await fetch(`${apiUrl}/openapi.json`);
  if (!response.ok) throw new Error(`GET /openapi.json answered ${response.status}`);
  return (await response.json()) as Json;
}

export function declaredOperations(document: Json): DeclaredOperation[] {
  return Object.entries((document.paths ?? {}) as Record<string, Json>).flatMap(([path, item]) =>
    methods
      .filter((method) => item[method])
      .map((method) => ({ key: item[method].operationId ?? `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, operation: item[method] as Json })),
  );
}

/** Schemas point at components by local pointer; inside ajv they are one registered document. */
function withComponentRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withComponentRefs);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      key === "$ref" && typeof v === "string" && v.startsWith("#/components/schemas/") ? `${componentsId}#/$defs/${v.slice("#/components/schemas/".length)}` : withComponentRefs(v),
    ]),
  );
}

function validatorWith(document: Json, options: { coerceTypes?: boolean }): Ajv2020 {
  // Strict: a keyword ajv does not know is a schema the document got wrong, except these, which
  // OpenAPI 3.1 adds to JSON Schema as annotations.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false, ...options });
  ajv.addVocabulary(["example", "discriminator", "xml", "externalDocs"]);
  addFormats(ajv);
  ajv.addSchema({ $id: componentsId, $defs: withComponentRefs(document.components?.schemas ?? {}) });
  return ajv;
}

const describeErrors = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).slice(0, 10).map((e) => `${e.instancePath || "(root)"} ${e.message}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ""}`);

export class ContractCheck {
  readonly operations: DeclaredOperation[];
  private readonly byRoute: Map<string, DeclaredOperation>;
  private readonly statusesSeen = new Map<string, Set<number>>();
  private readonly bodies: Ajv2020;
  private readonly headers: Ajv2020;
  private readonly compiled = new Map<Ajv2020, Map<Json, ValidateFunction>>();

  constructor(readonly document: Json) {
    this.operations = declaredOperations(document);
    this.byRoute = new Map(this.operations.map((o) => [`${o.method} ${o.path}`, o]));
    this.bodies = validatorWith(document, {});
    // Header values are strings on the wire; a declared integer is checked as the number it spells.
    this.headers = validatorWith(document, { coerceTypes: true });
  }

  /** The operation at a path template (`/v1/offers/{id}`), as the document declares it. */
  operation(method: string, path: string): DeclaredOperation {
    const declared = this.byRoute.get(`${method.toUpperCase()} ${path}`);
    if (!declared) throw new Error(`the document declares no ${method.toUpperCase()} ${path}`);
    return declared;
  }

  /** What is wrong with one response of an operation, by the document (nothing: []). */
  async problemsOf(declared: DeclaredOperation, response: Response): Promise<string[]> {
    if (!this.statusesSeen.has(declared.key)) this.statusesSeen.set(declared.key, new Set());
    this.statusesSeen.get(declared.key)!.add(response.status);
    const responses = (declared.operation.responses ?? {}) as Json;
    const found = responses[String(response.status)] ?? responses[`${String(response.status)[0]}XX`] ?? responses.default;
    const body = await response.text();
    if (!found) return [`status ${response.status} is not declared (declared: ${Object.keys(responses).join(", ")}); body: ${body.slice(0, 300)}`];
    const declaredResponse = this.resolve(found);
    return [...this.headerProblems(declaredResponse, response.headers), ...this.bodyProblems(declaredResponse, response.headers.get("content-type"), body)];
  }

  /**
   * Declared operations no checked response has answered with a success (2xx or 304): a refusal
   * alone shows the route exists, not that its declared answer is true.
   */
  unanswered(): string[] {
    return this.operations.map((o) => o.key).filter((key) => ![...(this.statusesSeen.get(key) ?? [])].some((s) => (s >= 200 && s < 300) || s === 304));
  }

  /** Each called operation's statuses, for the report. */
  coverage(): Record<string, number[]> {
    return Object.fromEntries([...this.statusesSeen].map(([key, statuses]) => [key, [...statuses].sort()]));
  }

  private resolve(value: Json): Json {
    for (let depth = 0; typeof value?.$ref === "string" && depth < 10; depth++) {
      const pointer = (value.$ref as string).replace(/^#\//, "").split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
      value = pointer.reduce<Json>((node, part) => node?.[part], this.document);
    }
    if (!value) throw new Error("a $ref in the document points at nothing");
    return value;
  }

  /** A declared schema compiled once (`wrap` puts it where the value to check sits). */
  private validator(ajv: Ajv2020, schema: Json, wrap: (schema: Json) => Json = (s) => s): ValidateFunction {
    if (!this.compiled.has(ajv)) this.compiled.set(ajv, new Map());
    const cache = this.compiled.get(ajv)!;
    let validate = cache.get(schema);
    if (!validate) {
      validate = ajv.compile(wrap(withComponentRefs(schema) as Json));
      cache.set(schema, validate);
    }
    return validate;
  }

  private headerProblems(declaredResponse: Json, headers: Headers): string[] {
    return Object.entries((declaredResponse.headers ?? {}) as Json).flatMap(([name, header]) => {
      // OpenAPI: a declared Content-Type header is ignored (the content map says it).
      if (name.toLowerCase() === "content-type") return [];
      const { required, schema } = this.resolve(header as Json);
      const value = headers.get(name);
      if (value === null) return required ? [`header ${name} is required but missing`] : [];
      if (!schema) return [];
      const validate = this.validator(this.headers, schema, (s) => ({ type: "object", properties: { value: s } }));
      return validate({ value }) ? [] : describeErrors(validate.errors).map((e) => `header ${name}: ${JSON.stringify(value)} ${e.replace(/^\/value ?/, "")}`);
    });
  }

  private bodyProblems(declaredResponse: Json, contentType: string | null, body: string): string[] {
    const content = (declaredResponse.content ?? {}) as Json;
    if (Object.keys(content).length === 0) return body === "" ? [] : [`no body is declared, got ${contentType}: ${body.slice(0, 200)}`];
    const mediaType = contentType?.split(";")[0]!.trim().toLowerCase() ?? "";
    const match = Object.keys(content).find((declared) => declared === mediaType || (declared.endsWith("/*") && mediaType.startsWith(declared.slice(0, -1))) || declared === "*/*");
    if (!match) return [`content type ${contentType ?? "(none)"} is not declared (declared: ${Object.keys(content).join(", ")})`];
    const schema = (content[match] as Json).schema as Json | undefined;
    if (!schema) return [];
    if (!/[/+]json$/.test(mediaType)) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return [`body is not JSON: ${body.slice(0, 200)}`];
    }
    const validate = this.validator(this.bodies, schema);
    return validate(parsed) ? [] : describeErrors(validate.errors).map((e) => `body ${e}`);
  }
}
