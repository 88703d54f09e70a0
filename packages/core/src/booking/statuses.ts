/** The states of the reservation tables' items, as their contract names them. */
export const reservationStatuses = ["HOLD", "CONFIRMED", "CANCELLED", "EXPIRED"] as const;
export type ReservationStatus = (typeof reservationStatuses)[number];

export const orderStatuses = ["CONFIRMED", "CANCELLED"] as const;
export const outboxStatuses = ["PENDING", "SENT", "FAILED"] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];
export const seatStatuses = ["AVAILABLE", "HELD", "SOLD"] as const;
export type SeatStatus = (typeof seatStatuses)[number];

/** The supplier's order behind a reservation: asked, held or paid there, refused, cancelled there. */
export const supplierOrderStatuses = ["PENDING", "HELD", "PAID", "FAILED", "CANCELLED"] as const;
export type SupplierOrderStatus = (typeof supplierOrderStatuses)[number];
