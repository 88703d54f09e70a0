import { createHash, randomBytes } from "node:crypto";

/**
 * The authorization-code flow with PKCE, driven like a browser would: /authorize, the code
 * provider's email form, its code form, the redirect with the authorization code, then /token.
 * `pnpm token` and the tests use it, so tokens always come from the real flow.
 */
export interface SignInOptions {
  issuerUrl: string;
  email: string;
  clientId?: string;
  redirectUri?: string;
  /** Where the code the issuer sent can be read (the local code sink). */
  readCode(email: string): Promise<string>;
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

export async function signInWithCode(options: SignInOptions): Promise<Tokens> {
  const clientId = options.clientId ?? "travel-cli";
  const redirectUri = options.redirectUri ?? "http://127.0.0.1/callback";
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const state = randomBytes(12).toString("base64url");
  const cookies = new Map<string, string>();

  const request = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const response = await fetch(new URL(path, options.issuerUrl), {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
      signal: AbortSignal.timeout(10_000),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      cookies.set(name!.trim(), value.join("="));
    }
    return response;
  };
  const form = (fields: Record<string, string>) => ({
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  const requireStatus = async (response: Response, status: number, step: string) => {
    if (response.status !== status) throw new Error(`sign-in failed at ${step}: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
    return response;
  };

  const authorize = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: "code",
    provider: "code",
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  const started = await requireStatus(await request(`/authorize?${authorize}`), 302, "authorize");
  const next = new URL(started.headers.get("location")!, options.issuerUrl);
  // A refused client or redirect comes back to the redirect URI with an OAuth error.
  if (next.origin !== new URL(options.issuerUrl).origin) {
    throw new Error(`sign-in refused at authorize: ${next.searchParams.get("error") ?? "redirected away"} ${next.searchParams.get("error_description") ?? ""}`.trim());
  }
  await requireStatus(await request(next.pathname + next.search), 200, "email form");
  await requireStatus(await request("/code/authorize", form({ action: "request", email: options.email })), 200, "send code");
  const code = await options.readCode(options.email);
  const verified = await requireStatus(await request("/code/authorize", form({ action: "verify", code })), 302, "verify code");
  const callback = new URL(verified.headers.get("location")!);
  if (callback.searchParams.get("state") !== state) throw new Error("sign-in failed: state mismatch");
  const authorizationCode = callback.searchParams.get("code");
  if (!authorizationCode) throw new Error(`sign-in failed: no authorization code in ${callback}`);
  const tokens = await requireStatus(
    await request("/token", form({ grant_type: "authorization_code", code: authorizationCode, redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier })),
    200,
    "token",
  );
  return (await tokens.json()) as Tokens;
}
