/**
 * Every relative link in the README, docs/ and k8s/README.md resolves: the file or folder it names
 * exists (relative to the Markdown file, or to the repository root when it starts with `/`), and a
 * `#anchor`, in the same file or another Markdown file, is the slug of one of that file's headings,
 * as GitHub makes them. Links inside code (fenced blocks, inline spans) and links with a scheme
 * (`https:`, `mailto:`, ...) are not checked.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** The Markdown files whose links are checked, relative to the root. */
function markdownFiles(): string[] {
  const files = ['README.md', 'k8s/README.md'];
  const walk = (dir: string): void => {
    if (!existsSync(join(ROOT, dir))) return;
    for (const name of readdirSync(join(ROOT, dir)).sort()) {
      const path = `${dir}/${name}`;
      if (statSync(join(ROOT, path)).isDirectory()) walk(path);
      else if (name.endsWith('.md')) files.push(path);
    }
  };
  walk('docs');
  return files;
}

/** The lines of a Markdown text outside fenced code blocks (``` or ~~~). */
function proseLines(text: string): string[] {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of text.split('\n')) {
    const opener = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== undefined) {
      if (
        opener &&
        opener[1][0] === fence[0] &&
        opener[1].length >= fence.length &&
        line.trim() === opener[1]
      )
        fence = undefined;
      continue;
    }
    if (opener) {
      fence = opener[1];
      continue;
    }
    lines.push(line);
  }
  return lines;
}

/** A line with its inline code spans blanked. */
function withoutCodeSpans(line: string): string {
  return line.replace(/(`+)[^`]*?\1/g, '');
}

/** GitHub's heading slug: lowercase, punctuation dropped (but `-` and `_`), each space a `-`. */
function slugOf(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link's text
    .replace(/<[^>]+>/g, '') // HTML tags
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** The anchors a Markdown text defines: its headings' slugs (repeats numbered as GitHub does) and explicit ids. */
function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLines(text)) {
    const heading = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+\s*)?$/.exec(line);
    if (heading) {
      const slug = slugOf(heading[1]);
      const n = seen.get(slug) ?? 0;
      seen.set(slug, n + 1);
      anchors.add(n === 0 ? slug : `${slug}-${n}`);
    }
    for (const m of line.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(m[1]);
  }
  return anchors;
}

/** The link targets of a Markdown text outside code: inline links, images and reference definitions. */
function linksOf(text: string): string[] {
  const links: string[] = [];
  for (const line of proseLines(text).map(withoutCodeSpans)) {
    for (const m of line.matchAll(
      /!?\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g,
    ))
      links.push(m[1]);
    const definition = /^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/.exec(line);
    if (definition) links.push(definition[1]);
  }
  return links;
}

/** Why `target`, linked from `file` (relative to the root), does not resolve; undefined when it does. */
function problemOf(file: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // https:, mailto:, ...
  const hash = target.indexOf('#');
  const pathPart = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
  const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
  const absolute =
    pathPart === ''
      ? join(ROOT, file)
      : pathPart.startsWith('/')
        ? join(ROOT, pathPart)
        : resolve(ROOT, dirname(file), pathPart);
  const shown = relative(ROOT, absolute) || '.';
  if (!existsSync(absolute)) return `${target}: ${shown} does not exist`;
  if (anchor === undefined || anchor === '') return undefined;
  if (!absolute.endsWith('.md') || statSync(absolute).isDirectory()) return undefined;
  if (!anchorsOf(readFileSync(absolute, 'utf8')).has(anchor))
    return `${target}: no heading in ${shown} has the anchor #${anchor}`;
  return undefined;
}

describe('doc-links (self-check)', () => {
  it('makes anchors as GitHub does', () => {
    expect(slugOf('Transfer (`FINE_TUNE`)')).toBe('transfer-fine_tune');
    expect(slugOf('0. Cluster add-ons')).toBe('0-cluster-add-ons');
    expect(slugOf('Rolling a worker release with sweeps in flight')).toBe(
      'rolling-a-worker-release-with-sweeps-in-flight',
    );
    expect(slugOf('Operations: health, metrics, logs')).toBe('operations-health-metrics-logs');
    expect([
      ...anchorsOf('# A\n## A\n```sh\n# not a heading\n```\n### B ##\n## Transfer (`FINE_TUNE`)\n'),
    ]).toEqual(['a', 'a-1', 'b', 'transfer-fine_tune']);
  });

  it('finds links outside code only', () => {
    const text =
      'See [a](a.md#x) and ![img](img/p.png "t").\n`[no](code.md)`\n```\n[no](fenced.md)\n```\n[ref]: other.md\n';
    expect(linksOf(text)).toEqual(['a.md#x', 'img/p.png', 'other.md']);
  });
});

describe.each(markdownFiles())('%s', (file) => {
  it('has only relative links that resolve', () => {
    const broken = linksOf(readFileSync(join(ROOT, file), 'utf8'))
      .map((target) => problemOf(file, target))
      .filter((p): p is string => p !== undefined);
    expect(broken).toEqual([]);
  });
});
