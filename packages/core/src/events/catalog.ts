import { z } from "zod";

/**
 * Every event on the bus, declared once: its EventBridge source, detail-type and detail schema.
 * Publishers validate against these; subscriptions match on source and detail-type.
 */
const routeCode = z.string().regex(/^[A-Z]{3}-[A-Z]{3}$/, { message: "routes look like LHR-JFK" });
const cityCode = z.string().regex(/^[A-Z]{3}$/, { message: "city codes are 3-letter IATA codes" });

const supplierChange = z
  .object({
    supplier: z.string().min(1).max(50),
    routes: z.array(routeCode).max(500).default([]),
    cityCodes: z.array(cityCode).max(500).default([]),
    reason: z.string().max(200).optional(),
  })
  .refine((d) => d.routes.length + d.cityCodes.length > 0, { message: "name at least one route or city", path: ["routes"] });

export const eventCatalog = {
  PriceUpdated: { source: "supplier.service", detailType: "Price Updated", detail: supplierChange },
  InventoryChanged: { source: "supplier.service", detailType: "Inventory Changed", detail: supplierChange },
} as const;

export type EventName = keyof typeof eventCatalog;
export type EventDetail<N extends EventName> = z.output<(typeof eventCatalog)[N]["detail"]>;

/** An event as EventBridge delivers it to a subscriber. */
export interface BusEvent<D = unknown> {
  version: "0";
  id: string;
  "detail-type": string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: D;
}

/** Subscription filter, in the shape `sst.aws.Bus#subscribe` takes. */
export interface EventPattern {
  source?: string[];
  detailType?: string[];
  detail?: Record<string, string[]>;
}

/** The subset of EventBridge pattern matching the declared subscriptions use: exact values. */
export function matchesPattern(event: BusEvent, pattern: EventPattern): boolean {
  if (pattern.source && !pattern.source.includes(event.source)) return false;
  if (pattern.detailType && !pattern.detailType.includes(event["detail-type"])) return false;
  for (const [field, allowed] of Object.entries(pattern.detail ?? {})) {
    const value = (event.detail as Record<string, unknown> | null)?.[field];
    if (typeof value !== "string" || !allowed.includes(value)) return false;
  }
  return true;
}
