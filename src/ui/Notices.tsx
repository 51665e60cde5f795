import { useAppState } from '../state/store';

/** Things the person should know that are not failures of their own: bad URL parameters, a backend fallback. */
export function Notices() {
  const notices = useAppState((state) => state.notices);
  if (notices.length === 0) return null;
  return (
    <div role="alert" className="notice" data-testid="notices">
      {notices.map((notice) => (
        <p key={notice}>{notice}</p>
      ))}
    </div>
  );
}
