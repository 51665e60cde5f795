import embed, { vega, type EmbedOptions, type Result, type VisualizationSpec } from 'vega-embed/build/vega-embed.module.js';
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
export default async function embedWithoutEval(
  element: HTMLElement | string,
  spec: VisualizationSpec | string,
  options: EmbedOptions = {},
): Promise<Result> {
  // vega-tooltip writes inline styles, which the policy refuses: this tooltip places itself through CSSOM.
  // Every chart, tfjs-vis' included, takes its colours from the page's theme.
  // vega-embed's own stylesheet would be an inline <style> too: never added.
  const result = await embed(element, spec, {
    ...options,
    defaultStyle: false,
    config: { ...chartTheme(), ...(typeof options.config === 'object' ? options.config : {}) },
    ast: true,
    viewClass: InterpretedView,
    tooltip,
  });
  // The view drawn before into this element (a redraw) is finalized now; an unmounted chart's go with it.
  const target = typeof element === 'string' ? document.querySelector(element) : element;
  if (target) keepView(target, result);
  return result;
}
