import type { Point } from '../model/timeline.js';
import { escapeHtml } from './escape.js';

export interface Series {
  name: string;
  color: string;
  points: readonly Point[];
  /** 'line' (default) or 'step' bars per x. */
  style?: 'line' | 'bars';
}

export interface ChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly Series[];
  /** Horizontal reference lines, e.g. a quota. */
  limits?: ReadonlyArray<{ y: number; label: string }>;
  width?: number;
  height?: number;
}

const PAD = { left: 64, right: 16, top: 46, bottom: 40 };

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((multiple) => multiple * power >= value) ?? 10;
  return step * power;
}

/** A round tick step (1, 2 or 5 x 10^n) giving at most `maxTicks` intervals over 0..max. */
export function tickStep(max: number, maxTicks = 6): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max / maxTicks));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => max / step <= maxTicks) ?? 10 * power;
}

const fmt = (value: number): string => (Math.abs(value) >= 100 ? Math.round(value).toString() : String(Number(value.toFixed(2))));

/** A self-contained SVG line/bar chart (no scripts, no external resources). */
export function svgChart(spec: ChartSpec): string {
  const width = spec.width ?? 720;
  const height = spec.height ?? 260;
  const all = spec.series.flatMap((series) => series.points);
  const bars = spec.series.some((s) => s.style === 'bars');
  // Bars fill [x, x + 1): the axis ends right after the last one, with whole-number ticks.
  const xData = Math.max(bars ? 1 : 0, ...all.map((p) => p.x + (bars ? 1 : 0)));
  const xStep = bars ? Math.max(1, tickStep(xData)) : tickStep(xData);
  const xMax = bars ? xData : Math.max(xStep, Math.ceil(xData / xStep) * xStep);
  const yMax = niceMax(Math.max(0, ...all.map((p) => p.y), ...(spec.limits ?? []).map((l) => l.y)) * 1.05);
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const sx = (x: number): number => PAD.left + (x / xMax) * plotW;
  const sy = (y: number): number => PAD.top + plotH - (y / yMax) * plotH;
  const parts: string[] = [];
  for (let tick = 0; tick <= 4; tick += 1) {
    const y = (yMax * tick) / 4;
    parts.push(`<line class="grid" x1="${PAD.left}" x2="${width - PAD.right}" y1="${sy(y)}" y2="${sy(y)}" stroke="#ddd"/>`);
    parts.push(`<text x="${PAD.left - 6}" y="${sy(y) + 4}" text-anchor="end" font-size="11">${fmt(y)}</text>`);
  }
  for (let x = 0; x <= xMax + 1e-9; x += xStep) {
    parts.push(`<text x="${sx(x)}" y="${height - PAD.bottom + 16}" text-anchor="middle" font-size="11">${fmt(x)}</text>`);
  }
  for (const limit of spec.limits ?? []) {
    parts.push(
      `<line class="limit" x1="${PAD.left}" x2="${width - PAD.right}" y1="${sy(limit.y)}" y2="${sy(limit.y)}" stroke="#c00" stroke-dasharray="6 4"/>`,
      `<text x="${width - PAD.right}" y="${sy(limit.y) - 4}" text-anchor="end" font-size="11" fill="#c00">${escapeHtml(limit.label)}</text>`,
    );
  }
  spec.series.forEach((series, index) => {
    const name = escapeHtml(series.name);
    if (series.style === 'bars') {
      const slot = plotW / xMax / spec.series.length;
      for (const point of series.points) {
        const x = sx(point.x) + slot * index;
        parts.push(
          `<rect class="bar" data-series="${name}" x="${x.toFixed(1)}" y="${sy(point.y).toFixed(1)}" width="${Math.max(1, slot - 1).toFixed(1)}" height="${(sy(0) - sy(point.y)).toFixed(1)}" fill="${series.color}"><title>${name} minute ${point.x}: ${fmt(point.y)}</title></rect>`,
        );
      }
      return;
    }
    const d = series.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ');
    parts.push(`<path class="series" data-series="${name}" data-points="${series.points.length}" d="${d}" fill="none" stroke="${series.color}" stroke-width="1.5"/>`);
  });
  const legend = spec.series
    .map((series, index) => `<text x="${PAD.left + 8 + index * 150}" y="${PAD.top - 12}" font-size="12" fill="${series.color}">&#9632; ${escapeHtml(series.name)}</text>`)
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(spec.title)}">`,
    `<text x="${width / 2}" y="16" text-anchor="middle" font-size="13" font-weight="bold">${escapeHtml(spec.title)}</text>`,
    legend,
    `<line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${PAD.top + plotH}" stroke="#333"/>`,
    `<line x1="${PAD.left}" x2="${width - PAD.right}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH}" stroke="#333"/>`,
    ...parts,
    `<text x="${PAD.left + plotW / 2}" y="${height - 6}" text-anchor="middle" font-size="11">${escapeHtml(spec.xLabel)}</text>`,
    `<text transform="translate(14 ${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle" font-size="11">${escapeHtml(spec.yLabel)}</text>`,
    '</svg>',
  ].join('');
}
