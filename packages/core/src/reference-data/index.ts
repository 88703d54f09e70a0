export * from "./reference-tables";
export * from "./nearby";
export * from "./location-index";
export * from "./seed";
