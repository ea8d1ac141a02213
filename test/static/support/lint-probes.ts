import { spawnSync } from 'child_process';
import { join } from 'path';
import { ROOT } from './k8s';

/** Source text linted as if it were the file at `filePath` (which need not exist). */
export interface LintProbe {
  code: string;
  filePath: string;
}

/** What ESLint reported for one probe: the rules configured for its path and the messages. */
export interface LintProbeResult {
  rules: Record<string, unknown[]>;
  messages: { ruleId: string | null; message: string; fatal?: boolean }[];
}

/** The rule every boundary is written with. */
export const RESTRICTED_IMPORTS_RULE = '@typescript-eslint/no-restricted-imports';

/** Results of a set of probes, looked up by code and path. */
export class LintProbeResults {
  constructor(private readonly byKey: Map<string, LintProbeResult>) {}

  /** The result of one probe (it must have been linted). */
  of(code: string, filePath: string): LintProbeResult {
    const result = this.byKey.get(probeKey({ code, filePath }));
    if (!result) throw new Error(`no probe for ${filePath}:\n${code}`);
    return result;
  }

  /** The restricted-import messages of one probe; throws when ESLint could not parse it. */
  restricted(code: string, filePath: string): string[] {
    const result = this.of(code, filePath);
    const fatal = result.messages.filter((m) => m.fatal);
    if (fatal.length) throw new Error(fatal.map((m) => m.message).join('\n'));
    return result.messages.filter((m) => m.ruleId === RESTRICTED_IMPORTS_RULE).map((m) => m.message);
  }
}

const probeKey = (p: LintProbe): string => `${p.filePath}\n${p.code}`;

/**
 * Lints every probe with the project's ESLint config in one child process: the flat config is an
 * ES module Jest cannot load, and type-aware linting starts a TypeScript project service (slow).
 */
export function lintProbes(probes: readonly LintProbe[]): LintProbeResults {
  const run = spawnSync(process.execPath, [join(__dirname, 'lint-probe.js')], {
    cwd: ROOT,
    input: JSON.stringify(probes),
    encoding: 'utf8',
    timeout: 240_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`ESLint probe failed (${run.status}): ${run.stderr}`);
  const out = JSON.parse(run.stdout) as LintProbeResult[];
  return new LintProbeResults(new Map(probes.map((p, i) => [probeKey(p), out[i]])));
}
