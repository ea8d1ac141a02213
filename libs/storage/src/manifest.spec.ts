import { InvalidKeyError, InvalidManifestError } from './errors';
import { buildManifest, parseManifest, sameContent } from './manifest';

const sha = 'a'.repeat(64);
const at = new Date('2026-01-02T03:04:05.000Z');

describe('manifest', () => {
  it('builds a manifest that parses back', () => {
    const m = buildManifest([{ name: 'weights.bin', size: 3, sha256: sha }], { epoch: 1 }, at);
    expect(m).toEqual({
      version: 1,
      files: [{ name: 'weights.bin', size: 3, sha256: sha }],
      meta: { epoch: 1 },
      createdAt: at.toISOString(),
    });
    expect(parseManifest('k', JSON.parse(JSON.stringify(m)))).toEqual(m);
  });

  it('rejects duplicate, unsafe and reserved file names', () => {
    const entry = { name: 'a.bin', size: 1, sha256: sha };
    expect(() => buildManifest([entry, entry], undefined, at)).toThrow(InvalidManifestError);
    expect(() => buildManifest([{ ...entry, name: '../x' }], undefined, at)).toThrow(InvalidKeyError);
    expect(() => buildManifest([{ ...entry, name: 'manifest.json' }], undefined, at)).toThrow(
      InvalidManifestError,
    );
  });

  it.each([
    null,
    {},
    { version: 2, files: [], createdAt: 'x' },
    { version: 1, files: [{ name: 'a', size: 1, sha256: 'zz' }], createdAt: 'x' },
  ])('rejects the malformed manifest %j', (value) => {
    expect(() => parseManifest('k', value)).toThrow(InvalidManifestError);
  });

  it('compares content without the creation time', () => {
    const files = [{ name: 'a', size: 1, sha256: sha }];
    const a = buildManifest(files, { epoch: 1 }, at);
    expect(sameContent(a, buildManifest(files, { epoch: 1 }, new Date()))).toBe(true);
    expect(sameContent(a, buildManifest(files, { epoch: 2 }, at))).toBe(false);
  });
});
