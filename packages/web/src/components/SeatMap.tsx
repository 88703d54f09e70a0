import type { paths } from "@travel/client";
import { money } from "../api";

type SeatMapResponse = paths["/v1/offers/{id}/seats"]["get"]["responses"][200]["content"]["application/json"]["data"];
export type FlightSeatMap = Extract<SeatMapResponse, { vertical: "flights" }>["segments"][number];

/**
 * One flight's cabin as rows of seats. Each free seat is a toggle button named by its seat and
 * price ("Seat 12C, 30.00 USD"), so it can be chosen by keyboard and by screen reader; taken seats
 * are shown but disabled.
 */
export function SeatMap({ flight, chosen, onToggle, max }: { flight: FlightSeatMap; chosen: string[]; onToggle: (seatId: string) => void; max: number }) {
  const rows = new Map<number, FlightSeatMap["seats"]>();
  for (const seat of flight.seats) rows.set(seat.row, [...(rows.get(seat.row) ?? []), seat]);
  const letters = [...new Set(flight.seats.map((s) => s.letter))].sort();
  return (
    <fieldset className="seatmap">
      <legend>
        Flight {flight.flightNumber}: choose {max === 1 ? "a seat" : `up to ${max} seats`} ({chosen.length} chosen, {flight.seatsAvailable} free)
      </legend>
      <div className="rows" style={{ gridTemplateColumns: `2.2em repeat(${letters.length}, minmax(2.2em, 1fr))` }}>
        {[...rows].map(([row, seats]) => (
          <div className="row" key={row} role="group" aria-label={`Row ${row}`}>
            <span className="row-number" aria-hidden="true">{row}</span>
            {letters.map((letter) => {
              const seat = seats.find((s) => s.letter === letter);
              if (!seat) return <span key={letter} />;
              const isChosen = chosen.includes(seat.seatId);
              const free = seat.status === "AVAILABLE";
              const price = seat.price && Number(seat.price.amount) > 0 ? money(seat.price.amount, seat.price.currency) : "included";
              return (
                <button
                  key={letter}
                  type="button"
                  className={`seat ${isChosen ? "chosen" : ""} ${free ? "" : "taken"} ${seat.price && Number(seat.price.amount) > 0 ? "paid" : ""}`}
                  aria-pressed={isChosen}
                  aria-label={`Seat ${seat.seatId}, ${free ? price : "taken"}`}
                  disabled={!free || (!isChosen && chosen.length >= max)}
                  onClick={() => onToggle(seat.seatId)}
                >
                  {seat.seatId}
                  {free && seat.price && Number(seat.price.amount) > 0 ? <span aria-hidden="true">+</span> : null}
                </button>
              );
            })}
          </div>
        ))}
      </div>
      <p className="muted legend">Seats marked + cost extra (shaded); crossed-out seats are taken. A flight with no seat chosen gets the cheapest free seats, at no charge.</p>
    </fieldset>
  );
}
