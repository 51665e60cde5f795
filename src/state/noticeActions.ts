import { appStore, type Notice } from './store';

/** Adds a notice, once: a URL parameter that was replaced, a backend that was not there, weights that came back. */
export function noticeReceived(message: string, kind: Notice['kind']): void {
  const { notices } = appStore.getState();
  if (!notices.some((notice) => notice.message === message)) appStore.setState({ notices: [...notices, { message, kind }] });
}
