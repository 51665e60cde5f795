import { errorMessage } from '../../ml/errors';
import { appStore } from '../store';
import { runIdFor } from './record';
import { runAdded, runsFailed } from './runActions';
import { RunFileError, parseRunFile } from './runFile';

/** Reads a run file the person chose; a bad one is refused with an alert and nothing changes. */
export async function importRunFile(file: File): Promise<void> {
  try {
    const run = parseRunFile(await file.text());
    const taken = new Set(appStore.getState().runs.list.map((entry) => entry.id));
    // A run already here keeps its id; the imported copy gets the next free one.
    const id = taken.has(run.id) ? runIdFor(new Date(run.startedAt), taken) : run.id;
    runAdded({ ...run, id });
  } catch (error) {
    const reason = error instanceof RunFileError ? error.message : `it could not be read (${errorMessage(error).split('\n')[0] ?? ''})`;
    runsFailed(`${file.name.slice(0, 80)} was not imported: ${reason}. The kept runs are unchanged.`);
  }
}
