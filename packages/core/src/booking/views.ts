import type { EntityItem } from "electrodb";
import { fromMinorUnits, toMinorUnits } from "../payments/port";
import type { CarOffer, FlightOffer, HotelOffer } from "../search";
import type { BookingEntities } from "./entities";
import { seatsPerFlight } from "./inventory";
import type { ReservationStatus } from "./statuses";

export type ReservationItem = EntityItem<BookingEntities["Reservation"]>;
export type OrderItem = EntityItem<BookingEntities["Order"]>;

export interface Traveler {
  firstName: string;
  lastName: string;
  dateOfBirth?: string;
  email?: string;
  /** Asked by suppliers that take orders (Duffel: mr, ms, mrs, miss, dr). */
  title?: "mr" | "ms" | "mrs" | "miss" | "dr";
  /** As the traveller's documents state it (Duffel: m, f). */
  gender?: "m" | "f";
}

/** The supplier's order behind a booking, as the traveller sees it. */
export interface SupplierOrderView {
  supplier: string;
  status: "PENDING" | "HELD" | "PAID" | "FAILED" | "CANCELLED";
  /** "hold": held at the supplier with the reservation, paid at confirm; "instant": ordered and paid at confirm. */
  type: "hold" | "instant";
  bookingReference?: string;
  paymentRequiredBy?: string;
  /** E-ticket numbers and the like, once paid. */
  documents?: Array<{ type: string; uniqueIdentifier: string }>;
  /** Why the supplier refused. */
  failure?: string;
}

/** The airline's change to the booked flights, as the traveller sees it (the supplier's ids stay ours). */
export interface AirlineChangeView {
  status: "pending" | "accepted";
  detectedAt: string;
  /** What the traveller may do: accept (POST …/airline-change/accept), or cancel through the quote. */
  availableActions: string[];
  /** The journey's slices before and after, each as its flights. */
  removed: Array<{ flights: ChangedFlightView[] }>;
  added: Array<{ flights: ChangedFlightView[] }>;
  acceptedAt?: string;
}

export interface ChangedFlightView {
  flightNumber: string;
  origin: string;
  destination: string;
  departingAt: string;
  arrivingAt: string;
}

export interface ReservationView {
  reservationId: string;
  status: ReservationStatus;
  vertical: "flights" | "hotels" | "cars";
  offerId: string;
  eventId: string;
  seatIds: string[];
  /** Flights: the seats held on every flight, in itinerary order (the first is `eventId`/`seatIds`). */
  seats: FlightSeatsView[];
  quantity: number;
  holdExpiresAt: string;
  totalAmount: string;
  /** The part of `totalAmount` paid for seats the travellers chose. */
  seatsAmount?: string;
  currency: string;
  travelers: Traveler[];
  contactEmail: string;
  itinerary: FlightOffer | HotelOffer | CarOffer;
  startsAt: string;
  orderId?: string;
  refundedAmount?: string;
  supplierOrder?: SupplierOrderView;
  airlineChange?: AirlineChangeView;
  createdAt: string;
  updatedAt: string;
}

/** A traveller's seat per flight: `seatIds[i]` is traveller i's. */
export interface FlightSeatsView {
  segment: number;
  flightNumber: string;
  eventId: string;
  seatIds: string[];
}

/** The seats of a flight booking on each of its flights, named as the seat map names them. */
function seatsView(item: Pick<ReservationItem, "eventId" | "seatIds" | "onwardSeats" | "itinerary">): FlightSeatsView[] {
  // An itinerary as stored (older or anonymised items may lack the flights): numbers where known.
  const flightNumbers = (item.itinerary as Partial<FlightOffer> | undefined)?.itineraries?.flatMap((it) => it.segments.map((s) => s.flightNumber)) ?? [];
  return seatsPerFlight(item).map(({ eventId, seatIds }, segment) => ({ segment, flightNumber: flightNumbers[segment] ?? "", eventId, seatIds }));
}

export interface OrderView {
  orderId: string;
  reservationId: string;
  eventId: string;
  status: "CONFIRMED" | "CANCELLED";
  seatIds: string[];
  seats: FlightSeatsView[];
  totalAmount: string;
  seatsAmount?: string;
  currency: string;
  paymentId: string;
  refundedAmount?: string;
  itinerary: FlightOffer | HotelOffer | CarOffer;
  supplierOrder?: SupplierOrderView;
  createdAt: string;
  updatedAt: string;
}

/** One flight's seats: a hold names them per `segment`. */
export interface FlightSeatMapView {
  segment: number;
  flightNumber: string;
  departsAt: string;
  eventId: string;
  seatsAvailable: number;
  /** `supplier`: the seller's own seat map; `layout`: laid out here for suppliers that publish none. */
  seatMapSource: "supplier" | "layout";
  seats: Array<{ seatId: string; row: number; letter: string; status: SeatState; price?: { amount: string; currency: string } }>;
}

/** HELD and SOLD are ours; UNAVAILABLE is a seat the supplier does not sell (taken or blocked there). */
export type SeatState = "AVAILABLE" | "HELD" | "SOLD" | "UNAVAILABLE";

export type InventoryView =
  | ({
      vertical: "flights";
      offerId: string;
      cabin: string;
      fareClass: string;
      /** Every flight of the offer, outbound then return; the fields beside it repeat the first one's. */
      segments: FlightSeatMapView[];
    } & Omit<FlightSeatMapView, "segment" | "flightNumber" | "departsAt">)
  | {
      vertical: "hotels";
      offerId: string;
      eventId: string;
      hotelId: string;
      roomCategory: string;
      roomsAvailable: number;
      nights: Array<{ night: string; capacity: number; available: number; held: number; sold: number }>;
    };

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** An amount stored as a number, shown as the currency's decimal string ("523.40"). */
export function amountText(amount: number, currency: string): string {
  return fromMinorUnits(toMinorUnits(String(amount), currency), currency);
}

/** HOLD past its expiry reads as EXPIRED even before the expiry job has run. */
export function effectiveStatus(reservation: Pick<ReservationItem, "status" | "holdExpiresAt">, now: number): ReservationStatus {
  return reservation.status === "HOLD" && Date.parse(reservation.holdExpiresAt) <= now ? "EXPIRED" : reservation.status;
}

/** A reservation as travellers and subscribers see it. */
export function toReservationView(r: ReservationItem, now: number): ReservationView {
  return {
    reservationId: r.reservationId,
    status: effectiveStatus(r, now),
    vertical: r.vertical,
    offerId: r.offerId,
    eventId: r.eventId,
    seatIds: r.seatIds,
    seats: seatsView(r),
    quantity: r.qty,
    holdExpiresAt: r.holdExpiresAt,
    totalAmount: amountText(r.totalAmount, r.currency),
    ...(r.seatsAmount ? { seatsAmount: amountText(r.seatsAmount, r.currency) } : {}),
    currency: r.currency,
    travelers: r.travelers as Traveler[],
    contactEmail: r.contactEmail,
    itinerary: r.itinerary as FlightOffer | HotelOffer | CarOffer,
    startsAt: r.startsAt,
    ...(r.orderId ? { orderId: r.orderId } : {}),
    ...(r.refundedAmount !== undefined ? { refundedAmount: amountText(r.refundedAmount, r.currency) } : {}),
    ...(r.supplierOrder ? { supplierOrder: supplierOrderView(r.supplierOrder) } : {}),
    ...(r.airlineChange ? { airlineChange: airlineChangeView(r.airlineChange) } : {}),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function toOrderView(o: OrderItem): OrderView {
  return {
    orderId: o.orderId,
    reservationId: o.reservationId,
    eventId: o.eventId,
    status: o.status,
    seatIds: o.seatIds,
    seats: seatsView(o),
    totalAmount: amountText(o.totalAmount, o.currency),
    ...(o.seatsAmount ? { seatsAmount: amountText(o.seatsAmount, o.currency) } : {}),
    currency: o.currency,
    paymentId: o.paymentIntentId,
    ...(o.refundedAmount !== undefined ? { refundedAmount: amountText(o.refundedAmount, o.currency) } : {}),
    itinerary: o.itinerary as FlightOffer | HotelOffer | CarOffer,
    ...(o.supplierOrder ? { supplierOrder: supplierOrderView(o.supplierOrder) } : {}),
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

/** The supplier's ids stay ours to use: the traveller sees the booking reference, not Duffel's order id. */
function supplierOrderView(o: NonNullable<ReservationItem["supplierOrder"]>): SupplierOrderView {
  return {
    supplier: o.supplier,
    status: o.status,
    type: o.type,
    ...(o.bookingReference ? { bookingReference: o.bookingReference } : {}),
    // The supplier's pay-by deadline matters only while its hold awaits payment.
    ...(o.paymentRequiredBy && o.status === "HELD" ? { paymentRequiredBy: o.paymentRequiredBy } : {}),
    ...(o.documents?.length ? { documents: o.documents.map((d) => ({ type: d.type, uniqueIdentifier: d.uniqueIdentifier })) } : {}),
    ...(o.failure ? { failure: o.failure } : {}),
  };
}

function airlineChangeView(c: NonNullable<ReservationItem["airlineChange"]>): AirlineChangeView {
  const journey = (slices: typeof c.added) => slices.map((slice) => ({ flights: slice.flights.map((f) => ({ ...f })) }));
  return {
    status: c.status,
    detectedAt: c.detectedAt,
    availableActions: c.availableActions,
    removed: journey(c.removed),
    added: journey(c.added),
    ...(c.acceptedAt ? { acceptedAt: c.acceptedAt } : {}),
  };
}

/** Read one reservation by id (subscribers; no ownership check, they act for the system). */
export async function readReservation(entities: BookingEntities, reservationId: string, now: number): Promise<ReservationView | undefined> {
  const { data } = await entities.Reservation.query.byId({ reservationId }).go();
  return data[0] ? toReservationView(data[0] as ReservationItem, now) : undefined;
}
