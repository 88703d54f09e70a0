import { SupplierError } from "../search/suppliers";

export interface ClientCredentialsOptions {
  /** Supplier name, for errors. */
  name: string;
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  tokenPath: string;
  /** Per HTTP call, token requests included. */
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** Refresh a token this long before the supplier says it expires. */
const tokenRefreshMarginMs = 60_000;

/**
 * HTTP to a supplier that uses OAuth2 client credentials: the token is fetched once, shared by
 * concurrent callers and refreshed before it expires (or after a 401); every call has its own
 * timeout; failures become SupplierErrors that say whether a retry may help.
 */
export class ClientCredentialsHttp {
  private token: { value: string; expiresAt: number } | undefined;
  private tokenRequest: Promise<string> | undefined;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: ClientCredentialsOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async warmUp(): Promise<void> {
    await this.accessToken();
  }

  /** A JSON request with the bearer token; on 401 a new token is fetched and the call made once more. */
  async request<T>(path: string, init: { method: "GET" | "POST"; headers?: Record<string, string>; body?: string; signal?: AbortSignal | undefined }): Promise<T> {
    const send = async (token: string) =>
      this.call(path, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } });
    let response = await send(await this.accessToken());
    if (response.status === 401) {
      this.token = undefined;
      response = await send(await this.accessToken());
    }
    return this.parse<T>(response);
  }

  private accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - tokenRefreshMarginMs > Date.now()) return Promise.resolve(this.token.value);
    // Concurrent callers share one token request.
    this.tokenRequest ??= this.requestToken().finally(() => (this.tokenRequest = undefined));
    return this.tokenRequest;
  }

  private async requestToken(): Promise<string> {
    const response = await this.call(this.options.tokenPath, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: this.options.clientId,
        client_secret: this.options.clientSecret,
      }).toString(),
    });
    const token = await this.parse<{ access_token: string; expires_in: number }>(response);
    this.token = { value: token.access_token, expiresAt: Date.now() + token.expires_in * 1000 };
    return token.access_token;
  }

  /** One HTTP call with its own timeout; network failures become retryable SupplierErrors. */
  private async call(path: string, init: RequestInit & { signal?: AbortSignal | undefined }): Promise<Response> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      return await this.fetch(new URL(path, this.options.baseUrl), { ...init, signal });
    } catch (error) {
      throw new SupplierError(
        timeout.aborted ? `supplier did not answer within ${this.options.timeoutMs} ms` : `supplier unreachable: ${(error as Error).message}`,
        this.options.name,
        undefined,
        true,
        { cause: error, timedOut: timeout.aborted },
      );
    }
  }

  private async parse<T>(response: Response): Promise<T> {
    const text = await response.text();
    if (response.ok) return JSON.parse(text) as T;
    let detail = text.slice(0, 300);
    try {
      // The Amadeus error shape, which the car supplier shares: {"errors":[{"title","detail"}]}.
      const first = (JSON.parse(text) as { errors?: Array<{ title?: string; detail?: string }> }).errors?.[0];
      if (first) detail = [first.title, first.detail].filter(Boolean).join(": ");
    } catch {
      // not JSON: keep the raw text
    }
    const retryable = response.status >= 500 || response.status === 429;
    throw new SupplierError(`supplier answered ${response.status}: ${detail}`, this.options.name, response.status, retryable);
  }
}
