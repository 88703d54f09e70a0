import { useQueries } from "@tanstack/react-query";
import { useMemo } from "react";
import { api, unwrap } from "../../api";
import { Chart, type ChartSeries, type SummaryRow } from "./Chart";
import { Failure, ms, REFRESH_MS } from "./shared";

const POINTS = 60;
const palette = ["#0b4f6c", "#b34700", "#1d6b32", "#6b2c91", "#a11d1d", "#4a4a4a", "#005f99", "#7a5c00"];

type Timeseries = Awaited<ReturnType<typeof fetchSeries>>;

function fetchSeries(metric: string, signal: AbortSignal) {
  return unwrap(api.GET("/v1/admin/analytics/timeseries", { params: { query: { metric, interval: "minute", points: POINTS } }, signal }));
}

/** Columns of values by metric, aligned on the first answer's minutes. */
interface Table {
  x: number[];
  columns: Map<string, Array<number | null>>;
  pending: boolean;
  error: Error | null;
  updatedAt: number;
}

function toTable(results: Array<{ data?: Timeseries; error: Error | null; isPending: boolean; dataUpdatedAt: number }>): Table {
  const answered = results.flatMap((r) => (r.data ? [r.data] : []));
  const first = answered[0]?.data ?? [];
  const x = first.map((p) => Date.parse(p.at) / 1000);
  const columns = new Map<string, Array<number | null>>();
  for (const answer of answered) {
    const byAt = new Map(answer.data.map((p) => [Date.parse(p.at) / 1000, p.value]));
    columns.set(answer.meta.metric, x.map((at) => byAt.get(at) ?? null));
  }
  return {
    x,
    columns,
    pending: results.some((r) => r.isPending),
    error: results.find((r) => r.error)?.error ?? null,
    updatedAt: Math.max(0, ...results.map((r) => r.dataUpdatedAt)),
  };
}

function useTimeseries(metrics: string[]): Table {
  return useQueries({
    queries: metrics.map((metric) => ({
      queryKey: ["admin", "timeseries", metric, POINTS],
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchSeries(metric, signal),
      refetchInterval: REFRESH_MS,
    })),
    combine: toTable,
  });
}

const sum = (values: Array<number | null>) => values.reduce<number>((s, v) => s + (v ?? 0), 0);
const last = (values: Array<number | null> | undefined) => values?.at(-1) ?? null;

const verticals = [
  ["flights", "Flights", palette[0]!],
  ["hotels", "Hotels", palette[1]!],
  ["cars", "Cars", palette[2]!],
] as const;

export function SearchesChart() {
  const table = useTimeseries(useMemo(() => verticals.map(([v]) => `searches.${v}`), []));
  const series = useMemo<ChartSeries[]>(
    () => verticals.map(([v, label, color]) => ({ label, color, values: table.columns.get(`searches.${v}`) ?? table.x.map(() => null) })),
    [table],
  );
  const rows: SummaryRow[] = series.map((s) => ({
    label: s.label,
    color: s.color,
    cells: [String(last(s.values) ?? 0), String(sum(s.values)), String(Math.max(0, ...s.values.map((v) => v ?? 0)))],
  }));
  return (
    <section className="card" aria-labelledby="searches-chart">
      <h2 id="searches-chart">Searches over time</h2>
      <Failure error={table.error} />
      {table.pending && table.x.length === 0 ? (
        <p role="status">Loading searches…</p>
      ) : (
        <Chart
          title={`Searches per minute by vertical, last ${POINTS} minutes`}
          x={table.x}
          series={series}
          unit="searches per minute"
          summary={{ headers: ["Vertical", "This minute", `Last ${POINTS} minutes`, "Busiest minute"], rows }}
        />
      )}
    </section>
  );
}

/**
 * `supplier.<name>.ms` is the sum of the minute's call durations: divided by the minute's calls it
 * is the mean latency (null in a minute without calls).
 */
export function LatencyChart({ suppliers }: { suppliers: string[] }) {
  const metrics = useMemo(() => suppliers.flatMap((name) => [`supplier.${name}.ms`, `supplier.${name}.calls`]), [suppliers]);
  const table = useTimeseries(metrics);
  const lines = useMemo(
    () =>
      suppliers.map((name, i) => {
        const total = table.columns.get(`supplier.${name}.ms`) ?? [];
        const calls = table.columns.get(`supplier.${name}.calls`) ?? [];
        const values = table.x.map((_, j) => {
          const n = calls[j] ?? 0;
          return n > 0 ? Math.round((total[j] ?? 0) / n) : null;
        });
        const hourCalls = sum(calls);
        return { label: name, color: palette[i % palette.length]!, values, hourMean: hourCalls > 0 ? sum(total) / hourCalls : null, hourCalls };
      }),
    [suppliers, table],
  );
  const series = useMemo<ChartSeries[]>(() => lines.map(({ label, color, values }) => ({ label, color, values })), [lines]);
  const rows: SummaryRow[] = lines.map((l) => ({
    label: l.label,
    color: l.color,
    cells: [ms(l.values.findLast((v) => v !== null)), ms(l.hourMean), String(l.hourCalls)],
  }));
  return (
    <section className="card" aria-labelledby="latency-chart">
      <h2 id="latency-chart">Supplier latency</h2>
      <Failure error={table.error} />
      {suppliers.length === 0 ? (
        <p>No supplier has been called in this window.</p>
      ) : table.pending && table.x.length === 0 ? (
        <p role="status">Loading supplier latency…</p>
      ) : (
        <Chart
          title={`Mean supplier call latency per minute, last ${POINTS} minutes`}
          x={table.x}
          series={series}
          unit="milliseconds"
          summary={{ headers: ["Supplier", "Latest minute with calls", `Mean, last ${POINTS} minutes`, `Calls, last ${POINTS} minutes`], rows }}
        />
      )}
    </section>
  );
}
