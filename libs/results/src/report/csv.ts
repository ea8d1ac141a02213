import type { TrialResult } from '@kernel-sweep/domain';

type Cell = string | number | boolean | null | undefined;

/**
 * One CSV field per RFC 4180: quoted when it holds a comma, a double quote, CR or LF (inner
 * quotes doubled); null and undefined become empty fields.
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text: CRLF line ends (RFC 4180), header first. */
export function toCsvText(header: readonly string[], rows: readonly Cell[][]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/** Column name and how each trial fills it. */
const COLUMNS: [string, (r: TrialResult) => Cell][] = [
  ['sweepId', (r) => r.sweepId],
  ['trialId', (r) => r.trialId],
  ['kernelFamily', (r) => r.config.kernel.family],
  ['kernelParams', (r) => (r.config.kernel.params ? JSON.stringify(r.config.kernel.params) : '')],
  ['freezeStrategy', (r) => r.config.freeze],
  ['seed', (r) => r.config.seed],
  ['learningRate', (r) => r.config.learningRate],
  ['epochs', (r) => r.config.epochs],
  ['batchSize', (r) => r.config.training?.batchSize],
  ['optimizer', (r) => r.config.training?.optimizer],
  ['dataset', (r) => r.config.dataset.name],
  ['trainLimit', (r) => r.config.dataset.trainLimit],
  ['testLimit', (r) => r.config.dataset.testLimit],
  ['conv1Filters', (r) => r.config.model?.conv1Filters],
  ['conv2Filters', (r) => r.config.model?.conv2Filters],
  ['kernelSize', (r) => r.config.model?.kernelSize],
  ['status', (r) => r.status],
  ['testAccuracy', (r) => r.testAccuracy],
  ['testLoss', (r) => r.testLoss],
  ['trainableParams', (r) => r.trainableParams],
  ['epochsRun', (r) => r.epochs.length],
  ['configHash', (r) => r.provenance?.configHash],
  ['datasetChecksum', (r) => r.provenance?.datasetChecksum],
  ['backend', (r) => r.provenance?.backend],
  ['tfjsVersion', (r) => r.provenance?.packageVersions?.['@tensorflow/tfjs-core']],
  ['packageVersions', (r) => (r.provenance?.packageVersions ? JSON.stringify(r.provenance.packageVersions) : '')],
  ['nodeVersion', (r) => r.provenance?.nodeVersion],
  ['startedAt', (r) => r.provenance?.startedAt],
  ['finishedAt', (r) => r.provenance?.finishedAt],
  ['sourceDataset', (r) => r.provenance?.sourceDataset?.name],
  ['sourceDatasetChecksum', (r) => r.provenance?.sourceDataset?.checksum],
];

/** CSV column names of {@link resultsCsv}. */
export const RESULTS_CSV_COLUMNS = COLUMNS.map(([name]) => name);

/**
 * One row per trial: config fields, status, accuracy and provenance, sorted by kernel family,
 * freeze strategy, seed and trial ID so the export is deterministic.
 */
export function resultsCsv(results: readonly TrialResult[]): string {
  const sorted = [...results].sort(
    (a, b) =>
      a.config.kernel.family.localeCompare(b.config.kernel.family) ||
      a.config.freeze.localeCompare(b.config.freeze) ||
      a.config.seed - b.config.seed ||
      a.trialId.localeCompare(b.trialId),
  );
  return toCsvText(
    RESULTS_CSV_COLUMNS,
    sorted.map((r) => COLUMNS.map(([, get]) => get(r))),
  );
}
