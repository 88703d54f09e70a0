export * from "./openflights";
export * from "./nearby";
export * from "./location-index";
export * from "./seed";
