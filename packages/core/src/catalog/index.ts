export * from "./catalog";
export * from "./locations";
export { normalizeText, searchTermsOf } from "./terms";
export { createCatalogEntities, type CatalogEntities, type DestinationType } from "./entities";
export * from "./popular";
