export * from "./port";
export * from "./simulated";
