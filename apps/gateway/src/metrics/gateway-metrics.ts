import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The gateway's Prometheus metrics in a registry of its own (one per app instance, so tests can
 * start several gateways in a process), with Node's process metrics.
 */
@Injectable()
export class GatewayMetrics {
  readonly registry = new Registry();

  /** GraphQL operations over HTTP by root field (e.g. `sweep`, `createSweep`), type and result (`ok` or the error code). */
  readonly operations = new Counter({
    name: 'ks_graphql_operations_total',
    help: 'GraphQL operations by root field, type and result (ok, or the first error code)',
    labelNames: ['operation', 'type', 'result'],
    registers: [this.registry],
  });
  /** Seconds from request to response of GraphQL operations over HTTP. */
  readonly latency = new Histogram({
    name: 'ks_graphql_operation_duration_seconds',
    help: 'Latency of GraphQL operations, from request to response',
    labelNames: ['operation', 'type'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  /** Operations and subscriptions refused with RATE_LIMITED, by transport. */
  readonly rateLimited = new Counter({
    name: 'ks_graphql_rate_limited_total',
    help: 'GraphQL operations refused with RATE_LIMITED, by transport (http, ws)',
    labelNames: ['transport'],
    registers: [this.registry],
  });
  /** graphql-ws subscriptions streaming now. */
  readonly activeSubscriptions = new Gauge({
    name: 'ks_graphql_active_subscriptions',
    help: 'GraphQL subscriptions currently streaming over WebSocket',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
