export * from "./tables";
export * from "./client";
export * from "./create-tables";
export * from "./sdk";
