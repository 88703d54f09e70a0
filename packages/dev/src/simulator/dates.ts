/**
 * What both simulated suppliers call a valid and a past date. Suppliers compare dates with the
 * local date at the place, which the simulator does not know for every place; it takes the
 * earliest calendar day that is still "today" somewhere (UTC−12), so no traveller's today is
 * refused as past.
 */
export function earliestToday(): string {
  return new Date(Date.now() - 12 * 3_600_000).toISOString().slice(0, 10);
}

/** "YYYY-MM-DD" naming a day that exists (no 2026-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
