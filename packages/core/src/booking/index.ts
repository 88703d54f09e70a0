export * from "./entities";
export * from "./errors";
export * from "./idempotency";
export * from "./inventory";
export * from "./outbox";
export * from "./policy";
export * from "./service";
export * from "./transact";
