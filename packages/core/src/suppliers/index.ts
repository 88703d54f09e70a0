export * from "./resilience";
export * from "./amadeus/adapter";
export * from "./amadeus/wire";
export * from "./cars/adapter";
export * from "./cars/wire";
export * from "./http";
export * from "./duffel/adapter";
export * from "./duffel/orders";
