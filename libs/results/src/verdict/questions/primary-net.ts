import type { Arm } from '../arms';
import { groupArms } from './question';

const reference = (a: Arm) => (a.key.convLayers === '2' ? 1 : 0) + (a.key.conv1Filters === '8' ? 1 : 0) + (a.key.init === 'he' ? 1 : 0);

/**
 * The arms of the net most of `arms` ran on (most completed trials; on a tie, the one closest
 * to the reference CNN: two layers, 8 filters, `he` init), grouped by `netKey`.
 */
export function primaryGroup(arms: readonly Arm[], netKey: (a: Arm) => string): Arm[] {
  const groups = groupArms(arms, netKey);
  const size = (g: Arm[]) => g.reduce((s, a) => s + a.members.length, 0);
  return groups.reduce<Arm[]>((b, g) => {
    if (b.length === 0) return g;
    if (size(g) !== size(b)) return size(g) > size(b) ? g : b;
    return reference(g[0]) > reference(b[0]) ? g : b;
  }, []);
}
