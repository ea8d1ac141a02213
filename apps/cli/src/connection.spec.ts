import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_GATEWAY_URL, resolveConnection } from './connection';
import { MissingApiKeyError, UsageError } from './errors';

describe('resolveConnection', () => {
  const root = mkdtempSync(join(tmpdir(), 'ks-cli-root-'));

  it('prefers flags, then the environment, then the local stack', () => {
    mkdirSync(join(root, '.stack'), { recursive: true });
    writeFileSync(join(root, '.stack', 'api-key'), 'stack-key\n');
    const env = { KS_GATEWAY_URL: 'http://env:1/graphql', KS_API_KEY: 'env-key' };
    expect(resolveConnection({ gateway: 'https://flag/graphql', apiKey: 'flag-key' }, env, root)).toEqual({
      url: 'https://flag/graphql',
      apiKey: 'flag-key',
    });
    expect(resolveConnection({}, env, root)).toEqual({ url: 'http://env:1/graphql', apiKey: 'env-key' });
    expect(resolveConnection({}, {}, root)).toEqual({ url: DEFAULT_GATEWAY_URL, apiKey: 'stack-key' });
  });

  it('reads the key from KS_STACK_DIR when set', () => {
    const stack = mkdtempSync(join(tmpdir(), 'ks-stack-'));
    writeFileSync(join(stack, 'api-key'), 'other-key');
    expect(resolveConnection({}, { KS_STACK_DIR: stack }, root).apiKey).toBe('other-key');
  });

  it('refuses a missing key and a URL that is not http(s)', () => {
    const empty = mkdtempSync(join(tmpdir(), 'ks-empty-'));
    expect(() => resolveConnection({}, {}, empty)).toThrow(MissingApiKeyError);
    expect(() => resolveConnection({ gateway: 'localhost:3000' }, { KS_API_KEY: 'k' }, empty)).toThrow(
      UsageError,
    );
  });
});
