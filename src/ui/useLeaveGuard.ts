import { useEffect } from 'react';
import { useAppState } from '../state/store';

/**
 * While a run is going, leaving or reloading the page asks first. If the person leaves
 * anyway, the last good epoch is already kept in IndexedDB and comes back on the next visit.
 */
export function useLeaveGuard(): void {
  const training = useAppState((state) => state.training.state === 'training');
  useEffect(() => {
    if (!training) return;
    const ask = (event: BeforeUnloadEvent): void => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', ask);
    return () => {
      window.removeEventListener('beforeunload', ask);
    };
  }, [training]);
}
