import { layerText } from '../ml/network/netText';
import { NETWORK_BOUNDS, defaultLayer, type LayerConfig, type LayerKind } from '../ml/network/network';

/*
 * The network editor's rows: one per layer, each field's text as typed, so a field can be
 * emptied and retyped. The rows write the Network setting's `net` text on every change; a
 * field that is wrong is named beside it, and the setting then refuses the text, so Train waits.
 */

export type RowField = 'filters' | 'kernel' | 'padding' | 'activation' | 'size' | 'rate' | 'units';

export interface LayerRow {
  /** Stable across moves, for React's keys and focus. */
  readonly id: number;
  readonly kind: LayerKind;
  readonly fields: Readonly<Partial<Record<RowField, string>>>;
}

/** The fields each kind has, in the order the editor shows them. */
export const ROW_FIELDS: Readonly<Record<LayerKind, readonly RowField[]>> = {
  conv2d: ['filters', 'kernel', 'padding', 'activation'],
  maxPooling2d: ['size'],
  batchNormalization: [],
  dropout: ['rate'],
  flatten: [],
  dense: ['units', 'activation'],
};

let nextId = 1;

function fieldsOf(layer: LayerConfig): Partial<Record<RowField, string>> {
  switch (layer.kind) {
    case 'conv2d':
      return { filters: String(layer.filters), kernel: String(layer.kernel), padding: layer.padding, activation: layer.activation };
    case 'maxPooling2d':
      return { size: String(layer.size) };
    case 'batchNormalization':
    case 'flatten':
      return {};
    case 'dropout':
      return { rate: String(layer.rate) };
    case 'dense':
      return { units: String(layer.units), activation: layer.activation };
  }
}

export function rowOf(layer: LayerConfig): LayerRow {
  return { id: nextId++, kind: layer.kind, fields: fieldsOf(layer) };
}

const WHOLE = /^\d{1,4}$/;
const RATE = /^(0(\.\d{1,6})?|\.\d{1,6})$/;

/** What is wrong with one field's text, in a sentence; null when it is right. */
export function fieldError(field: RowField, text: string): string | null {
  const value = text.trim();
  switch (field) {
    case 'filters':
    case 'units': {
      const bounds = NETWORK_BOUNDS[field];
      const n = Number(value);
      return WHOLE.test(value) && n >= bounds.min && n <= bounds.max
        ? null
        : `${field === 'filters' ? 'Filters' : 'Units'} must be a whole number from ${bounds.min} to ${bounds.max}.`;
    }
    case 'rate':
      return RATE.test(value) && Number(value) <= NETWORK_BOUNDS.rate.max
        ? null
        : `The rate must be from 0 to ${NETWORK_BOUNDS.rate.max}, like 0.25.`;
    case 'kernel': {
      // Chosen from a list, so only a bad state gets here; the plan must never see 0 or 9.
      const { min, max } = NETWORK_BOUNDS.kernel;
      return WHOLE.test(value) && Number(value) >= min && Number(value) <= max ? null : `The kernel must be from ${min} to ${max}.`;
    }
    case 'padding':
    case 'activation':
    case 'size':
      // Chosen from a list: never wrong.
      return null;
  }
}

/** The layer a row describes, or null while one of its fields is wrong. */
export function rowLayer(row: LayerRow): LayerConfig | null {
  const f = row.fields;
  if (ROW_FIELDS[row.kind].some((field) => fieldError(field, f[field] ?? '') !== null)) return null;
  const activation = f.activation === 'tanh' || f.activation === 'sigmoid' || f.activation === 'linear' ? f.activation : 'relu';
  switch (row.kind) {
    case 'conv2d':
      return {
        kind: 'conv2d',
        filters: Number(f.filters),
        kernel: Number(f.kernel),
        padding: f.padding === 'same' ? 'same' : 'valid',
        activation,
      };
    case 'maxPooling2d':
      return { kind: 'maxPooling2d', size: f.size === '3' ? 3 : 2 };
    case 'batchNormalization':
      return { kind: 'batchNormalization' };
    case 'flatten':
      return { kind: 'flatten' };
    case 'dropout':
      return { kind: 'dropout', rate: Number(f.rate?.trim()) };
    case 'dense':
      return { kind: 'dense', units: Number(f.units), activation };
  }
}

const LETTERS: Readonly<Record<LayerKind, string>> = {
  conv2d: 'c',
  maxPooling2d: 'p',
  batchNormalization: 'b',
  dropout: 'd',
  flatten: 'f',
  dense: 'h',
};

/**
 * The `net` text of the rows. A row with a wrong field writes its letter and "?" ("c?"), which
 * the setting refuses ("layer 2 is not finished"): the text never claims a network the rows are not.
 */
export function rowsText(rows: readonly LayerRow[]): string {
  return rows
    .map((row) => {
      const layer = rowLayer(row);
      return layer ? layerText(layer) : `${LETTERS[row.kind]}?`;
    })
    .join('-');
}

export function withField(rows: readonly LayerRow[], id: number, field: RowField, text: string): LayerRow[] {
  return rows.map((row) => (row.id === id ? { ...row, fields: { ...row.fields, [field]: text } } : row));
}

/** Moves a row up (-1) or down (+1); at either end nothing moves. */
export function moved(rows: readonly LayerRow[], id: number, by: -1 | 1): LayerRow[] {
  const from = rows.findIndex((row) => row.id === id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= rows.length) return [...rows];
  const next = [...rows];
  const [row] = next.splice(from, 1);
  if (row) next.splice(to, 0, row);
  return next;
}

export function removed(rows: readonly LayerRow[], id: number): LayerRow[] {
  return rows.filter((row) => row.id !== id);
}

/**
 * A new layer of `kind`: a Conv2D, pooling or normalisation goes after the last layer that still
 * sees maps (before the Flatten), anything else at the end, so a click makes a network that works.
 */
export function added(rows: readonly LayerRow[], kind: LayerKind): LayerRow[] {
  const row = rowOf(defaultLayer(kind));
  const flatten = rows.findIndex((entry) => entry.kind === 'flatten');
  const spatial = kind === 'conv2d' || kind === 'maxPooling2d';
  const at = spatial && flatten >= 0 ? flatten : rows.length;
  return [...rows.slice(0, at), row, ...rows.slice(at)];
}
