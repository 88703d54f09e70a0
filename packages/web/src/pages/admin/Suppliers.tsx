import { useQuery } from "@tanstack/react-query";
import { api, unwrap, when } from "../../api";
import { Failure, ms, REFRESH_MS, Scroll, Updated, windowLabels, type WindowName } from "./shared";

type WindowSupplier = { name: string; calls: number; errors: number; meanLatencyMs: number | null };

const loadCircuits = (signal?: AbortSignal) => unwrap(api.GET("/v1/admin/suppliers", { signal }));

const circuitLabels = { closed: "Closed (healthy)", open: "Open (refusing calls)", "half-open": "Half-open (trying again)", isolated: "Isolated (switched off)" } as const;

/** Errors and latency over the window (analytics), and each circuit breaker as it stands now. */
export function Suppliers({ window, inWindow }: { window: WindowName; inWindow: WindowSupplier[] | undefined }) {
  const circuits = useQuery({
    queryKey: ["admin", "suppliers"],
    queryFn: ({ signal }) => loadCircuits(signal),
    refetchInterval: REFRESH_MS,
  });
  return (
    <section className="card" aria-labelledby="suppliers-heading">
      <h2 id="suppliers-heading">Suppliers: errors and circuits</h2>
      {inWindow && (
        <Scroll label="Supplier calls">
          <table className="admin-table">
            <caption>Supplier calls, {windowLabels[window].toLowerCase()}</caption>
            <thead>
              <tr>
                <th scope="col">Supplier</th>
                <th scope="col">Calls</th>
                <th scope="col">Errors</th>
                <th scope="col">Error rate</th>
                <th scope="col">Mean latency</th>
              </tr>
            </thead>
            <tbody>
              {inWindow.length === 0 && (
                <tr>
                  <td colSpan={5}>No supplier calls in this window.</td>
                </tr>
              )}
              {inWindow.map((s) => (
                <tr key={s.name}>
                  <th scope="row">{s.name}</th>
                  <td data-testid={`supplier-${s.name}-calls`}>{s.calls}</td>
                  <td data-testid={`supplier-${s.name}-errors`}>{s.errors}</td>
                  <td>{s.calls > 0 ? `${((s.errors / s.calls) * 100).toFixed(1)}%` : "—"}</td>
                  <td data-testid={`supplier-${s.name}-latency`}>{ms(s.meanLatencyMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      <Failure error={circuits.error} />
      {circuits.isPending && <p role="status">Loading circuit breakers…</p>}
      {circuits.data && <CircuitTable circuits={circuits.data.data} />}
      <Updated at={circuits.dataUpdatedAt} />
    </section>
  );
}

type Circuit = Awaited<ReturnType<typeof loadCircuits>>["data"][number];

function CircuitTable({ circuits }: { circuits: Circuit[] }) {
  return (
    <Scroll label="Circuit breakers">
      <table className="admin-table">
        <caption>Circuit breakers now (counts since this API instance started)</caption>
        <thead>
          <tr>
            <th scope="col">Supplier</th>
            <th scope="col">Circuit</th>
            <th scope="col">Calls</th>
            <th scope="col">Failures</th>
            <th scope="col">Retries</th>
            <th scope="col">Rejected</th>
            <th scope="col">In flight</th>
            <th scope="col">Queued</th>
            <th scope="col">Last failure</th>
          </tr>
        </thead>
        <tbody>
          {circuits.map((c) => (
            <tr key={c.name}>
              <th scope="row">{c.name}</th>
              <td>
                <span className={`admin-circuit ${c.circuit}`} data-testid={`circuit-${c.name}`}>
                  {circuitLabels[c.circuit]}
                </span>
                {c.circuit === "open" && c.retryAfterSeconds > 0 ? ` — retries in ${Math.ceil(c.retryAfterSeconds)} s` : ""}
              </td>
              <td>{c.calls}</td>
              <td>{c.failures}</td>
              <td>{c.retries}</td>
              <td>{c.rejected}</td>
              <td>{c.inFlight}</td>
              <td>{c.queued}</td>
              <td>{c.lastFailure ? `${when(c.lastFailure.at)}: ${c.lastFailure.message}` : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}
