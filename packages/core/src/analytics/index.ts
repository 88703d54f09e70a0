export * from "./metrics";
export * from "./facts";
export * from "./store";
export * from "./recorder";
export * from "./reservations";
export * from "./forwarding";
export * from "./replay";
