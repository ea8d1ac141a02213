import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import { parseAllDocuments } from 'yaml';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const K8S = join(ROOT, 'k8s');

/** A Kubernetes object as parsed from YAML (loosely typed on purpose: the tests probe it). */
/* eslint-disable @typescript-eslint/no-explicit-any */
export type K8sObject = Record<string, any> & {
  kind: string;
  metadata: Record<string, any> & { name: string };
};
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface YamlDoc {
  file: string;
  value: K8sObject;
}

/** Every *.yaml / *.yml under a folder, recursively, sorted. */
export function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return /\.ya?ml$/.test(name) ? [path] : [];
    })
    .sort();
}

/** Parses a multi-document YAML file; throws with the file name on any parse error or warning. */
export function loadYaml(file: string): K8sObject[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  const out: K8sObject[] = [];
  for (const doc of docs) {
    const problems = [...doc.errors, ...doc.warnings];
    if (problems.length)
      throw new Error(`${relative(ROOT, file)}: ${problems.map((p) => p.message).join('; ')}`);
    const value = doc.toJS() as K8sObject | null;
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

export interface Kustomization {
  dir: string;
  file: string;
  spec: K8sObject;
}

/** Every kustomization.yaml under k8s/. */
export function kustomizations(): Kustomization[] {
  return yamlFiles(K8S)
    .filter((f) => /kustomization\.ya?ml$/.test(f))
    .map((file) => ({ dir: dirname(file), file, spec: loadYaml(file)[0] }));
}

/** Paths a kustomization lists under `resources` (files or folders), resolved. */
export function resourcePaths(k: Kustomization): string[] {
  return ((k.spec.resources as string[] | undefined) ?? []).map((r) => resolve(k.dir, r));
}

/**
 * The objects a kustomization pulls in through `resources`, recursively (patches not applied: the tests
 * check the base's invariants and that every overlay patch targets something that exists).
 */
export function collectResources(dir: string): YamlDoc[] {
  const kFile = ['kustomization.yaml', 'kustomization.yml'].map((n) => join(dir, n)).find(existsSync);
  if (!kFile) throw new Error(`${relative(ROOT, dir)} has no kustomization.yaml`);
  const k = { dir, file: kFile, spec: loadYaml(kFile)[0] };
  return resourcePaths(k).flatMap((p) =>
    statSync(p).isDirectory() ? collectResources(p) : loadYaml(p).map((value) => ({ file: p, value })),
  );
}

export const byKind = (docs: YamlDoc[], kind: string): K8sObject[] =>
  docs.map((d) => d.value).filter((o) => o.kind === kind);

export const find = (docs: YamlDoc[], kind: string, name: string): K8sObject | undefined =>
  byKind(docs, kind).find((o) => o.metadata.name === name);

/** Env of a container as a name -> plain value map (only `value:` entries). */
export function plainEnv(container: K8sObject): Record<string, string> {
  const env = (container.env as { name: string; value?: string }[] | undefined) ?? [];
  return Object.fromEntries(env.filter((e) => e.value !== undefined).map((e) => [e.name, String(e.value)]));
}

/** Kubernetes resource quantity to a number (cores for cpu, bytes for memory, count otherwise). */
export function quantity(q: string | number): number {
  if (typeof q === 'number') return q;
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(q);
  if (!m) throw new Error(`bad quantity ${q}`);
  const units: Record<string, number> = {
    '': 1,
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
  };
  if (!(m[2] in units)) throw new Error(`unknown unit in ${q}`);
  return Number(m[1]) * units[m[2]];
}

/** True if every label in `selector` is present with the same value in `labels`. */
/**
 * Whether a Kubernetes label selector (`matchLabels` and `matchExpressions`, both must hold; an
 * empty selector selects everything) selects an object with `labels`.
 */
export function labelSelectorMatches(
  selector: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] },
  labels: Record<string, string> = {},
): boolean {
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (selector.matchExpressions ?? []).every((e) => {
    const has = Object.hasOwn(labels, e.key);
    switch (e.operator) {
      case 'In':
        return has && (e.values ?? []).includes(labels[e.key]);
      case 'NotIn':
        return !has || !(e.values ?? []).includes(labels[e.key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        throw new Error(`unknown selector operator ${e.operator}`);
    }
  });
  return byLabels && byExpressions;
}

export function selects(
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}
