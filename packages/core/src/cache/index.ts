export * from "./counters";
export * from "./policies";
export * from "./redis";
export * from "./search-cache";
