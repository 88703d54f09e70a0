export * from "./policy";
export * from "./eligibility";
export * from "./moderation";
export * from "./aggregate";
export * from "./comparable-rating";
export * from "./entities";
export * from "./service";
export * from "./interactions";
