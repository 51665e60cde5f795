import { errorMessage } from '../../ml/errors';
import type { TrainConfig } from '../../ml/training/train';
import { appStore } from '../store';
import { RUN_BOUNDS, runIdFor } from './record';
import { runAdded, runsFailed, runsNotice, runToContinue } from './runActions';
import { RunFileError, parseRunFile } from './runFile';
import { claimRunId } from './runStore';

function localIds(): Set<string> {
  return new Set(appStore.getState().runs.list.map((entry) => entry.id));
}

/** An id free in every tab and in the database (`preferred` if it is); only this tab's list where the database is refused. */
async function freeRunId(time: Date, tab: string, preferred?: string): Promise<string> {
  const taken = localIds();
  try {
    return await claimRunId(time, taken, tab, preferred);
  } catch {
    return preferred && !taken.has(preferred) ? preferred : runIdFor(time, taken);
  }
}

/** The run a click of Train belongs to: the run it continues, else a new one whose id no other tab can take. */
export async function runIdForTraining(config: TrainConfig, tab: string, now = new Date()): Promise<string> {
  const continued = runToContinue(appStore.getState(), config);
  if (continued?.room) return continued.run.id;
  if (continued) {
    const { run } = continued;
    runsNotice(
      `${run.name} holds ${run.epochs.length.toLocaleString('en-GB')} epochs; ${config.epochs} more would pass the ${RUN_BOUNDS.epochs.toLocaleString('en-GB')} a run keeps, so this training starts a new run.`,
    );
  }
  return freeRunId(now, tab);
}

/** Reads a run file the person chose; a bad one is refused with an alert and nothing changes. */
export async function importRunFile(file: File, tab: string): Promise<void> {
  try {
    const run = parseRunFile(await file.text());
    // A run already here (or in another tab) keeps its id; the imported copy gets the next free one.
    const id = await freeRunId(new Date(run.startedAt), tab, run.id);
    runAdded({ ...run, id });
  } catch (error) {
    const reason = error instanceof RunFileError ? error.message : `it could not be read (${errorMessage(error).split('\n')[0] ?? ''})`;
    runsFailed(`${file.name.slice(0, 80)} was not imported: ${reason}. The kept runs are unchanged.`);
  }
}
