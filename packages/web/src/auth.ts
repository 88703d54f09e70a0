import { useSyncExternalStore } from "react";
import { appConfig } from "./config";

/**
 * Sign-in: OAuth 2.0 authorization code + PKCE against our OpenAuth issuer, from the browser, as
 * OpenAuth's single-page-app example keeps tokens: the access token only in memory, the refresh
 * token in localStorage (rotated on every refresh), the PKCE verifier in sessionStorage for the
 * round trip. Access tokens last 15 minutes and are refreshed silently shortly before they end.
 */
export const clientId = "travel-web";
const refreshKey = "travel.refresh";
const challengeKey = "travel.challenge";
const returnToKey = "travel.returnTo";

export interface SignedInUser {
  id: string;
  email: string;
  role: "traveller" | "admin";
}

type State = { status: "unknown" } | { status: "signed-out" } | { status: "signed-in"; user: SignedInUser };

let state: State = { status: "unknown" };
let access: { token: string; expiresAt: number } | undefined;
const listeners = new Set<() => void>();

function setState(next: State) {
  state = next;
  for (const listener of listeners) listener();
}

export function useAuth(): State {
  return useSyncExternalStore(
    (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    () => state,
  );
}

const redirectUri = () => `${window.location.origin}/callback`;

/** The OpenAuth client, loaded when first needed: an anonymous first visit never fetches it. */
async function client() {
  const [{ authUrl }, { createClient }] = await Promise.all([appConfig(), import("@openauthjs/openauth/client")]);
  // Every call to the issuer ends within 10 s: a hung issuer must not leave the app undecided.
  return createClient({ clientID: clientId, issuer: authUrl, fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(10_000) }) });
}

/**
 * Who the token names, for display and for showing admin links only: the API checks the token's
 * signature and role on every call. A JWT payload is base64url JSON; decoding it needs no library.
 */
function userOf(token: string): { user: SignedInUser; expiresAt: number } {
  const payload = JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))) as {
    exp: number;
    properties: SignedInUser;
  };
  return { user: payload.properties, expiresAt: payload.exp * 1000 };
}

function keep(tokens: { access: string; refresh: string }) {
  const { user, expiresAt } = userOf(tokens.access);
  access = { token: tokens.access, expiresAt };
  localStorage.setItem(refreshKey, tokens.refresh);
  setState({ status: "signed-in", user });
}

export function signOut() {
  access = undefined;
  localStorage.removeItem(refreshKey);
  setState({ status: "signed-out" });
}

/** Off to the issuer; `returnTo` is where the traveller lands after signing in. */
export async function signIn(returnTo = window.location.pathname + window.location.search) {
  const { challenge, url } = await (await client()).authorize(redirectUri(), "code", { pkce: true, provider: "code" });
  sessionStorage.setItem(challengeKey, JSON.stringify(challenge));
  sessionStorage.setItem(returnToKey, returnTo);
  window.location.assign(url);
}

/** Back from the issuer with `?code=…&state=…`: exchange the code; answers where to go next. */
export async function completeSignIn(search: URLSearchParams): Promise<string> {
  const error = search.get("error");
  if (error) throw new Error(`Sign-in was refused: ${search.get("error_description") ?? error}`);
  const code = search.get("code");
  const saved = sessionStorage.getItem(challengeKey);
  if (!code || !saved) throw new Error("This sign-in link is incomplete or was already used. Please sign in again.");
  const challenge = JSON.parse(saved) as { state: string; verifier?: string };
  if (challenge.state !== search.get("state")) throw new Error("This sign-in did not start in this browser tab. Please sign in again.");
  sessionStorage.removeItem(challengeKey);
  const exchanged = await (await client()).exchange(code, redirectUri(), challenge.verifier);
  if (exchanged.err) throw new Error(`Sign-in failed: ${exchanged.err.message}`);
  keep(exchanged.tokens);
  const returnTo = sessionStorage.getItem(returnToKey) ?? "/";
  sessionStorage.removeItem(returnToKey);
  // Only paths of this app: never an open redirect.
  return /^\/(?![/\\])/.test(returnTo) && !returnTo.startsWith("/callback") ? returnTo : "/";
}

let refreshing: Promise<string | undefined> | undefined;

async function refresh(): Promise<string | undefined> {
  const token = localStorage.getItem(refreshKey);
  if (!token) {
    setState({ status: "signed-out" });
    return undefined;
  }
  try {
    const refreshed = await (await client()).refresh(token);
    if (!refreshed.err && refreshed.tokens) {
      keep(refreshed.tokens);
      return refreshed.tokens.access;
    }
    // The issuer refused the refresh token (expired, revoked, the account erased): signed out.
    signOut();
    return undefined;
  } catch {
    // The issuer or the network failed: the refresh token may still be good, so it is kept for
    // the next attempt (the next personal request, or a reload); meanwhile the app acts signed out.
    access = undefined;
    setState({ status: "signed-out" });
    return undefined;
  }
}

/** A valid access token, refreshed when it ends within a minute; undefined when signed out. */
export async function accessToken(): Promise<string | undefined> {
  if (access && access.expiresAt - Date.now() > 60_000) return access.token;
  refreshing ??= refresh().finally(() => (refreshing = undefined));
  return refreshing;
}

/** At start-up: signed in from an earlier visit if the refresh token still works. */
export function restoreSession(): void {
  if (window.location.pathname === "/callback") return;
  void accessToken();
}

/**
 * The API refused the access token (a clock off by minutes, rotated signing keys): drop it and
 * refresh once; only a refused refresh signs the traveller out.
 */
export function accessTokenRefused(): void {
  access = undefined;
  void accessToken();
}
