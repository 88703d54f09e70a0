/**
 * How @pulumi/pulumi marks a secret value in serialized inputs (its rpc.ts `specialSigKey` and
 * `specialSecretSig`): recorded inputs keep the marker, so readers can tell a secret from a value.
 */
const signatureKey = "4dabf18193072939515e22adb298388d";
const secretSignature = "1b47061264138c4ac30d75fd1eb44270";

export function isPulumiSecret(value: unknown): value is { value: unknown } {
  return Boolean(value && typeof value === "object" && (value as Record<string, unknown>)[signatureKey] === secretSignature);
}
