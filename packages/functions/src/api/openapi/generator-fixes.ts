/**
 * Where the schema generator (zod-to-openapi, under @hono/zod-openapi) writes something the zod
 * schemas do not say, corrected in one pass over the generated document:
 * - a regex with flags leaks them into `pattern` (`^[\p{L}]+$/u`: it strips the slashes of
 *   RegExp#toString, not the flags); JSON Schema patterns are ECMA-262 with Unicode semantics
 *   already, so the source alone is the pattern;
 * - it decides nullability by parsing `null`, which a coercing schema (`z.coerce.number()`)
 *   accepts, so query parameters come out as `["integer", "null"]`: a query string has no null;
 * - it drops the integer width zod enforces (`.int()` is a safe integer): int32 where the
 *   schema's own bounds fit in 32 bits, else int64.
 */
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null;

function eachSchemaNode(node: unknown, visit: (node: Json) => void): void {
  if (Array.isArray(node)) return node.forEach((item) => eachSchemaNode(item, visit));
  if (!isObject(node)) return;
  visit(node);
  for (const value of Object.values(node)) eachSchemaNode(value, visit);
}

const leakedFlags = /\/[dgimsuvy]+$/;
const int32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

function isInteger(node: Json): boolean {
  return node.type === "integer" || (Array.isArray(node.type) && node.type.includes("integer"));
}

function fitsInt32(node: Json): boolean {
  const min = (node.minimum ?? node.exclusiveMinimum) as number | undefined;
  const max = (node.maximum ?? node.exclusiveMaximum) as number | undefined;
  return min !== undefined && max !== undefined && min >= int32.min && max <= int32.max;
}

export function correctGeneratorOutput(document: Json): void {
  eachSchemaNode(document, (node) => {
    if (typeof node.pattern === "string" && leakedFlags.test(node.pattern) && node.pattern.includes("$/")) {
      node.pattern = node.pattern.replace(leakedFlags, "");
    }
    if (isInteger(node) && node.format === undefined && !("$ref" in node)) node.format = fitsInt32(node) ? "int32" : "int64";
  });
  for (const item of Object.values((document.paths ?? {}) as Record<string, Json>)) {
    for (const operation of Object.values(item)) {
      if (!isObject(operation) || !Array.isArray(operation.parameters)) continue;
      for (const parameter of operation.parameters as Json[]) {
        const schema = parameter.schema;
        if (isObject(schema) && Array.isArray(schema.type)) {
          const types = schema.type.filter((type) => type !== "null");
          schema.type = types.length === 1 ? types[0] : types;
        }
      }
    }
  }
}
