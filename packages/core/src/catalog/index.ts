// The Catalog (over the catalog table) and its ElectroDB models come from "@travel/core/catalog/catalog"
// and "@travel/core/catalog/entities" (see core/booking/index.ts for why).
export type * from "./catalog";
export * from "./locations";
export { normalizeText, searchTermsOf } from "./terms";
export type { CatalogEntities } from "./entities";
export * from "./destination-type";
export * from "./popular";
