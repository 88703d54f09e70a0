export * from "./flights";
export * from "./hotels";
export * from "./service";
