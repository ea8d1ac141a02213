import { readFileSync } from 'node:fs';

const RECORDED_PACKAGES = [
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-layers',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
  '@temporalio/worker',
  '@aws-sdk/client-s3',
];

function versionOf(pkg: string): string | undefined {
  try {
    const path = require.resolve(`${pkg}/package.json`);
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}

let cached: Record<string, string> | undefined;

/** Versions of the packages that shape a result (those installed), read once per process. */
export function packageVersions(): Record<string, string> {
  if (!cached) {
    cached = {};
    for (const pkg of RECORDED_PACKAGES) {
      const v = versionOf(pkg);
      if (v) cached[pkg] = v;
    }
  }
  return cached;
}
