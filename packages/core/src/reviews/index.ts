export * from "./policy";
export * from "./eligibility";
export * from "./moderation";
export * from "./aggregate";
export * from "./comparable-rating";
