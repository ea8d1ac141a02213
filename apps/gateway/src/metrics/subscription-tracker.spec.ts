import { GatewayMetrics } from './gateway-metrics';
import { SubscriptionTracker } from './subscription-tracker';

const gauge = async (m: GatewayMetrics) => (await m.activeSubscriptions.get()).values[0]?.value;

describe('SubscriptionTracker', () => {
  it('counts streaming subscriptions per connection and ignores ends of ones it never saw start', async () => {
    const metrics = new GatewayMetrics();
    const tracker = new SubscriptionTracker(metrics);
    const a = {};
    const b = {};
    tracker.started(a, '1');
    tracker.started(a, '1');
    tracker.started(b, '1');
    expect(await gauge(metrics)).toBe(2);
    tracker.ended(a, '2');
    tracker.ended(a, '1');
    tracker.ended(a, '1');
    expect(await gauge(metrics)).toBe(1);
  });
});
