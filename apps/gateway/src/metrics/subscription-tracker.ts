import type { GatewayMetrics } from './gateway-metrics';

/**
 * Counts graphql-ws subscriptions while they stream: one started when the server begins to
 * stream an operation's events, ended when it completes (client stop, server end or socket
 * close). Only started ones are ended, so refused subscriptions leave the gauge alone.
 */
export class SubscriptionTracker {
  private readonly active = new WeakMap<object, Set<string>>();

  constructor(private readonly metrics: GatewayMetrics) {}

  /** A subscription `id` of connection `ctx` streams from now. */
  started(ctx: object, id: string): void {
    const ids = this.active.get(ctx) ?? new Set<string>();
    if (ids.has(id)) return;
    ids.add(id);
    this.active.set(ctx, ids);
    this.metrics.activeSubscriptions.inc();
  }

  /** The operation `id` of connection `ctx` completed (whether or not it was a streaming one). */
  ended(ctx: object, id: string): void {
    if (this.active.get(ctx)?.delete(id)) this.metrics.activeSubscriptions.dec();
  }
}
