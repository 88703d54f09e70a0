export * from "./catalog";
export * from "./publisher";
export * from "./subscriptions";
