/// <reference path="../.sst/platform/config.d.ts" />

/** The platform's event bus: bookings, price and inventory changes, searches. */
export const bus = new sst.aws.Bus("Bus");
