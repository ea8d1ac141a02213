import type { FeatureEntryMeta, FeatureSplits } from '@kernel-sweep/domain';
import { featuresDir } from '../keys';
import type { Manifest, ManifestFile } from '../manifest';
import type { ArtifactStore } from '../store';
import { decodeFeatureEntry, encodeFeatureEntry } from './feature-set.codec';

/** A feature entry as stored: its splits, and the files and manifest they came from (for local copies). */
export interface StoredFeatureEntry {
  splits: FeatureSplits;
  meta: FeatureEntryMeta;
  files: Record<string, Uint8Array>;
  manifest: Manifest;
}

/** Bytes of an entry's files, from its manifest. */
export function featureEntryBytes(manifest: Manifest): number {
  return manifest.files.reduce((n, f) => n + f.size, 0);
}

/**
 * `features/{featureKey}/`: a frozen-feature set (train and test features and labels, `meta.json`),
 * visible once its manifest, written last, exists. The manifest's meta is the entry's
 * {@link FeatureEntryMeta} without the backend, so the same features computed twice rewrite nothing.
 */
export class FeatureSetRepository {
  constructor(private readonly store: ArtifactStore) {}

  /** Directory key of an entry. */
  dirKey(featureKey: string): string {
    return featuresDir(featureKey);
  }

  /** The entry's manifest, or undefined while it is absent (cheap: one small read). */
  manifest(featureKey: string): Promise<Manifest | undefined> {
    return this.store.readManifest(this.dirKey(featureKey));
  }

  /** The entry, verified against its manifest, or undefined while it is absent. */
  async get(featureKey: string): Promise<StoredFeatureEntry | undefined> {
    const dirKey = this.dirKey(featureKey);
    const manifest = await this.store.readManifest(dirKey);
    if (!manifest) return undefined;
    const files = await this.store.readVerified(dirKey);
    const meta = manifest.meta as unknown as FeatureEntryMeta;
    return { splits: decodeFeatureEntry(files, meta), meta, files, manifest };
  }

  /** Stores an entry; the same features twice rewrite nothing. Returns what was stored. */
  async put(featureKey: string, splits: FeatureSplits, meta: Omit<FeatureEntryMeta, 'train' | 'test'>): Promise<StoredFeatureEntry> {
    const encoded = encodeFeatureEntry(splits, meta);
    const manifest = await this.store.writeWithManifest(this.dirKey(featureKey), encoded.files, { ...encoded.meta });
    return { splits, meta: encoded.meta, files: filesByName(encoded.files), manifest };
  }
}

function filesByName(files: readonly ManifestFile[]): Record<string, Uint8Array> {
  return Object.fromEntries(files.map((f) => [f.name, f.bytes]));
}
