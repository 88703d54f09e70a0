import { createContext, useContext, useEffect } from "react";
import { ApiProblem } from "../../api";

/** Analytics refresh while the dashboard is open (TanStack Query pauses it in a hidden tab). */
export const REFRESH_MS = 5_000;

export const windows = ["15m", "1h", "6h", "24h", "7d", "30d"] as const;
export type WindowName = (typeof windows)[number];
export const windowLabels: Record<WindowName, string> = {
  "15m": "Last 15 minutes",
  "1h": "Last hour",
  "6h": "Last 6 hours",
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
};

/** Called when the API answers 403: the dashboard then shows "Not allowed" instead of its sections. */
export const ForbiddenContext = createContext<() => void>(() => {});

export const isForbidden = (error: unknown) => error instanceof ApiProblem && error.status === 403;

/** An error in the API's words; a 403 turns the whole dashboard into "Not allowed". */
export function Failure({ error }: { error: Error | null | undefined }) {
  const forbidden = useContext(ForbiddenContext);
  const refused = isForbidden(error);
  useEffect(() => {
    if (refused) forbidden();
  }, [refused, forbidden]);
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {error.message}
    </p>
  );
}

export function NotAllowed({ email, refusedByApi = false }: { email?: string; refusedByApi?: boolean }) {
  return (
    <section className="card" aria-labelledby="not-allowed">
      <h1 id="not-allowed">Not allowed</h1>
      <p>
        The admin dashboard is for administrators only
        {refusedByApi ? ", and the API refused your account's access to it." : email ? `, and ${email} is not one.` : "."} Ask an administrator
        if you need access.
      </p>
    </section>
  );
}

/** A ratio 0–1 as a percentage with one decimal; "—" when there was no traffic (null). */
export function percent(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined ? "—" : `${(ratio * 100).toFixed(1)}%`;
}

/** Milliseconds, rounded; "—" when unknown. */
export function ms(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : `${Math.round(value)} ms`;
}

/** The time of an ISO instant with seconds, for "updated at". */
export function clock(epochMs: number): string {
  return new Intl.DateTimeFormat(undefined, { timeStyle: "medium" }).format(new Date(epochMs));
}

export function Updated({ at }: { at: number }) {
  if (!at) return null;
  return <p className="muted admin-updated">Updated {clock(at)}; refreshes every {REFRESH_MS / 1000} seconds.</p>;
}

/**
 * A wide table's horizontal scroller on a narrow screen: focusable and named, so that keyboard
 * users can scroll it too (axe: scrollable-region-focusable).
 */
export function Scroll({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="admin-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
