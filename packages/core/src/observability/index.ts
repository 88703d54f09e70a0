export * from "./catalog";
export * from "./logger";
export * from "./metrics";
export * from "./tracing";
