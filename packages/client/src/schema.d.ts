// Generated from the API's OpenAPI document by `pnpm client:generate`: do not edit.
export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Alive */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: Redis and DynamoDB answer */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every dependency answers */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ready";
                            checks: {
                                [key: string]: {
                                    /** @enum {string} */
                                    status: "up" | "down";
                                    latencyMs: number;
                                };
                            };
                        };
                    };
                };
                /** @description A dependency is down; `checks` says which. `status` is `degraded` when only Redis is down (searches still answer), `unavailable` when DynamoDB is */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/destinations/popular": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The world's most visited destination cities */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Most visited first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Destination"][];
                            meta: {
                                count: number;
                            };
                        };
                    };
                };
                /** @description Invalid query */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/destinations/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An airport or city with the airports around it */
        get: {
            parameters: {
                query?: {
                    /** @description Which one to return when a code names both */
                    type?: "airport" | "city";
                };
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The destination; `nearbyAirports` within 150 km, prominent ones first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @example LHR */
                                iataCode: string;
                                /** @enum {string} */
                                type: "airport" | "city";
                                /** @example London Heathrow Airport */
                                name: string;
                                /** @example London */
                                cityName: string;
                                /** @example LON */
                                cityCode: string;
                                /** @example United Kingdom */
                                countryName: string;
                                location: {
                                    latitude: number;
                                    longitude: number;
                                };
                                timeZone: string | null;
                                /** @description For a city: its airports */
                                airportCodes?: string[];
                                nearbyAirports: {
                                    iataCode: string;
                                    name: string;
                                    cityName: string;
                                    countryName: string;
                                    distanceKm: number;
                                }[];
                            };
                            meta: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Invalid code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unknown code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/destinations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Autocomplete airports and cities by name or IATA code */
        get: {
            parameters: {
                query: {
                    q: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Matching destinations, best first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["DestinationSuggestion"][];
                            meta: {
                                count: number;
                                query: string;
                            };
                        };
                    };
                };
                /** @description Invalid query */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/search/flights": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search flight offers (cached for 5 minutes per distinct question)
         * @description Only origin, destination and departureDate are required. Equal questions share one cache entry whatever the parameter order or case; `sort` and `maxPrice` (total offer price) are applied to the cached offers. `X-Cache` says HIT, MISS or STALE (past its TTL: served while refreshing, or because the supplier failed) and `Age` the seconds since the supplier answered. Send `If-None-Match` with the `ETag` to get 304 when nothing changed.
         */
        get: {
            parameters: {
                query: {
                    origin: string;
                    destination: string;
                    departureDate: string;
                    returnDate?: string;
                    adults?: number;
                    children?: number | null;
                    cabin?: string;
                    nonStop?: "true" | "false";
                    maxPrice?: number;
                    currency?: string;
                    sort?: "price" | "duration" | "departure";
                    /** @description Items per page (1–100) */
                    limit?: number;
                    /** @description meta.page.nextCursor of the previous page */
                    cursor?: string;
                    /** @description Comma-separated field paths to return, e.g. id,price.total,itineraries.segments.flightNumber */
                    fields?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Offers for the question, one page */
                200: {
                    headers: {
                        "X-Cache": "HIT" | "MISS" | "STALE";
                        Age: string;
                        ETag: string;
                        "Cache-Control": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["FlightOffer"][];
                            meta: {
                                count: number;
                                supplier: string;
                                page: {
                                    limit: number;
                                    total: number;
                                    nextCursor: string | null;
                                };
                                cache: {
                                    /** @enum {string} */
                                    status: "HIT" | "MISS" | "STALE";
                                    ageSeconds: number;
                                    ttlSeconds: number;
                                    storedAt: string;
                                    expiresAt: string;
                                };
                            };
                        };
                    };
                };
                /** @description Not modified (If-None-Match matched the ETag) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid query: `errors` names each invalid field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The supplier failed and nothing is cached */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The supplier is unavailable (circuit open) and nothing is cached; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The supplier did not answer in time */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/search/hotels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search hotel offers in a city (cached for 15 minutes per distinct stay)
         * @description cityCode, checkIn and checkOut are required. minRating, minPrice/maxPrice (total for the stay), amenities and sort are applied to the cached offers, so they never cost a supplier call.
         */
        get: {
            parameters: {
                query: {
                    cityCode: string;
                    checkIn: string;
                    checkOut: string;
                    adults?: number;
                    rooms?: number;
                    minRating?: number;
                    minPrice?: number | null;
                    maxPrice?: number;
                    amenities?: string;
                    currency?: string;
                    sort?: "price" | "rating" | "distance";
                    /** @description Items per page (1–100) */
                    limit?: number;
                    /** @description meta.page.nextCursor of the previous page */
                    cursor?: string;
                    /** @description Comma-separated field paths to return, e.g. id,price.total,itineraries.segments.flightNumber */
                    fields?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Offers for the stay, one page */
                200: {
                    headers: {
                        "X-Cache": "HIT" | "MISS" | "STALE";
                        Age: string;
                        ETag: string;
                        "Cache-Control": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["HotelOffer"][];
                            meta: {
                                count: number;
                                supplier: string;
                                page: {
                                    limit: number;
                                    total: number;
                                    nextCursor: string | null;
                                };
                                cache: {
                                    /** @enum {string} */
                                    status: "HIT" | "MISS" | "STALE";
                                    ageSeconds: number;
                                    ttlSeconds: number;
                                    storedAt: string;
                                    expiresAt: string;
                                };
                            };
                        };
                    };
                };
                /** @description Not modified (If-None-Match matched the ETag) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid query: `errors` names each invalid field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The supplier failed and nothing is cached */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The supplier is unavailable (circuit open) and nothing is cached; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The supplier did not answer in time */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/search/cars": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search car rentals (cached for 10 minutes per distinct rental)
         * @description pickupLocation, pickupAt and dropoffAt (local times, YYYY-MM-DDTHH:mm) are required; dropoffLocation defaults to the pickup. Rates depend on the driver's age band (under 25, 25–69, 70+), so drivers in one band share a cache entry. carType and sort are applied to the cached offers.
         */
        get: {
            parameters: {
                query: {
                    pickupLocation: string;
                    dropoffLocation?: string;
                    pickupAt: string;
                    dropoffAt: string;
                    driverAge?: number;
                    carType?: string;
                    currency?: string;
                    sort?: "price" | "category";
                    /** @description Items per page (1–100) */
                    limit?: number;
                    /** @description meta.page.nextCursor of the previous page */
                    cursor?: string;
                    /** @description Comma-separated field paths to return, e.g. id,price.total,itineraries.segments.flightNumber */
                    fields?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Offers for the rental, one page */
                200: {
                    headers: {
                        "X-Cache": "HIT" | "MISS" | "STALE";
                        Age: string;
                        ETag: string;
                        "Cache-Control": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["CarOffer"][];
                            meta: {
                                count: number;
                                supplier: string;
                                page: {
                                    limit: number;
                                    total: number;
                                    nextCursor: string | null;
                                };
                                cache: {
                                    /** @enum {string} */
                                    status: "HIT" | "MISS" | "STALE";
                                    ageSeconds: number;
                                    ttlSeconds: number;
                                    storedAt: string;
                                    expiresAt: string;
                                };
                            };
                        };
                    };
                };
                /** @description Not modified (If-None-Match matched the ETag) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid query: `errors` names each invalid field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The supplier failed and nothing is cached */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The supplier is unavailable (circuit open) and nothing is cached; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The supplier did not answer in time */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/offers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Re-price an offer from a search before booking it
         * @description Asks the supplier the offer's original question again (never from cache) and returns the offer as it is sold now, with `meta.priceChanged` and the price seen in the search. Offers can be re-priced for 30 minutes after their search; after that, or when the supplier no longer sells them, the answer is 410 Gone.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The offer at its current price */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["FlightOffer"] | components["schemas"]["HotelOffer"] | components["schemas"]["CarOffer"];
                            meta: {
                                /** @enum {string} */
                                vertical: "flights" | "hotels" | "cars";
                                repricedAt: string;
                                searchedAt: string;
                                validUntil: string;
                                previousTotal: string;
                                priceChanged: boolean;
                            };
                        };
                    };
                };
                /** @description Not an offer id */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No search produced this offer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The offer expired or is no longer sold; search again */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The supplier failed */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The supplier is unavailable; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/offers/{id}/seats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Seat map of a flight offer (or room availability of a hotel offer) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Each seat's status, or rooms per night */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @enum {string} */
                                vertical: "flights";
                                offerId: string;
                                eventId: string;
                                cabin: string;
                                fareClass: string;
                                seatsAvailable: number;
                                seats: {
                                    seatId: string;
                                    row: number;
                                    letter: string;
                                    /** @enum {string} */
                                    status: "AVAILABLE" | "HELD" | "SOLD";
                                }[];
                            } | {
                                /** @enum {string} */
                                vertical: "hotels";
                                offerId: string;
                                eventId: string;
                                hotelId: string;
                                roomCategory: string;
                                roomsAvailable: number;
                                nights: {
                                    night: string;
                                    capacity: number;
                                    available: number;
                                    held: number;
                                    sold: number;
                                }[];
                            };
                        };
                    };
                };
                /** @description Not an offer id */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No search produced this offer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The offer expired; search again */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Car offers are not bookable */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reservations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hold seats or rooms for an offer
         * @description Holds the offer's seats (named in `seatIds`, or the first free ones) or rooms for 10 minutes (configurable), at the offer's last quoted price. One DynamoDB transaction holds every seat or room, writes the reservation, its `Reservation Created` event (outbox) and this request's idempotency record. Seats already taken: 409 naming them.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Required. Unique per request (e.g. a UUID); resend it only to retry the same request */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["HoldRequest"];
                };
            };
            responses: {
                /** @description Held */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Reservation"];
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the access token is invalid (see WWW-Authenticate) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Offer not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflict: seats taken, hold expired, wrong status, or the same Idempotency-Key still in flight */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Offer expired */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Selection does not fit the offer, or Idempotency-Key reused with a different request */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A data store or the sign-in service's keys are unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reservations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A reservation (a hold past its expiry reads as EXPIRED) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The reservation */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Reservation"];
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the access token is invalid (see WWW-Authenticate) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (or not yours) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A data store or the sign-in service's keys are unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/reservations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My reservations, optionally by status (paginated) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description `meta.nextCursor` of the previous page */
                    cursor?: string;
                    status?: "HOLD" | "CONFIRMED" | "CANCELLED" | "EXPIRED";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of reservations */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Reservation"][];
                            meta: {
                                nextCursor: string | null;
                            };
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the access token is invalid (see WWW-Authenticate) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A data store or the sign-in service's keys are unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reservations/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pay and confirm a hold
         * @description Charges the payment method, then in one transaction: HOLD → CONFIRMED (only if still held and not expired), seats or rooms → SOLD, the order, the `Reservation Status Changed` event. Declined → 402 and the hold stays. If the hold expired while paying, the payment is refunded and the answer (409) says so. Local test payment methods: `pm_card_visa` succeeds; `pm_card_chargeDeclined` declined: card_declined; `pm_card_chargeDeclinedInsufficientFunds` declined: insufficient_funds; `pm_card_chargeDeclinedProcessingError` provider error (nothing charged; retry later); `pm_card_slow` succeeds after a delay (local only; for timeout and in-flight tests).
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Required. Unique per request (e.g. a UUID); resend it only to retry the same request */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example pm_card_visa */
                        paymentMethod: string;
                    };
                };
            };
            responses: {
                /** @description Confirmed; `orderId` names the order */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Reservation"];
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the access token is invalid (see WWW-Authenticate) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Payment declined (the reservation stays on hold) */
                402: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (or not yours) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflict: seats taken, hold expired, wrong status, or the same Idempotency-Key still in flight */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Selection does not fit the offer, or Idempotency-Key reused with a different request */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The payment provider failed; retry with the same Idempotency-Key */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A data store or the sign-in service's keys are unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reservations/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel: release a hold, or cancel a confirmed booking with a refund
         * @description A hold is released. A confirmed booking is refunded in full until 24 h before departure or check-in, 50% after that, and cannot be cancelled once it has begun.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Required. Unique per request (e.g. a UUID); resend it only to retry the same request */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Cancelled (with `refundedAmount` if it was paid) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Reservation"];
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the access token is invalid (see WWW-Authenticate) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (or not yours) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflict: seats taken, hold expired, wrong status, or the same Idempotency-Key still in flight */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Selection does not fit the offer, or Idempotency-Key reused with a different request */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The payment provider failed; retry with the same Idempotency-Key */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A data store or the sign-in service's keys are unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An order (a confirmed reservation) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The order */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Order"];
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the access token is invalid (see WWW-Authenticate) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (or not yours) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A data store or the sign-in service's keys are unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My orders, newest first (paginated) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description `meta.nextCursor` of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of orders */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Order"][];
                            meta: {
                                nextCursor: string | null;
                            };
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the access token is invalid (see WWW-Authenticate) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A data store or the sign-in service's keys are unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My profile */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The profile (defaults until first changed) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Profile"];
                        };
                    };
                };
                /** @description Not signed in, or the access token is invalid (see WWW-Authenticate) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A data store or the sign-in service is unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Erase my personal data (GDPR article 17)
         * @description Deletes the profile, sign-in data (refresh tokens; the email → user id link) and request records; anonymises bookings. What is kept, and why: reservations and orders: amounts, currency, payment reference, dates and what was sold, for accounting and tax records; travellers' names, birth dates and emails are replaced by "[erased]" and the owner by a new random id; audit entries of your actions (what and when, under your former user id, without addresses or user agents), for security investigations, until they expire after a year; events already published (they carry your former user id and no other personal data). Refused (409) while a hold is running. Signing in again afterwards starts a new, empty account.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Erased; what was removed and what was kept */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                profileDeleted: boolean;
                                reservationsAnonymised: number;
                                ordersAnonymised: number;
                                idempotencyRecordsDeleted: number;
                                auditEntriesScrubbed: number;
                                kept: string[];
                            };
                        };
                    };
                };
                /** @description Not signed in, or the access token is invalid (see WWW-Authenticate) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A hold is still running: cancel it or let it expire first */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A data store or the sign-in service is unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change my profile */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ProfileChanges"];
                };
            };
            responses: {
                /** @description The profile after the change */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Profile"];
                        };
                    };
                };
                /** @description Invalid or unknown field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the access token is invalid (see WWW-Authenticate) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A data store or the sign-in service is unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/me/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * All my personal data, as JSON (GDPR articles 15 and 20)
         * @description Profile, every reservation (with travellers) and order, and the audit entries of my actions (sign-ins, changes, exports).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A JSON document, sent as an attachment */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            exportedAt: string;
                            user: {
                                userId: string;
                                email?: string;
                            };
                            profile: {
                                userId: string;
                                email?: string;
                                displayName?: string;
                                phone?: string;
                                locale?: string;
                                currency?: string;
                                marketingOptIn: boolean;
                                createdAt?: string;
                                updatedAt?: string;
                            };
                            reservations: {
                                [key: string]: unknown;
                            }[];
                            orders: {
                                [key: string]: unknown;
                            }[];
                            auditEntries: {
                                [key: string]: unknown;
                            }[];
                        };
                    };
                };
                /** @description Not signed in, or the access token is invalid (see WWW-Authenticate) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A data store or the sign-in service is unavailable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/cache/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cache hits, misses, stale serves and supplier calls per data type */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description `shared` sums every instance (null while Redis is down); `instance` is this process since start */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                shared: {
                                    flights: {
                                        hits: number;
                                        misses: number;
                                        stale: number;
                                        supplierCalls: number;
                                        supplierErrors: number;
                                        coalesced: number;
                                    };
                                    hotels: {
                                        hits: number;
                                        misses: number;
                                        stale: number;
                                        supplierCalls: number;
                                        supplierErrors: number;
                                        coalesced: number;
                                    };
                                    cars: {
                                        hits: number;
                                        misses: number;
                                        stale: number;
                                        supplierCalls: number;
                                        supplierErrors: number;
                                        coalesced: number;
                                    };
                                    destinations: {
                                        hits: number;
                                        misses: number;
                                        stale: number;
                                        supplierCalls: number;
                                        supplierErrors: number;
                                        coalesced: number;
                                    };
                                    hotelDirectory: {
                                        hits: number;
                                        misses: number;
                                        stale: number;
                                        supplierCalls: number;
                                        supplierErrors: number;
                                        coalesced: number;
                                    };
                                } | null;
                                instance: {
                                    flights: {
                                        hits: number;
                                        misses: number;
                                        stale: number;
                                        supplierCalls: number;
                                        supplierErrors: number;
                                        coalesced: number;
                                    };
                                    hotels: {
                                        hits: number;
                                        misses: number;
                                        stale: number;
                                        supplierCalls: number;
                                        supplierErrors: number;
                                        coalesced: number;
                                    };
                                    cars: {
                                        hits: number;
                                        misses: number;
                                        stale: number;
                                        supplierCalls: number;
                                        supplierErrors: number;
                                        coalesced: number;
                                    };
                                    destinations: {
                                        hits: number;
                                        misses: number;
                                        stale: number;
                                        supplierCalls: number;
                                        supplierErrors: number;
                                        coalesced: number;
                                    };
                                    hotelDirectory: {
                                        hits: number;
                                        misses: number;
                                        stale: number;
                                        supplierCalls: number;
                                        supplierErrors: number;
                                        coalesced: number;
                                    };
                                };
                                hitRatio: number | null;
                                supplierCallsAvoided: number | null;
                            };
                            meta: {
                                generatedAt: string;
                            };
                        };
                    };
                };
                /** @description Not signed in, or the access token is invalid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Signed in, but not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/cache/invalidate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Drop cached answers by tag (route:LHR-JFK, city:PAR, supplier:amadeus, type:flights…) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        tags: string[];
                    };
                };
            };
            responses: {
                /** @description Invalidated in every instance */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                invalidatedTags: string[];
                                entriesRemoved: number;
                            };
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the access token is invalid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Signed in, but not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/suppliers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Supplier health: circuit state, calls, failures, retries, in-flight calls */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One entry per supplier */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                name: string;
                                /** @enum {string} */
                                circuit: "closed" | "open" | "half-open" | "isolated";
                                retryAfterSeconds: number;
                                calls: number;
                                failures: number;
                                retries: number;
                                rejected: number;
                                lastFailure?: {
                                    at: string;
                                    message: string;
                                };
                                inFlight: number;
                                queued: number;
                            }[];
                        };
                    };
                };
                /** @description Not signed in, or the access token is invalid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Signed in, but not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Put a supplier notification on the bus (PriceUpdated, InventoryChanged)
         * @description Where supplier change notifications enter the platform. Subscribers react asynchronously: the cache drops every entry tagged with the named routes (`LHR-JFK`) or cities (`PAR`).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        name: "PriceUpdated" | "InventoryChanged" | "AnalyticsRecorded" | "ReservationCreated" | "ReservationStatusChanged";
                        /**
                         * @example {
                         *       "supplier": "amadeus",
                         *       "routes": [
                         *         "LHR-JFK"
                         *       ],
                         *       "cityCodes": [
                         *         "PAR"
                         *       ]
                         *     }
                         */
                        detail: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Accepted onto the bus */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                id: string;
                                name: string;
                            };
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the access token is invalid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Signed in, but not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/usage-plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The usage plans partner keys can be on */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every plan */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @enum {string} */
                                name: "free" | "standard" | "premium";
                                ratePerSecond: number;
                                burst: number;
                                quotaPerDay: number;
                                description: string;
                            }[];
                        };
                    };
                };
                /** @description Not signed in, or the access token is invalid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Signed in, but not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Partner API keys, newest first (paginated) */
        get: {
            parameters: {
                query?: {
                    status?: "ACTIVE" | "REVOKED";
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of keys */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ApiKey"][];
                            meta: {
                                nextCursor: string | null;
                            };
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the access token is invalid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Signed in, but not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Issue a partner API key
         * @description Plans: `free`: Evaluation: 5 req/s, 1,000 requests a day; `standard`: Production partners: 50 req/s, 100,000 requests a day; `premium`: High-volume partners: 500 req/s, 5 million requests a day.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example Acme Travel (production) */
                        name: string;
                        /** @enum {string} */
                        plan: "free" | "standard" | "premium";
                    };
                };
            };
            responses: {
                /** @description The key, shown once */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                keyId: string;
                                name: string;
                                /** @enum {string} */
                                plan: "free" | "standard" | "premium";
                                /** @enum {string} */
                                status: "ACTIVE" | "REVOKED";
                                /** @description The key's prefix and last four characters */
                                preview: string;
                                createdAt: string;
                                createdBy: string;
                                rotatedAt?: string;
                                previousSecretValidUntil?: string;
                                revokedAt?: string;
                                revokedBy?: string;
                                /** @description The key itself (x-api-key). Shown this once: store it now. */
                                key: string;
                            };
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the access token is invalid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Signed in, but not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A partner API key and today's usage */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    keyId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The key */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                keyId: string;
                                name: string;
                                /** @enum {string} */
                                plan: "free" | "standard" | "premium";
                                /** @enum {string} */
                                status: "ACTIVE" | "REVOKED";
                                /** @description The key's prefix and last four characters */
                                preview: string;
                                createdAt: string;
                                createdBy: string;
                                rotatedAt?: string;
                                previousSecretValidUntil?: string;
                                revokedAt?: string;
                                revokedBy?: string;
                                usageToday: {
                                    requests: number;
                                    quotaPerDay: number;
                                };
                            };
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the access token is invalid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Signed in, but not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such key */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/api-keys/{keyId}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give a key a new secret (same id, plan and usage)
         * @description The old secret keeps working for `graceSeconds` (default 86,400: a day to deploy the new one; 0 ends it now).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    keyId: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @default 86400 */
                        graceSeconds?: number;
                    };
                };
            };
            responses: {
                /** @description The new key, shown once */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                keyId: string;
                                name: string;
                                /** @enum {string} */
                                plan: "free" | "standard" | "premium";
                                /** @enum {string} */
                                status: "ACTIVE" | "REVOKED";
                                /** @description The key's prefix and last four characters */
                                preview: string;
                                createdAt: string;
                                createdBy: string;
                                rotatedAt?: string;
                                previousSecretValidUntil?: string;
                                revokedAt?: string;
                                revokedBy?: string;
                                /** @description The key itself (x-api-key). Shown this once: store it now. */
                                key: string;
                            };
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the access token is invalid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Signed in, but not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such key */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Revoked keys cannot be rotated */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/api-keys/{keyId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a key (at once, on every instance) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    keyId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked (revoking again changes nothing) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ApiKey"];
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the access token is invalid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Signed in, but not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such key */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Audit log: sign-ins, refused credentials, admin actions, API key lifecycle, exports and erasures
         * @description At most 92 days per query; entries are kept a year.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Default: 7 days before `until` */
                    since?: string;
                    /** @description Default: now */
                    until?: string;
                    action?: "auth.sign-in" | "auth.token-refused" | "auth.api-key-refused" | "auth.locked-out" | "auth.forbidden" | "admin.cache-invalidated" | "admin.event-published" | "admin.analytics-cleared" | "api-key.created" | "api-key.rotated" | "api-key.revoked" | "user.profile-updated" | "user.data-exported" | "user.erased";
                    /** @description A user id, API key id, or address (refused credentials) */
                    actorId?: string;
                    outcome?: "success" | "failure" | "denied";
                    limit?: number;
                    /** @description `meta.nextCursor` of the previous page, with the same filters */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of entries, newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AuditEntry"][];
                            meta: {
                                nextCursor: string | null;
                                since: string;
                                until: string;
                            };
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the access token is invalid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Signed in, but not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/analytics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete every aggregate (the first step of a rebuild from the event archive)
         * @description Then replay the archives into the analytics rules (README, "Runbooks"), or run `pnpm analytics:replay` locally, which does both.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description How many aggregate keys were deleted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                keysDeleted: number;
                            };
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the access token is invalid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Signed in, but not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/analytics/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Searches, unique visitors, cache hit ratio, supplier latency, bookings and revenue over a window */
        get: {
            parameters: {
                query?: {
                    /** @description `15m`: 15 minutes, `1h`: 60 minutes, `6h`: 6 hours, `24h`: 24 hours, `7d`: 7 days, `30d`: 30 days */
                    window?: "15m" | "1h" | "6h" | "24h" | "7d" | "30d";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The window's figures */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @enum {string} */
                                window: "15m" | "1h" | "6h" | "24h" | "7d" | "30d";
                                /** @enum {string} */
                                interval: "minute" | "hour" | "day";
                                from: string;
                                to: string;
                                searches: {
                                    total: number;
                                    byVertical: {
                                        flights: number;
                                        hotels: number;
                                        cars: number;
                                    };
                                };
                                /** @description Distinct searchers (HyperLogLog, ±1%) */
                                uniqueVisitors: number;
                                cache: {
                                    hits: number;
                                    misses: number;
                                    stale: number;
                                    hitRatio: number | null;
                                };
                                suppliers: {
                                    name: string;
                                    calls: number;
                                    errors: number;
                                    meanLatencyMs: number | null;
                                }[];
                                offerViews: number;
                                reservations: {
                                    held: number;
                                    confirmed: number;
                                    cancelled: number;
                                    expired: number;
                                };
                                /** @description Confirmed bookings per currency, decimal strings */
                                revenue: {
                                    [key: string]: string;
                                };
                                refunds: {
                                    [key: string]: string;
                                };
                            };
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the access token is invalid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Signed in, but not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/analytics/top-routes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Most searched flight routes (LHR-JFK) */
        get: {
            parameters: {
                query?: {
                    /** @description `15m`: 15 minutes, `1h`: 60 minutes, `6h`: 6 hours, `24h`: 24 hours, `7d`: 7 days, `30d`: 30 days */
                    window?: "15m" | "1h" | "6h" | "24h" | "7d" | "30d";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Most searched first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                from: string;
                                to: string;
                                entries: {
                                    member: string;
                                    count: number;
                                }[];
                            };
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the access token is invalid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Signed in, but not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/analytics/top-destinations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Most searched destinations (flights' destination, hotels' city, cars' pick-up) */
        get: {
            parameters: {
                query?: {
                    /** @description `15m`: 15 minutes, `1h`: 60 minutes, `6h`: 6 hours, `24h`: 24 hours, `7d`: 7 days, `30d`: 30 days */
                    window?: "15m" | "1h" | "6h" | "24h" | "7d" | "30d";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Most searched first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                from: string;
                                to: string;
                                entries: {
                                    member: string;
                                    count: number;
                                }[];
                            };
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the access token is invalid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Signed in, but not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/analytics/funnel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search → hold → confirmed: events, distinct people and rates */
        get: {
            parameters: {
                query?: {
                    /** @description `15m`: 15 minutes, `1h`: 60 minutes, `6h`: 6 hours, `24h`: 24 hours, `7d`: 7 days, `30d`: 30 days */
                    window?: "15m" | "1h" | "6h" | "24h" | "7d" | "30d";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The funnel over the window */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @enum {string} */
                                window: "15m" | "1h" | "6h" | "24h" | "7d" | "30d";
                                from: string;
                                to: string;
                                steps: {
                                    /** @enum {string} */
                                    step: "searched" | "held" | "confirmed";
                                    events: number;
                                    uniqueVisitors: number;
                                }[];
                                rates: {
                                    holdPerSearch: number | null;
                                    confirmPerHold: number | null;
                                    confirmPerSearch: number | null;
                                };
                            };
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the access token is invalid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Signed in, but not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/analytics/timeseries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One metric per minute, hour or day, oldest first */
        get: {
            parameters: {
                query: {
                    metric: string;
                    interval?: "minute" | "hour" | "day";
                    points?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Points, one per bucket; money in minor units; ratios 0–1 (null without traffic) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                at: string;
                                value: number | null;
                            }[];
                            meta: {
                                metric: string;
                                /** @enum {string} */
                                interval: "minute" | "hour" | "day";
                                bucketSeconds: number;
                            };
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the access token is invalid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Signed in, but not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Problem: {
            /** @example https://travel-platform.dev/problems/invalid-request */
            type: string;
            title: string;
            status: number;
            detail?: string;
            instance?: string;
            requestId?: string;
            errors?: {
                field: string;
                message: string;
            }[];
        };
        Destination: {
            /** @example LHR */
            iataCode: string;
            /** @enum {string} */
            type: "airport" | "city";
            /** @example London Heathrow Airport */
            name: string;
            /** @example London */
            cityName: string;
            /** @example LON */
            cityCode: string;
            /** @example United Kingdom */
            countryName: string;
            location: {
                latitude: number;
                longitude: number;
            };
            timeZone: string | null;
            /** @description For a city: its airports */
            airportCodes?: string[];
        };
        DestinationSuggestion: {
            /** @example LHR */
            iataCode: string;
            /** @enum {string} */
            type: "airport" | "city";
            /** @example London Heathrow Airport */
            name: string;
            /** @example London */
            cityName: string;
            /** @example LON */
            cityCode: string;
            /** @example United Kingdom */
            countryName: string;
        };
        FlightOffer: {
            /**
             * @description Stable offer id
             * @example fo_3q2Xb0yS8m1Qw9V4dZk7Lg
             */
            id: string;
            supplier: string;
            supplierOfferId: string;
            /** @enum {string} */
            cabin: "ECONOMY" | "PREMIUM_ECONOMY" | "BUSINESS" | "FIRST";
            oneWay: boolean;
            seatsAvailable: number;
            lastTicketingDate: string;
            validatingCarrier: {
                code: string;
                name: string;
            };
            price: {
                /**
                 * @description Decimal amount
                 * @example 523.40
                 */
                total: string;
                /**
                 * @description Decimal amount
                 * @example 523.40
                 */
                base: string;
                /**
                 * @description Decimal amount
                 * @example 523.40
                 */
                taxes: string;
                /** @example USD */
                currency: string;
            };
            itineraries: {
                /** @example PT7H55M */
                duration: string;
                durationMinutes: number;
                stops: number;
                segments: {
                    carrier: {
                        code: string;
                        name: string;
                    };
                    /** @example BA117 */
                    flightNumber: string;
                    operatingCarrier: string;
                    aircraft: string;
                    departure: {
                        /** @example LHR */
                        iataCode: string;
                        terminal?: string;
                        /**
                         * @description Local time at the airport, ISO-8601 without offset
                         * @example 2027-03-14T10:30:00
                         */
                        at: string;
                    };
                    arrival: {
                        /** @example LHR */
                        iataCode: string;
                        terminal?: string;
                        /**
                         * @description Local time at the airport, ISO-8601 without offset
                         * @example 2027-03-14T10:30:00
                         */
                        at: string;
                    };
                    /**
                     * @description ISO-8601 duration
                     * @example PT7H55M
                     */
                    duration: string;
                }[];
            }[];
        };
        HotelOffer: {
            /** @example ho_Vb3k2m9QxLw0aYt7Rz1cPq */
            id: string;
            supplier: string;
            supplierOfferId: string;
            hotel: {
                hotelId: string;
                name: string;
                rating: number;
                location: {
                    latitude: number;
                    longitude: number;
                };
                /** @description From the city centre */
                distanceKm: number;
                amenities: ("WIFI" | "PARKING" | "POOL" | "FITNESS_CENTER" | "SPA" | "RESTAURANT" | "BAR" | "AIR_CONDITIONING" | "PETS_ALLOWED" | "AIRPORT_SHUTTLE")[];
            };
            room: {
                category: string;
                beds: number;
                bedType: string;
                description: string;
            };
            boardType: string;
            checkIn: string;
            checkOut: string;
            nights: number;
            price: {
                total: string;
                base: string;
                taxes: string;
                perNight: string;
                currency: string;
            };
            cancellation: {
                refundable: boolean;
                deadline?: string;
            };
        };
        CarOffer: {
            /** @example co_Y2Vx9kQ0bLm3Tz8WcP1rNs */
            id: string;
            supplier: string;
            supplierOfferId: string;
            vendor: {
                code: string;
                name: string;
            };
            vehicle: {
                /**
                 * @description ACRISS vehicle code
                 * @example ECMR
                 */
                acrissCode: string;
                /** @enum {string} */
                category: "ECONOMY" | "COMPACT" | "MIDSIZE" | "FULLSIZE" | "SUV" | "PREMIUM" | "VAN";
                makeModel: string;
                seats: number;
                doors: number;
                bags: number;
                /** @enum {string} */
                transmission: "MANUAL" | "AUTOMATIC";
                airConditioning: boolean;
            };
            pickup: {
                location: string;
                at: string;
            };
            dropoff: {
                location: string;
                at: string;
            };
            rentalDays: number;
            mileage: string;
            price: {
                total: string;
                perDay: string;
                oneWayFee: string;
                youngDriverFee: string;
                currency: string;
            };
        };
        Reservation: {
            reservationId: string;
            /** @enum {string} */
            status: "HOLD" | "CONFIRMED" | "CANCELLED" | "EXPIRED";
            /** @enum {string} */
            vertical: "flights" | "hotels";
            offerId: string;
            /** @description The departure or stay held (seed 004's event_id) */
            eventId: string;
            seatIds: string[];
            quantity: number;
            holdExpiresAt: string;
            totalAmount: string;
            currency: string;
            travelers: components["schemas"]["Traveler"][];
            contactEmail: string;
            itinerary: components["schemas"]["FlightOffer"] | components["schemas"]["HotelOffer"];
            startsAt: string;
            orderId?: string;
            refundedAmount?: string;
            createdAt: string;
            updatedAt: string;
        };
        Traveler: {
            firstName: string;
            lastName: string;
            /** Format: date */
            dateOfBirth?: string;
            /** Format: email */
            email?: string;
        };
        HoldRequest: {
            offerId: string;
            seatIds?: string[];
            quantity?: number;
            travelers: components["schemas"]["Traveler"][];
            /** Format: email */
            contactEmail?: string;
        };
        Order: {
            orderId: string;
            reservationId: string;
            eventId: string;
            /** @enum {string} */
            status: "CONFIRMED" | "CANCELLED";
            seatIds: string[];
            totalAmount: string;
            currency: string;
            paymentId: string;
            refundedAmount?: string;
            itinerary: components["schemas"]["FlightOffer"] | components["schemas"]["HotelOffer"];
            createdAt: string;
            updatedAt: string;
        };
        Profile: {
            userId: string;
            email?: string;
            /** @enum {string} */
            role: "traveller" | "admin";
            displayName?: string;
            phone?: string;
            locale?: string;
            currency?: string;
            marketingOptIn: boolean;
            createdAt?: string;
            updatedAt?: string;
        };
        /** @description Fields to change; `null` clears one. Unknown fields are refused. */
        ProfileChanges: {
            displayName?: string | null;
            phone?: string | null;
            locale?: string | null;
            /** @enum {string|null} */
            currency?: "USD" | "EUR" | "GBP" | "CAD" | "AUD" | "JPY" | "CHF" | "SGD" | "AED" | "INR" | null;
            marketingOptIn?: boolean;
        };
        ApiKey: {
            keyId: string;
            name: string;
            /** @enum {string} */
            plan: "free" | "standard" | "premium";
            /** @enum {string} */
            status: "ACTIVE" | "REVOKED";
            /** @description The key's prefix and last four characters */
            preview: string;
            createdAt: string;
            createdBy: string;
            rotatedAt?: string;
            previousSecretValidUntil?: string;
            revokedAt?: string;
            revokedBy?: string;
        };
        AuditEntry: {
            id: string;
            at: string;
            /** @enum {string} */
            action: "auth.sign-in" | "auth.token-refused" | "auth.api-key-refused" | "auth.locked-out" | "auth.forbidden" | "admin.cache-invalidated" | "admin.event-published" | "admin.analytics-cleared" | "api-key.created" | "api-key.rotated" | "api-key.revoked" | "user.profile-updated" | "user.data-exported" | "user.erased";
            /** @enum {string} */
            outcome: "success" | "failure" | "denied";
            actor: {
                /** @enum {string} */
                type: "user" | "admin" | "api-key" | "anonymous" | "system";
                id: string;
            };
            target?: {
                type: string;
                id: string;
            };
            ip?: string;
            userAgent?: string;
            requestId?: string;
            details?: {
                [key: string]: unknown;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
