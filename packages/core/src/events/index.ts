export * from "./catalog";
export * from "./dead-letters";
export * from "./publisher";
export * from "./subscriptions";
export * from "./archive";
