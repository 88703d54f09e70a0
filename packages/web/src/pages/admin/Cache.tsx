import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, unwrap } from "../../api";
import { Failure, percent, REFRESH_MS, Scroll, Updated } from "./shared";

const tagPattern = /^[a-z]+:[A-Za-z0-9_-]+$/;
const areas = [
  ["flights", "Flights"],
  ["hotels", "Hotels"],
  ["cars", "Cars"],
  ["destinations", "Destinations"],
  ["hotelDirectory", "Hotel directory"],
] as const;
const columns = [
  ["hits", "Hits"],
  ["misses", "Misses"],
  ["stale", "Stale"],
  ["supplierCalls", "Supplier calls"],
  ["supplierErrors", "Supplier errors"],
  ["coalesced", "Coalesced"],
] as const;

type Stats = Record<(typeof areas)[number][0], Record<(typeof columns)[number][0], number>>;

export function Cache() {
  const stats = useQuery({
    queryKey: ["admin", "cache-stats"],
    queryFn: ({ signal }) => unwrap(api.GET("/v1/admin/cache/stats", { signal })),
    refetchInterval: REFRESH_MS,
  });
  const data = stats.data?.data;
  return (
    <>
      <section className="card" aria-labelledby="cache-stats-heading">
        <h2 id="cache-stats-heading">Cache</h2>
        <Failure error={stats.error} />
        {stats.isPending && <p role="status">Loading cache statistics…</p>}
        {data && (
          <>
            <dl className="admin-figures compact">
              <div>
                <dt>Hit ratio (all instances)</dt>
                <dd data-testid="cache-stats-hit-ratio">{percent(data.hitRatio)}</dd>
              </div>
              <div>
                <dt>Supplier calls avoided</dt>
                <dd data-testid="cache-supplier-calls-avoided">{data.supplierCallsAvoided ?? "—"}</dd>
              </div>
            </dl>
            {data.shared ? (
              <StatsTable caption="All instances (shared in Redis)" stats={data.shared} />
            ) : (
              <p className="notice">Redis is not answering: shared figures are unavailable; this instance's follow.</p>
            )}
            <StatsTable caption="This API instance since it started" stats={data.instance} />
            <Updated at={stats.dataUpdatedAt} />
          </>
        )}
      </section>
      <Invalidate />
    </>
  );
}

function StatsTable({ caption, stats }: { caption: string; stats: Stats }) {
  return (
    <Scroll label={caption}>
      <table className="admin-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Cache</th>
            {columns.map(([key, label]) => (
              <th key={key} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {areas.map(([area, label]) => (
            <tr key={area}>
              <th scope="row">{label}</th>
              {columns.map(([key]) => (
                <td key={key}>{stats[area][key]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

function Invalidate() {
  const queries = useQueryClient();
  const [tags, setTags] = useState("");
  const [invalid, setInvalid] = useState<string[]>([]);
  const invalidate = useMutation({
    mutationFn: (list: string[]) => unwrap(api.POST("/v1/admin/cache/invalidate", { body: { tags: list } })),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ["admin", "cache-stats"] }),
  });
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const list = [...new Set(tags.split(",").map((t) => t.trim()).filter(Boolean))];
    const wrong = list.filter((t) => !tagPattern.test(t));
    setInvalid(list.length === 0 ? ["(none given)"] : wrong);
    if (list.length > 0 && wrong.length === 0) invalidate.mutate(list);
  };
  const answer = invalidate.data?.data;
  return (
    <form className="card" onSubmit={submit} aria-labelledby="invalidate-heading" noValidate>
      <h2 id="invalidate-heading">Invalidate cached searches</h2>
      <div className="field">
        <label htmlFor="cache-tags">Tags</label>
        <input
          id="cache-tags"
          name="tags"
          value={tags}
          onChange={(e) => setTags(e.target.value)}
          aria-describedby="cache-tags-hint"
          aria-invalid={invalid.length > 0 || undefined}
          autoComplete="off"
          spellCheck={false}
        />
        <p id="cache-tags-hint" className="muted admin-hint">
          Comma separated, each <code>kind:value</code>: a route <code>route:LHR-JFK</code>, a city <code>city:LON</code>, a vertical{" "}
          <code>type:flights</code> or a supplier <code>supplier:amadeus</code>.
        </p>
      </div>
      {invalid.length > 0 && (
        <p role="alert" className="error">
          {invalid[0] === "(none given)" ? "Enter at least one tag." : `Not a tag: ${invalid.join(", ")}. A tag looks like route:LHR-JFK.`}
        </p>
      )}
      <Failure error={invalidate.error} />
      {answer && (
        <p role="status" data-testid="invalidate-result">
          Invalidated {answer.invalidatedTags.join(", ")}: {answer.entriesRemoved} cached {answer.entriesRemoved === 1 ? "entry" : "entries"} removed.
        </p>
      )}
      <button type="submit" className="primary" disabled={invalidate.isPending}>
        Invalidate
      </button>
    </form>
  );
}
