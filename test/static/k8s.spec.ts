import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { parseAllDocuments } from 'yaml';
import { gatewayEnvSchema, workerEnvSchema } from '../../libs/config/src/env-schema';
import {
  byKind,
  collectResources,
  find,
  type K8sObject,
  K8S,
  kustomizations,
  loadYaml,
  plainEnv,
  quantity,
  resourcePaths,
  ROOT,
  selects,
  yamlFiles,
} from './support/k8s';

const BASE = join(K8S, 'base');
const base = collectResources(BASE);
const deployments = byKind(base, 'Deployment');
const configMaps = byKind(base, 'ConfigMap');
const secrets = byKind(base, 'Secret');
const mainConfig = find(base, 'ConfigMap', 'kernel-sweep-config');

const TASK_QUEUES = ['sweeps', 'trials-cpu', 'trials-gpu'];
const DOCKERFILES = readdirSync(join(ROOT, 'docker'))
  .filter((f) => f.endsWith('.Dockerfile'))
  .map((f) => f.replace(/\.Dockerfile$/, ''));
/** Env names the app does not read but the runtime does (CUDA, TensorFlow, Node). */
const RUNTIME_ENV = new Set(['NODE_ENV', 'NODE_OPTIONS', 'CUDA_CACHE_PATH', 'TF_CPP_MIN_LOG_LEVEL']);

const podSpec = (d: K8sObject): K8sObject => d.spec.template.spec as K8sObject;
const containers = (d: K8sObject): K8sObject[] => podSpec(d).containers as K8sObject[];
const queuesOf = (d: K8sObject): string[] =>
  (plainEnv(containers(d)[0]).WORKER_TASK_QUEUES ?? '')
    .split(',')
    .map((q) => q.trim())
    .filter(Boolean);
const workers = deployments.filter((d) => containers(d).some((c) => plainEnv(c).WORKER_TASK_QUEUES));
const gateway = deployments.find((d) => d.metadata.name === 'gateway');

/** The environment a container would see, with Secret placeholders and ConfigMap values filled in. */
function effectiveEnv(c: K8sObject): Record<string, string> {
  const env: Record<string, string> = {};
  for (const from of (c.envFrom as K8sObject[] | undefined) ?? []) {
    const source = from.configMapRef
      ? configMaps.find((m) => m.metadata.name === from.configMapRef.name)
      : secrets.find((s) => s.metadata.name === from.secretRef?.name);
    Object.assign(env, source?.data ?? {}, source?.stringData ?? {});
  }
  for (const e of (c.env as K8sObject[] | undefined) ?? []) {
    if (e.value !== undefined) env[e.name] = String(e.value);
    const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
    if (ref) {
      const pool = e.valueFrom.secretKeyRef ? secrets : configMaps;
      const source = pool.find((s) => s.metadata.name === ref.name);
      env[e.name] = String({ ...source?.data, ...source?.stringData }[ref.key]);
    }
  }
  return env;
}

describe('k8s YAML', () => {
  it.each(yamlFiles(K8S).map((f) => relative(ROOT, f)))(
    '%s parses, every document has kind + name',
    (file) => {
      const docs = parseAllDocuments(readFileSync(join(ROOT, file), 'utf8'));
      expect(docs.flatMap((d) => d.errors.map((e) => e.message))).toEqual([]);
      if (file.endsWith('temporal/values.yaml')) return;
      for (const obj of loadYaml(join(ROOT, file))) {
        expect(typeof obj.kind).toBe('string');
        if (obj.kind !== 'Kustomization') expect(obj.metadata?.name).toEqual(expect.any(String));
      }
    },
  );
});

describe('kustomizations', () => {
  const all = kustomizations();

  it('has a base and the local + production overlays', () => {
    expect(all.map((k) => relative(K8S, k.dir)).sort()).toEqual(
      expect.arrayContaining(['base', 'overlays/local', 'overlays/production']),
    );
  });

  it.each(all.map((k) => [relative(ROOT, k.dir), k] as const))(
    '%s: every resource and patch exists',
    (_, k) => {
      for (const p of resourcePaths(k)) {
        const ok = existsSync(p) && (!statSync(p).isDirectory() || existsSync(join(p, 'kustomization.yaml')));
        expect({ resource: relative(ROOT, p), ok }).toEqual({ resource: relative(ROOT, p), ok: true });
      }
      for (const patch of (k.spec.patches as { path?: string }[] | undefined) ?? []) {
        if (patch.path) expect(existsSync(join(k.dir, patch.path))).toBe(true);
      }
    },
  );

  it.each(all.map((k) => [relative(ROOT, k.dir), k] as const))(
    '%s: patches target objects that exist, images name images in use',
    (_, k) => {
      const objects = collectResources(k.dir);
      for (const patch of (k.spec.patches as { path?: string }[] | undefined) ?? []) {
        if (!patch.path) continue;
        for (const p of loadYaml(join(k.dir, patch.path))) {
          expect({
            patch: patch.path,
            target: `${p.kind}/${p.metadata.name}`,
            found: !!find(objects, p.kind, p.metadata.name),
          }).toEqual({ patch: patch.path, target: `${p.kind}/${p.metadata.name}`, found: true });
        }
      }
      const used = byKind(objects, 'Deployment').flatMap((d) =>
        containers(d).map((c) => String(c.image).split(':')[0]),
      );
      for (const img of (k.spec.images as { name: string; newTag?: string }[] | undefined) ?? []) {
        expect(used).toContain(img.name);
        expect(img.newTag).not.toBe('latest');
      }
    },
  );

  it('base sets one namespace and declares it; no object pins another namespace', () => {
    const k = all.find((x) => x.dir === BASE)!;
    const ns = k.spec.namespace as string;
    expect(find(base, 'Namespace', ns)).toBeDefined();
    for (const { value } of base) {
      if (value.metadata.namespace !== undefined) expect(value.metadata.namespace).toBe(ns);
    }
  });
});

describe('Deployments', () => {
  it('exist: gateway, a CPU worker and a GPU worker', () => {
    expect(gateway).toBeDefined();
    expect(workers.map((w) => w.metadata.name).sort()).toEqual(['worker-cpu', 'worker-gpu']);
  });

  it.each(deployments.map((d) => [d.metadata.name, d] as const))(
    '%s: selector matches its pod labels',
    (_, d) => {
      expect(selects(d.spec.selector.matchLabels, d.spec.template.metadata.labels)).toBe(true);
    },
  );

  it.each(deployments.map((d) => [d.metadata.name, d] as const))(
    '%s: every container has cpu/memory requests <= limits',
    (_, d) => {
      for (const c of containers(d)) {
        const { requests, limits } = (c.resources ?? {}) as { requests?: K8sObject; limits?: K8sObject };
        expect(requests?.cpu).toBeDefined();
        expect(requests?.memory).toBeDefined();
        expect(limits?.memory).toBeDefined();
        for (const key of Object.keys(requests ?? {})) {
          if (limits?.[key] !== undefined)
            expect(quantity(requests![key])).toBeLessThanOrEqual(quantity(limits[key]));
        }
      }
    },
  );

  it.each(deployments.map((d) => [d.metadata.name, d] as const))('%s: runs as a non-root user', (_, d) => {
    const pod = podSpec(d).securityContext ?? {};
    expect(pod.runAsNonRoot).toBe(true);
    expect(pod.runAsUser).toBeGreaterThan(0);
    for (const c of containers(d)) {
      expect(c.securityContext?.allowPrivilegeEscalation).toBe(false);
      expect(c.securityContext?.capabilities?.drop).toContain('ALL');
      expect(c.securityContext?.runAsUser ?? pod.runAsUser).not.toBe(0);
      // A read-only root needs somewhere to write temp files.
      if (c.securityContext?.readOnlyRootFilesystem) {
        expect((c.volumeMounts as K8sObject[] | undefined)?.map((m) => m.mountPath)).toContain('/tmp');
      }
    }
  });

  it.each(deployments.map((d) => [d.metadata.name, d] as const))(
    '%s: volume mounts name declared volumes',
    (_, d) => {
      const volumes = ((podSpec(d).volumes as K8sObject[] | undefined) ?? []).map((v) => v.name);
      for (const c of containers(d)) {
        for (const m of (c.volumeMounts as K8sObject[] | undefined) ?? []) expect(volumes).toContain(m.name);
      }
    },
  );

  it.each(deployments.map((d) => [d.metadata.name, d] as const))(
    '%s: image is built by a docker/*.Dockerfile, pinned (no latest)',
    (_, d) => {
      for (const c of containers(d)) {
        const [repo, tag] = String(c.image).split(':');
        expect(tag).toBeDefined();
        expect(tag).not.toBe('latest');
        expect(DOCKERFILES).toContain(repo.split('/').pop());
      }
    },
  );

  it.each(deployments.map((d) => [d.metadata.name, d] as const))(
    '%s: every Secret/ConfigMap reference resolves to an existing key',
    (_, d) => {
      for (const c of containers(d)) {
        for (const from of (c.envFrom as K8sObject[] | undefined) ?? []) {
          if (from.configMapRef)
            expect(configMaps.map((m) => m.metadata.name)).toContain(from.configMapRef.name);
          if (from.secretRef) expect(secrets.map((s) => s.metadata.name)).toContain(from.secretRef.name);
        }
        for (const e of (c.env as K8sObject[] | undefined) ?? []) {
          const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
          if (!ref) continue;
          const pool = e.valueFrom.secretKeyRef ? secrets : configMaps;
          const source = pool.find((s) => s.metadata.name === ref.name);
          expect({ env: e.name, source: ref.name, exists: !!source }).toEqual({
            env: e.name,
            source: ref.name,
            exists: true,
          });
          expect(Object.keys({ ...source!.data, ...source!.stringData })).toContain(ref.key);
        }
      }
    },
  );

  it('credentials come from Secrets, never from plain values or the ConfigMap', () => {
    const secretNames = ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'KS_API_KEYS'];
    for (const m of configMaps)
      for (const n of secretNames) expect(Object.keys(m.data ?? {})).not.toContain(n);
    for (const d of deployments) {
      for (const c of containers(d))
        for (const n of secretNames) expect(Object.keys(plainEnv(c))).not.toContain(n);
    }
    expect(effectiveEnv(containers(gateway!)[0]).KS_API_KEYS).toBeDefined();
    for (const w of workers) expect(effectiveEnv(containers(w)[0]).KS_API_KEYS).toBeUndefined();
  });

  it('every env name is one the app config (libs/config) or the runtime reads', () => {
    const known = new Set([
      ...Object.keys(gatewayEnvSchema.shape),
      ...Object.keys(workerEnvSchema.shape),
      ...RUNTIME_ENV,
    ]);
    for (const m of configMaps) for (const n of Object.keys(m.data ?? {})) expect(known).toContain(n);
    for (const s of secrets)
      for (const n of Object.keys({ ...s.data, ...s.stringData })) expect(known).toContain(n);
    for (const d of deployments)
      for (const c of containers(d)) for (const e of c.env ?? []) expect(known).toContain(e.name);
  });

  it('the gateway environment passes the gateway config schema', () => {
    const result = gatewayEnvSchema.safeParse(effectiveEnv(containers(gateway!)[0]));
    expect(result.success ? [] : result.error.issues).toEqual([]);
    expect(effectiveEnv(containers(gateway!)[0]).GATEWAY_HOST).toBe('0.0.0.0');
  });

  it.each(workers.map((d) => [d.metadata.name, d] as const))(
    '%s: environment passes the worker config schema',
    (_, d) => {
      const result = workerEnvSchema.safeParse(effectiveEnv(containers(d)[0]));
      expect(result.success ? [] : result.error.issues).toEqual([]);
    },
  );
});

describe('gateway', () => {
  const c = () => containers(gateway!)[0];
  const portNumber = (p: string | number): number =>
    typeof p === 'number' ? p : (c().ports as K8sObject[]).find((x) => x.name === p)?.containerPort;

  it('probes GET /healthz on the port the app listens on (GATEWAY_PORT)', () => {
    const listen = Number(plainEnv(c()).GATEWAY_PORT);
    expect((c().ports as K8sObject[]).map((p) => p.containerPort)).toContain(listen);
    for (const probe of ['readinessProbe', 'livenessProbe']) {
      expect(c()[probe]?.httpGet?.path).toBe('/healthz');
      expect(portNumber(c()[probe].httpGet.port)).toBe(listen);
    }
  });

  it('Service selects the gateway pods and targets its port', () => {
    const svc = find(base, 'Service', 'gateway')!;
    expect(svc).toBeDefined();
    expect(selects(svc.spec.selector, gateway!.spec.template.metadata.labels)).toBe(true);
    for (const p of svc.spec.ports as K8sObject[])
      expect(portNumber(p.targetPort)).toBe(Number(plainEnv(c()).GATEWAY_PORT));
  });
});

describe('workers', () => {
  it.each(workers.map((d) => [d.metadata.name, d] as const))(
    '%s: terminationGracePeriodSeconds > WORKER_SHUTDOWN_GRACE_SECONDS',
    (_, d) => {
      const grace = Number(effectiveEnv(containers(d)[0]).WORKER_SHUTDOWN_GRACE_SECONDS ?? 60);
      expect(podSpec(d).terminationGracePeriodSeconds).toBeGreaterThan(grace);
    },
  );

  it.each(workers.map((d) => [d.metadata.name, d] as const))('%s: polls known task queues only', (_, d) => {
    expect(queuesOf(d).length).toBeGreaterThan(0);
    for (const q of queuesOf(d)) expect(TASK_QUEUES).toContain(q);
  });

  it('every task queue is polled by exactly one worker Deployment', () => {
    for (const q of TASK_QUEUES)
      expect(workers.filter((w) => queuesOf(w).includes(q)).map((w) => w.metadata.name)).toHaveLength(1);
  });

  it.each(workers.map((d) => [d.metadata.name, d] as const))('%s: uses the matching worker image', (_, d) => {
    const image = String(containers(d)[0].image).split(':')[0].split('/').pop();
    expect(image).toBe(queuesOf(d).includes('trials-gpu') ? 'worker-gpu' : 'worker-cpu');
  });

  it('GPU worker requests a GPU, is scheduled onto GPU nodes and tolerates their taint', () => {
    for (const d of workers.filter((w) => queuesOf(w).includes('trials-gpu'))) {
      const res = containers(d)[0].resources;
      expect(quantity(res.limits['nvidia.com/gpu'])).toBeGreaterThanOrEqual(1);
      // Extended resources cannot be overcommitted: a request, if given, must equal the limit.
      if (res.requests?.['nvidia.com/gpu'] !== undefined)
        expect(res.requests['nvidia.com/gpu']).toEqual(res.limits['nvidia.com/gpu']);
      expect(Object.keys(podSpec(d).nodeSelector ?? {}).length).toBeGreaterThan(0);
      expect((podSpec(d).tolerations as K8sObject[]).map((t) => t.key)).toContain('nvidia.com/gpu');
      expect(effectiveEnv(containers(d)[0]).WORKER_BACKEND).toMatch(/^(tensorflow|auto)$/);
    }
  });

  it('CPU worker does not ask for a GPU', () => {
    for (const d of workers.filter((w) => !queuesOf(w).includes('trials-gpu'))) {
      expect(containers(d)[0].resources?.limits?.['nvidia.com/gpu']).toBeUndefined();
    }
  });

  it.each(workers.map((d) => [d.metadata.name, d] as const))(
    '%s: is covered by a PodDisruptionBudget',
    (_, d) => {
      const pdbs = byKind(base, 'PodDisruptionBudget').filter((p) =>
        selects(p.spec.selector?.matchLabels, d.spec.template.metadata.labels),
      );
      expect(pdbs).toHaveLength(1);
    },
  );
});

describe('KEDA ScaledObjects', () => {
  const scaled = byKind(base, 'ScaledObject');

  it('every worker Deployment is scaled by exactly one ScaledObject and sets no replicas itself', () => {
    for (const w of workers) {
      expect(scaled.filter((s) => s.spec.scaleTargetRef.name === w.metadata.name)).toHaveLength(1);
      expect(w.spec.replicas).toBeUndefined();
    }
  });

  it.each(scaled.map((s) => [s.metadata.name, s] as const))(
    '%s: consistent with its target Deployment',
    (_, s) => {
      expect(s.apiVersion).toBe('keda.sh/v1alpha1');
      expect(s.spec.scaleTargetRef.kind ?? 'Deployment').toBe('Deployment');
      const target = find(base, 'Deployment', s.spec.scaleTargetRef.name);
      expect(target).toBeDefined();
      const triggers = s.spec.triggers as K8sObject[];
      expect(triggers.every((t) => t.type === 'temporal')).toBe(true);
      // One trigger per polled queue, no more, no fewer.
      expect(triggers.map((t) => t.metadata.taskQueue).sort()).toEqual(queuesOf(target!).sort());
      for (const t of triggers) {
        expect(t.metadata.endpoint).toBe(mainConfig!.data.TEMPORAL_ADDRESS);
        expect(t.metadata.namespace).toBe(mainConfig!.data.TEMPORAL_NAMESPACE);
        expect(Number(t.metadata.targetQueueSize)).toBeGreaterThan(0);
        expect(typeof t.metadata.targetQueueSize).toBe('string');
        if (t.metadata.queueTypes) {
          for (const qt of String(t.metadata.queueTypes).split(','))
            expect(['workflow', 'activity']).toContain(qt);
        }
      }
      expect(s.spec.minReplicaCount ?? 0).toBeLessThanOrEqual(s.spec.maxReplicaCount);
      // Workflow tasks (timers, signals, queries) need a live poller: never scale the `sweeps` host to zero.
      if (queuesOf(target!).includes('sweeps')) expect(s.spec.minReplicaCount).toBeGreaterThanOrEqual(1);
    },
  );
});

describe('Temporal Helm values', () => {
  const values = loadYaml(join(K8S, 'temporal', 'values.yaml'))[0];
  const jobs = ((values.extraObjects as K8sObject[] | undefined) ?? []).filter((o) => o.kind === 'Job');
  const registerJob = jobs.find((j) =>
    JSON.stringify(j.spec.template.spec.containers).includes('search-attribute create'),
  );

  /** `register NAME TYPE` lines of the hook Job's script. */
  const registered = (): Record<string, string> => {
    const script = (registerJob!.spec.template.spec.containers as K8sObject[]).flatMap((c) => [
      ...((c.command as string[] | undefined) ?? []),
      ...((c.args as string[] | undefined) ?? []),
    ]);
    const out: Record<string, string> = {};
    for (const m of script.join('\n').matchAll(/^\s*register\s+(\w+)\s+(\w+)\s*$/gm)) out[m[1]] = m[2];
    return out;
  };

  it('registers the seven custom search attributes with the right types', () => {
    expect(registerJob).toBeDefined();
    expect(registered()).toEqual({
      SweepId: 'Keyword',
      KernelFamily: 'Keyword',
      FreezeStrategy: 'Keyword',
      TrialStatus: 'Keyword',
      TestAccuracy: 'Double',
      Owner: 'Keyword',
      TrialQueue: 'Keyword',
    });
  });

  it('registers exactly what the code defines in libs/orchestration/src/search-attributes.ts', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const keys = require('../../libs/orchestration/src/search-attributes') as Record<
      string,
      { name: string; type: string }
    >;
    const fromCode = Object.fromEntries(
      Object.values(keys).map((k) => [k.name, k.type.charAt(0) + k.type.slice(1).toLowerCase()]),
    );
    expect(registered()).toEqual(fromCode);
  });

  it('the hook Job talks to the same Temporal address/namespace the app uses, and re-runs on upgrade', () => {
    const env = Object.fromEntries(
      (registerJob!.spec.template.spec.containers[0].env as K8sObject[]).map((e) => [e.name, e.value]),
    );
    expect(env.TEMPORAL_ADDRESS).toBe(mainConfig!.data.TEMPORAL_ADDRESS);
    expect(env.TEMPORAL_NAMESPACE).toBe(mainConfig!.data.TEMPORAL_NAMESPACE);
    expect(registerJob!.metadata.annotations['helm.sh/hook']).toMatch(/post-install/);
    expect(registerJob!.metadata.annotations['helm.sh/hook']).toMatch(/post-upgrade/);
    expect(String(registerJob!.spec.template.spec.containers[0].image)).toMatch(
      /^temporalio\/admin-tools:(?!latest$).+/,
    );
  });

  it('creates the namespace the app uses', () => {
    expect(values.server.config.namespaces.create).toBe(true);
    expect((values.server.config.namespaces.namespace as K8sObject[]).map((n) => n.name)).toContain(
      mainConfig!.data.TEMPORAL_NAMESPACE,
    );
  });

  it('persistence: SQL default + SQL visibility (custom attributes without Elasticsearch), passwords from a Secret', () => {
    const p = values.server.config.persistence;
    for (const store of ['default', 'visibility']) {
      expect(p[store].driver).toBe('sql');
      expect(p[store].sql.driver).toMatch(/^(postgres12|postgres12_pgx|mysql8)$/);
      expect(p[store].sql.existingSecret).toEqual(expect.any(String));
      expect(p[store].sql.password).toBeUndefined();
    }
    expect(p.default.sql.database).not.toBe(p.visibility.sql.database);
    expect(values.elasticsearch.enabled).toBe(false);
    expect(values.cassandra.enabled).toBe(false);
  });
});

describe('k8s/README.md', () => {
  it('documents kubectl apply -k and helm install with the values file', () => {
    const readme = readFileSync(join(K8S, 'README.md'), 'utf8');
    expect(readme).toMatch(/kubectl apply -k k8s\/overlays\/\w+/);
    expect(readme).toMatch(/helm (upgrade --install|install) temporal .*-f k8s\/temporal\/values\.yaml/);
  });
});
