export * from "./flights";
export * from "./service";
