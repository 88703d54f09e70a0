import { randomBytes } from "node:crypto";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { scanPages } from "../db/client";
import { dynamoSdk } from "../db/sdk";
import type { BookingEntities } from "./entities";
import type { BookingService } from "./service";
import { effectiveStatus, toReservationView, type OrderView, type ReservationView } from "./views";

/**
 * A traveller's booking data, for export and erasure (GDPR articles 15, 17 and 20).
 *
 * Erasure anonymises rather than deletes: reservations and orders are records accounting must
 * keep (amounts, currency, payment reference, dates, what was sold), so they stay, but the
 * travellers' names, dates of birth and emails are replaced by `[erased]` and the owner becomes
 * an id that is new and random (`erased_…`), so nothing ties them to the person any more.
 * Idempotency records of the user (their stored responses repeat traveller names) are deleted.
 */
export const erasedMarker = "[erased]";

export interface BookingTablesForPrivacy {
  reservations: string;
  orders: string;
  idempotency: string;
}

export class BookingPersonalData {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly entities: BookingEntities,
    private readonly tables: BookingTablesForPrivacy,
    private readonly booking: Pick<BookingService, "listForUser" | "listOrders">,
    private readonly now: () => number = Date.now,
  ) {}

  async export(userId: string): Promise<{ reservations: ReservationView[]; orders: OrderView[] }> {
    const reservations: ReservationView[] = [];
    const orders: OrderView[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.booking.listForUser(userId, { limit: 100, ...(cursor ? { cursor } : {}) });
      reservations.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    do {
      const page = await this.booking.listOrders(userId, { limit: 100, ...(cursor ? { cursor } : {}) });
      orders.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { reservations, orders };
  }

  /** Holds still running: erasure waits for them (they end within the hold window). */
  async activeHolds(userId: string): Promise<string[]> {
    const { data } = await this.entities.Reservation.query.byUserAndStatus({ userId, status: "HOLD" }).go({ pages: "all" });
    return data.filter((r) => effectiveStatus(r, this.now()) === "HOLD").map((r) => r.reservationId);
  }

  /**
   * Anonymise every reservation and order of the user and delete their idempotency records.
   * Safe to repeat: a retry finds whatever a failed run left.
   */
  async erase(userId: string): Promise<{ reservations: number; orders: number; idempotencyRecords: number }> {
    const anonymousOwner = `erased_${randomBytes(16).toString("base64url")}`;
    const updatedAt = new Date(this.now()).toISOString();
    const { DeleteCommand, UpdateCommand } = (await dynamoSdk()).lib;
    const { data: reservations } = await this.entities.Reservation.query.byUserAndStatus({ userId }).go({ pages: "all" });
    for (const reservation of reservations) {
      const view = toReservationView(reservation, this.now());
      await this.client.send(
        new UpdateCommand({
          TableName: this.tables.reservations,
          Key: { reservation_id: reservation.reservationId, event_id: reservation.eventId },
          UpdateExpression: "SET user_id = :owner, travelers = :travelers, contact_email = :erased, updated_at = :at",
          // Only while it is still this user's: never re-anonymise someone else's.
          ConditionExpression: "user_id = :user",
          ExpressionAttributeValues: {
            ":owner": anonymousOwner,
            ":travelers": view.travelers.map(() => ({ firstName: erasedMarker, lastName: erasedMarker })),
            ":erased": erasedMarker,
            ":at": updatedAt,
            ":user": userId,
          },
        }),
      );
    }
    const { data: orders } = await this.entities.Order.query.byUserAndCreation({ userId }).go({ pages: "all" });
    for (const order of orders) {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tables.orders,
          Key: { order_id: order.orderId, reservation_id: order.reservationId },
          UpdateExpression: "SET user_id = :owner, updated_at = :at",
          ConditionExpression: "user_id = :user",
          ExpressionAttributeValues: { ":owner": anonymousOwner, ":at": updatedAt, ":user": userId },
        }),
      );
    }
    // Idempotency keys are `<user>#<key>` and live minutes (TTL); a filtered scan is the only way
    // to find one user's, and erasure is rare enough to afford it.
    let idempotencyRecords = 0;
    const pages = scanPages(this.client, {
      TableName: this.tables.idempotency,
      FilterExpression: "begins_with(idempotency_key, :prefix)",
      ExpressionAttributeValues: { ":prefix": `${userId}#` },
      ProjectionExpression: "idempotency_key",
    });
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        await this.client.send(new DeleteCommand({ TableName: this.tables.idempotency, Key: { idempotency_key: item.idempotency_key } }));
        idempotencyRecords += 1;
      }
    }
    return { reservations: reservations.length, orders: orders.length, idempotencyRecords };
  }
}
