import type { RaceReport } from '../../ml/engines/race';
import { withAppDb } from '../storage/appDb';

/** The last race, if it was run under this key (this build, browser and device). */
export async function cachedRace(key: string): Promise<RaceReport | null> {
  const entry = await withAppDb((db) => db.get('engines', 'race'));
  return entry?.key === key ? entry.report : null;
}

export async function keepRace(key: string, report: RaceReport): Promise<void> {
  await withAppDb((db) => db.put('engines', { key, report }, 'race'));
}
