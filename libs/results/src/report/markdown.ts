import { FIXED_KERNEL_FAMILIES, FREEZE_STRATEGIES, type TrialResult } from '@kernel-sweep/domain';
import { compare, type CompareResult, type Comparison } from '../compare';
import { groupResults, type GroupKey, type GroupResult } from '../group-results';
import { mainEffects } from '../main-effects';
import { computeVerdict } from '../verdict/compute-verdict';
import type { Verdict } from '../verdict/verdict.types';
import { formatAccuracy, formatP, formatPoints, formatSummary } from './format';
import { cellFields, rowLabel, rowOrder, variantWords } from './cells';
import { verdictSection } from './verdict-markdown';

/** File names the Markdown report links to (they sit beside it in the report directory). */
export interface ReportLinks {
  heatmap: string;
  curves: string;
  csv: string;
}


/** Published figures, each with its source, cited in every report. */
const REFERENCES: [string, string, string][] = [
  ['Fashion-MNIST, logistic regression on raw pixels', '0.842', 'Fashion-MNIST paper (arXiv 1708.07747), Table 3'],
  ['Fashion-MNIST, MLP [100,10]', '0.870', 'same'],
  ['Fashion-MNIST, SVC rbf', '0.897', 'same'],
  ['Fashion-MNIST, 2 conv + pooling (learned)', '0.876 to 0.925 (TF tutorial net: 0.916)', 'Fashion-MNIST README benchmark table'],
  ['MNIST, conv5x5x8 → pool → conv5x5x16 → pool → softmax, 1 epoch', '~97.8% (TF.js)', 'tensorflow/tfjs issue 2664'],
  ['MNIST, 3 random frozen conv layers, only softmax trained', '91.05 ± 0.94% (10 seeds) vs 99.06% fully trained', 'Sauer 2019'],
  ['Frozen random layers (ImageNet halves)', '−13 pts at 1 layer, −22 at 2; frozen learned layers cost ~0', 'Yosinski et al. 2014'],
  ['MNIST, fixed scattering (wavelet) filters', '0.43% error', 'Bruna & Mallat 2013'],
];

function cellName(key: GroupKey): string {
  const variant = variantWords(key);
  return `${key.kernelFamily} / ${key.freezeStrategy}${variant ? ` · ${variant}` : ''}`;
}

/** The learned-kernel baseline: `learned / TRAIN_ALL` when it ran, else any learned cell. */
function learnedBaseline(cells: readonly GroupResult[]): GroupKey | null {
  const learned = cells.filter((c) => c.key.kernelFamily === 'learned' && c.accuracy);
  return (learned.find((c) => c.key.freezeStrategy === 'TRAIN_ALL') ?? learned[0])?.key ?? null;
}

function differenceText(c: Comparison): string {
  const d = c.difference;
  if (!d) return 'no data';
  const ci = d.ci95 ? `95% CI ${formatPoints(d.ci95[0])} to ${formatPoints(d.ci95[1])}, p ${formatP(d.pValue)}` : 'no CI (too few trials)';
  const how = c.method === 'paired' ? `paired over ${c.nPairs} shared seeds/configs` : 'unpaired (Welch), no shared seeds';
  return `${formatPoints(d.mean)} (${ci}; ${how})`;
}

function verdict(c: Comparison): string {
  const ci = c.difference?.ci95;
  if (!ci) return 'too few trials to tell';
  if (ci[1] < 0) return 'behind the learned kernels (the 95% CI excludes 0)';
  if (ci[0] > 0) return 'ahead of the learned kernels (the 95% CI excludes 0)';
  return 'not distinguishable from the learned kernels at this sample size (the 95% CI includes 0)';
}

function answer(cells: readonly GroupResult[], cmp: CompareResult | null, baseline: GroupKey | null): string[] {
  const done = cells.filter((c) => c.accuracy);
  if (done.length === 0) return ['No trial has finished with an accuracy yet: there is nothing to answer with.'];
  const best = done.reduce((b, c) => ((c.accuracy?.mean ?? 0) > (b.accuracy?.mean ?? 0) ? c : b));
  const out = [
    `**Best configuration:** ${cellName(best.key)}: ${formatSummary(best.accuracy!)} mean test accuracy` +
      `${best.bestTrialId ? ` (best single trial \`${best.bestTrialId}\`)` : ''}.`,
  ];
  if (!baseline || !cmp) {
    out.push('', 'No `learned` kernels ran in this sweep, so fixed kernels cannot be compared with learned ones.');
    return out;
  }
  const base = done.find((c) => cellName(c.key) === cellName(baseline))!;
  const fixed = cmp.comparisons.filter(
    (c) => FIXED_KERNEL_FAMILIES.includes(c.key.kernelFamily as never) && c.difference !== null,
  );
  const frozen = fixed.filter((c) => c.key.freezeStrategy === 'FROZEN');
  const pool = frozen.length ? frozen : fixed;
  if (pool.length === 0) {
    out.push('', `Learned kernels (${cellName(baseline)}) reach ${formatSummary(base.accuracy!)}; no fixed-kernel trial finished to compare.`);
    return out;
  }
  const top = pool.reduce((b, c) => (c.difference!.mean > b.difference!.mean ? c : b));
  const cell = done.find((c) => cellName(c.key) === cellName(top.key))!;
  out.push(
    '',
    `**Fixed vs learned kernels:** the best fixed-kernel network${frozen.length ? ' with only the dense head trained' : ''} ` +
      `(${cellName(top.key)}) reaches ${formatSummary(cell.accuracy!)}, against ${formatSummary(base.accuracy!)} for ` +
      `learned kernels (${cellName(baseline)}): a difference of ${differenceText(top)}. It is ${verdict(top)}.`,
  );
  const worst = pool.reduce((b, c) => (c.difference!.mean < b.difference!.mean ? c : b));
  if (worst !== top) out.push('', `The weakest fixed-kernel cell (${cellName(worst.key)}) differs by ${differenceText(worst)}.`);
  return out;
}

function cellTable(cells: readonly GroupResult[]): string[] {
  const rows = rowOrder(cells.map((c) => c.key));
  const cols = FREEZE_STRATEGIES.filter((s) => cells.some((c) => c.key.freezeStrategy === s));
  const lookup = new Map(cells.map((c) => [`${rowLabel(c.key)} / ${c.key.freezeStrategy}`, c]));
  return [
    `| kernel family | ${cols.join(' | ')} |`,
    `|---|${cols.map(() => '---').join('|')}|`,
    ...rows.map((f) => {
      const values = cols.map((s) => {
        const c = lookup.get(`${f} / ${s}`);
        if (!c) return '—';
        const diverged = c.diverged ? `, ${c.diverged} diverged` : '';
        return c.accuracy ? `${formatSummary(c.accuracy)}${diverged}` : `all ${c.diverged} diverged`;
      });
      return `| ${f} | ${values.join(' | ')} |`;
    }),
  ];
}

function comparisonTable(cmp: CompareResult): string[] {
  return [
    '| configuration | difference | 95% CI | p | pairs | method |',
    '|---|---|---|---|---|---|',
    ...cmp.comparisons.map((c) => {
      const d = c.difference;
      const ci = d?.ci95 ? `${formatPoints(d.ci95[0])} to ${formatPoints(d.ci95[1])}` : '—';
      return `| ${cellName(c.key)} | ${d ? formatPoints(d.mean) : '—'} | ${ci} | ${formatP(d?.pValue ?? null)} | ${c.nPairs} | ${c.method} |`;
    }),
  ];
}

function effectTables(results: readonly TrialResult[]): string[] {
  const me = mainEffects(results);
  if (me.grandMean === null) return [];
  const out = [`Grand mean over ${me.completed} completed trials: ${formatAccuracy(me.grandMean)}.`];
  for (const e of me.effects) {
    out.push(
      '',
      `| ${e.factor} | marginal mean ± 95% CI (n) | effect vs grand mean | observed with |`,
      '|---|---|---|---|',
      ...e.levels.map((l) => `| ${l.level} | ${formatSummary(l.accuracy)} | ${formatPoints(l.effect)} | ${l.otherLevels.join(', ')} |`),
    );
  }
  return out;
}

function datasetsLine(results: readonly TrialResult[]): string {
  const seen = new Set(
    results.map((r) => {
      const d = r.config.dataset;
      const limits = [d.trainLimit ? `${d.trainLimit} training images` : 'full training set', d.testLimit ? `${d.testLimit} test images` : 'full test set'];
      return `${d.name} (${limits.join(', ')})`;
    }),
  );
  return [...seen].sort().join('; ');
}

/**
 * The sweep's Markdown report, written to answer the seed question: the kernel family ×
 * freeze strategy table (mean ± 95% CI half-width, n), the best configuration, the paired
 * comparison of every cell with the learned-kernel baseline, main effects, and the published
 * reference figures, after the verdict (computed from the results when not given). Deterministic
 * for a given set of results (no timestamps).
 */
export function renderMarkdown(
  sweepId: string,
  results: readonly TrialResult[],
  links: ReportLinks,
  verdict: Verdict = computeVerdict(sweepId, results),
): string {
  const fields = cellFields(results);
  const cells = groupResults([...results], fields);
  const baseline = learnedBaseline(cells);
  const cmp = baseline ? compare(results, { groupBy: fields, baseline }) : null;
  const completed = results.filter((r) => r.status === 'COMPLETED').length;
  const backends = [...new Set(results.map((r) => r.provenance?.backend).filter(Boolean))].sort().join(', ');
  const lines = [
    `# Sweep ${sweepId}: do fixed kernels classify as well as learned ones?`,
    '',
    `${results.length} finished trials (${completed} completed, ${results.length - completed} diverged) on ${datasetsLine(results) || 'no data set yet'}.` +
      (backends ? ` Trained with TensorFlow.js (${backends}).` : ''),
    '',
    ...verdictSection(verdict),
    '## Answer',
    '',
    ...answer(cells, cmp, baseline),
    '',
    '## Test accuracy: kernel family × freeze strategy',
    '',
    'Mean test accuracy across seeds ± half-width of the 95% t confidence interval (n = completed trials). ' +
      `Heatmap: [${links.heatmap}](${links.heatmap}); learning curves: [${links.curves}](${links.curves}).`,
    '',
    ...cellTable(cells),
    '',
  ];
  if (cmp && baseline) {
    lines.push(
      `## Difference from learned kernels (${cellName(baseline)})`,
      '',
      'Per configuration: test accuracy minus the baseline\'s, paired on trials that differ only in kernel family and ' +
        'freeze strategy (same seed, learning rate, epochs, data set, model); paired t-test, two-sided. Where fewer than ' +
        '2 pairs exist the unpaired Welch t-test is used instead.',
      '',
      ...comparisonTable(cmp),
      '',
    );
  }
  const effects = effectTables(results);
  if (effects.length) {
    lines.push(
      '## Main effects',
      '',
      'Pooled marginal means per level (all completed trials at that level, whatever the other factor); the grid is ' +
        'usually unbalanced (`learned` never runs `FROZEN`), so read them together with the table above.',
      '',
      ...effects,
      '',
    );
  }
  lines.push(
    '## Reference figures',
    '',
    'Published figures to hold these results against, each with its source. They were measured on the ' +
      'full data sets; trials on subsets or few epochs are expected to land lower. No published fixed-filter or ' +
      'random-filter results on Fashion-MNIST were found, so the fixed-kernel numbers above are new data: ' +
      `every trial's seed, config hash, data set checksum and package versions are in [${links.csv}](${links.csv}).`,
    '',
    '| setting | figure | source |',
    '|---|---|---|',
    ...REFERENCES.map(([s, f, src]) => `| ${s} | ${f} | ${src} |`),
    '',
  );
  return lines.join('\n');
}
