import { readFileSync } from 'fs';

/** One Dockerfile instruction after line continuations are joined and comments dropped. */
export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** A build stage: its FROM (base resolved through global ARG defaults) and its instructions. */
export interface Stage {
  index: number;
  name?: string;
  base: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  path: string;
  globalArgs: Record<string, string>;
  stages: Stage[];
}

/** Splits a Dockerfile into instructions (enough of the grammar for static checks; no heredocs). */
export function parseInstructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let buffer = '';
  let startLine = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith('#')) return;
    if (!buffer && !trimmed) return;
    if (!buffer) startLine = i + 1;
    const continued = /\\\s*$/.test(raw);
    buffer += (buffer ? ' ' : '') + (continued ? raw.replace(/\\\s*$/, '') : raw).trim();
    if (continued) return;
    const match = /^(\S+)\s*(.*)$/.exec(buffer);
    if (match) out.push({ keyword: match[1].toUpperCase(), args: match[2].trim(), line: startLine });
    buffer = '';
  });
  if (buffer) throw new Error(`dangling line continuation at line ${startLine}`);
  return out;
}

/** Replaces ${VAR} and $VAR using `vars`; unknown variables are left untouched. */
export function substitute(value: string, vars: Record<string, string>): string {
  return value.replace(
    /\$\{(\w+)\}|\$(\w+)/g,
    (whole, a?: string, b?: string) => vars[a ?? b ?? ''] ?? whole,
  );
}

export function parseDockerfile(path: string): Dockerfile {
  const instructions = parseInstructions(readFileSync(path, 'utf8'));
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const tokens = ins.args.split(/\s+/).filter((t) => !t.startsWith('--'));
      const asIndex = tokens.findIndex((t) => t.toUpperCase() === 'AS');
      stages.push({
        index: stages.length,
        base: substitute(tokens[0], globalArgs),
        name: asIndex >= 0 ? tokens[asIndex + 1] : undefined,
        instructions: [],
      });
    } else if (stages.length === 0) {
      if (ins.keyword !== 'ARG') throw new Error(`${path}:${ins.line}: only ARG may precede FROM`);
      const [name, ...rest] = ins.args.split('=');
      globalArgs[name.trim()] = rest
        .join('=')
        .trim()
        .replace(/^"(.*)"$/, '$1');
    } else {
      stages[stages.length - 1].instructions.push(ins);
    }
  }
  return { path, globalArgs, stages };
}

/** Splits `--flag=value` options off the front of an instruction's arguments. */
export function splitFlags(args: string): { flags: Record<string, string>; rest: string[] } {
  const flags: Record<string, string> = {};
  const tokens = args.split(/\s+/).filter(Boolean);
  let i = 0;
  for (; i < tokens.length && tokens[i].startsWith('--'); i++) {
    const [k, ...v] = tokens[i].slice(2).split('=');
    flags[k] = v.join('=');
  }
  return { flags, rest: tokens.slice(i) };
}

/** `KEY=value KEY2="value 2"` (ENV / LABEL syntax) to a record; the legacy `ENV KEY value` form too. */
export function parseKeyValues(args: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!/^\w+=/.test(args)) {
    const [k, ...v] = args.split(/\s+/);
    out[k] = v.join(' ');
    return out;
  }
  const re = /(\w+)=("(?:[^"\\]|\\.)*"|\S*)/g;
  for (let m = re.exec(args); m; m = re.exec(args)) out[m[1]] = m[2].replace(/^"(.*)"$/, '$1');
  return out;
}

/** A stage and the stages it is built FROM, nearest first. */
export function stageChain(file: Dockerfile, stage: Stage): Stage[] {
  const chain = [stage];
  for (let s = stage; ;) {
    const parent = file.stages.find((p) => p.name === s.base && p.index < s.index);
    if (!parent) return chain;
    chain.push(parent);
    s = parent;
  }
}

/** Looks a stage up by name or index (as `COPY --from=` does). */
export function findStage(file: Dockerfile, ref: string): Stage | undefined {
  return file.stages.find((s) => s.name === ref || String(s.index) === ref);
}

/** All instructions of a stage including those inherited from the stages it is built FROM. */
export function inheritedInstructions(file: Dockerfile, stage: Stage): Instruction[] {
  return stageChain(file, stage)
    .reverse()
    .flatMap((s) => s.instructions);
}

/** The base image a stage ultimately starts from (following `FROM <stage>`). */
export function rootImage(file: Dockerfile, stage: Stage): string {
  const chain = stageChain(file, stage);
  return chain[chain.length - 1].base;
}
