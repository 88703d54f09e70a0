import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api";
import { Failure, REFRESH_MS, type WindowName } from "./shared";

const LIMIT = 10;

function useTop(which: "top-routes" | "top-destinations", window: WindowName) {
  return useQuery({
    queryKey: ["admin", which, window, LIMIT],
    queryFn: ({ signal }) =>
      unwrap(
        which === "top-routes"
          ? api.GET("/v1/admin/analytics/top-routes", { params: { query: { window, limit: LIMIT } }, signal })
          : api.GET("/v1/admin/analytics/top-destinations", { params: { query: { window, limit: LIMIT } }, signal }),
      ),
    refetchInterval: REFRESH_MS,
  });
}

function Ranking({ id, title, what, query }: { id: string; title: string; what: string; query: ReturnType<typeof useTop> }) {
  const entries = query.data?.data.entries;
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <Failure error={query.error} />
      {query.isPending && <p role="status">Loading {what}…</p>}
      {entries && entries.length === 0 && <p>No {what} searched in this window.</p>}
      {entries && entries.length > 0 && (
        <ol className="admin-ranking" data-testid={id}>
          {entries.map((e) => (
            <li key={e.member}>
              <span className="admin-ranking-member">{e.member}</span>{" "}
              <span className="admin-ranking-count">
                {e.count} search{e.count === 1 ? "" : "es"}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function TopLists({ window }: { window: WindowName }) {
  const routes = useTop("top-routes", window);
  const destinations = useTop("top-destinations", window);
  return (
    <div className="admin-grid">
      <Ranking id="top-routes" title="Top routes" what="routes" query={routes} />
      <Ranking id="top-destinations" title="Top destinations" what="destinations" query={destinations} />
    </div>
  );
}
