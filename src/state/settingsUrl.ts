import { isWasmKernels } from '../ml/engines/backend';
import {
  CHART_VIEW,
  NOTEBOOK_RECIPE,
  SETTINGS,
  SETTING_NAMES,
  checkDraft,
  describeRule,
  draftOf,
  read,
  readNetworkText,
  type AppConfig,
  type Rule,
  type SettingName,
} from './settings';

/* The settings in the address: the automation contract's parameters, read and written. */

/** wasm threads: not a setting of the form, but a URL parameter for the bench and the curious. */
const THREADS_RULE: Rule = { kind: 'whole', min: 1, max: 64 };
const SMOOTHING_RULE: Rule = { kind: 'decimal', min: 0, max: 0.99, example: '0.6' };

/** A value as a notice may show it: short, and escaped if it holds anything but plain printable characters. */
export function quoteValue(raw: string, max = 24): string {
  if (raw.length <= max && /^[\x21-\x7e]+$/.test(raw)) return raw;
  return `${JSON.stringify(raw.slice(0, max))}${raw.length > max ? '…' : ''}`;
}

/**
 * Reads the settings from the URL (the automation contract's parameters). A bad value is
 * named in a problem and the default is kept, so a link never fails to open.
 */
export function readParams(search: string, cores = Infinity): { config: AppConfig; problems: string[] } {
  const params = new URLSearchParams(search);
  const defaults = draftOf({ backend: null, train: NOTEBOOK_RECIPE });
  const draft: Record<SettingName, string> = { ...defaults };
  const problems: string[] = [];
  // URLSearchParams reads a malformed escape as it stands; say so, since the link was probably cut or mistyped.
  const malformed = /%(?![0-9a-fA-F]{2})/.exec(search);
  if (malformed)
    problems.push(
      `The address has a malformed %-escape (${quoteValue(search.slice(Math.max(0, malformed.index - 8), malformed.index + 3))}); it was read as written.`,
    );
  for (const name of SETTING_NAMES) {
    const { param, rule } = SETTINGS[name];
    const raw = params.get(param);
    if (raw === null) continue;
    const networkText = name === 'network' ? readNetworkText(raw) : null;
    if (networkText && 'problem' in networkText) {
      problems.push(`net=${quoteValue(raw, 60)} cannot be trained: ${networkText.problem}; using the notebook's network.`);
    } else if (read(raw, rule) === null) {
      const fallback = name === 'engine' ? 'choosing automatically' : `using ${defaults[name]}`;
      problems.push(`${param}=${quoteValue(raw)} is not ${describeRule(rule)}; ${fallback}.`);
    } else {
      draft[name] = raw;
    }
  }
  const { config } = checkDraft(draft);
  const rawThreads = params.get('threads');
  const asked = rawThreads === null ? null : (read(rawThreads, THREADS_RULE) ?? null);
  if (rawThreads !== null && asked === null)
    problems.push(`threads=${quoteValue(rawThreads)} is not ${describeRule(THREADS_RULE)}; the engine race chooses.`);
  // tfjs runs no more threads than cores, and at most 8: say so rather than show a count that is not run.
  const most = Math.max(1, Math.min(cores, 8));
  const threads = typeof asked === 'number' && asked > most ? most : asked;
  if (typeof asked === 'number' && asked > most)
    problems.push(
      `threads=${asked} is more than wasm can run here (${most}, ${cores > 8 ? 'its cap' : 'the cores of this device'}); using ${most}.`,
    );
  const rawKernels = params.get('kernels');
  const kernels = rawKernels !== null && isWasmKernels(rawKernels) ? rawKernels : 'simd';
  if (rawKernels !== null && rawKernels !== kernels) problems.push(`kernels=${quoteValue(rawKernels)} is not simd or js; using simd.`);
  const rawSmoothing = params.get('smoothing');
  const smoothing = rawSmoothing === null ? null : read(rawSmoothing, SMOOTHING_RULE);
  if (rawSmoothing !== null && typeof smoothing !== 'number')
    problems.push(`smoothing=${quoteValue(rawSmoothing)} is not ${describeRule(SMOOTHING_RULE)}; using ${CHART_VIEW.smoothing}.`);
  return {
    config: {
      ...(config ?? { backend: null, train: NOTEBOOK_RECIPE }),
      autostart: params.get('autostart') === '1',
      threads: typeof threads === 'number' ? threads : null,
      kernels,
      chartView: {
        smoothing: typeof smoothing === 'number' ? smoothing : CHART_VIEW.smoothing,
        logScale: params.get('logScale') === '1',
      },
    },
    problems,
  };
}

/** The URL's query for a config: only what differs from the notebook's recipe, so a link stays short. */
export function searchOf(config: AppConfig): string {
  const defaults = draftOf({ backend: null, train: NOTEBOOK_RECIPE });
  const draft = draftOf(config);
  const params = new URLSearchParams();
  for (const name of SETTING_NAMES) {
    if (draft[name] !== defaults[name]) params.set(SETTINGS[name].param, draft[name]);
  }
  if (config.autostart) params.set('autostart', '1');
  if (config.threads !== null) params.set('threads', String(config.threads));
  if (config.kernels !== 'simd') params.set('kernels', config.kernels);
  if (config.chartView.smoothing !== CHART_VIEW.smoothing) params.set('smoothing', String(config.chartView.smoothing));
  if (config.chartView.logScale) params.set('logScale', '1');
  const query = params.toString();
  return query ? `?${query}` : '';
}
