import { execFile } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';

/** The repository root. */
export const ROOT = join(__dirname, '..', '..');
/** The compiled training library and engine a child loads (from `npm run build`). */
export const TRAINING_DIST = join(ROOT, 'dist', 'libs', 'training', 'src');
export const ENGINE_DIST = join(ROOT, 'dist', 'libs', 'tfjs-engine', 'src');
/** What to run when the compiled libraries or the native binding are missing. */
export const INSTALL_HINT = 'run `bash scripts/install-native-tf.sh cpu` (and `npm run build`)';

/**
 * Runs `script` in a fresh `node` process (tfjs backends are per process) with `args` after the
 * compiled training and engine folders, and parses the JSON report it prints on its last line.
 * `needs` are compiled files that must exist first (beside the two index files).
 */
export function runTrainingChild<T>(script: string, backend: string, args: string[], needs: string[] = []): Promise<T> {
  for (const file of [join(TRAINING_DIST, 'index.js'), join(ENGINE_DIST, 'index.js'), ...needs])
    if (!existsSync(file)) throw new Error(`compiled library missing: ${file}: ${INSTALL_HINT}`);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', script, TRAINING_DIST, ENGINE_DIST, backend, ...args],
      { cwd: ROOT, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' }, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`${backend} child failed (${err.message.split('\n')[0]}):\n${stderr.slice(-4000)}\n${INSTALL_HINT}`));
          return;
        }
        try {
          resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as T);
        } catch {
          reject(new Error(`${backend} child printed no report:\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`));
        }
      },
    );
  });
}
