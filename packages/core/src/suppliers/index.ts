export * from "./port";
export * from "./amadeus/adapter";
export * from "./amadeus/wire";
