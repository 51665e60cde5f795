import { useAppState } from '../state/store';

export function MemoryBadge() {
  const numTensors = useAppState((state) => state.numTensors);
  if (numTensors === null) return null;
  return (
    <span className="muted" data-testid="memory" data-tensors={numTensors} title="tf.memory().numTensors in the worker">
      {numTensors} tensors in memory
    </span>
  );
}
