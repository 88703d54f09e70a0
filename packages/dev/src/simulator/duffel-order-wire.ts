import type {} from "@duffel/api";
import type { CreateOrderPassenger, OfferSlice, OfferSliceSegment, Order, OrderCancellation, OrderSegmentPassenger } from "@duffel/api/types";
import { earliestToday, isCalendarDate } from "./dates";
import { e164Pattern, emailPattern, invalidField, type DuffelErrorItem } from "./duffel-wire";

/**
 * Duffel's orders, payments and cancellations on the wire: the order as served, the request
 * bodies checked field by field as the offer-request parser checks its own (every error at once,
 * each with its pointer), and the refusals of a request the state of an order does not allow.
 * What needs the offer (passenger ids, services, the amount) is checked in duffel-orders.ts.
 */
export type DuffelOrder = Omit<Order, "slices" | "payment_status" | "cancellation"> & {
  // Duffel sends the order's type; the client's Order leaves it out.
  type: OrderType;
  // The offer's slices with the passengers' booking on each segment. The client's OrderSlice says
  // some fields (terminals, durations) are never null, which Duffel's offers and orders do send.
  slices: Array<Omit<OfferSlice, "segments"> & { segments: Array<Omit<OfferSliceSegment, "passengers"> & { passengers: OrderSegmentPassenger[] }> }>;
  // Duffel sends null dates once an order is paid, which the client's type does not allow for.
  payment_status: { awaiting_payment: boolean; payment_required_by: string | null; price_guarantee_expires_at: string | null; paid_at: string | null };
  cancellation: DuffelCancellation | null;
};
/** The client's type says `confirmed_at` is always set; it is null until the cancellation is confirmed. */
export type DuffelCancellation = Omit<OrderCancellation, "confirmed_at"> & { confirmed_at: string | null };

/** Duffel API v2 calls a pay-later order `hold`; version 4.30 of the client still types it `pay_later`. */
type OrderType = "instant" | "hold";
export interface Payment {
  type: "balance";
  amount: string;
  currency: string;
}
export interface OrderRequest {
  type: OrderType;
  offerId: string;
  passengers: Array<Omit<CreateOrderPassenger, "identity_documents" | "user_id">>;
  metadata: Record<string, string>;
  services: Array<{ id: string; quantity: number }>;
  /** An instant order's payment; a hold has none. */
  payment: Payment | undefined;
}

const invalidState = (code: string, title: string, message: string): DuffelErrorItem => ({ type: "invalid_state_error", code, title, message });
export const orderRefusals = {
  // The codes of these two are the simulator's own: Duffel documents neither case's code.
  offerAlreadyBooked: invalidState("offer_already_booked", "Offer already booked", "An order has already been created for this offer. Please create a new offer request."),
  requiresInstantPayment: { type: "invalid_request_error", code: "offer_requires_instant_payment", title: "Offer requires instant payment", message: "This offer can't be held: create an instant order with a payment." },
  // The next three codes come from a third-party transcription of Duffel's error codes, not from Duffel's own reference.
  alreadyPaid: invalidState("already_paid", "Already paid", "The order has already been paid for."),
  alreadyCancelled: invalidState("already_cancelled", "Already cancelled", "The order has been cancelled."),
  pastPaymentRequiredBy: invalidState("past_payment_required_by_date", "Past payment required by date", "The order wasn't paid by its payment_required_by date; its space has been released."),
  // The simulator's own code: Duffel does not document confirming a cancellation quote too late.
  cancellationExpired: invalidState("order_cancellation_expired", "Order cancellation expired", "The cancellation quote has expired. Please create a new order cancellation."),
  // The simulator's own code: Duffel does not document accepting a change twice.
  changeAlreadyActioned: invalidState("airline_initiated_change_already_actioned", "Change already actioned", "An action has already been taken on this airline-initiated change."),
  // Duffel documents a 502 but not its code; the code is ours.
  orderNotCreated: { type: "api_error", code: "bad_gateway", title: "Bad gateway", message: "The airline did not confirm the order, so no order was created (simulated)." },
} satisfies Record<string, DuffelErrorItem>;

export const priceChanged = (pointer: string): DuffelErrorItem => ({
  type: "validation_error",
  code: "price_changed",
  title: "Price changed",
  message: "The amount does not match the current total: the price has changed. Please read the offer or order again.",
  source: { field: "amount", pointer },
});

interface Rule {
  test: (value: string) => boolean;
  code: "validation_format" | "validation_inclusion";
  message: string;
}
const oneOf = (values: readonly string[]): Rule => ({ test: (v) => values.includes(v), code: "validation_inclusion", message: `must be one of ${values.join(", ")}` });
const shaped = (pattern: RegExp, message: string): Rule => ({ test: (v) => pattern.test(v), code: "validation_format", message });
const anyText = shaped(/\S/, "must be text");
const date = (message: string, test: (value: string) => boolean = () => true): Rule => ({ test: (v) => isCalendarDate(v) && test(v), code: "validation_format", message });
/** Names as airlines take them: letters with spaces, apostrophes, dots and hyphens. */
const name = shaped(/^[\p{L}][\p{L}' .-]{0,59}$/u, "must be letters (with spaces, apostrophes, dots or hyphens), at most 60");
const passengerRules = {
  id: anyText,
  given_name: name,
  family_name: name,
  born_on: date("must be a date (YYYY-MM-DD), not in the future", (v) => v <= new Date().toISOString().slice(0, 10)),
  title: oneOf(["mr", "ms", "mrs", "miss", "dr"]),
  gender: oneOf(["m", "f"]),
  email: shaped(emailPattern, "must be an email address"),
  phone_number: shaped(e164Pattern, "must be in E.164 format, like +442080160509"),
};
const documentRules = {
  type: oneOf(["passport", "tax_id"]),
  unique_identifier: anyText,
  issuing_country_code: shaped(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 country code"),
  expires_on: date("must be a date (YYYY-MM-DD), not before today", (v) => v >= earliestToday()),
};
const paymentRules = {
  // Test-mode balances are unlimited; ARC/BSP cash is for IATA agents, which the simulator's account is not.
  type: oneOf(["balance"]),
  amount: shaped(/^\d+(\.\d{1,2})?$/, "must be a decimal amount, like 30.20"),
  currency: shaped(/^[A-Z]{3}$/, "must be an ISO 4217 currency code"),
};

const blank = (value: unknown) => value === undefined || value === null || value === "";
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The fields of `source` that `rules` name, each checked; pointers start at `base`. */
function fields<K extends string>(errors: DuffelErrorItem[], source: unknown, base: string, rules: Record<K, Rule>): Record<K, string> {
  const object = isObject(source) ? source : {};
  const parsed = {} as Record<K, string>;
  for (const [field, rule] of Object.entries(rules) as Array<[K, Rule]>) {
    const value = object[field];
    const pointer = `${base}/${field}`;
    if (blank(value)) errors.push(invalidField(pointer, "validation_required", `Field '${field}' can't be blank`));
    else if (typeof value !== "string" || !rule.test(value)) errors.push(invalidField(pointer, rule.code, `Field '${field}' ${rule.message}`));
    parsed[field] = String(value);
  }
  return parsed;
}

export function parsePayment(errors: DuffelErrorItem[], source: unknown, base: string): Payment {
  if (!isObject(source)) {
    errors.push(invalidField(base, "validation_required", "A payment needs 'type', 'amount' and 'currency'"));
    return { type: "balance", amount: "", currency: "" };
  }
  return { ...fields(errors, source, base, paymentRules), type: "balance" };
}

function parseMetadata(errors: DuffelErrorItem[], metadata: unknown): Record<string, string> {
  if (blank(metadata)) return {};
  if (!isObject(metadata)) {
    errors.push(invalidField("/metadata", "validation_format", "Field 'metadata' must be an object of strings"));
    return {};
  }
  const entries = Object.entries(metadata);
  if (entries.length > 50) errors.push(invalidField("/metadata", "validation_format", "Field 'metadata' takes at most 50 keys"));
  for (const [key, value] of entries) {
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(key)) errors.push(invalidField("/metadata", "validation_format", `Metadata key '${key}' must be 1 to 40 letters, digits, dashes or underscores`));
    else if (typeof value !== "string" || value.length > 500) errors.push(invalidField(`/metadata/${key}`, "validation_format", "Metadata values must be text of at most 500 characters"));
  }
  return metadata as Record<string, string>;
}

function parseServices(errors: DuffelErrorItem[], services: unknown, type: string): OrderRequest["services"] {
  if (blank(services) || (Array.isArray(services) && services.length === 0)) return [];
  if (!Array.isArray(services)) {
    errors.push(invalidField("/services", "validation_format", "Field 'services' must be a list of {id, quantity}"));
    return [];
  }
  // Duffel's code for services on a hold is not documented; validation_format is the nearest documented one.
  if (type === "hold") errors.push(invalidField("/services", "validation_format", "Services can't be booked on a hold order; book them with an instant order"));
  return services.map((raw: unknown, i) => {
    const { id } = fields(errors, raw, `/services/${i}`, { id: anyText });
    const quantity = isObject(raw) ? raw.quantity : undefined;
    if (typeof quantity !== "number" || !Number.isInteger(quantity) || quantity < 1) {
      errors.push(invalidField(`/services/${i}/quantity`, blank(quantity) ? "validation_required" : "validation_format", "Field 'quantity' must be a whole number, 1 or more"));
    }
    return { id, quantity: Number(quantity) };
  });
}

/** The create-order body, checked as far as it can be without the offer, or the errors. */
export function parseOrderRequest(data: Record<string, unknown>): OrderRequest | DuffelErrorItem[] {
  const errors: DuffelErrorItem[] = [];
  const { type } = fields(errors, data, "", { type: oneOf(["instant", "hold"]) });
  const offers = data.selected_offers;
  if (!Array.isArray(offers) || offers.length === 0) errors.push(invalidField("/selected_offers", "validation_required", "Field 'selected_offers' can't be blank"));
  else if (offers.length > 1 || typeof offers[0] !== "string") errors.push(invalidField("/selected_offers", "validation_format", "Field 'selected_offers' must hold exactly one offer id"));
  const passengers = data.passengers;
  if (!Array.isArray(passengers) || passengers.length === 0) errors.push(invalidField("/passengers", "validation_required", "Field 'passengers' can't be blank"));
  const parsedPassengers = (Array.isArray(passengers) ? passengers : []).map((raw: unknown, i) => {
    const documents = isObject(raw) ? raw.identity_documents : undefined;
    if (Array.isArray(documents) && documents.length > 1) errors.push(invalidField(`/passengers/${i}/identity_documents`, "validation_format", "A passenger takes one identity document"));
    else if (Array.isArray(documents) && documents.length === 1) fields(errors, documents[0], `/passengers/${i}/identity_documents/0`, documentRules);
    else if (!blank(documents) && !Array.isArray(documents)) errors.push(invalidField(`/passengers/${i}/identity_documents`, "validation_format", "Field 'identity_documents' must be a list"));
    return fields(errors, raw, `/passengers/${i}`, passengerRules) as OrderRequest["passengers"][number];
  });
  const metadata = parseMetadata(errors, data.metadata);
  const services = parseServices(errors, data.services, type);
  const payments = data.payments;
  let payment: Payment | undefined;
  if (type === "instant") {
    if (!Array.isArray(payments) || payments.length === 0) errors.push(invalidField("/payments", "validation_required", "An instant order needs 'payments'"));
    else if (payments.length > 1) errors.push(invalidField("/payments", "validation_format", "Field 'payments' takes exactly one payment"));
    else payment = parsePayment(errors, payments[0], "/payments/0");
  } else if (type === "hold" && !blank(payments) && !(Array.isArray(payments) && payments.length === 0)) {
    errors.push(invalidField("/payments", "validation_format", "A hold order is paid later (POST /air/payments): leave out 'payments'"));
  }
  if (errors.length > 0) return errors;
  return { type: type as OrderType, offerId: (offers as string[])[0]!, passengers: parsedPassengers, metadata, services, payment };
}
