export * from "./flights";
export * from "./hotels";
export * from "./cars";
export * from "./service";
export * from "./offers";
export * from "./suppliers";
export * from "./side-by-side";
export * from "./geo";
