import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'images.sh');

/** Runs scripts/images.sh with `args` and `env` added, its stack state in a fresh folder. */
function images(args: string[], env: Record<string, string> = {}, prefix: string[] = []) {
  const stackDir = mkdtempSync(join(tmpdir(), 'ks-images-'));
  const [cmd, ...rest] = [...prefix, 'bash', SCRIPT, ...args];
  const run = spawnSync(cmd, rest, {
    encoding: 'utf8',
    env: { ...process.env, KS_STACK_DIR: stackDir, ...env },
    timeout: 30_000,
  });
  return { status: run.status, stderr: run.stderr, startedDaemon: existsSync(join(stackDir, 'docker')) };
}

/**
 * What the image script does where it cannot build: it names what is missing and exits 2, before
 * it starts anything (no Docker daemon, no base image).
 */
describe('scripts/images.sh without what it needs', () => {
  it('refuses without Docker, naming the package, and starts nothing', () => {
    const r = images(['build'], { KS_DOCKER: '/nonexistent/docker' });
    expect(r).toMatchObject({ status: 2, startedDaemon: false });
    expect(r.stderr).toMatch(
      /\/nonexistent\/docker not found: install Debian's Docker engine \(apt-get install docker\.io\)/,
    );
  });

  it('refuses without root, and starts nothing', () => {
    if (process.getuid?.() !== 0) {
      // Not root here: the script itself must refuse.
      const r = images(['build']);
      expect(r).toMatchObject({ status: 2, startedDaemon: false });
      expect(r.stderr).toMatch(/needs root/);
      return;
    }
    const r = images(['build'], {}, ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups']);
    expect(r).toMatchObject({ status: 2, startedDaemon: false });
    expect(r.stderr).toMatch(/building images needs root/);
  });

  it('refuses an unknown command with its usage', () => {
    const r = images(['deploy']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage: scripts\/images\.sh build\|test\|gpu/);
  });
});
