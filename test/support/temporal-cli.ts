import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const PINNED = join(__dirname, '..', '..', '.tools', 'bin', 'temporal');

/** Runs the pinned `temporal` CLI against the test stack and parses its JSON lines output. */
export function temporalWorkflowList(address: string, query: string): { workflowId: string; type: string; status: string }[] {
  const bin = existsSync(PINNED) ? PINNED : 'temporal';
  const out = execFileSync(bin, ['workflow', 'list', '--address', address, '--query', query, '--output', 'jsonl'], {
    encoding: 'utf8',
  });
  return out
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const row = JSON.parse(l) as { execution: { workflowId: string }; type: { name: string }; status: string | number };
      return { workflowId: row.execution.workflowId, type: row.type.name, status: String(row.status) };
    });
}
