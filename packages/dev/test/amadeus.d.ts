/** The part of the untyped `amadeus` SDK (11.0.0) the simulator tests use. */
declare module "amadeus" {
  interface AmadeusResponse {
    statusCode: number;
    headers: Record<string, string>;
    result: unknown;
    data: any;
  }
  type Get = { get(params?: Record<string, string | number>): Promise<AmadeusResponse> };
  /** What the SDK rejects with: a plain object, not an Error. */
  export interface AmadeusError {
    code: "ClientError" | "ServerError" | "NotFoundError" | "AuthenticationError" | "ParserError" | "NetworkError";
    description: Array<{ status: number; code: number; title: string; detail?: string; source?: { parameter?: string } }>;
    response: { statusCode: number; headers: Record<string, string>; result: unknown };
  }
  export default class Amadeus {
    constructor(options: Record<string, unknown>);
    shopping: { flightOffersSearch: Get & { post(body: string): Promise<AmadeusResponse> }; hotelOffersSearch: Get };
    referenceData: { locations: Get & { hotels: { byCity: Get } } };
    eReputation: { hotelSentiments: Get };
  }
}
