import { doneCount, type ProgressCounts } from '../progress-view';
import { percent, renderTable } from '../format/table';

/** The sweep fields every sweep-returning command asks for. */
export const SWEEP_FIELDS = `id name status workflowStatus createdAt closedAt datasetChecksum temporalUiUrl
  progress { total pending running completed diverged failed cancelled bestTestAccuracy }`;

/** A sweep as `SWEEP_FIELDS` selects it. */
export interface SweepView {
  id: string;
  name: string;
  status: string;
  workflowStatus: string;
  createdAt: string;
  closedAt: string | null;
  datasetChecksum: string | null;
  temporalUiUrl: string;
  progress: ProgressCounts | null;
}

/** One line: status, trials done of total, running/diverged/failed/cancelled, best accuracy. */
export function summaryLine(status: string, p: ProgressCounts | null): string {
  if (!p) return status;
  return (
    `${status}: ${doneCount(p)}/${p.total} done (running ${p.running}, diverged ${p.diverged}, failed ${p.failed}, cancelled ${p.cancelled})` +
    (p.bestTestAccuracy !== null ? `, best test accuracy ${p.bestTestAccuracy.toFixed(4)}` : '')
  );
}

/** A sweep as labelled lines (what `status`, `pause`, `resume` and `cancel` print). */
export function sweepDetails(s: SweepView): string[] {
  const rows: [string, string][] = [
    ['sweep', `${s.id} (${s.name})`],
    ['status', `${summaryLine(s.status, s.progress)}${s.progress ? '' : ' (no live progress)'}`],
    ['workflow', s.workflowStatus],
    ['created', s.createdAt],
    ['closed', s.closedAt ?? '-'],
    ['dataset', s.datasetChecksum ?? '-'],
    ['temporal ui', s.temporalUiUrl],
  ];
  return rows.map(([label, value]) => `${`${label}:`.padEnd(13)}${value}`);
}

/** Sweeps as a table, one row each (what `list` prints). */
export function sweepTable(sweeps: readonly SweepView[]): string[] {
  return renderTable(sweeps, [
    { header: 'ID', cell: (s) => s.id },
    { header: 'NAME', cell: (s) => s.name },
    { header: 'STATUS', cell: (s) => s.status },
    {
      header: 'DONE',
      cell: (s) => (s.progress ? `${doneCount(s.progress)}/${s.progress.total}` : '-'),
      align: 'right',
    },
    { header: 'RUNNING', cell: (s) => (s.progress ? String(s.progress.running) : '-'), align: 'right' },
    {
      header: 'FAILED',
      cell: (s) => (s.progress ? String(s.progress.failed + s.progress.diverged) : '-'),
      align: 'right',
    },
    { header: 'BEST', cell: (s) => percent(s.progress?.bestTestAccuracy), align: 'right' },
    { header: 'CREATED', cell: (s) => s.createdAt },
  ]);
}
