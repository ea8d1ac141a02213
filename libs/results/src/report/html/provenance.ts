import type { TrialResult } from '@kernel-sweep/domain';

/** Distinct values in first-seen order, joined for a table cell. */
function distinct(values: readonly string[]): string {
  return [...new Set(values)].join(', ') || '—';
}

/** The pretraining data sets of `FINE_TUNE` trials, when any trial had one. */
function sourceRow(p: readonly TrialResult['provenance'][]): [string, string][] {
  const sources = p.flatMap((x) => (x.sourceDataset ? [`${x.sourceDataset.name} (${x.sourceDataset.checksum})`] : []));
  return sources.length > 0 ? [['pretrained on', distinct(sources)]] : [];
}

/** How many trials trained in packs (see `trainPack`), when any did. */
function packRow(p: readonly TrialResult['provenance'][]): [string, string][] {
  const packed = p.flatMap((x) => (x.pack ? [x.pack] : []));
  if (packed.length === 0) return [];
  const packs = new Set(packed.map((x) => x.packId)).size;
  const largest = Math.max(...packed.map((x) => x.size));
  return [['trained in packs', `${packed.length} of ${p.length} trials, in ${packs} packs of up to ${largest}`]];
}

/**
 * What produced a sweep's results, summarised for the report: trials by status, data sets,
 * backends, package and Node versions, the time span, retries and resumes, and packs.
 */
export function provenanceSummary(results: readonly TrialResult[]): [string, string][] {
  const completed = results.filter((r) => r.status === 'COMPLETED').length;
  const p = results.map((r) => r.provenance);
  const packages = [...new Set(p.flatMap((x) => Object.entries(x.packageVersions).map(([k, v]) => `${k} ${v}`)))].sort();
  const started = p.map((x) => x.startedAt).sort()[0];
  const finished = p.map((x) => x.finishedAt).sort().at(-1);
  return [
    ['trials', `${results.length} finished: ${completed} completed, ${results.length - completed} diverged`],
    ['data set', distinct(results.map((r) => `${r.config.dataset.name} (${r.provenance.datasetChecksum})`))],
    ...sourceRow(p),
    ['backend', distinct(p.map((x) => x.backend))],
    ['packages', packages.join(', ') || '—'],
    ['Node.js', distinct(p.map((x) => x.nodeVersion))],
    ['ran', started && finished ? `${started} to ${finished}` : '—'],
    ['retried / resumed', `${p.filter((x) => x.attempt > 1).length} / ${p.filter((x) => x.resumedFromEpoch > 0).length} trials`],
    ...packRow(p),
  ];
}
