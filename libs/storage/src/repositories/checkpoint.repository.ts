import type { CheckpointModelJson, CheckpointPayload, StoredCheckpoint } from '@kernel-sweep/domain';
import { ArtifactIntegrityError, InvalidManifestError, ManifestNotFoundError } from '../errors';
import { CHECKPOINT_MODEL_FILE, CHECKPOINT_WEIGHTS_FILE, checkpointDir, checkpointEpoch, checkpointsDir, MANIFEST_FILE } from '../keys';
import type { ArtifactStore } from '../store';

/** A checkpoint skipped by {@link CheckpointRepository.latestComplete} because it did not verify. */
export interface SkippedCheckpoint {
  epoch: number;
  dirKey: string;
  error: Error;
}

/** Errors that mean "this checkpoint's bytes are not what its manifest promised". */
function isDamage(err: unknown): err is Error {
  return err instanceof ArtifactIntegrityError || err instanceof InvalidManifestError || err instanceof SyntaxError;
}

/**
 * `sweeps/{id}/trials/{trialId}/checkpoints/epoch-NNN/{model.json, weights.bin, manifest.json}`:
 * a trial's state after an epoch. A checkpoint is complete once its manifest (written last)
 * exists, and is read only through it, every file checked against its size and SHA-256.
 */
export class CheckpointRepository {
  constructor(private readonly store: ArtifactStore) {}

  /** Directory key of the checkpoint after `epoch`. */
  dirKey(sweepId: string, trialId: string, epoch: number): string {
    return checkpointDir(sweepId, trialId, epoch);
  }

  /**
   * Writes a checkpoint: `model.json` (its weights manifest pointing at `weights.bin`), then
   * `weights.bin`, then the manifest with `meta`. Returns its directory key.
   */
  async save(sweepId: string, trialId: string, epoch: number, payload: CheckpointPayload, meta: Record<string, unknown> = {}): Promise<string> {
    const dirKey = this.dirKey(sweepId, trialId, epoch);
    const weights = payload.modelJson.weightsManifest.flatMap((group) => group.weights);
    const modelJson: CheckpointModelJson = { ...payload.modelJson, weightsManifest: [{ paths: [CHECKPOINT_WEIGHTS_FILE], weights }] };
    await this.store.writeWithManifest(
      dirKey,
      [
        { name: CHECKPOINT_MODEL_FILE, bytes: new TextEncoder().encode(JSON.stringify(modelJson)), contentType: 'application/json' },
        { name: CHECKPOINT_WEIGHTS_FILE, bytes: payload.weights, contentType: 'application/octet-stream' },
      ],
      { sweepId, trialId, epoch, ...meta },
    );
    return dirKey;
  }

  /** Epochs of the trial's complete checkpoints (those with a manifest), newest first. */
  async completeEpochs(sweepId: string, trialId: string): Promise<number[]> {
    const manifests = (await this.store.listKeys(`${checkpointsDir(sweepId, trialId)}/`)).filter((k) => k.endsWith(`/${MANIFEST_FILE}`));
    const epochs = manifests.map(checkpointEpoch).filter((e): e is number => e !== undefined);
    return [...new Set(epochs)].sort((a, b) => b - a);
  }

  /**
   * Reads one checkpoint, verified against its manifest.
   * @throws ManifestNotFoundError when it is not complete; ArtifactIntegrityError when damaged.
   */
  async read(sweepId: string, trialId: string, epoch: number): Promise<StoredCheckpoint> {
    const dirKey = this.dirKey(sweepId, trialId, epoch);
    const files = await this.store.readVerified(dirKey);
    const model = files[CHECKPOINT_MODEL_FILE];
    const weights = files[CHECKPOINT_WEIGHTS_FILE];
    if (!model) throw new ArtifactIntegrityError(`${dirKey}/${CHECKPOINT_MODEL_FILE}`, 'missing');
    if (!weights) throw new ArtifactIntegrityError(`${dirKey}/${CHECKPOINT_WEIGHTS_FILE}`, 'missing');
    const modelJson = JSON.parse(new TextDecoder().decode(model)) as CheckpointModelJson;
    return { epoch, dirKey, modelJson, weights };
  }

  /**
   * The newest complete checkpoint that verifies, or undefined when there is none. A damaged one
   * (a file that disagrees with its manifest) is skipped for the one before it, and reported to
   * `onSkip`; training is deterministic, so any complete checkpoint is a valid place to resume.
   */
  async latestComplete(sweepId: string, trialId: string, onSkip?: (skipped: SkippedCheckpoint) => void): Promise<StoredCheckpoint | undefined> {
    for (const epoch of await this.completeEpochs(sweepId, trialId)) {
      try {
        return await this.read(sweepId, trialId, epoch);
      } catch (err) {
        if (err instanceof ManifestNotFoundError) continue; // removed since the listing
        if (!isDamage(err)) throw err;
        onSkip?.({ epoch, dirKey: this.dirKey(sweepId, trialId, epoch), error: err });
      }
    }
    return undefined;
  }
}
