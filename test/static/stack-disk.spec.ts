/**
 * scripts/lib/disk.sh: `stack.sh up` refuses to start SeaweedFS on a disk below its free-space
 * floor. Run in bash against a stand-in `df` that reports the disk of a day CI failed on it:
 * 1.5 GiB free of 252 GiB (0.60%), where SeaweedFS's own 1% floor turns every write away.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const lib = join(__dirname, '..', '..', 'scripts', 'lib', 'disk.sh');

describe('stack.sh disk checks', () => {
  const bin = mkdtempSync(join(tmpdir(), 'ks-df-'));
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  // 264,212,084 KiB in all, 1,573,376 KiB (1.5 GiB) available.
  writeFileSync(
    join(bin, 'df'),
    '#!/bin/sh\nprintf "Filesystem 1024-blocks Used Available Capacity Mounted on\\n/dev/vda 264212084 262638708 1573376 100%% /\\n"\n',
  );
  chmodSync(join(bin, 'df'), 0o755);

  /** Runs `script` in bash with disk.sh sourced, SEAWEED_MIN_FREE set and the stand-in df first on PATH. */
  const run = (floor: string, script: string) =>
    spawnSync('bash', ['-c', `die() { echo "$*" >&2; exit 1; }; source '${lib}'; ${script}`], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, SEAWEED_MIN_FREE: floor },
    });

  it('reads the floor as SeaweedFS does: a percentage up to 100, bytes above, or an IEC size', () => {
    const bytes = (floor: string) => run(floor, 'min_free_bytes /').stdout.trim();
    expect(bytes('1')).toBe(String(Math.round(264212084 * 1024 * 0.01)));
    expect(bytes('0.5')).toBe(String(Math.round(264212084 * 1024 * 0.005)));
    expect(bytes('4096')).toBe('4096');
    expect(bytes('1GiB')).toBe(String(2 ** 30));
    expect(bytes('512MiB')).toBe(String(512 * 2 ** 20));
    expect(bytes('10GB')).toBe(''); // not parsed here: left to SeaweedFS and the write probe
  });

  it('refuses a disk below a 1% floor, naming the free space and the ways out', () => {
    const r = run('1', 'check_disk_for_seaweed /');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('1.5 GiB free of 252.0 GiB (0.60%) on /');
    expect(r.stderr).toContain('less than 1% free');
    expect(r.stderr).toContain('KS_SEAWEED_MIN_FREE');
    expect(run('2GiB', 'check_disk_for_seaweed /').status).toBe(1);
  });

  it('lets a disk above the floor through, and a floor it cannot read', () => {
    for (const floor of ['1GiB', '0.5', '10GB']) {
      const r = run(floor, 'check_disk_for_seaweed / && echo ok');
      expect({ floor, out: r.stdout.trim(), status: r.status }).toEqual({ floor, out: 'ok', status: 0 });
    }
  });
});
