export * from "./entities";
export * from "./inventory";
export * from "./policy";
