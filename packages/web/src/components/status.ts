import type { Schemas } from "../api";

/** A reservation's status in the traveller's words (trip page, My trips and its filter). */
export const statusLabels: Record<Schemas["Reservation"]["status"], string> = { HOLD: "On hold", CONFIRMED: "Booked", CANCELLED: "Cancelled", EXPIRED: "Hold ended" };
