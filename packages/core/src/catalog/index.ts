export * from "./catalog";
export * from "./reference-data";
export { normalizeText } from "./terms";
export type { DestinationType } from "./entities";
export * from "./popular";
