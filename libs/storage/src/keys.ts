/**
 * S3 key layout (see docs/architecture.md, "S3 layout"). Keys are relative to the store's prefix. Pure functions
 * with no dependencies beyond `./errors`, so workflow code can compute keys too.
 */
import { InvalidKeyError } from './errors';

/** File name of the manifest that makes a directory of artifacts visible; written last. */
export const MANIFEST_FILE = 'manifest.json';
/** File names inside a checkpoint directory. */
export const CHECKPOINT_MODEL_FILE = 'model.json';
export const CHECKPOINT_WEIGHTS_FILE = 'weights.bin';

/** One path segment (an ID, a name): non-empty, no `/`, not `.` or `..`, no control characters. */
export function segment(value: string): string {
  if (value.length === 0) throw new InvalidKeyError(value, 'empty segment');
  if (value.includes('/')) throw new InvalidKeyError(value, 'segment contains "/"');
  if (value === '.' || value === '..') throw new InvalidKeyError(value, 'relative segment');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new InvalidKeyError(value, 'control character');
  return value;
}

/** Joins segments (each validated by {@link segment}) into a key. */
export function join(...segments: string[]): string {
  return segments.map(segment).join('/');
}

/** `sweeps/{sweepId}`: everything that belongs to one sweep. */
export function sweepDir(sweepId: string): string {
  return join('sweeps', sweepId);
}

/** `sweeps/{sweepId}/spec.json`: the submitted sweep spec. */
export function sweepSpec(sweepId: string): string {
  return `${sweepDir(sweepId)}/spec.json`;
}

/** `sweeps/{sweepId}/trials/{trialId}`: one trial's artifacts. */
export function trialDir(sweepId: string, trialId: string): string {
  return `${sweepDir(sweepId)}/${join('trials', trialId)}`;
}

/** `sweeps/{sweepId}/trials/`: list prefix of all trials of a sweep (trailing `/` on purpose). */
export function trialsPrefix(sweepId: string): string {
  return `${sweepDir(sweepId)}/trials/`;
}

/**
 * `sweeps/{sweepId}/trial-index/`: list prefix of the trial index, one small summary per finished
 * trial and nothing else, so one listing of N keys finds them all (trailing `/` on purpose).
 */
export function trialIndexPrefix(sweepId: string): string {
  return `${sweepDir(sweepId)}/trial-index/`;
}

/** `sweeps/{sweepId}/trial-index/{trialId}.json`: one finished trial's summary. */
export function trialIndexEntry(sweepId: string, trialId: string): string {
  return `${trialIndexPrefix(sweepId)}${segment(trialId)}.json`;
}

/** `sweeps/{sweepId}/trials/{trialId}/result.json`: the final trial result. */
export function trialResult(sweepId: string, trialId: string): string {
  return `${trialDir(sweepId, trialId)}/result.json`;
}

/** `sweeps/{sweepId}/trials/{trialId}/metrics.jsonl`: per-epoch metrics, one JSON object a line. */
export function trialMetrics(sweepId: string, trialId: string): string {
  return `${trialDir(sweepId, trialId)}/metrics.jsonl`;
}

/** `sweeps/{sweepId}/trials/{trialId}/checkpoints`: parent of all checkpoint directories. */
export function checkpointsDir(sweepId: string, trialId: string): string {
  return `${trialDir(sweepId, trialId)}/checkpoints`;
}

/**
 * `sweeps/{sweepId}/trials/{trialId}/checkpoints/epoch-NNN` (zero-padded to 3 digits so keys sort
 * by epoch): holds model.json, weights.bin and manifest.json.
 */
export function checkpointDir(sweepId: string, trialId: string, epoch: number): string {
  if (!Number.isInteger(epoch) || epoch < 0) {
    throw new InvalidKeyError(String(epoch), 'epoch must be a non-negative integer');
  }
  return `${checkpointsDir(sweepId, trialId)}/epoch-${String(epoch).padStart(3, '0')}`;
}

/** Parses the epoch back out of a {@link checkpointDir} key (or a key below it); undefined otherwise. */
export function checkpointEpoch(key: string): number | undefined {
  const match = /\/checkpoints\/epoch-(\d{3,})(?:\/|$)/.exec(key);
  return match ? Number(match[1]) : undefined;
}

/** `features/{featureKey}`: a frozen-feature cache entry. */
export function featuresDir(featureKey: string): string {
  return join('features', featureKey);
}

/** `datasets/{name}/{version}`: an imported dataset version. */
export function datasetDir(name: string, version: string): string {
  return join('datasets', name, version);
}

/** `sweeps/{sweepId}/report`: report.md, *.svg, results.csv. */
export function reportDir(sweepId: string): string {
  return `${sweepDir(sweepId)}/report`;
}

/** `{dirKey}/manifest.json`. */
export function manifestKey(dirKey: string): string {
  return `${dirKey}/${MANIFEST_FILE}`;
}
