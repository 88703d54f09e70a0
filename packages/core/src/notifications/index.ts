export * from "./email";
export * from "./messages";
