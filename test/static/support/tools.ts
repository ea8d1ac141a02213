import { execFileSync, spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { type K8sObject, ROOT } from './k8s';

/** Kubernetes minor the rendered objects are validated against (the oldest the guide supports). */
export const KUBERNETES_VERSION = '1.30.0';

const TOOLS = process.env.KS_TOOLS_DIR ?? join(ROOT, '.tools');
const VALIDATOR = join(__dirname, 'validate-k8s.py');

/** A pinned tool from scripts/install-k8s-tools.sh; throws (the test fails) when it is missing. */
export function tool(name: 'kustomize' | 'hadolint'): string {
  const path = join(TOOLS, 'bin', name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run bash scripts/install-k8s-tools.sh`);
  return path;
}

/**
 * The kustomize builds overlays must render with: the pin, and the one the oldest supported kubectl
 * embeds (`kubectl apply -k` renders with that; scripts/install-k8s-tools.sh installs both).
 */
export function kustomizeBuilds(): { version: string; path: string }[] {
  const oldest = process.env.KS_KUSTOMIZE_OLDEST_VERSION ?? '5.5.0';
  const path = join(TOOLS, 'bin', `kustomize-${oldest}`);
  if (!existsSync(path)) throw new Error(`${path} is missing: run bash scripts/install-k8s-tools.sh`);
  return [
    { version: 'pinned', path: tool('kustomize') },
    { version: oldest, path },
  ];
}

/** `kustomize build DIR` (the pinned kustomize unless another is given), parsed: every object the overlay would apply. */
export function render(dir: string, kustomize = tool('kustomize')): K8sObject[] {
  const text = execFileSync(kustomize, ['build', dir], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return parseAllDocuments(text)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null && o !== undefined);
}

/** Schema errors per object (`Kind/name`), from test/static/support/validate-k8s.py. */
export interface SchemaResult {
  object: string;
  errors: string[];
}

/** Validates objects against Kubernetes' JSON schemas (strict) and the vendored CRD schemas. */
export function validate(objects: K8sObject[]): SchemaResult[] {
  const validateDir = join(TOOLS, 'k8s-validate');
  if (!existsSync(validateDir))
    throw new Error(`${validateDir} is missing: run bash scripts/install-k8s-tools.sh`);
  const input = objects.map((o) => JSON.stringify(o)).join('\n---\n');
  const out = execFileSync('python3', [VALIDATOR, KUBERNETES_VERSION], {
    input,
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: validateDir },
  });
  return JSON.parse(out) as SchemaResult[];
}

/** One hadolint finding (its JSON output). */
export interface HadolintFinding {
  line: number;
  code: string;
  level: string;
  message: string;
}

/** hadolint's findings for one Dockerfile (inline `# hadolint ignore=` comments apply). */
export function hadolint(file: string): HadolintFinding[] {
  const run = spawnSync(tool('hadolint'), ['--no-color', '-f', 'json', file], { encoding: 'utf8' });
  if (run.error) throw run.error;
  if (!run.stdout.trim().startsWith('[')) throw new Error(`hadolint: ${run.stderr || run.stdout}`);
  return (JSON.parse(run.stdout) as HadolintFinding[]).map(({ line, code, level, message }) => ({
    line,
    code,
    level,
    message,
  }));
}
