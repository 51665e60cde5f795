import { isRecord } from '../../ml/json';

/**
 * Where a run's weights came from when it started. A run that starts from earlier training is
 * not comparable with one from fresh weights without saying so: the list and the comparison
 * show this, and `[data-testid=run]` carries it (`data-start`, `data-started-from`).
 */
export type RunOrigin =
  | { readonly kind: 'fresh' }
  /** The weights another run left after `epoch` epochs. */
  | { readonly kind: 'continued'; readonly runId: string; readonly epoch: number }
  /** A saved model, loaded (or uploaded) before Train. */
  | { readonly kind: 'loaded'; readonly modelId: string; readonly name: string }
  /** Trained weights of no run kept (restored from an earlier visit, or a run since deleted). */
  | { readonly kind: 'trained'; readonly epoch: number };

export const FRESH: RunOrigin = { kind: 'fresh' };

/** The contract's `data-start`: weights of no known run read as continued. */
export function startKind(origin: RunOrigin): 'fresh' | 'continued' | 'loaded' {
  switch (origin.kind) {
    case 'fresh':
      return 'fresh';
    case 'continued':
    case 'trained':
      return 'continued';
    case 'loaded':
      return 'loaded';
  }
}

/** The contract's `data-started-from`: the run's or the saved model's id, empty otherwise. */
export function startedFrom(origin: RunOrigin): string {
  switch (origin.kind) {
    case 'continued':
      return origin.runId;
    case 'loaded':
      return origin.modelId;
    case 'fresh':
    case 'trained':
      return '';
  }
}

/** In words, as the run's record has always kept it (`from`): null for fresh weights. */
export function originWords(origin: RunOrigin): string | null {
  switch (origin.kind) {
    case 'fresh':
      return null;
    case 'continued':
      return `run ${origin.runId} after epoch ${origin.epoch}`;
    case 'loaded':
      return `saved model “${origin.name}”`;
    case 'trained':
      return `trained weights (epoch ${origin.epoch})`;
  }
}

/** As a run's line in the list says it. */
export function originSentence(origin: RunOrigin): string {
  switch (origin.kind) {
    case 'fresh':
      return 'From fresh weights.';
    case 'continued':
      return `Continues run ${origin.runId} after epoch ${origin.epoch}.`;
    case 'loaded':
      return `From saved model “${origin.name}”.`;
    case 'trained':
      return `From earlier trained weights (${origin.epoch} ${origin.epoch === 1 ? 'epoch' : 'epochs'}).`;
  }
}

const CONTINUED = /^run (\S+) after epoch (\d+)$/;
const LOADED = /^saved model “(.*)”$/;
const TRAINED = /^trained weights \(epoch (\d+)\)$/;

/** The origin a record from before origins were kept meant by its words. */
export function originOfWords(words: string | null): RunOrigin {
  if (words === null) return FRESH;
  const continued = CONTINUED.exec(words);
  if (continued) return { kind: 'continued', runId: continued[1] ?? '', epoch: Number(continued[2]) };
  const loaded = LOADED.exec(words);
  if (loaded) return { kind: 'loaded', modelId: '', name: loaded[1] ?? '' };
  const trained = TRAINED.exec(words);
  return { kind: 'trained', epoch: trained ? Number(trained[1]) : 0 };
}

const ID = /^[\w.-]{1,100}$/;
const epochOk = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1e7;

/** A stored or imported origin, checked field by field; null when it is not one. */
export function readOrigin(value: unknown): RunOrigin | null {
  if (!isRecord(value)) return null;
  switch (value.kind) {
    case 'fresh':
      return FRESH;
    case 'continued':
      return typeof value.runId === 'string' && ID.test(value.runId) && epochOk(value.epoch)
        ? { kind: 'continued', runId: value.runId, epoch: value.epoch }
        : null;
    case 'loaded':
      return typeof value.modelId === 'string' && value.modelId.length <= 100 && typeof value.name === 'string' && value.name.length <= 200
        ? { kind: 'loaded', modelId: value.modelId, name: value.name }
        : null;
    case 'trained':
      return epochOk(value.epoch) ? { kind: 'trained', epoch: value.epoch } : null;
    default:
      return null;
  }
}
