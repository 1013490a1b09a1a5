"use client";
// A small live line chart in plain SVG: one or more series over the same samples, the newest on
// the right, scaled to the largest value shown, with the latest value of each series in the legend.

export interface Series {
  label: string;
  values: readonly number[];
  className: string;
}

const WIDTH = 220;
const HEIGHT = 56;

export function Sparkline({ title, series, unit = "", testId }: { title: string; series: readonly Series[]; unit?: string; testId?: string }) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const points = (values: readonly number[]) => {
    const n = values.length;
    return values.map((v, i) => `${n <= 1 ? WIDTH : ((i / (n - 1)) * WIDTH).toFixed(1)},${(HEIGHT - (v / max) * (HEIGHT - 4) - 2).toFixed(1)}`).join(" ");
  };
  const fmt = (v: number | undefined) => (v === undefined ? "–" : `${Math.round(v * 10) / 10}${unit}`);
  return (
    <figure className="spark" data-testid={testId}>
      <figcaption>
        <strong>{title}</strong>
        {series.map((s) => (
          <span key={s.label} className={`spark-key ${s.className}`} data-series={s.label} data-latest={s.values.at(-1) ?? ""}>
            {s.label} {fmt(s.values.at(-1))}
          </span>
        ))}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={`${title} over the last samples, up to ${fmt(max)}`}>
        <line x1="0" x2={WIDTH} y1={HEIGHT - 1} y2={HEIGHT - 1} className="spark-axis" />
        {series.map((s) => (s.values.length > 0 ? <polyline key={s.label} points={points(s.values)} className={`spark-line ${s.className}`} /> : null))}
      </svg>
      <span className="spark-max muted">max {fmt(max)}</span>
    </figure>
  );
}
