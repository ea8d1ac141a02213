import { View, parse } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { FREEZE_STRATEGIES, KERNEL_FAMILIES, type TrialResult } from '@kernel-sweep/domain';
import { mean } from 'simple-statistics';
import type { GroupResult } from '../group-results';
import { formatAccuracy, halfWidth } from './format';

/**
 * Renders a vega-lite spec to SVG on the server: vega-lite compiles it to a vega spec and a
 * headless vega View (no canvas; text widths are estimated) writes the SVG.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return stableIds(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/**
 * Vega numbers gradients and clip paths with process-wide counters (`gradient_7`); renumber them
 * per document so the same data always renders the same bytes (reports are written idempotently).
 */
function stableIds(svg: string): string {
  const seen = new Map<string, string>();
  return svg.replace(/\b(gradient|clip)_(\d+)\b/g, (id: string, kind: string) => {
    if (!seen.has(id)) seen.set(id, `${kind}_${[...seen.keys()].filter((k) => k.startsWith(kind)).length}`);
    return seen.get(id) as string;
  });
}

/** One cell of the kernel family × freeze strategy heatmap. */
export interface HeatmapCell {
  kernelFamily: string;
  freezeStrategy: string;
  mean: number;
  n: number;
  label: string;
}

/** Heatmap cells from kernel × freeze groups (groups where every trial diverged are left out). */
export function heatmapCells(groups: readonly GroupResult[]): HeatmapCell[] {
  return groups.flatMap((g) => {
    if (!g.accuracy) return [];
    const hw = halfWidth(g.accuracy);
    const label = `${formatAccuracy(g.accuracy.mean)}${hw === null ? '' : ` ±${formatAccuracy(hw)}`} n=${g.accuracy.n}`;
    return [{ kernelFamily: g.key.kernelFamily ?? '', freezeStrategy: g.key.freezeStrategy ?? '', mean: g.accuracy.mean, n: g.accuracy.n, label }];
  });
}

/** Vega-lite spec of the heatmap: mean test accuracy per kernel family (rows) × freeze strategy (columns). */
export function heatmapSpec(cells: readonly HeatmapCell[], title: string): TopLevelSpec {
  const means = cells.map((c) => c.mean);
  const mid = means.length ? (Math.min(...means) + Math.max(...means)) / 2 : 0;
  const rows = KERNEL_FAMILIES.filter((f) => cells.some((c) => c.kernelFamily === f));
  const cols = FREEZE_STRATEGIES.filter((s) => cells.some((c) => c.freezeStrategy === s));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    data: { values: cells.map((c) => ({ ...c })) },
    width: Math.max(1, cols.length) * 130,
    height: Math.max(1, rows.length) * 34,
    encoding: {
      x: { field: 'freezeStrategy', type: 'nominal', sort: cols, title: 'freeze strategy', axis: { labelAngle: 0, orient: 'top' } },
      y: { field: 'kernelFamily', type: 'nominal', sort: rows, title: 'kernel family' },
    },
    layer: [
      {
        mark: 'rect',
        encoding: {
          color: { field: 'mean', type: 'quantitative', title: 'mean test accuracy', scale: { scheme: 'viridis' } },
          tooltip: [{ field: 'label', type: 'nominal' }],
        },
      },
      {
        mark: { type: 'text', fontSize: 11 },
        encoding: {
          text: { field: 'label', type: 'nominal' },
          color: { condition: { test: `datum.mean < ${mid}`, value: 'white' }, value: 'black' },
        },
      },
    ],
  };
}

/** One point of a learning curve: a group's mean test accuracy after an epoch. */
export interface CurvePoint {
  group: string;
  epoch: number;
  testAccuracy: number;
  n: number;
}

/**
 * Learning curves: per kernel family / freeze strategy group and epoch, the mean test accuracy
 * over the group's completed trials that recorded that epoch.
 */
export function curvePoints(results: readonly TrialResult[]): CurvePoint[] {
  const acc = new Map<string, { group: string; epoch: number; values: number[] }>();
  for (const r of results) {
    if (r.status !== 'COMPLETED') continue;
    const group = `${r.config.kernel.family} / ${r.config.freeze}`;
    for (const e of r.epochs) {
      const id = `${group}\u0000${e.epoch}`;
      const p = acc.get(id) ?? { group, epoch: e.epoch, values: [] };
      p.values.push(e.testAccuracy);
      acc.set(id, p);
    }
  }
  return [...acc.values()]
    .map((p) => ({ group: p.group, epoch: p.epoch, testAccuracy: mean(p.values), n: p.values.length }))
    .sort((a, b) => a.group.localeCompare(b.group) || a.epoch - b.epoch);
}

/** Vega-lite spec of the learning curves (test accuracy per epoch, one line per group). */
export function curvesSpec(points: readonly CurvePoint[], title: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    data: { values: points.map((p) => ({ ...p })) },
    width: 480,
    height: 300,
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1, format: 'd' } },
      y: { field: 'testAccuracy', type: 'quantitative', title: 'mean test accuracy', scale: { zero: false } },
      color: { field: 'group', type: 'nominal', title: 'kernel / freeze' },
      tooltip: [
        { field: 'group', type: 'nominal' },
        { field: 'epoch', type: 'quantitative' },
        { field: 'testAccuracy', type: 'quantitative', format: '.4f' },
        { field: 'n', type: 'quantitative' },
      ],
    },
  };
}
