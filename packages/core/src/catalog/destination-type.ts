export const destinationType = ["airport", "city"] as const;
export type DestinationType = (typeof destinationType)[number];
