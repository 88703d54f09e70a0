/**
 * What the OAuth issuer keeps about a traveller (refresh tokens, the email → user id entry) is
 * erased by the issuer itself: the API has no access to the issuer's storage, which also holds
 * its signing keys. The API asks with the traveller's own access token.
 */
export interface IssuerAccount {
  /** Revoke the user's refresh tokens and forget their email → user id entry. */
  erase(accessToken: string): Promise<void>;
}

export class IssuerUnavailableError extends Error {
  override name = "IssuerUnavailableError";
}

/** The issuer's `POST /account/erase`, over HTTPS with a timeout. */
export class HttpIssuerAccount implements IssuerAccount {
  constructor(
    private readonly issuerUrl: string,
    private readonly timeoutMs = 5_000,
  ) {}

  async erase(accessToken: string): Promise<void> {
    let response: Response;
    try {
      response = await fetch(new URL("/account/erase", this.issuerUrl), {
        method: "POST",
        headers: { authorization: `Bearer ${accessToken}` },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new IssuerUnavailableError(`the sign-in service did not answer: ${(error as Error).message}`);
    }
    if (response.status !== 204) throw new IssuerUnavailableError(`the sign-in service answered ${response.status} to the erasure`);
  }
}
