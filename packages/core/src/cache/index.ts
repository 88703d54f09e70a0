export * from "./redis";
export * from "./search-cache";
export * from "./ttl";
