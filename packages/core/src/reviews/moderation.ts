/**
 * The automatic check every review (and every reply) passes before anyone sees it. Contact details
 * and card numbers are removed and the review still goes out; links are removed and the review
 * waits for a moderator (link spam is what review moderation mostly catches); a word from the list
 * or a review written in capitals also waits. Nothing is rejected here: a moderator decides, with
 * a reason (core/reviews is told by the API, which audits it).
 *
 * Hand-written patterns rather than a library: the few published "profanity" packages judge words
 * in English only and the rest (emails, phones, URLs) is a handful of expressions.
 */
export type ModerationFlag = "contact_details" | "card_number" | "link" | "word_list" | "capitals";

export interface Screening {
  decision: "publish" | "queue";
  title: string;
  text: string;
  flags: ModerationFlag[];
}

/** Words that send a review to the moderation queue (lower case, matched as whole words, any language they were written in). */
export const moderatedWords = ["fuck", "fucking", "shit", "bitch", "bastard", "asshole", "cunt", "wanker", "merde", "putain", "scheisse", "mierda", "puta", "cazzo"] as const;

const replacements: { flag: ModerationFlag; pattern: RegExp; replacement: string }[] = [
  // A card number: 13–19 digits, spaces or dashes between groups (checked before phone numbers).
  { flag: "card_number", pattern: /\b(?:\d[ -]?){12,18}\d\b/g, replacement: "[card number removed]" },
  { flag: "contact_details", pattern: /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, replacement: "[email removed]" },
  { flag: "link", pattern: /\b(?:https?:\/\/|www\.)\S+|\b[\w-]+\.(?:com|net|org|io|co|info|biz|ru|cn|ly|me|app)(?:\/\S*)?\b/gi, replacement: "[link removed]" },
  // A phone number: optional +, then 9 or more digits with spaces, dots, dashes or brackets between
  // (9, not fewer: a date such as 14.03.2027 has 8).
  { flag: "contact_details", pattern: /\+?\(?\d(?:[\s().-]*\d){8,}/g, replacement: "[phone removed]" },
];
const queueing: ModerationFlag[] = ["link", "word_list", "capitals"];
const wordPattern = new RegExp(`\\b(?:${moderatedWords.join("|")})\\b`, "i");

function redact(input: string, flags: Set<ModerationFlag>): string {
  let output = input;
  for (const { flag, pattern, replacement } of replacements) {
    const next = output.replace(pattern, replacement);
    if (next !== output) flags.add(flag);
    output = next;
  }
  return output;
}

/** Mostly capitals: over 70% of at least 20 letters. */
function shouted(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length < 20) return false;
  return letters.filter((l) => l !== l.toLowerCase() && l === l.toUpperCase()).length / letters.length > 0.7;
}

export function screenReview(input: { title: string; text: string }): Screening {
  const flags = new Set<ModerationFlag>();
  const title = redact(input.title, flags);
  const text = redact(input.text, flags);
  if (wordPattern.test(`${title} ${text}`)) flags.add("word_list");
  if (shouted(`${title} ${text}`)) flags.add("capitals");
  const flagged = [...flags].sort();
  return { decision: flagged.some((f) => queueing.includes(f)) ? "queue" : "publish", title, text, flags: flagged };
}
