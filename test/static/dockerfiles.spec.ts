import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import * as ts from 'typescript';
import { gatewayEnvSchema, workerEnvSchema } from '../../libs/config/src/env-schema';
import {
  type Dockerfile,
  findStage,
  inheritedInstructions,
  type Instruction,
  parseDockerfile,
  parseInstructions,
  parseKeyValues,
  rootImage,
  splitFlags,
  type Stage,
} from './support/dockerfile';
import { byKind, collectResources, type K8sObject, ROOT } from './support/k8s';
import { hadolint } from './support/tools';

/** Dockerfile name -> the app it runs (dist/apps/<app>/src/main.js). */
const IMAGES: Record<string, 'gateway' | 'worker'> = {
  gateway: 'gateway',
  'worker-cpu': 'worker',
  'worker-gpu': 'worker',
};
const RUNTIME_ENV = new Set([
  'NODE_ENV',
  'NODE_OPTIONS',
  'CUDA_CACHE_PATH',
  'TF_CPP_MIN_LOG_LEVEL',
  'NVIDIA_VISIBLE_DEVICES',
  'NVIDIA_DRIVER_CAPABILITIES',
  'PATH',
  // The worker's health and metrics server (operations contract; k8s/README.md).
  'WORKER_HTTP_PORT',
]);
/**
 * External images that keep a tag without a digest, and why: no digest for the tag could be verified
 * from here. Everything else is pinned by digest.
 */
const TAG_ONLY = new Set(['nvidia/cuda:12.5.1-cudnn-runtime-ubuntu22.04']);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};
const deployments = byKind(collectResources(join(ROOT, 'k8s', 'base')), 'Deployment');

const files = Object.keys(IMAGES).map(
  (name) => [name, parseDockerfile(join(ROOT, 'docker', `${name}.Dockerfile`))] as const,
);
const last = (f: Dockerfile): Stage => f.stages[f.stages.length - 1];
const of = (stage: Stage, keyword: string): Instruction[] =>
  stage.instructions.filter((i) => i.keyword === keyword);
const runs = (f: Dockerfile, s: Stage): string =>
  inheritedInstructions(f, s)
    .filter((i) => i.keyword === 'RUN')
    .map((i) => i.args)
    .join('\n');
const execForm = (args: string): string[] => {
  const parsed = JSON.parse(args) as unknown;
  const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (!isStrings(parsed)) throw new Error(`not a JSON string array: ${args}`);
  return parsed;
};

/** .dockerignore patterns as regexes over repo-relative paths (the subset of the syntax we use). */
function dockerignore(): RegExp[] {
  return readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'))
    .map((p) => {
      const body = p
        .replace(/^\/+|\/+$/g, '')
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*\*\//g, '(.*/)?')
        .replace(/\*\*/g, '.*')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]');
      return new RegExp(`^${body}(/.*)?$`);
    });
}

describe('parser (self-check)', () => {
  it('joins continuations, drops comments, keeps line numbers', () => {
    const ins = parseInstructions('# c\nFROM a:1 AS x\nRUN one \\\n  # inner\n  two\nCMD ["node"]\n');
    expect(ins).toEqual([
      { keyword: 'FROM', args: 'a:1 AS x', line: 2 },
      { keyword: 'RUN', args: 'one two', line: 3 },
      { keyword: 'CMD', args: '["node"]', line: 6 },
    ]);
  });
});

describe('.dockerignore', () => {
  const patterns = dockerignore();
  it.each(['node_modules', 'dist', '.tools', '.stack', '.git'])('excludes %s', (p) => {
    expect(patterns.some((re) => re.test(p))).toBe(true);
  });
});

describe.each(files)('docker/%s.Dockerfile', (name, file) => {
  const app = IMAGES[name];
  const final = last(file);
  const finalAll = inheritedInstructions(file, final);

  it('is multi-stage and every stage name is unique', () => {
    expect(file.stages.length).toBeGreaterThanOrEqual(2);
    const names = file.stages.map((s) => s.name).filter(Boolean);
    expect(new Set(names).size).toBe(names.length);
  });

  it('pins every external base image by digest (tag kept for readers), Node images on 22 LTS', () => {
    for (const s of file.stages) {
      if (findStage(file, s.base) && findStage(file, s.base)!.index < s.index) continue;
      expect(s.base).not.toMatch(/\$\{?\w/); // every ARG used in FROM has a default
      expect(s.base).not.toMatch(/:latest(@|$)/);
      if (TAG_ONLY.has(s.base)) continue;
      expect(s.base).toMatch(/^[\w./-]+:[\w.-]+@sha256:[0-9a-f]{64}$/);
      if (s.base.startsWith('node:')) expect(s.base).toMatch(/^node:22-/);
    }
  });

  it('passes hadolint (rules ignored only inline, with the reason above them)', () => {
    expect(hadolint(file.path)).toEqual([]);
    const lines = readFileSync(file.path, 'utf8').split(/\r?\n/);
    lines.forEach((line, i) => {
      if (/^#\s*hadolint ignore=/.test(line)) expect(lines[i - 1]).toMatch(/^#\s*\S/);
    });
  });

  it('HEALTHCHECK: node -e GET /health/live on the port the app serves (no curl needed)', () => {
    const hc = of(final, 'HEALTHCHECK');
    expect(hc).toHaveLength(1);
    const cmd = execForm(hc[0].args.slice(hc[0].args.indexOf('CMD') + 3).trim());
    expect(cmd.slice(0, 2)).toEqual(['node', '-e']);
    const portVar = app === 'gateway' ? 'GATEWAY_PORT' : 'WORKER_HTTP_PORT';
    expect(cmd[2]).toContain(`process.env.${portVar}`);
    expect(cmd[2]).toContain("'/health/live'");
    const env = Object.assign(
      {},
      ...finalAll.filter((i) => i.keyword === 'ENV').map((i) => parseKeyValues(i.args)),
    ) as Record<string, string>;
    expect(cmd[2]).toContain(`|| ${env[portVar]})`);
    expect(of(final, 'EXPOSE').map((i) => i.args)).toContain(env[portVar]);
  });

  it('final stage runs as a non-root numeric user, the uid the k8s Deployments use', () => {
    const users = of(final, 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users[users.length - 1].args.split(':')[0];
    expect(user).toMatch(/^\d+$/); // numeric, so runAsNonRoot can verify it
    expect(Number(user)).toBeGreaterThan(0);
    const consumers = deployments.filter((d) =>
      (d.spec.template.spec.containers as K8sObject[]).some((c) =>
        String(c.image).split(':')[0].endsWith(`/${name}`),
      ),
    );
    expect(consumers.length).toBeGreaterThan(0);
    for (const d of consumers) expect(d.spec.template.spec.securityContext.runAsUser).toBe(Number(user));
  });

  it(`CMD is exec form: node dist/apps/${app}/src/main.js (the build output package.json starts)`, () => {
    const cmds = of(final, 'CMD');
    expect(cmds).toHaveLength(1);
    const cmd = execForm(cmds[0].args);
    expect(cmd).toEqual(['node', `dist/apps/${app}/src/main.js`]);
    expect(pkg.scripts[`start:${app}`]).toBe(`node ${cmd[1]}`);
    expect(of(final, 'ENTRYPOINT')).toHaveLength(0);
    expect(of(final, 'STOPSIGNAL').map((i) => i.args)).toEqual(['SIGTERM']);
  });

  it('CMD runs the file `tsc -p tsconfig.build.json` emits for apps/<app>/src/main.ts', () => {
    const configPath = join(ROOT, 'tsconfig.build.json');
    const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT, undefined, configPath);
    const source = join(ROOT, 'apps', app, 'src', 'main.ts');
    expect(parsed.fileNames).toContain(source);
    const emitted = ts.getOutputFileNames(parsed, source, false).find((f) => f.endsWith('.js'))!;
    const cmd = execForm(of(final, 'CMD')[0].args);
    expect(join(ROOT, cmd[1])).toBe(emitted);
  });

  it('final stage copies dist/ from a stage that runs `npm run build` and checks the entry point exists', () => {
    const copies = of(final, 'COPY')
      .map((i) => splitFlags(i.args))
      .filter((c) => c.flags.from && c.rest[0].endsWith('/dist'));
    expect(copies).toHaveLength(1);
    const build = findStage(file, copies[0].flags.from)!;
    expect(build).toBeDefined();
    const script = runs(file, build);
    expect(script).toContain('npm run build');
    expect(script).toContain(`test -f dist/apps/${app}/src/main.js`);
    if (app === 'worker') expect(script).toContain('test -f dist/workflow-bundle.js');
  });

  it('final stage node_modules come from `npm ci --omit=dev` (no dev dependencies shipped)', () => {
    const copies = of(final, 'COPY')
      .map((i) => splitFlags(i.args))
      .filter((c) => c.rest[0].endsWith('node_modules'));
    expect(copies).toHaveLength(1);
    const deps = findStage(file, copies[0].flags.from)!;
    expect(runs(file, deps)).toMatch(/npm ci\b[^\n&]*--omit=dev/);
    expect(runs(file, final)).not.toMatch(/npm (ci|install)(?![^\n&]*--omit=dev)/);
  });

  it('COPY sources from the build context exist and are not excluded by .dockerignore', () => {
    const ignored = dockerignore();
    const sources = file.stages
      .flatMap((s) => of(s, 'COPY').concat(of(s, 'ADD')))
      .map((i) => splitFlags(i.args))
      .filter((c) => !c.flags.from)
      .flatMap((c) => c.rest.slice(0, -1));
    expect(sources).toEqual(expect.arrayContaining(['package.json', 'package-lock.json']));
    for (const src of sources) {
      expect({ src, exists: existsSync(join(ROOT, src)) }).toEqual({ src, exists: true });
      expect({ src, ignored: ignored.some((re) => re.test(src)) }).toEqual({ src, ignored: false });
    }
  });

  it('every tsconfig the build reads is copied into the build stage', () => {
    const copied = file.stages
      .flatMap((s) => of(s, 'COPY'))
      .flatMap((i) => splitFlags(i.args).rest.slice(0, -1));
    const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as { extends?: string };
    expect(copied).toContain('tsconfig.build.json');
    if (build.extends) expect(copied).toContain(build.extends.replace(/^\.\//, ''));
  });

  it('ENV defaults name variables the app config reads, with values it accepts', () => {
    const env = Object.assign(
      {},
      ...finalAll.filter((i) => i.keyword === 'ENV').map((i) => parseKeyValues(i.args)),
    ) as Record<string, string>;
    const schema = app === 'gateway' ? gatewayEnvSchema : workerEnvSchema;
    for (const key of Object.keys(env)) {
      if (!RUNTIME_ENV.has(key)) expect(Object.keys(schema.shape)).toContain(key);
    }
    expect(env.NODE_ENV).toBe('production');
    const parsed = schema.safeParse({ ...env, KS_API_KEYS: `ci:${'0'.repeat(64)}` });
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  if (app === 'gateway') {
    it('listens on 0.0.0.0', () => {
      const env = Object.assign({}, ...of(final, 'ENV').map((i) => parseKeyValues(i.args))) as Record<
        string,
        string
      >;
      expect(env.GATEWAY_HOST).toBe('0.0.0.0');
    });
  } else {
    it('queue defaults match the image kind', () => {
      const env = Object.assign({}, ...of(final, 'ENV').map((i) => parseKeyValues(i.args))) as Record<
        string,
        string
      >;
      const queues = env.WORKER_TASK_QUEUES.split(',');
      expect(queues.includes('trials-gpu')).toBe(name === 'worker-gpu');
    });
  }

  if (name === 'worker-cpu') {
    it('carries native TensorFlow, built by install-native-tf.sh cpu, where libs/tfjs-engine looks for it', () => {
      const copies = of(final, 'COPY').map((i) => splitFlags(i.args));
      const native = copies.find((c) => c.rest[0] === '/app/.tools/native');
      expect(native?.rest[1]).toBe('./.tools/native');
      expect(of(final, 'WORKDIR').map((i) => i.args)).toContain('/app');
      const stage = findStage(file, native!.flags.from)!;
      expect(runs(file, stage)).toContain('bash scripts/install-native-tf.sh cpu');
      // The binding is compiled for the runtime's Node: the same base image as the final stage.
      expect(rootImage(file, stage)).toBe(rootImage(file, final));
      // The node_modules it was load-checked against are the ones shipped.
      expect(copies.find((c) => c.rest[0].endsWith('node_modules'))?.flags.from).toBe(native!.flags.from);
    });
  }

  if (name === 'worker-gpu') {
    it('runs on a CUDA + cuDNN runtime base with Node from a checksum-verified tarball', () => {
      expect(rootImage(file, final)).toMatch(/^nvidia\/cuda:[\d.]+-cudnn[\w-]*-runtime-/);
      const all = file.stages.map((s) => runs(file, s)).join('\n');
      expect(all).toMatch(/nodejs\.org\/dist\/v\$\{NODE_VERSION\}/);
      expect(all).toContain('sha256sum -c');
      expect(file.globalArgs.NODE_VERSION).toMatch(/^22\.\d+\.\d+$/);
    });

    it('builds the tfjs-node-gpu binding against the tensorflow wheel, with the binary variables passed in', () => {
      const all = file.stages
        .map((s) =>
          s.instructions
            .filter((i) => i.keyword === 'RUN')
            .map((i) => i.args)
            .join('\n'),
        )
        .join('\n');
      expect(all).toMatch(/pip download[^\n]*"tensorflow==\$\{TF_VERSION\}"/);
      expect(all).toMatch(/@tensorflow\/tfjs-node-gpu@\$\{TFJS_VERSION\}/);
      expect(all).toContain('tensorflow/include');
      for (const lib of ['libtensorflow_cc.so.2', 'libtensorflow_framework.so.2']) expect(all).toContain(lib);
      expect(all).toMatch(/ln -s libtensorflow_cc\.so\.2 deps\/lib\/libtensorflow\.so\.2/);
      expect(all).toMatch(/ln -s libtensorflow_cc\.so\.2 deps\/lib\/libtensorflow\.so(\s|$)/);
      for (const v of ['module_name', 'module_path', 'napi_build_version']) expect(all).toContain(`--${v}=`);
      expect(file.globalArgs.TFJS_VERSION).toBe(
        (
          JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
            packages: Record<string, { version: string }>;
          }
        ).packages['node_modules/@tensorflow/tfjs'].version,
      );
    });
  }
});
