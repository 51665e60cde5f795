import { useState } from 'react';

/** Delete all my digits, asking first: drawn digits cannot be drawn again alike. */
export function DeleteAllDigits({ count, disabled, onDelete }: { count: number; disabled: boolean; onDelete: () => void }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" disabled={disabled || count === 0} onClick={() => setAsking(true)}>
        Delete all my digits
      </button>
    );
  }
  return (
    <span role="group" aria-label="Delete all my digits?">
      Delete all {count.toLocaleString('en-GB')} of my digits? This cannot be undone.{' '}
      <button
        type="button"
        onClick={() => {
          setAsking(false);
          onDelete();
        }}
      >
        Yes, delete them
      </button>{' '}
      <button type="button" onClick={() => setAsking(false)}>
        Keep them
      </button>
    </span>
  );
}
