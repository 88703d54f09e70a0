import type { Duffel } from "@duffel/api";
import { SupplierError } from "../../search/suppliers";
import { duffelApi } from "../../config/suppliers";

export interface DuffelOptions {
  /** Duffel's API (https://api.duffel.com), or any server speaking its v2 format. */
  baseUrl: string;
  /** `duffel_test_…` (test mode) or `duffel_live_…`. */
  accessToken: string;
  /** Per HTTP call. */
  timeoutMs: number;
}

/** Duffel's error envelope (`errors[]`, `meta`), as `DuffelError` from the official client carries it. */
interface DuffelErrorShape {
  status?: number;
  errors?: Array<{ type?: string; code?: string; title?: string; message?: string }>;
  meta?: { request_id?: string };
}

/** The codes Duffel answers with when an offer or rate cannot be had any more. */
const goneCodes = new Set(["offer_no_longer_available", "offer_expired", "rate_unavailable", "not_found", "search_result_expired"]);

export type DuffelCall<T> = (client: Duffel) => Promise<T>;

/**
 * The official client (`@duffel/api`), loaded at the first Duffel call so the API's cold start
 * does not parse it, with what the client leaves to its caller: it sends `Duffel-Version` and the
 * bearer token itself but has no timeout (it does not pass an abort signal to node-fetch), so each
 * call races a timer of its own; and its `DuffelError` becomes a SupplierError that says whether a
 * retry may help (429 and 5xx may: the resilience wrapper retries them with backoff and counts them
 * against the circuit) and whether the offer is simply gone.
 */
export class DuffelConnection {
  private client: Promise<Duffel> | undefined;

  constructor(
    readonly name: string,
    private readonly options: DuffelOptions,
  ) {}

  async call<T>(what: string, call: DuffelCall<T>): Promise<T> {
    const client = await (this.client ??= this.load());
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new SupplierError(`${this.name} did not answer ${what} within ${this.options.timeoutMs} ms`, this.name, undefined, true, { timedOut: true })),
        this.options.timeoutMs,
      );
    });
    try {
      return await Promise.race([call(client), timedOut]);
    } catch (error) {
      throw this.supplierError(what, error);
    } finally {
      clearTimeout(timer);
    }
  }

  private async load(): Promise<Duffel> {
    const { Duffel } = await import("@duffel/api");
    // The client resolves its relative paths against basePath: keep the base's own path, if any.
    const basePath = this.options.baseUrl.endsWith("/") ? this.options.baseUrl : `${this.options.baseUrl}/`;
    return new Duffel({ token: this.options.accessToken, basePath, apiVersion: duffelApi.version as "v2" });
  }

  private supplierError(what: string, error: unknown): SupplierError {
    if (error instanceof SupplierError) return error;
    const shape = error as DuffelErrorShape;
    if (Array.isArray(shape?.errors) && typeof shape.status === "number") {
      const first = shape.errors[0];
      const words = [first?.title, first?.message].filter(Boolean).join(": ") || "no details";
      const code = first?.code ? ` (${first.type ?? "error"}/${first.code})` : "";
      const retryable = shape.status >= 500 || shape.status === 429;
      return new DuffelSupplierError(`${this.name} answered ${shape.status} to ${what}: ${words}${code}`, this.name, shape.status, retryable, first?.code, error);
    }
    // node-fetch's FetchError and the like: the network, not Duffel, failed.
    return new SupplierError(`${this.name} unreachable for ${what}: ${(error as Error).message}`, this.name, undefined, true, { cause: error });
  }
}

/** A failure Duffel answered with, carrying its error code. */
export class DuffelSupplierError extends SupplierError {
  override name = "DuffelSupplierError";
  constructor(message: string, supplier: string, status: number, retryable: boolean, code: string | undefined, cause: unknown) {
    super(message, supplier, status, retryable, { cause, code });
  }

  /** The offer, rate or search result no longer exists at Duffel. */
  get gone(): boolean {
    return this.status === 404 || this.status === 410 || (this.code !== undefined && goneCodes.has(this.code));
  }
}
