import type { RaceReport } from '../../ml/engines/race';
import { NOTEBOOK_NET } from '../../ml/network/netText';
import { NOTEBOOK_NETWORK } from '../../ml/network/network';
import { multiplyAdds, planOf } from '../../ml/network/plan';
import { withAppDb } from '../storage/appDb';

/*
 * The last race of each network, each under the key of the build, browser and device it ran
 * on. The notebook's keeps the record name of the versions that raced only it.
 */

function recordName(network: string): string {
  return network === NOTEBOOK_NET ? 'race' : `race ${network}`;
}

/** The last race of `network` (`net` text), if it was run under this key. */
export async function cachedRace(key: string, network: string): Promise<RaceReport | null> {
  const entry = await withAppDb((db) => db.get('engines', recordName(network)));
  if (entry?.key !== key) return null;
  // A race kept before networks could be edited timed the notebook's.
  const { report } = entry;
  return { ...report, network: report.network ?? network, multiplyAdds: report.multiplyAdds ?? multiplyAdds(planOf(NOTEBOOK_NETWORK)) };
}

export async function keepRace(key: string, report: RaceReport): Promise<void> {
  await withAppDb((db) => db.put('engines', { key, report }, recordName(report.network)));
}
