import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api";
import { Failure, percent, REFRESH_MS, type WindowName, windowLabels } from "./shared";

const stepLabels = { searched: "Searched", held: "Held a seat or room", confirmed: "Confirmed a booking" } as const;

/** Search → hold → confirmed as plain bars: the width is relative to the searches, the numbers are text. */
export function Funnel({ window }: { window: WindowName }) {
  const funnel = useQuery({
    queryKey: ["admin", "funnel", window],
    queryFn: ({ signal }) => unwrap(api.GET("/v1/admin/analytics/funnel", { params: { query: { window } }, signal })),
    refetchInterval: REFRESH_MS,
  });
  const data = funnel.data?.data;
  const top = Math.max(1, ...(data?.steps.map((s) => s.events) ?? []));
  return (
    <section className="card" aria-labelledby="funnel-heading">
      <h2 id="funnel-heading">Search → hold → confirmed</h2>
      <Failure error={funnel.error} />
      {funnel.isPending && <p role="status">Loading the funnel…</p>}
      {data && (
        <>
          <p className="muted">{windowLabels[data.window]}: events, and distinct people in brackets.</p>
          <ol className="admin-funnel">
            {data.steps.map((s) => (
              <li key={s.step}>
                <span className="admin-funnel-label">{stepLabels[s.step]}</span>
                <span className="admin-funnel-track" aria-hidden="true">
                  <span className={`admin-funnel-bar ${s.step}`} style={{ width: `${(s.events / top) * 100}%` }} />
                </span>
                <span className="admin-funnel-figure">
                  <span data-testid={`funnel-${s.step}`}>{s.events}</span> (
                  <span data-testid={`funnel-${s.step}-visitors`}>{s.uniqueVisitors}</span> {s.uniqueVisitors === 1 ? "person" : "people"})
                </span>
              </li>
            ))}
          </ol>
          <dl className="admin-figures compact">
            <div>
              <dt>Holds per search</dt>
              <dd data-testid="rate-hold-per-search">{percent(data.rates.holdPerSearch)}</dd>
            </div>
            <div>
              <dt>Bookings per hold</dt>
              <dd data-testid="rate-confirm-per-hold">{percent(data.rates.confirmPerHold)}</dd>
            </div>
            <div>
              <dt>Bookings per search</dt>
              <dd data-testid="rate-confirm-per-search">{percent(data.rates.confirmPerSearch)}</dd>
            </div>
          </dl>
        </>
      )}
    </section>
  );
}
