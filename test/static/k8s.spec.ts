import { readFileSync } from 'fs';
import { join, relative } from 'path';
import { gatewayEnvSchema, workerEnvSchema } from '../../libs/config/src/env-schema';
import {
  type K8sObject,
  K8S,
  kustomizations,
  loadYaml,
  plainEnv,
  quantity,
  ROOT,
  labelSelectorMatches,
  selects,
} from './support/k8s';
import { kustomizeBuilds, render, validate } from './support/tools';

/**
 * Every overlay is rendered with the pinned kustomize (and, to the same objects, with the one the
 * oldest supported kubectl embeds) and each object validated against the
 * Kubernetes JSON schemas and the vendored CRD schemas. The checks after that say what no schema can:
 * that names agree across objects, with the app's config schema, with the code and with the
 * operations contract (probe paths, ports, the scaling endpoint, RBAC for the pod-deletion cost).
 */
const OVERLAYS = ['overlays/local', 'overlays/production'];
const NAMESPACE = 'kernel-sweep';
const rendered = Object.fromEntries(OVERLAYS.map((o) => [o, render(join(K8S, o))])) as Record<
  string,
  K8sObject[]
>;
const base = render(join(K8S, 'base'));

const SWEEPS_QUEUE = 'sweeps';
const TRIAL_QUEUES = ['trials-cpu', 'trials-gpu'];
const TASK_QUEUES = [SWEEPS_QUEUE, ...TRIAL_QUEUES];
/**
 * The fewest pods KEDA keeps per trial queue. A sweep's shared work (`prepareFeatures`) runs on the
 * trial queue before any of its trial workflows starts, and the scaling endpoint counts trial
 * workflows only, so the CPU queue keeps a poller; GPU pods go to zero when idle.
 */
const MIN_TRIAL_PODS: Record<string, number> = { 'trials-cpu': 1, 'trials-gpu': 0 };
/** Paths and ports fixed by the operations contract (k8s/README.md, "Health, metrics, scaling"). */
const CONTRACT = {
  live: '/health/live',
  ready: '/health/ready',
  metrics: '/metrics',
  scaling: '/internal/scaling/trials',
  workerHttpPort: 9464,
};
/** Env names the app does not read but the runtime does (Node, CUDA, TensorFlow). */
const RUNTIME_ENV = ['NODE_ENV', 'NODE_OPTIONS', 'CUDA_CACHE_PATH', 'TF_CPP_MIN_LOG_LEVEL'];
/** Worker variables of the operations contract: HTTP server, SDK metrics, pod-deletion cost. */
const CONTRACT_ENV = [
  'WORKER_HTTP_PORT',
  'WORKER_SDK_METRICS_PORT',
  'WORKER_POD_DELETION_COST',
  'POD_NAME',
  'POD_NAMESPACE',
];

const ofKind = (objects: K8sObject[], kind: string): K8sObject[] => objects.filter((o) => o.kind === kind);
const named = (objects: K8sObject[], kind: string, name: string): K8sObject | undefined =>
  ofKind(objects, kind).find((o) => o.metadata.name === name);
const podSpec = (w: K8sObject): K8sObject => w.spec.template.spec as K8sObject;
const containers = (w: K8sObject): K8sObject[] => podSpec(w).containers as K8sObject[];
const workloads = (objects: K8sObject[]): K8sObject[] => [
  ...ofKind(objects, 'Deployment'),
  ...ofKind(objects, 'Job'),
];
const queuesOf = (d: K8sObject): string[] =>
  (plainEnv(containers(d)[0]).WORKER_TASK_QUEUES ?? '')
    .split(',')
    .map((q) => q.trim())
    .filter(Boolean);
const workersOf = (objects: K8sObject[]): K8sObject[] =>
  ofKind(objects, 'Deployment').filter((d) => queuesOf(d).length > 0);
/** Workers that train: they poll a trial queue. */
const trialWorkersOf = (objects: K8sObject[]): K8sObject[] =>
  workersOf(objects).filter((d) => queuesOf(d).some((q) => TRIAL_QUEUES.includes(q)));
/** The worker that runs the workflow code (the `sweeps` queue). */
const sweepsWorkersOf = (objects: K8sObject[]): K8sObject[] =>
  workersOf(objects).filter((d) => queuesOf(d).includes(SWEEPS_QUEUE));
const imageName = (image: string): string => image.split('@')[0].split(':')[0].split('/').pop()!;

/** What the kubelet puts in a downward-API variable, by field path (an example of each). */
const DOWNWARD_API_EXAMPLES: Record<string, string> = {
  'metadata.name': 'worker-cpu-6d8f7c9b5-x2k4q',
  'metadata.namespace': 'kernel-sweep',
};

/** The environment a container would see; Secrets come from the base's templates (same names and keys). */

function effectiveEnv(objects: K8sObject[], c: K8sObject): Record<string, string> {
  const pools = { configMap: ofKind(objects, 'ConfigMap'), secret: ofKind(base, 'Secret') };
  const values = (o: K8sObject | undefined): Record<string, string> => ({ ...o?.data, ...o?.stringData });
  const env: Record<string, string> = {};
  for (const from of (c.envFrom as K8sObject[] | undefined) ?? []) {
    const source = from.configMapRef
      ? pools.configMap.find((m) => m.metadata.name === from.configMapRef.name)
      : pools.secret.find((s) => s.metadata.name === from.secretRef?.name);
    Object.assign(env, values(source));
  }
  for (const e of (c.env as K8sObject[] | undefined) ?? []) {
    if (e.value !== undefined) env[e.name] = String(e.value);
    const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
    if (ref) {
      const pool = e.valueFrom.secretKeyRef ? pools.secret : pools.configMap;
      env[e.name] = String(values(pool.find((s) => s.metadata.name === ref.name))[ref.key]);
    }
    if (e.valueFrom?.fieldRef) env[e.name] = DOWNWARD_API_EXAMPLES[e.valueFrom.fieldRef.fieldPath] ?? `fieldRef:${e.valueFrom.fieldRef.fieldPath}`;
  }
  return env;
}

/** A container port by number or name. */
function portNumber(c: K8sObject, port: string | number): number | undefined {
  if (typeof port === 'number') return port;
  return ((c.ports as K8sObject[] | undefined) ?? []).find((p) => p.name === port)?.containerPort;
}

describe('schema validation (self-check)', () => {
  it('rejects a misspelt field and a wrong type, in a built-in kind and in a CRD', () => {
    const results = validate([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { x: 'y' } },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'b' },
        spec: { replicas: 'two', selectr: {} },
      },
      {
        apiVersion: 'keda.sh/v1alpha1',
        kind: 'ScaledObject',
        metadata: { name: 'c' },
        spec: { scaleTargetRef: { name: 'd' }, minReplicaCounts: 1, triggers: [] },
      },
    ]);
    expect(results.map((r) => [r.object, r.errors.length > 0])).toEqual([
      ['ConfigMap/a', false],
      ['Deployment/b', true],
      ['ScaledObject/c', true],
    ]);
  });
});

describe('kustomizations', () => {
  it('has a base and the local + production overlays', () => {
    expect(
      kustomizations()
        .map((k) => relative(K8S, k.dir))
        .sort(),
    ).toEqual(expect.arrayContaining(['base', ...OVERLAYS]));
  });

  it('kustomize image overrides never use `latest`', () => {
    for (const k of kustomizations())
      for (const img of (k.spec.images as { newTag?: string }[] | undefined) ?? [])
        expect(img.newTag).not.toBe('latest');
  });
});

describe.each(OVERLAYS)('%s with every supported kustomize', (overlay) => {
  it.each(kustomizeBuilds())('renders the same objects with kustomize $version', ({ version, path }) => {
    let objects: K8sObject[] | string;
    try {
      objects = render(join(K8S, overlay), path);
    } catch (err) {
      // Named, so a manifest change that one version cannot render says which.
      objects = `kustomize ${version} failed: ${err instanceof Error ? err.message.slice(0, 500) : String(err)}`;
    }
    expect(objects).toEqual(rendered[overlay]);
  });
});

describe.each(OVERLAYS)('%s (rendered)', (overlay) => {
  const objects = rendered[overlay];
  const deployments = ofKind(objects, 'Deployment');
  const workers = workersOf(objects);
  const trialWorkers = trialWorkersOf(objects);
  const gateway = named(objects, 'Deployment', 'gateway')!;
  const gatewayPort = Number(plainEnv(containers(gateway)[0]).GATEWAY_PORT);
  const services = ofKind(objects, 'Service');

  it('every object passes its JSON schema (Kubernetes, KEDA, Prometheus Operator)', () => {
    expect(validate(objects).filter((r) => r.errors.length > 0)).toEqual([]);
  });

  it(`every namespaced object is in ${NAMESPACE}`, () => {
    for (const o of objects.filter((x) => x.kind !== 'Namespace'))
      expect([o.kind, o.metadata.namespace]).toEqual([o.kind, NAMESPACE]);
  });

  it('has the gateway, the workflow worker, the CPU worker and the data-set import Job', () => {
    expect(gateway).toBeDefined();
    expect(named(objects, 'Deployment', 'worker-sweeps')).toBeDefined();
    expect(named(objects, 'Deployment', 'worker-cpu')).toBeDefined();
    expect(named(objects, 'Job', 'dataset-import')).toBeDefined();
  });

  it.each(workloads(objects).map((w) => [`${w.kind}/${w.metadata.name}`, w] as const))(
    '%s: requests <= limits, non-root, read-only root with a /tmp, image pinned and built here',
    (_, w) => {
      const pod = podSpec(w).securityContext ?? {};
      expect(pod.runAsNonRoot).toBe(true);
      expect(pod.runAsUser).toBeGreaterThan(0);
      for (const c of containers(w)) {
        const { requests, limits } = (c.resources ?? {}) as { requests?: K8sObject; limits?: K8sObject };
        expect(requests?.cpu && requests?.memory && limits?.memory).toBeTruthy();
        for (const key of Object.keys(requests ?? {}))
          if (limits?.[key] !== undefined)
            expect(quantity(requests![key])).toBeLessThanOrEqual(quantity(limits[key]));
        expect(c.securityContext?.allowPrivilegeEscalation).toBe(false);
        expect(c.securityContext?.capabilities?.drop).toContain('ALL');
        expect(c.securityContext?.readOnlyRootFilesystem).toBe(true);
        expect(((c.volumeMounts as K8sObject[]) ?? []).map((m) => m.mountPath)).toContain('/tmp');
        const volumes = ((podSpec(w).volumes as K8sObject[]) ?? []).map((v) => v.name);
        for (const m of (c.volumeMounts as K8sObject[]) ?? []) expect(volumes).toContain(m.name);
        expect(String(c.image)).not.toMatch(/:latest$/);
        expect(['gateway', 'worker-cpu', 'worker-gpu']).toContain(imageName(String(c.image)));
      }
    },
  );

  it.each(workloads(objects).map((w) => [`${w.kind}/${w.metadata.name}`, w] as const))(
    '%s: every ConfigMap/Secret reference names a key that exists',
    (_, w) => {
      for (const c of containers(w)) {
        for (const from of (c.envFrom as K8sObject[]) ?? [])
          expect(ofKind(objects, 'ConfigMap').map((m) => m.metadata.name)).toContain(from.configMapRef?.name);
        for (const e of (c.env as K8sObject[]) ?? []) {
          const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
          if (!ref) continue;
          const pool = e.valueFrom.secretKeyRef ? ofKind(base, 'Secret') : ofKind(objects, 'ConfigMap');
          const source = pool.find((s) => s.metadata.name === ref.name);
          expect({
            env: e.name,
            key: ref.key,
            found: source && ref.key in { ...source.data, ...source.stringData },
          }).toEqual({ env: e.name, key: ref.key, found: true });
        }
      }
    },
  );

  it('every env name is one the app config (libs/config), the contract or the runtime reads', () => {
    const known = new Set([
      ...Object.keys(gatewayEnvSchema.shape),
      ...Object.keys(workerEnvSchema.shape),
      ...RUNTIME_ENV,
      ...CONTRACT_ENV,
    ]);
    for (const m of ofKind(objects, 'ConfigMap'))
      for (const n of Object.keys(m.data ?? {})) expect(known).toContain(n);
    for (const w of workloads(objects))
      for (const c of containers(w))
        for (const e of (c.env as K8sObject[]) ?? []) expect(known).toContain(e.name);
  });

  it('credentials come from Secrets only; only the gateway gets API keys', () => {
    for (const m of ofKind(objects, 'ConfigMap'))
      for (const n of ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'KS_API_KEYS'])
        expect(Object.keys(m.data ?? {})).not.toContain(n);
    for (const w of workloads(objects))
      for (const c of containers(w)) expect(Object.keys(plainEnv(c))).not.toContain('S3_SECRET_ACCESS_KEY');
    expect(effectiveEnv(objects, containers(gateway)[0]).KS_API_KEYS).toBeDefined();
    for (const w of workers) expect(effectiveEnv(objects, containers(w)[0]).KS_API_KEYS).toBeUndefined();
  });

  it('the gateway environment passes the gateway config schema and listens on all interfaces', () => {
    const env = effectiveEnv(objects, containers(gateway)[0]);
    const result = gatewayEnvSchema.safeParse(env);
    expect(result.success ? [] : result.error.issues).toEqual([]);
    expect(env.GATEWAY_HOST).toBe('0.0.0.0');
  });

  it.each(workers.map((d) => [d.metadata.name, d] as const))(
    '%s: environment passes the worker config schema',
    (_, d) => {
      const result = workerEnvSchema.safeParse(effectiveEnv(objects, containers(d)[0]));
      expect(result.success ? [] : result.error.issues).toEqual([]);
    },
  );

  it.each(deployments.map((d) => [d.metadata.name, d] as const))(
    '%s: liveness, readiness and startup probes on the contract paths and the app port',
    (_, d) => {
      const c = containers(d)[0];
      const env = effectiveEnv(objects, c);
      const port = d.metadata.name === 'gateway' ? Number(env.GATEWAY_PORT) : Number(env.WORKER_HTTP_PORT);
      if (d.metadata.name !== 'gateway') expect(port).toBe(CONTRACT.workerHttpPort);
      expect(c.livenessProbe?.httpGet?.path).toBe(CONTRACT.live);
      expect(c.readinessProbe?.httpGet?.path).toBe(CONTRACT.ready);
      expect(c.startupProbe?.httpGet?.path).toBe(CONTRACT.live);
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'])
        expect(portNumber(c, c[probe].httpGet.port)).toBe(port);
    },
  );

  it.each(deployments.map((d) => [d.metadata.name, d] as const))(
    '%s: Prometheus scrape annotations name the probed port and /metrics',
    (_, d) => {
      const annotations = d.spec.template.metadata.annotations ?? {};
      const c = containers(d)[0];
      expect(annotations['prometheus.io/scrape']).toBe('true');
      expect(annotations['prometheus.io/path']).toBe(CONTRACT.metrics);
      expect(Number(annotations['prometheus.io/port'])).toBe(portNumber(c, c.readinessProbe.httpGet.port));
    },
  );

  it('Services select pods and target a port they declare', () => {
    for (const svc of services) {
      const target = deployments.find((d) => selects(svc.spec.selector, d.spec.template.metadata.labels));
      expect({ service: svc.metadata.name, selects: !!target }).toEqual({
        service: svc.metadata.name,
        selects: true,
      });
      for (const p of svc.spec.ports as K8sObject[])
        expect(portNumber(containers(target!)[0], p.targetPort)).toBeDefined();
    }
  });

  it('the Ingress publishes /graphql only, to a gateway Service port', () => {
    const ingress = named(objects, 'Ingress', 'gateway')!;
    const paths = (ingress.spec.rules as K8sObject[]).flatMap((r) => r.http.paths as K8sObject[]);
    expect(paths.map((p) => p.path)).toEqual(['/graphql']);
    const svc = named(objects, 'Service', paths[0].backend.service.name)!;
    expect(selects(svc.spec.selector, gateway.spec.template.metadata.labels)).toBe(true);
    expect((svc.spec.ports as K8sObject[]).map((p) => p.name)).toContain(paths[0].backend.service.port.name);
  });

  it.each(workers.map((d) => [d.metadata.name, d] as const))(
    '%s: terminationGracePeriodSeconds > WORKER_SHUTDOWN_GRACE_SECONDS',
    (_, d) => {
      const grace = Number(effectiveEnv(objects, containers(d)[0]).WORKER_SHUTDOWN_GRACE_SECONDS ?? 60);
      expect(podSpec(d).terminationGracePeriodSeconds).toBeGreaterThan(grace);
    },
  );

  it('workers poll known task queues; each queue has at most one worker Deployment, sweeps and trials-cpu exactly one', () => {
    for (const w of workers) for (const q of queuesOf(w)) expect(TASK_QUEUES).toContain(q);
    for (const q of TASK_QUEUES) {
      const pollers = workers.filter((w) => queuesOf(w).includes(q)).length;
      expect(pollers).toBeLessThanOrEqual(1);
      if (q !== 'trials-gpu') expect(pollers).toBe(1);
    }
    for (const w of workers)
      expect(imageName(String(containers(w)[0].image))).toBe(
        queuesOf(w).includes('trials-gpu') ? 'worker-gpu' : 'worker-cpu',
      );
  });

  it('the queues are split: the workflow queue has a Deployment of its own, each trial worker one trial queue', () => {
    // A process that trains takes workflow tasks and queries only between training steps.
    expect(sweepsWorkersOf(objects).map(queuesOf)).toEqual([[SWEEPS_QUEUE]]);
    for (const w of trialWorkers)
      expect([w.metadata.name, queuesOf(w).length, queuesOf(w).every((q) => TRIAL_QUEUES.includes(q))]).toEqual([
        w.metadata.name,
        1,
        true,
      ]);
  });

  it.each(sweepsWorkersOf(objects).map((d) => [d.metadata.name, d] as const))(
    '%s (workflow worker): a fixed replica count, two or more in production, rolls without a gap, trains nothing',
    (_, d) => {
      expect(d.spec.replicas).toBeGreaterThanOrEqual(overlay === 'overlays/production' ? 2 : 1);
      expect(d.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
      const targets = [...ofKind(objects, 'ScaledObject'), ...ofKind(objects, 'HorizontalPodAutoscaler')].map(
        (s) => s.spec.scaleTargetRef.name,
      );
      expect(targets).not.toContain(d.metadata.name);
      // Set explicitly: the image's `auto` would load native TensorFlow, for nothing here.
      expect(['cpu', 'wasm']).toContain(effectiveEnv(objects, containers(d)[0]).WORKER_BACKEND);
      expect(containers(d)[0].resources?.limits?.['nvidia.com/gpu']).toBeUndefined();
    },
  );

  it('the workflow worker checksums the Fashion-MNIST files the CPU trial workers train on', () => {
    const [sweeps] = sweepsWorkersOf(objects);
    const cpu = trialWorkers.find((w) => queuesOf(w).includes('trials-cpu'))!;
    expect(containers(sweeps)[0].image).toBe(containers(cpu)[0].image);
    expect(effectiveEnv(objects, containers(sweeps)[0]).FASHION_MNIST_DIR).toBe(
      effectiveEnv(objects, containers(cpu)[0]).FASHION_MNIST_DIR,
    );
  });

  it.each(trialWorkers.map((d) => [d.metadata.name, d] as const))(
    '%s: pod-deletion cost wired: downward API, a token, and get + patch on pods through its ServiceAccount',
    (_, d) => {
      const env = effectiveEnv(objects, containers(d)[0]);
      expect(env.WORKER_POD_DELETION_COST).toBe('true');
      const fieldOf = (name: string) => (containers(d)[0].env as K8sObject[]).find((e) => e.name === name)?.valueFrom?.fieldRef?.fieldPath;
      expect(fieldOf('POD_NAME')).toBe('metadata.name');
      expect(fieldOf('POD_NAMESPACE')).toBe('metadata.namespace');
      const sa = podSpec(d).serviceAccountName;
      expect(podSpec(d).automountServiceAccountToken).not.toBe(false);
      expect(named(objects, 'ServiceAccount', sa)?.automountServiceAccountToken).not.toBe(false);
      const bindings = ofKind(objects, 'RoleBinding').filter((b) =>
        (b.subjects as K8sObject[]).some((s) => s.kind === 'ServiceAccount' && s.name === sa),
      );
      const rules = bindings.flatMap(
        (b) => (named(objects, 'Role', b.roleRef.name)?.rules as K8sObject[] | undefined) ?? [],
      );
      const pods = rules.filter((r) => r.apiGroups.includes('') && r.resources.includes('pods'));
      expect(pods.flatMap((r) => r.verbs as string[])).toEqual(expect.arrayContaining(['get', 'patch']));
    },
  );

  it.each(workers.filter((w) => !trialWorkers.includes(w)).map((d) => [d.metadata.name, d] as const))(
    '%s: no pod-deletion cost (no trial queue), no token, no RoleBinding',
    (_, d) => {
      expect(effectiveEnv(objects, containers(d)[0]).WORKER_POD_DELETION_COST ?? 'false').toBe('false');
      expect(podSpec(d).automountServiceAccountToken).toBe(false);
      const sa = podSpec(d).serviceAccountName;
      expect(trialWorkers.map((w) => podSpec(w).serviceAccountName)).not.toContain(sa);
      const bound = ofKind(objects, 'RoleBinding').flatMap((b) => (b.subjects as K8sObject[]).map((x) => x.name));
      expect(bound).not.toContain(sa);
    },
  );

  it('pods of ServiceAccounts without a RoleBinding mount no token', () => {
    const bound = new Set(
      ofKind(objects, 'RoleBinding').flatMap((b) => (b.subjects as K8sObject[]).map((s) => s.name as string)),
    );
    for (const w of workloads(objects)) {
      const sa = podSpec(w).serviceAccountName;
      expect(sa).toEqual(expect.any(String));
      if (!bound.has(sa))
        expect([w.metadata.name, podSpec(w).automountServiceAccountToken]).toEqual([w.metadata.name, false]);
    }
  });

  it('workers are covered by a PodDisruptionBudget each', () => {
    for (const w of workers) {
      const pdbs = ofKind(objects, 'PodDisruptionBudget').filter((p) =>
        selects(p.spec.selector?.matchLabels, w.spec.template.metadata.labels),
      );
      expect(pdbs).toHaveLength(1);
    }
  });

  it('an eviction leaves a workflow worker polling wherever it runs more than one pod', () => {
    for (const w of sweepsWorkersOf(objects).filter((d) => d.spec.replicas > 1)) {
      const pdb = ofKind(objects, 'PodDisruptionBudget').find((p) =>
        selects(p.spec.selector?.matchLabels, w.spec.template.metadata.labels),
      )!;
      const available = pdb.spec.minAvailable ?? w.spec.replicas - pdb.spec.maxUnavailable;
      expect(available).toBeGreaterThanOrEqual(1);
    }
  });

  it('the GPU worker (where present) requests a GPU, lands on GPU nodes and tolerates their taint', () => {
    for (const d of workers.filter((w) => queuesOf(w).includes('trials-gpu'))) {
      const res = containers(d)[0].resources;
      expect(quantity(res.limits['nvidia.com/gpu'])).toBeGreaterThanOrEqual(1);
      expect(res.requests?.['nvidia.com/gpu'] ?? res.limits['nvidia.com/gpu']).toEqual(
        res.limits['nvidia.com/gpu'],
      );
      expect(Object.keys(podSpec(d).nodeSelector ?? {}).length).toBeGreaterThan(0);
      expect((podSpec(d).tolerations as K8sObject[]).map((t) => t.key)).toContain('nvidia.com/gpu');
    }
    for (const d of workers.filter((w) => !queuesOf(w).includes('trials-gpu')))
      expect(containers(d)[0].resources?.limits?.['nvidia.com/gpu']).toBeUndefined();
  });

  it('the data-set import Job imports Fashion-MNIST from the directory the CPU worker image carries', () => {
    const job = named(objects, 'Job', 'dataset-import')!;
    const cpu = named(objects, 'Deployment', 'worker-cpu')!;
    const c = containers(job)[0];
    const dir = effectiveEnv(objects, containers(cpu)[0]).FASHION_MNIST_DIR;
    expect(c.command).toEqual(['node', 'dist/scripts/import-dataset.js', 'fashion-mnist', dir]);
    expect(c.image).toBe(containers(cpu)[0].image);
    const dockerfile = readFileSync(join(ROOT, 'docker', 'worker-cpu.Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/apt-get install[^\n]*dataset-fashion-mnist/);
    expect(dockerfile).toContain(`test -f ${dir}/train-images-idx3-ubyte.gz`);
  });

  describe('NetworkPolicies', () => {
    const policies = ofKind(objects, 'NetworkPolicy');
    const applying = (labels: Record<string, string>, type: 'Ingress' | 'Egress'): K8sObject[] =>
      policies.filter((p) => {
        if (!(p.spec.policyTypes as string[]).includes(type)) return false;
        const sel = p.spec.podSelector as K8sObject;
        const byLabels = Object.entries((sel.matchLabels as Record<string, string>) ?? {}).every(
          ([k, v]) => labels[k] === v,
        );
        const byExpr = ((sel.matchExpressions as K8sObject[]) ?? []).every((e) =>
          (e.values as string[]).includes(labels[e.key]),
        );
        return byLabels && byExpr;
      });
    const fromNamespace = (rule: K8sObject): string[] =>
      ((rule.from ?? rule.to ?? []) as K8sObject[]).map(
        (p) => p.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'],
      );
    const ports = (rule: K8sObject): number[] => ((rule.ports as K8sObject[]) ?? []).map((p) => p.port);

    it('deny everything by default, both directions', () => {
      const deny = policies.find(
        (p) => Object.keys(p.spec.podSelector).length === 0 && !p.spec.ingress && !p.spec.egress,
      );
      expect(deny?.spec.policyTypes).toEqual(expect.arrayContaining(['Ingress', 'Egress']));
    });

    it('the gateway admits the ingress controller, KEDA and Prometheus on its port, nobody else', () => {
      const rules = applying(gateway.spec.template.metadata.labels, 'Ingress').flatMap(
        (p) => (p.spec.ingress as K8sObject[]) ?? [],
      );
      expect(rules.flatMap(fromNamespace).sort()).toEqual(['ingress-nginx', 'keda', 'monitoring']);
      for (const r of rules) expect(ports(r)).toEqual([gatewayPort]);
    });

    it.each([gateway, ...workers].map((d) => [d.metadata.name, d] as const))(
      '%s reaches Temporal and DNS',
      (_, d) => {
        const rules = applying(d.spec.template.metadata.labels, 'Egress').flatMap(
          (p) => (p.spec.egress as K8sObject[]) ?? [],
        );
        const temporal = rules.filter((r) => fromNamespace(r).includes('temporal'));
        const address = effectiveEnv(objects, containers(d)[0]).TEMPORAL_ADDRESS;
        expect(address).toMatch(/\.temporal\.svc\.cluster\.local:\d+$/);
        expect(temporal.flatMap(ports)).toContain(Number(address.split(':').pop()));
        expect(rules.filter((r) => fromNamespace(r).includes('kube-system')).flatMap(ports)).toContain(53);
      },
    );

    it.each([gateway, ...workers].map((d) => [d.metadata.name, d] as const))(
      '%s reaches S3 on its endpoint port',
      (_, d) => {
        const rules = applying(d.spec.template.metadata.labels, 'Egress').flatMap(
          (p) => (p.spec.egress as K8sObject[]) ?? [],
        );
        const url = new URL(effectiveEnv(objects, containers(d)[0]).S3_ENDPOINT);
        const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
        // S3 is outside the cluster: an ipBlock rule, or one that names ports only.
        const outside = rules.filter((r) => !r.to || (r.to as K8sObject[]).some((t) => t.ipBlock));
        expect(outside.flatMap(ports)).toContain(port);
      },
    );

    it.each(workers.map((d) => [d.metadata.name, d] as const))(
      '%s admits Prometheus (namespace monitoring) on its metrics port',
      (_, d) => {
        const rules = applying(d.spec.template.metadata.labels, 'Ingress').flatMap(
          (p) => (p.spec.ingress as K8sObject[]) ?? [],
        );
        const monitoring = rules.filter((r) => fromNamespace(r).includes('monitoring'));
        expect(monitoring.flatMap(ports)).toContain(CONTRACT.workerHttpPort);
      },
    );

    it('only pods with a bound ServiceAccount get the API-server egress (port 6443)', () => {
      const bound = new Set(
        ofKind(objects, 'RoleBinding').flatMap((b) => (b.subjects as K8sObject[]).map((x) => x.name as string)),
      );
      for (const w of workloads(objects)) {
        const rules = applying(w.spec.template.metadata.labels, 'Egress').flatMap(
          (p) => (p.spec.egress as K8sObject[]) ?? [],
        );
        const apiserver = rules.some((r) => ports(r).includes(6443));
        expect([w.metadata.name, apiserver]).toEqual([w.metadata.name, bound.has(podSpec(w).serviceAccountName)]);
      }
    });
  });
});

describe('KEDA autoscaling (production)', () => {
  const objects = rendered['overlays/production'];
  const scaled = ofKind(objects, 'ScaledObject');
  const gatewaySvc = named(objects, 'Service', 'gateway')!;

  it('every trial worker Deployment is scaled by exactly one ScaledObject and sets no replicas itself', () => {
    for (const w of trialWorkersOf(objects)) {
      expect(scaled.filter((s) => s.spec.scaleTargetRef.name === w.metadata.name)).toHaveLength(1);
      expect(w.spec.replicas).toBeUndefined();
    }
  });

  it.each(scaled.map((s) => [s.metadata.name, s] as const))(
    '%s: metrics-api on the gateway scaling endpoint for the queue its target trains, one trial per pod',
    (_, s) => {
      const target = named(objects, 'Deployment', s.spec.scaleTargetRef.name)!;
      const env = effectiveEnv(objects, containers(target)[0]);
      const trialQueues = queuesOf(target).filter((q) => TRIAL_QUEUES.includes(q));
      expect(trialQueues).toHaveLength(1);
      const triggers = s.spec.triggers as K8sObject[];
      expect(triggers).toHaveLength(1);
      const [t] = triggers;
      expect(t.type).toBe('metrics-api');
      expect(t.metricType ?? 'AverageValue').toBe('AverageValue');
      const url = new URL(t.metadata.url);
      expect(url.hostname).toBe(`${gatewaySvc.metadata.name}.${NAMESPACE}.svc.cluster.local`);
      expect((gatewaySvc.spec.ports as K8sObject[]).map((p) => p.port)).toContain(Number(url.port || 80));
      expect(url.pathname).toBe(CONTRACT.scaling);
      expect(url.searchParams.get('queue')).toBe(trialQueues[0]);
      expect(t.metadata.valueLocation).toBe('trials');
      expect(t.metadata.format ?? 'json').toBe('json');
      // The desired count is ceil(trials / targetValue): at most one trial per pod keeps every
      // running trial's pod inside the count.
      expect(Number(t.metadata.targetValue)).toBe(Number(env.WORKER_MAX_CONCURRENT_TRIALS ?? 1));
      expect(Number(t.metadata.activationTargetValue ?? 0)).toBe(0);
      const scaleDown = s.spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown;
      expect(scaleDown.stabilizationWindowSeconds).toBeGreaterThan(0);
      expect(s.spec.minReplicaCount ?? 0).toBeLessThanOrEqual(s.spec.maxReplicaCount);
      expect(queuesOf(target)).not.toContain(SWEEPS_QUEUE);
      expect(s.spec.minReplicaCount ?? 0).toBe(MIN_TRIAL_PODS[trialQueues[0]]);
    },
  );

  it('the gateway HPA scales the gateway on CPU; the Deployment leaves replicas to it', () => {
    const hpa = named(objects, 'HorizontalPodAutoscaler', 'gateway')!;
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gateway' });
    expect((hpa.spec.metrics as K8sObject[]).map((m) => m.resource?.name)).toContain('cpu');
    expect(named(objects, 'Deployment', 'gateway')!.spec.replicas).toBeUndefined();
  });

  it('ServiceMonitors scrape /metrics on a named port of Services that exist, for every Deployment', () => {
    const monitors = ofKind(objects, 'ServiceMonitor');
    const covered = new Set<string>();
    for (const m of monitors) {
      const sel = m.spec.selector as K8sObject;
      const hits = ofKind(objects, 'Service').filter((svc) => labelSelectorMatches(sel as Parameters<typeof labelSelectorMatches>[0], svc.metadata.labels));
      expect(hits.length).toBeGreaterThan(0);
      for (const e of m.spec.endpoints as K8sObject[]) {
        expect(e.path).toBe(CONTRACT.metrics);
        for (const svc of hits) expect((svc.spec.ports as K8sObject[]).map((p) => p.name)).toContain(e.port);
      }
      for (const svc of hits) covered.add(svc.spec.selector['app.kubernetes.io/name']);
    }
    expect([...covered].sort()).toEqual(ofKind(objects, 'Deployment').map((d) => d.metadata.name).sort());
  });
});

describe('Temporal Helm values', () => {
  const values = loadYaml(join(K8S, 'temporal', 'values.yaml'))[0];
  const config = named(base, 'ConfigMap', 'kernel-sweep-config')!;
  const registerJob = ((values.extraObjects as K8sObject[] | undefined) ?? []).find(
    (o) =>
      o.kind === 'Job' && JSON.stringify(o.spec.template.spec.containers).includes('search-attribute create'),
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

  it('registers exactly what the code defines in libs/orchestration/src/search-attributes.ts', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const keys = require('../../libs/orchestration/src/search-attributes') as Record<
      string,
      { name: string; type: string }
    >;
    const fromCode = Object.fromEntries(
      Object.values(keys).map((k) => [k.name, k.type.charAt(0) + k.type.slice(1).toLowerCase()]),
    );
    expect(registerJob).toBeDefined();
    expect(registered()).toEqual(fromCode);
    expect(registered().TrialQueue).toBe('Keyword');
    expect(registered().Owner).toBe('Keyword');
  });

  it('the hook Job talks to the Temporal address/namespace the app uses, re-runs on upgrade, uses the chart admin-tools tag', () => {
    const env = Object.fromEntries(
      (registerJob!.spec.template.spec.containers[0].env as K8sObject[]).map((e) => [e.name, e.value]),
    );
    expect(env.TEMPORAL_ADDRESS).toBe(config.data.TEMPORAL_ADDRESS);
    expect(env.TEMPORAL_NAMESPACE).toBe(config.data.TEMPORAL_NAMESPACE);
    expect(registerJob!.metadata.annotations['helm.sh/hook']).toMatch(
      /post-install.*post-upgrade|post-upgrade.*post-install/,
    );
    expect(String(registerJob!.spec.template.spec.containers[0].image)).toMatch(
      /^temporalio\/admin-tools:(?!latest$).+/,
    );
  });

  it('creates the namespace the app uses; SQL persistence and visibility with passwords from a Secret', () => {
    expect(values.server.config.namespaces.create).toBe(true);
    expect((values.server.config.namespaces.namespace as K8sObject[]).map((n) => n.name)).toContain(
      config.data.TEMPORAL_NAMESPACE,
    );
    const p = values.server.config.persistence;
    for (const store of ['default', 'visibility']) {
      expect(p[store].driver).toBe('sql');
      expect(p[store].sql.driver).toMatch(/^(postgres12|postgres12_pgx|mysql8)$/);
      expect(p[store].sql.existingSecret).toEqual(expect.any(String));
      expect(p[store].sql.password).toBeUndefined();
    }
    expect(p.default.sql.database).not.toBe(p.visibility.sql.database);
    for (const dep of ['elasticsearch', 'cassandra', 'mysql', 'postgresql'])
      expect(values[dep].enabled).toBe(false);
  });
});

describe('k8s/README.md', () => {
  const readme = readFileSync(join(K8S, 'README.md'), 'utf8');
  const valuesHeader = readFileSync(join(K8S, 'temporal', 'values.yaml'), 'utf8');

  it('installs Temporal with the values file at the chart version the values were written for', () => {
    const versions = [
      ...readme.matchAll(
        /helm upgrade --install temporal temporal\/temporal --version (\S+)[^\n]*-f k8s\/temporal\/values\.yaml/g,
      ),
    ].map((m) => m[1]);
    expect(versions.length).toBeGreaterThan(0);
    expect(versions[0]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(valuesHeader).toContain(`--version ${versions[0]}`);
  });

  it('applies the overlays, pins KEDA and names the manifests it ships', () => {
    expect(readme).toMatch(/kubectl apply -k k8s\/overlays\/production/);
    expect(readme).toMatch(/kubectl apply -k k8s\/overlays\/local/);
    expect(readme).toMatch(/helm upgrade --install keda kedacore\/keda[^\n]*--version 2\.21\.0/);
    const schemas = readFileSync(
      join(ROOT, 'test', 'static', 'schemas', 'keda.sh_v1alpha1_scaledobject.json'),
      'utf8',
    );
    expect(schemas).toContain('keda v2.21.0');
  });
});
