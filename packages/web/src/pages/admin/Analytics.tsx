import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useLocation, useSearch } from "wouter";
import { api, money, unwrap } from "../../api";
import { Funnel } from "./Funnel";
import { Failure, percent, REFRESH_MS, Updated, windowLabels, windows, type WindowName } from "./shared";
import { Suppliers } from "./Suppliers";
import { LatencyChart, SearchesChart } from "./TimeCharts";
import { TopLists } from "./TopLists";

/** The window of the overview, funnel and top lists: `?window=` (default 24h, as the API's). */
function useWindow(): [WindowName, (next: WindowName) => void] {
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const current = windows.find((w) => w === search.get("window")) ?? "24h";
  return [current, (next) => navigate(next === "24h" ? "/admin" : `/admin?window=${next}`, { replace: true })];
}

function Figure({ label, testId, value, note }: { label: string; testId: string; value: string | number; note?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <span data-testid={testId}>{value}</span>
        {note && <span className="admin-note"> {note}</span>}
      </dd>
    </div>
  );
}

export function Analytics() {
  const [window, setWindow] = useWindow();
  const overview = useQuery({
    queryKey: ["admin", "overview", window],
    queryFn: ({ signal }) => unwrap(api.GET("/v1/admin/analytics/overview", { params: { query: { window } }, signal })),
    refetchInterval: REFRESH_MS,
  });
  const o = overview.data?.data;
  const supplierKey = o?.suppliers.map((s) => s.name).join(",") ?? "";
  const supplierNames = useMemo(() => (supplierKey ? supplierKey.split(",") : []), [supplierKey]);

  return (
    <>
      <div className="field admin-window">
        <label htmlFor="admin-window">Window</label>
        <select id="admin-window" value={window} onChange={(e) => setWindow(e.target.value as WindowName)}>
          {windows.map((w) => (
            <option key={w} value={w}>
              {windowLabels[w]}
            </option>
          ))}
        </select>
      </div>

      <section className="card" aria-labelledby="overview-heading">
        <h2 id="overview-heading">Overview</h2>
        <Failure error={overview.error} />
        {overview.isPending && <p role="status">Loading the overview…</p>}
        {o && (
          <>
            <p className="muted">
              {windowLabels[o.window]}, counted per {o.interval}.
            </p>
            <dl className="admin-figures">
              <Figure label="Searches" testId="searches-total" value={o.searches.total} />
              <Figure label="Flight searches" testId="searches-flights" value={o.searches.byVertical.flights} />
              <Figure label="Hotel searches" testId="searches-hotels" value={o.searches.byVertical.hotels} />
              <Figure label="Car searches" testId="searches-cars" value={o.searches.byVertical.cars} />
              <Figure label="Unique visitors" testId="unique-visitors" value={o.uniqueVisitors} note="(estimate, ±1%)" />
              <Figure
                label="Cache hit ratio"
                testId="cache-hit-ratio"
                value={percent(o.cache.hitRatio)}
                note={`(${o.cache.hits} hits, ${o.cache.stale} stale, ${o.cache.misses} misses)`}
              />
              <Figure label="Offers viewed" testId="offer-views" value={o.offerViews} />
              <Figure label="Reservations held" testId="reservations-held" value={o.reservations.held} />
              <Figure label="Reservations confirmed" testId="reservations-confirmed" value={o.reservations.confirmed} />
              <Figure label="Reservations cancelled" testId="reservations-cancelled" value={o.reservations.cancelled} />
              <Figure label="Holds expired" testId="reservations-expired" value={o.reservations.expired} />
            </dl>
            <Updated at={overview.dataUpdatedAt} />
          </>
        )}
      </section>

      {o && (
        <section className="card" aria-labelledby="revenue-heading">
          <h2 id="revenue-heading">Revenue and refunds</h2>
          <div className="admin-grid">
            <Money title="Revenue (confirmed bookings)" prefix="revenue" amounts={o.revenue} />
            <Money title="Refunds" prefix="refunds" amounts={o.refunds} />
          </div>
        </section>
      )}

      <SearchesChart />
      <Funnel window={window} />
      <TopLists window={window} />
      <LatencyChart suppliers={supplierNames} />
      <Suppliers window={window} inWindow={o?.suppliers} />
    </>
  );
}

/** Amounts per currency: the API's decimal string as text (testid `<prefix>-<CUR>`), and formatted. */
function Money({ title, prefix, amounts }: { title: string; prefix: string; amounts: Record<string, string> }) {
  const currencies = Object.keys(amounts).sort();
  return (
    <div>
      <h3>{title}</h3>
      {currencies.length === 0 ? (
        <p>None in this window.</p>
      ) : (
        <ul className="admin-money">
          {currencies.map((currency) => (
            <li key={currency}>
              <span data-testid={`${prefix}-${currency}`}>{amounts[currency]}</span> {currency}{" "}
              <span className="admin-note">({money(amounts[currency]!, currency)})</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
