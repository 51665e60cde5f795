import { errorMessage } from '../../ml/errors';
import type { RunRecord } from '../../state/runs/record';
import { runsFailed } from '../../state/runs/runActions';
import { offerFile } from '../download';

/**
 * The runs' TensorBoard logs as a zip download. The writer (protobuf's wire format, zip) loads
 * only when asked, so the page's first load does not carry it.
 */
export async function downloadLogs(runs: readonly RunRecord[]): Promise<void> {
  try {
    const { logsZip, logsZipName } = await import('../../state/runs/tensorboard/runLogs');
    offerFile(logsZip(runs), logsZipName(runs), 'application/zip');
  } catch (error) {
    runsFailed(`The TensorBoard logs could not be written: ${errorMessage(error)}`);
  }
}
