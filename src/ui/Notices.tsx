import { useAppState, type Notice } from '../state/store';

function Group({ notices, role }: { notices: readonly Notice[]; role: 'alert' | 'status' }) {
  if (notices.length === 0) return null;
  return (
    <div role={role} className={role === 'alert' ? 'notice' : 'notice news'}>
      {notices.map((notice) => (
        <p key={notice.message}>{notice.message}</p>
      ))}
    </div>
  );
}

/** Things the person should know that are not failures of their own: bad URL parameters, a backend fallback, weights that came back. */
export function Notices() {
  const notices = useAppState((state) => state.notices);
  if (notices.length === 0) return null;
  return (
    <div data-testid="notices">
      <Group notices={notices.filter((notice) => notice.kind === 'problem')} role="alert" />
      <Group notices={notices.filter((notice) => notice.kind === 'news')} role="status" />
    </div>
  );
}
