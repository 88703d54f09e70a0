import { useEffect, useId, useMemo, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface ChartSeries {
  label: string;
  /** A line colour with at least 3:1 contrast on white. */
  color: string;
  values: Array<number | null>;
}

export interface SummaryRow {
  label: string;
  color: string;
  cells: string[];
}

interface ChartProps {
  /** The chart's accessible name and visible caption. */
  title: string;
  /** Bucket starts, in seconds since the epoch (uPlot's time scale). */
  x: number[];
  series: ChartSeries[];
  /** The y axis' label, e.g. "searches per minute". */
  unit: string;
  /** The text alternative: the latest figures as a table (a canvas says nothing to a screen reader). */
  summary: { headers: string[]; rows: SummaryRow[] };
  height?: number;
}

/** Points where uPlot would draw none: a value between two gaps (a minute with calls alone) makes no line. */
const lonePoints: uPlot.Series.Points.Filter = (u, seriesIdx, show) => {
  if (show) return null;
  const values = u.data[seriesIdx] ?? [];
  const lone: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] != null && values[i - 1] == null && values[i + 1] == null) lone.push(i);
  return lone.length > 0 ? lone : null;
};

/** A uPlot line chart: made once per set of series, fed with `setData`, as wide as its container. */
export function Chart({ title, x, series, unit, summary, height = 240 }: ChartProps) {
  const captionId = useId();
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const data = useMemo(() => [x, ...series.map((s) => s.values)] as uPlot.AlignedData, [x, series]);
  const latest = useRef(data);
  latest.current = data;
  // A new plot only when the lines themselves change (a supplier appears), not on every refresh.
  const shape = series.map((s) => `${s.label}\u0000${s.color}`).join("\u0001");

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const lines = shape ? shape.split("\u0001").map((line) => line.split("\u0000") as [string, string]) : [];
    const axis = { stroke: "#1a1a1a", grid: { stroke: "#e3e8ec" }, ticks: { stroke: "#c9d3da" } };
    const options: uPlot.Options = {
      width: Math.max(200, Math.floor(element.clientWidth)),
      height,
      scales: { x: { time: true } },
      axes: [axis, { ...axis, label: unit, size: 60 }],
      legend: { live: true },
      series: [{}, ...lines.map(([label, color]) => ({ label, stroke: color, width: 2, points: { size: 6, fill: color, filter: lonePoints } }))],
    };
    const chart = new uPlot(options, latest.current, element);
    plot.current = chart;
    const resize = new ResizeObserver((entries) => {
      const width = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (width > 0 && width !== chart.width) chart.setSize({ width, height });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [shape, height, unit]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return (
    <figure className="admin-chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>{title}</figcaption>
      <div ref={container} className="admin-chart-canvas" role="img" aria-label={`${title}: line chart; the table below gives its figures`} />
      <table className="admin-table admin-chart-summary">
        <caption>{title}: figures</caption>
        <thead>
          <tr>
            {summary.headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {summary.rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">
                <span className="admin-swatch" style={{ background: row.color }} aria-hidden="true" /> {row.label}
              </th>
              {row.cells.map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
