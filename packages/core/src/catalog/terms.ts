/** Words that appear in most airport names and would only add noise to autocomplete. */
const stopWords = new Set([
  "airport", "international", "intl", "regional", "municipal", "aeropuerto", "aeroporto", "aeroport",
  "flughafen", "the", "of", "de", "del", "la", "le", "du", "da", "do", "and", "air", "base",
]);

/** Lower-case, strip accents and punctuation: "Zürich-Kloten" → "zurich kloten". */
export function normalizeText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export function wordsOf(text: string): string[] {
  const normalized = normalizeText(text);
  return normalized ? normalized.split(" ") : [];
}

/** The searchable words of a destination: its code and the meaningful words of its names. */
export function searchTermsOf(entry: { iataCode: string; name: string; cityName: string }): string[] {
  const words = [...wordsOf(entry.name), ...wordsOf(entry.cityName)].filter((w) => w.length >= 2 && !stopWords.has(w));
  return [...new Set([entry.iataCode.toLowerCase(), ...words])];
}
