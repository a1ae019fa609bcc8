import { describe, expect, test } from 'vitest';
import { svgChart, tickStep } from './svgChart.js';

describe('svgChart', () => {
  test('draws one path per line series with every point', () => {
    const svg = svgChart({
      title: 'Depth <of> queue',
      xLabel: 'min',
      yLabel: 'events',
      series: [
        { name: 'a', color: '#f00', points: [{ x: 0, y: 1 }, { x: 1, y: 5 }, { x: 2, y: 0 }] },
        { name: 'b', color: '#00f', points: [{ x: 0, y: 2 }] },
      ],
    });
    const paths = [...svg.matchAll(/<path class="series"[^>]*d="([^"]*)"/g)].map((match) => match[1] ?? '');
    expect(paths).toHaveLength(2);
    expect(paths[0]?.split(/[ML]/).filter(Boolean)).toHaveLength(3);
    expect(svg).toContain('Depth &lt;of&gt; queue');
    expect(svg.startsWith('<svg')).toBe(true);
  });

  test('bars and a limit line', () => {
    const svg = svgChart({
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
      series: [{ name: 'u', color: '#000', style: 'bars', points: [{ x: 0, y: 10 }, { x: 1, y: 20 }] }],
      limits: [{ y: 40, label: 'quota' }],
    });
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(2);
    expect(svg).toContain('class="limit"');
  });

  test('empty series still render axes without NaN', () => {
    const svg = svgChart({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 'none', color: '#000', points: [] }] });
    expect(svg).not.toContain('NaN');
  });
});

test.each([
  [3, 0.5],
  [7, 2],
  [2.6, 0.5],
  [12, 2],
  [45, 10],
  [0, 1],
])('ticks over 0..%d every %d', (max, step) => {
  expect(tickStep(max)).toBe(step);
});
