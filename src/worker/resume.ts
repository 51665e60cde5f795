import { assertNever } from '../ml/errors';
import type { Post } from './protocol';
import { lastCopy } from './storage/workingCopies';
import type { ModelSession } from './training/session';

/**
 * Brings back the weights this tab left (a reload mid-run), else those the newest other tab
 * left (a closed tab: the last visit), saying whose they are; false if there are none.
 */
export async function resumeLastVisit(session: ModelSession, tab: string, post: Post): Promise<boolean> {
  try {
    const copy = await lastCopy(tab);
    if (copy.whose === 'none' || copy.whose === 'reset') return false;
    const epochs = copy.snapshot.checkpoint.epochs;
    const through = epochs > 0 ? `, trained through epoch ${epochs}` : '';
    await session.restore(copy.snapshot);
    if (copy.whose !== 'this-tab') await session.keep(copy.snapshot.checkpoint);
    post({ type: 'notice', message: resumedNotice(copy.whose, through) });
    return true;
  } catch {
    // Unreadable or not this network's: the newest saved model comes back instead.
    return false;
  }
}

function resumedNotice(whose: 'this-tab' | 'open-tab' | 'closed-tab', through: string): string {
  switch (whose) {
    case 'this-tab':
      return `The model you had last time is back${through}.`;
    case 'closed-tab':
      return `The model from your last visit is back${through}.`;
    case 'open-tab':
      return `This tab starts with a copy of the model in your other open tab${through}: training here leaves that one as it is.`;
    default:
      return assertNever(whose);
  }
}
