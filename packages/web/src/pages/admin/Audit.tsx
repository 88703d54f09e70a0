import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { paths } from "@travel/client";
// The lists the API validates against (dependency-free constants, bundled with this page).
import { auditActions as actions, auditOutcomes as outcomes } from "@travel/core/identity/statuses";
import { api, unwrap, when, type Schemas } from "../../api";
import { Failure, Scroll } from "./shared";

type Filters = Omit<NonNullable<paths["/v1/admin/audit"]["get"]["parameters"]["query"]>, "limit" | "cursor">;
type Action = Schemas["AuditEntry"]["action"];
type Outcome = Schemas["AuditEntry"]["outcome"];


/** A `datetime-local` value (the browser's time zone) as an ISO instant, or nothing when empty. */
function instant(value: FormDataEntryValue | null): string | undefined {
  const text = String(value ?? "");
  if (!text) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function Audit() {
  const [filters, setFilters] = useState<Filters>({});
  const entries = useInfiniteQuery({
    queryKey: ["admin", "audit", filters],
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET("/v1/admin/audit", { params: { query: { ...filters, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.meta.nextCursor ?? undefined,
  });
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim() || undefined;
    const next: Filters = {};
    const action = text("action") as Action | undefined;
    const outcome = text("outcome") as Outcome | undefined;
    const actorId = text("actorId");
    const since = instant(form.get("since"));
    const until = instant(form.get("until"));
    if (action) next.action = action;
    if (outcome) next.outcome = outcome;
    if (actorId) next.actorId = actorId;
    if (since) next.since = since;
    if (until) next.until = until;
    setFilters(next);
  };
  const rows = entries.data?.pages.flatMap((p) => p.data) ?? [];
  const meta = entries.data?.pages[0]?.meta;

  return (
    <>
      <form className="card admin-filters" onSubmit={submit} aria-labelledby="audit-filter-heading">
        <h2 id="audit-filter-heading">Audit log</h2>
        <div className="admin-filter-fields">
          <div className="field">
            <label htmlFor="audit-action">Action</label>
            <select id="audit-action" name="action" defaultValue="">
              <option value="">All actions</option>
              {actions.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="audit-outcome">Outcome</label>
            <select id="audit-outcome" name="outcome" defaultValue="">
              <option value="">All outcomes</option>
              {outcomes.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="audit-actor">Actor id</label>
            <input id="audit-actor" name="actorId" maxLength={128} autoComplete="off" spellCheck={false} aria-describedby="audit-actor-hint" />
            <span id="audit-actor-hint" className="muted admin-hint">A user id, API key id or address.</span>
          </div>
          <div className="field">
            <label htmlFor="audit-since">Since</label>
            <input id="audit-since" name="since" type="datetime-local" aria-describedby="audit-time-hint" />
          </div>
          <div className="field">
            <label htmlFor="audit-until">Until</label>
            <input id="audit-until" name="until" type="datetime-local" aria-describedby="audit-time-hint" />
          </div>
        </div>
        <p id="audit-time-hint" className="muted admin-hint">
          Times are in your time zone. Without them: the last 7 days.
        </p>
        <button type="submit" className="primary">
          Apply filters
        </button>
      </form>

      <section className="card" aria-labelledby="audit-entries-heading">
        <h2 id="audit-entries-heading">Entries</h2>
        {meta && (
          <p className="muted">
            From {when(meta.since)} to {when(meta.until)}, newest first.
          </p>
        )}
        <Failure error={entries.error} />
        {entries.isPending && <p role="status">Loading the audit log…</p>}
        {entries.data && rows.length === 0 && <p>No entries match.</p>}
        {rows.length > 0 && (
          <Scroll label="Audit entries">
            <table className="admin-table" data-testid="audit-entries">
              <caption className="visually-hidden">Audit entries</caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Action</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Target</th>
                  <th scope="col">IP address</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <time dateTime={e.at}>{when(e.at, { dateStyle: "medium", timeStyle: "medium" })}</time>
                    </td>
                    <td>{e.action}</td>
                    <td>
                      <span className={`admin-outcome ${e.outcome}`}>{e.outcome}</span>
                    </td>
                    <td>
                      {e.actor.type} <code>{e.actor.id}</code>
                    </td>
                    <td>{e.target ? `${e.target.type} ${e.target.id}` : "—"}</td>
                    <td>{e.ip ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        )}
        {entries.hasNextPage && (
          <button type="button" onClick={() => void entries.fetchNextPage()} disabled={entries.isFetchingNextPage}>
            More
          </button>
        )}
      </section>
    </>
  );
}
