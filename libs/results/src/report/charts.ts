import { View, parse } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { FREEZE_STRATEGIES, KERNEL_FAMILIES, type TrialResult } from '@kernel-sweep/domain';
import { mean } from 'simple-statistics';
import type { GroupResult } from '../group-results';
import { rowLabel } from './cells';
import { curveEndLabels } from './curve-labels';
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

/** One cell of the kernel family (and variant) × freeze strategy heatmap. */
export interface HeatmapCell {
  kernelFamily: string;
  /** The row: kernel family and the model variant where the sweep varies one (`gabor · 1 conv layer`). */
  row: string;
  freezeStrategy: string;
  mean: number;
  n: number;
  label: string;
}

/** Heatmap cells from kernel (and variant) × freeze groups (groups where every trial diverged are left out). */
export function heatmapCells(groups: readonly GroupResult[]): HeatmapCell[] {
  return groups.flatMap((g) => {
    if (!g.accuracy) return [];
    const hw = halfWidth(g.accuracy);
    const label = `${formatAccuracy(g.accuracy.mean)}${hw === null ? '' : ` ±${formatAccuracy(hw)}`} n=${g.accuracy.n}`;
    return [{ kernelFamily: g.key.kernelFamily ?? '', row: rowLabel(g.key), freezeStrategy: g.key.freezeStrategy ?? '', mean: g.accuracy.mean, n: g.accuracy.n, label }];
  });
}

const HAS_VARIANT = "indexof(datum.label, ' · ') >= 0";

/**
 * Row labels split after the kernel family (`gabor` over `1 conv layer · 16 filters`): two lines
 * fit a heatmap row, so a label is never truncated. Vega sets the first line of a label on the
 * tick; a bottom baseline centres the pair on it instead.
 */
const ROW_AXIS = {
  labelLimit: 0,
  labelExpr: `${HAS_VARIANT} ? [slice(datum.label, 0, indexof(datum.label, ' · ')), slice(datum.label, indexof(datum.label, ' · ') + 3)] : datum.label`,
  labelBaseline: { condition: { test: HAS_VARIANT, value: 'bottom' as const }, value: 'middle' as const },
};

/** Vega-lite spec of the heatmap: mean test accuracy per kernel family (rows) × freeze strategy (columns). */
export function heatmapSpec(cells: readonly HeatmapCell[], title: string): TopLevelSpec {
  const means = cells.map((c) => c.mean);
  const mid = means.length ? (Math.min(...means) + Math.max(...means)) / 2 : 0;
  const rows = KERNEL_FAMILIES.flatMap((f) => [...new Set(cells.filter((c) => c.kernelFamily === f).map((c) => c.row))].sort());
  const cols = FREEZE_STRATEGIES.filter((s) => cells.some((c) => c.freezeStrategy === s));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    data: { values: cells.map((c) => ({ ...c })) },
    width: Math.max(1, cols.length) * 130,
    height: Math.max(1, rows.length) * 34,
    encoding: {
      x: { field: 'freezeStrategy', type: 'nominal', sort: cols, title: 'freeze strategy', axis: { labelAngle: 0, orient: 'top' } },
      y: { field: 'row', type: 'nominal', sort: rows, title: 'kernel family', axis: ROW_AXIS },
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

/** One point of a learning curve: a group's test accuracy after an epoch, across its seeds. */
export interface CurvePoint {
  group: string;
  epoch: number;
  /** Mean over the group's trials that recorded the epoch. */
  testAccuracy: number;
  /** Lowest and highest trial (the band drawn around the mean). */
  min: number;
  max: number;
  n: number;
  /** Freeze strategy of the group: the panel of the small multiples. */
  freezeStrategy: string;
  /** The group less its strategy (`gabor · 1 conv`): the curve's name inside its strategy's panel. */
  kernel: string;
}

/** Model fields a grid may vary besides kernel and strategy; read loosely so older configs fit. */
interface VariantFields {
  convLayers?: number;
  conv1Filters?: number;
  init?: string;
}

/**
 * What varies in the sweep besides kernel family and freeze strategy, as a label per trial.
 * Raw-pixel trials (`NO_CONV`) run no conv layer: they neither count towards what varies nor
 * carry a model label.
 */
function variantLabeller(results: readonly TrialResult[]): (r: TrialResult) => string {
  const models: VariantFields[] = results.filter((r) => r.config.freeze !== 'NO_CONV').map((r) => r.config.model);
  const varies = (f: keyof VariantFields) => new Set(models.map((m) => m[f] ?? null)).size > 1;
  const parts: [keyof VariantFields, (m: VariantFields) => string][] = [
    ['convLayers', (m) => `${m.convLayers ?? 2} conv`],
    ['conv1Filters', (m) => `${m.conv1Filters} filters`],
    ['init', (m) => `${m.init ?? 'he'} init`],
  ];
  const shown = parts.filter(([f]) => varies(f));
  return (r) => {
    if (r.config.freeze === 'NO_CONV') return '';
    const model: VariantFields = r.config.model;
    return shown.map(([, label]) => ` · ${label(model)}`).join('');
  };
}

/**
 * Learning curves: per group (kernel family / freeze strategy, and the model variant where the
 * sweep varies one) and epoch, the mean, lowest and highest test accuracy over the group's
 * completed trials that recorded that epoch (one trial per seed).
 */
export function curvePoints(results: readonly TrialResult[]): CurvePoint[] {
  const variant = variantLabeller(results.filter((r) => r.status === 'COMPLETED'));
  const acc = new Map<string, { group: string; kernel: string; freezeStrategy: string; epoch: number; values: number[] }>();
  for (const r of results) {
    if (r.status !== 'COMPLETED') continue;
    const group = `${r.config.kernel.family} / ${r.config.freeze}${variant(r)}`;
    const kernel = `${r.config.kernel.family}${variant(r)}`;
    for (const e of r.epochs) {
      const id = `${group}\u0000${e.epoch}`;
      const p = acc.get(id) ?? { group, kernel, freezeStrategy: r.config.freeze, epoch: e.epoch, values: [] };
      p.values.push(e.testAccuracy);
      acc.set(id, p);
    }
  }
  return [...acc.values()]
    .map((p) => ({
      group: p.group,
      epoch: p.epoch,
      testAccuracy: mean(p.values),
      min: Math.min(...p.values),
      max: Math.max(...p.values),
      n: p.values.length,
      freezeStrategy: p.freezeStrategy,
      kernel: p.kernel,
    }))
    .sort((a, b) => a.group.localeCompare(b.group) || a.epoch - b.epoch);
}

/**
 * Forty distinct colours (d3's category20 then category20b), so no two curves of one panel share
 * a colour.
 */
export const SERIES_PALETTE = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
  '#aec7e8', '#ffbb78', '#98df8a', '#ff9896', '#c5b0d5', '#c49c94', '#f7b6d2', '#c7c7c7', '#dbdb8d', '#9edae5',
  '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173', '#5254a3', '#8ca252', '#bd9e39', '#ad494a', '#a55194',
  '#6b6ecf', '#b5cf6b', '#e7ba52', '#d6616b', '#ce6dbd', '#9c9ede', '#cedb9c', '#e7cb94', '#e7969c', '#de9ed6',
];

/** More series than this in one chart are drawn as small multiples, one panel per freeze strategy. */
export const CURVES_PER_PANEL = 8;

/** Subtitle and caption wording of the band. */
export const CURVE_BAND = 'band: min–max over seeds';

/** Vertical room of one curve's end label, in pixels. */
const CURVE_LABEL_PX = 13;

const CURVE_Y_TITLE = 'test accuracy (mean over seeds)';

/** Whole epochs from 1 to `last`, at most about a dozen of them, each once. */
export function epochTicks(last: number): number[] {
  const step = Math.max(1, Math.ceil(last / 12));
  const ticks: number[] = [];
  for (let e = 1; e <= last; e += step) ticks.push(e);
  return ticks;
}

/** The accuracy axis: every band, widened to whole 0.05 steps (fixed, so labels can be placed in it). */
function accuracyDomain(points: readonly CurvePoint[]): [number, number] {
  if (points.length === 0) return [0, 1];
  const lo = Math.floor(Math.min(...points.map((p) => p.min)) * 20) / 20;
  const hi = Math.ceil(Math.max(...points.map((p) => p.max)) * 20) / 20;
  return [lo, Math.max(hi, lo + 0.05)];
}

/** Each curve's last point. */
function lastPoints(points: readonly CurvePoint[]): Map<string, CurvePoint> {
  const last = new Map<string, CurvePoint>();
  for (const p of points) if ((last.get(p.group)?.epoch ?? -Infinity) < p.epoch) last.set(p.group, p);
  return last;
}

/**
 * Vega-lite spec of the learning curves: per series the mean test accuracy across seeds as a line
 * and the min–max across seeds as a band behind it, named at its end in its own colour; panels
 * per freeze strategy when there are more than {@link CURVES_PER_PANEL} series, where a kernel
 * keeps its colour from panel to panel.
 */
export function curvesSpec(points: readonly CurvePoint[], title: string): TopLevelSpec {
  const groups = [...new Set(points.map((p) => p.group))].sort();
  const strategies = FREEZE_STRATEGIES.filter((s) => points.some((p) => p.freezeStrategy === s));
  const lastEpoch = Math.max(1, ...points.map((p) => p.epoch));
  // Small multiples with each line named at its end rather than a legend: 18 swatches cannot be
  // told apart, and report.md shows the same SVG, where nothing can be hovered.
  const panels = groups.length > CURVES_PER_PANEL && strategies.length > 1;
  const name = (p: CurvePoint) => (panels ? p.kernel : p.group);
  const panelOf = (p: CurvePoint) => (panels ? p.freezeStrategy : '');
  const names = [...new Set(points.map(name))].sort();
  const ends = lastPoints(points);
  const perPanel = new Map<string, number>();
  for (const p of ends.values()) perPanel.set(panelOf(p), (perPanel.get(panelOf(p)) ?? 0) + 1);
  const crowd = Math.max(0, ...perPanel.values());
  const height = Math.max(panels ? 240 : 300, (crowd + 1) * CURVE_LABEL_PX);
  const [lo, hi] = accuracyDomain(points);
  const labelY = curveEndLabels(
    [...ends.values()].map((p) => ({ id: p.group, panel: panelOf(p), value: p.testAccuracy })),
    ((hi - lo) * CURVE_LABEL_PX) / height,
    lo,
    hi,
  );
  const x = {
    field: 'epoch',
    type: 'quantitative' as const,
    title: 'epoch',
    scale: { domain: [1, Math.max(2, lastEpoch)], nice: false },
    axis: { values: epochTicks(lastEpoch), format: 'd', grid: false },
  };
  const yScale = { domain: [lo, hi], nice: false, zero: false };
  const y = (field: string) => ({ field, type: 'quantitative' as const, title: CURVE_Y_TITLE, scale: yScale });
  const color = {
    field: 'name',
    type: 'nominal' as const,
    sort: names,
    scale: { domain: names, range: names.map((_, i) => SERIES_PALETTE[i % SERIES_PALETTE.length]) },
    legend: null,
  };
  const layer = [
    {
      mark: { type: 'area' as const, opacity: 0.18 },
      encoding: { x, y: y('min'), y2: { field: 'max' }, color },
    },
    {
      mark: { type: 'line' as const, point: true },
      encoding: {
        x,
        y: y('testAccuracy'),
        color,
        tooltip: [
          { field: 'group', type: 'nominal' as const },
          { field: 'epoch', type: 'quantitative' as const },
          { field: 'testAccuracy', type: 'quantitative' as const, format: '.4f', title: 'mean' },
          { field: 'min', type: 'quantitative' as const, format: '.4f' },
          { field: 'max', type: 'quantitative' as const, format: '.4f' },
          { field: 'n', type: 'quantitative' as const },
        ],
      },
    },
    {
      transform: [{ filter: 'isValid(datum.labelY)' }],
      mark: { type: 'text' as const, align: 'left' as const, baseline: 'middle' as const, dx: 7, fontSize: 11 },
      encoding: { x, y: y('labelY'), text: { field: 'name' }, color },
    },
  ];
  const values = points.map((p) => ({ ...p, name: name(p), labelY: ends.get(p.group) === p ? labelY.get(p.group) : null }));
  const heading = { text: title, subtitle: `line: mean test accuracy over seeds; ${CURVE_BAND}` };
  if (panels) {
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title: heading,
      data: { values },
      facet: { field: 'freezeStrategy', type: 'nominal' as const, title: 'freeze strategy', sort: strategies },
      columns: 2,
      spec: { width: 320, height, layer },
    };
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: heading,
    data: { values },
    width: 480,
    height,
    layer,
  };
}
