import { Module } from '@nestjs/common';
import { SweepResultsReader } from '@kernel-sweep/results';
import { ArtifactStore } from '@kernel-sweep/storage';
import { SweepsModule } from '../sweeps/sweeps.module';
import { ResultsResolver } from './results.resolver';
import { ResultsService } from './results.service';

/**
 * `sweepResults`, `compare` and `mainEffects`. Provides the one {@link SweepResultsReader} (its
 * cache of closed sweeps' report indexes and of read result.json objects) and exports it to the
 * reports feature.
 */
@Module({
  imports: [SweepsModule],
  providers: [
    { provide: SweepResultsReader, useFactory: (store: ArtifactStore) => new SweepResultsReader(store), inject: [ArtifactStore] },
    ResultsService,
    ResultsResolver,
  ],
  exports: [SweepResultsReader],
})
export class ResultsModule {}
