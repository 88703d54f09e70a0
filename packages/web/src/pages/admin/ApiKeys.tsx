import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, unwrap, when, type Schemas } from "../../api";
import { KeyRow, type Revealed } from "./KeyRow";
import { Failure, Scroll } from "./shared";

type Plan = Schemas["ApiKey"]["plan"];
type Status = Schemas["ApiKey"]["status"];
const plans: Plan[] = ["free", "standard", "premium"];

export function ApiKeys() {
  const [revealed, setRevealed] = useState<Revealed>();
  return (
    <>
      {revealed && <ShownOnce revealed={revealed} onDone={() => setRevealed(undefined)} />}
      <IssueKey onIssued={setRevealed} />
      <KeyList onRotated={setRevealed} />
    </>
  );
}

/** A new or rotated key: the only time anyone sees it. */
function ShownOnce({ revealed, onDone }: { revealed: Revealed; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <section className="card notice admin-secret" aria-labelledby="secret-heading" role="alert">
      <h2 id="secret-heading">Store this key now</h2>
      <p>
        The {revealed.what === "rotated" ? "new key after rotation" : "new key"} for <strong>{revealed.name}</strong> is shown this
        once: it cannot be displayed again. Give it to the partner over a secure channel.
        {revealed.previousValidUntil ? ` The old key keeps working until ${when(revealed.previousValidUntil)}.` : ""}
      </p>
      <p>
        <code data-testid="new-api-key">{revealed.key}</code>
      </p>
      <button
        type="button"
        onClick={() => void navigator.clipboard?.writeText(revealed.key).then(() => setCopied(true), () => setCopied(false))}
      >
        {copied ? "Copied" : "Copy key"}
      </button>{" "}
      <button type="button" onClick={onDone}>
        I have stored it
      </button>
    </section>
  );
}

function IssueKey({ onIssued }: { onIssued: (r: Revealed) => void }) {
  const queries = useQueryClient();
  const usagePlans = useQuery({
    queryKey: ["admin", "usage-plans"],
    queryFn: ({ signal }) => unwrap(api.GET("/v1/admin/usage-plans", { signal })),
    staleTime: Infinity,
  });
  const issue = useMutation({
    mutationFn: (body: { name: string; plan: Plan }) => unwrap(api.POST("/v1/admin/api-keys", { body })),
    onSuccess: ({ data }) => {
      onIssued({ name: data.name, key: data.key, what: "issued" });
      void queries.invalidateQueries({ queryKey: ["admin", "api-keys"] });
    },
  });
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    issue.mutate(
      { name: String(data.get("name") ?? "").trim(), plan: String(data.get("plan")) as Plan },
      { onSuccess: () => form.reset() },
    );
  };
  const describe = (plan: Plan) => usagePlans.data?.data.find((p) => p.name === plan)?.description;
  return (
    <form className="card" onSubmit={submit} aria-labelledby="issue-heading">
      <h2 id="issue-heading">Issue a partner API key</h2>
      <div className="field">
        <label htmlFor="key-name">Name</label>
        <input id="key-name" name="name" required maxLength={100} autoComplete="off" aria-describedby="key-name-hint" />
        <p id="key-name-hint" className="muted admin-hint">Who the key is for, e.g. the partner's company and app.</p>
      </div>
      <div className="field">
        <label htmlFor="key-plan">Plan</label>
        <select id="key-plan" name="plan" defaultValue="free">
          {plans.map((plan) => (
            <option key={plan} value={plan}>
              {plan}
              {describe(plan) ? ` — ${describe(plan)}` : ""}
            </option>
          ))}
        </select>
      </div>
      <Failure error={issue.error} />
      <button type="submit" className="primary" disabled={issue.isPending}>
        Issue key
      </button>
    </form>
  );
}

function KeyList({ onRotated }: { onRotated: (r: Revealed) => void }) {
  const [status, setStatus] = useState<Status | "">("ACTIVE");
  const keys = useInfiniteQuery({
    queryKey: ["admin", "api-keys", status],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/v1/admin/api-keys", {
          params: { query: { limit: 20, ...(status ? { status } : {}), ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.meta.nextCursor ?? undefined,
  });
  const rows = keys.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <section className="card" aria-labelledby="keys-heading">
      <h2 id="keys-heading">Partner API keys</h2>
      <div className="field admin-window">
        <label htmlFor="key-status">Status</label>
        <select id="key-status" value={status} onChange={(e) => setStatus(e.target.value as Status | "")}>
          <option value="ACTIVE">Active</option>
          <option value="REVOKED">Revoked</option>
          <option value="">All</option>
        </select>
      </div>
      <Failure error={keys.error} />
      {keys.isPending && <p role="status">Loading keys…</p>}
      {keys.data && rows.length === 0 && <p>No keys here.</p>}
      {rows.length > 0 && (
        <Scroll label="Partner API keys">
          <table className="admin-table" data-testid="api-keys">
            <caption>Keys, newest first; usage counts requests since 00:00 UTC</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Plan</th>
                <th scope="col">Status</th>
                <th scope="col">Key</th>
                <th scope="col">Created</th>
                <th scope="col">Usage today</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((key) => (
                <KeyRow key={key.keyId} apiKey={key} onRotated={onRotated} />
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      {keys.hasNextPage && (
        <button type="button" onClick={() => void keys.fetchNextPage()} disabled={keys.isFetchingNextPage}>
          More keys
        </button>
      )}
    </section>
  );
}
