import { Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { CoreModule } from './core/core.module';
import { ErrorsModule } from './errors/errors.module';
import { GraphQLApiModule } from './graphql/graphql-api.module';
import { HealthModule } from './health/health.module';
import { RequestLoggingModule } from './logging/request-logging.module';
import { LiveModule } from './live/live.module';
import { MetricsModule } from './metrics/metrics.module';
import { ReportsModule } from './reports/reports.module';
import { ResultsModule } from './results/results.module';
import { ScalingModule } from './scaling/scaling.module';
import { SweepsModule } from './sweeps/sweeps.module';
import { TrialsModule } from './trials/trials.module';

/** The GraphQL gateway: shared infrastructure, logs, metrics, API-key auth, the GraphQL server, probes, the feature modules (live learning curves among them) and the scaling signal. */
@Module({
  imports: [
    CoreModule,
    RequestLoggingModule,
    MetricsModule,
    AuthModule,
    ErrorsModule,
    GraphQLApiModule,
    HealthModule,
    SweepsModule,
    TrialsModule,
    LiveModule,
    ResultsModule,
    ReportsModule,
    ScalingModule,
  ],
})
export class AppModule {}
