import { Module } from '@nestjs/common';
import { SweepsResolver } from './sweeps.resolver';
import { SweepsService } from './sweeps.service';

/**
 * Creating, reading, listing, steering and watching sweeps. Exports {@link SweepsService}, the
 * one place that checks a sweep's owner, for the features that read a sweep's trials and results.
 */
@Module({
  providers: [SweepsService, SweepsResolver],
  exports: [SweepsService],
})
export class SweepsModule {}
