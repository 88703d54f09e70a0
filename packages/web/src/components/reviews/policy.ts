import type { Schemas } from "../../api";
// What the API validates reviews against, declared once in core (dependency-free constants: the
// bundler keeps these and drops the rest of the module, which the package marks side-effect free).
import { reviewCategories, reviewReplyLength, reviewScore, reviewTextLength, reviewTitleLength, tripTypes } from "@travel/core/reviews/policy";

export { reviewCategories, reviewReplyLength, reviewScore, reviewTextLength, reviewTitleLength, tripTypes };

export type SubjectKind = keyof typeof reviewCategories;
export type TripType = (typeof tripTypes)[number];
export type Review = Schemas["Review"];
export type ReviewDetail = Schemas["ReviewDetail"];

export const tripTypeLabels: Record<TripType, string> = { business: "Business", couple: "Couple", family: "Family", friends: "Friends", solo: "Solo" };

export const categoryLabels: Record<string, string> = {
  cleanliness: "Cleanliness",
  location: "Location",
  service: "Service",
  value: "Value for money",
  comfort: "Comfort",
  punctuality: "Punctuality",
};
export const categoryLabel = (name: string) => categoryLabels[name] ?? name;

/** The languages offered when writing or filtering (any other tag a review has is kept as it is). */
export const languages: Array<[string, string]> = [
  ["en", "English"], ["fr", "Français"], ["de", "Deutsch"], ["es", "Español"], ["it", "Italiano"], ["nl", "Nederlands"], ["pt", "Português"],
];
export const languageName = (tag: string) => languages.find(([t]) => t === tag)?.[1] ?? tag;

/** A review's status in its author's words. */
export const statusLabels: Record<ReviewDetail["status"], string> = {
  APPROVED: "Published",
  PENDING: "Waiting for moderation",
  REJECTED: "Not published: a moderator rejected it",
  REMOVED: "Removed by a moderator",
};

/** 10 down to 1, the best first (how scores are read out in selects and the distribution). */
export const scores = Array.from({ length: reviewScore.max - reviewScore.min + 1 }, (_, i) => reviewScore.max - i);
