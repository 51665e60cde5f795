import embed, { vega, vegaLite, type EmbedOptions, type Result, type VisualizationSpec } from 'vega-embed/build/vega-embed.module.js';
import type { TopLevelSpec } from 'vega-lite';
import { expressionInterpreter } from 'vega-interpreter';
import { keepView } from './chartViews';
import { chartTheme } from './theme';
import { tooltip } from './tooltip';

/**
 * Vega compiles its expressions with `Function`, which a Content-Security-Policy
 * without 'unsafe-eval' forbids. This view evaluates the same expressions from their
 * syntax trees instead: slower per datum, which charts of a few hundred points never notice.
 */
class InterpretedView extends vega.View {
  constructor(...[runtime, options]: ConstructorParameters<typeof vega.View>) {
    super(runtime, { ...options, expr: expressionInterpreter });
  }
}

/**
 * Stands in for vega-embed wherever tfjs-vis or the app imports it (see vite.config.ts),
 * so every chart parses to syntax trees and runs through the interpreter.
 */
/** A vega-lite spec (by its schema, or as the caller says: tfjs-vis names the mode), as vega-embed tells them apart. */
function isLite(spec: VisualizationSpec, options: EmbedOptions): spec is TopLevelSpec {
  if (options.mode !== undefined) return options.mode === 'vega-lite';
  return typeof spec.$schema !== 'string' || spec.$schema.includes('vega-lite');
}

/** Lets the page paint and take input between two pieces of one drawing. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, 0);
  });
}

/**
 * Stands in for vega-embed wherever tfjs-vis or the app imports it (see vite.config.ts),
 * so every chart parses to syntax trees and runs through the interpreter. A vega-lite spec is
 * compiled in one task and parsed and drawn in the next: together they took 50–60 ms on a
 * 2-core machine, a long task for each chart drawn after an epoch.
 */
export default async function embedWithoutEval(
  element: HTMLElement | string,
  spec: VisualizationSpec | string,
  options: EmbedOptions = {},
): Promise<Result> {
  // Every chart, tfjs-vis' included, takes its colours from the page's theme.
  const config = chartTheme();
  let drawn: VisualizationSpec | string = spec;
  if (typeof spec !== 'string' && isLite(spec, options)) {
    drawn = vegaLite.compile(spec, { config }).spec;
    await nextTask();
  }
  const lite = drawn !== spec;
  // vega-tooltip writes inline styles, which the policy refuses: this tooltip places itself through CSSOM.
  // vega-embed's own stylesheet would be an inline <style> too: never added.
  const result = await embed(element, drawn, {
    ...options,
    // A compiled spec carries its config, and no hover styles (what vega-embed does for vega-lite).
    ...(lite ? { mode: 'vega', config: {}, hover: false } : { config }),
    defaultStyle: false,
    ast: true,
    viewClass: InterpretedView,
    tooltip,
  });
  // The view drawn before into this element (a redraw) is finalized now; an unmounted chart's go with it.
  const target = typeof element === 'string' ? document.querySelector(element) : element;
  if (target) keepView(target, result);
  return result;
}
