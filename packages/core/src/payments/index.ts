export * from "./port";
export * from "./simulated";
export * from "./stripe";
