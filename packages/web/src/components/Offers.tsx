import type { Schemas } from "../api";
import { money, when } from "../api";
import { ComparableRatingView } from "./Rating";

type FlightOffer = Schemas["FlightOffer"];
type HotelOffer = Schemas["HotelOffer"];
type CarOffer = Schemas["CarOffer"];

const time = (iso: string) => when(iso, { hour: "2-digit", minute: "2-digit" });
const day = (iso: string) => when(iso, { weekday: "short", day: "numeric", month: "short" });

/** One way of a flight offer: times, airports, stops, duration, carriers. */
export function Itineraries({ offer }: { offer: FlightOffer }) {
  return (
    <>
      {offer.itineraries.map((itinerary, i) => {
        const first = itinerary.segments[0]!;
        const last = itinerary.segments.at(-1)!;
        return (
          <p key={i} className="itinerary">
            <strong>
              {time(first.departure.at)} {first.departure.iataCode} → {time(last.arrival.at)} {last.arrival.iataCode}
            </strong>{" "}
            <span>
              {day(first.departure.at)} · {Math.floor(itinerary.durationMinutes / 60)} h {itinerary.durationMinutes % 60} min ·{" "}
              {itinerary.stops === 0 ? "non-stop" : `${itinerary.stops} stop${itinerary.stops > 1 ? "s" : ""}`} ·{" "}
              {itinerary.segments.map((s) => `${s.carrier.code}${s.flightNumber.replace(/^[A-Z0-9]{2}/, "")}`).join(", ")}
            </span>
          </p>
        );
      })}
    </>
  );
}

export function FlightSummary({ offer }: { offer: FlightOffer }) {
  return (
    <>
      <h3>{offer.validatingCarrier.name}</h3>
      <Itineraries offer={offer} />
      <p className="muted">
        {offer.cabin.replace("_", " ").toLowerCase()} · {offer.seatsAvailable} seat{offer.seatsAvailable === 1 ? "" : "s"} left · sold by <span className="supplier">{offer.supplier}</span>
      </p>
    </>
  );
}

export function HotelSummary({ offer }: { offer: HotelOffer }) {
  return (
    <>
      <h3>
        {offer.hotel.name} <span role="img" aria-label={`${offer.hotel.rating} stars`}>{"★".repeat(offer.hotel.rating)}</span>
      </h3>
      <p>
        {offer.room.description} · {offer.boardType.replaceAll("_", " ").toLowerCase()} · {offer.hotel.distanceKm.toFixed(1)} km from the centre
      </p>
      <p className="muted">
        {offer.nights} night{offer.nights > 1 ? "s" : ""} from {offer.checkIn} ·{" "}
        {offer.cancellation.refundable ? `free cancellation${offer.cancellation.deadline ? ` until ${when(offer.cancellation.deadline)}` : ""}` : "non-refundable"} · sold by{" "}
        <span className="supplier">{offer.supplier}</span>
      </p>
      {offer.hotel.comparableRating && <ComparableRatingView rating={offer.hotel.comparableRating} hotel={offer.hotel.name} />}
    </>
  );
}

export function CarSummary({ offer }: { offer: CarOffer }) {
  return (
    <>
      <h3>
        {offer.vehicle.makeModel} <span className="muted">or similar · {offer.vehicle.category.toLowerCase()}</span>
      </h3>
      <p>
        {offer.vendor.name} · {offer.vehicle.seats} seats · {offer.vehicle.bags} bags · {offer.vehicle.transmission.toLowerCase()}
        {offer.vehicle.airConditioning ? " · air conditioning" : ""}
      </p>
      <p className="muted">
        {offer.rentalDays} day{offer.rentalDays > 1 ? "s" : ""} from {when(offer.pickup.at)} at {offer.pickup.location} · sold by <span className="supplier">{offer.supplier}</span>
      </p>
    </>
  );
}

export function OfferPrice({ total, currency, per }: { total: string; currency: string; per?: string }) {
  return (
    <p className="price">
      <strong>{money(total, currency)}</strong>
      {per && <span className="muted"> {per}</span>}
    </p>
  );
}

export function isFlight(offer: FlightOffer | HotelOffer | CarOffer): offer is FlightOffer {
  return "itineraries" in offer;
}
export function isHotel(offer: FlightOffer | HotelOffer | CarOffer): offer is HotelOffer {
  return "hotel" in offer;
}

/** Any offer, as a short summary (results, trips). */
export function OfferSummary({ offer }: { offer: FlightOffer | HotelOffer | CarOffer }) {
  if (isFlight(offer)) return <FlightSummary offer={offer} />;
  if (isHotel(offer)) return <HotelSummary offer={offer} />;
  return <CarSummary offer={offer} />;
}
