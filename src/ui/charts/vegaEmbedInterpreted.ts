import embed, { vega, type EmbedOptions, type Result, type VisualizationSpec } from 'vega-embed/build/vega-embed.module.js';
import { expressionInterpreter } from 'vega-interpreter';

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
 * Stands in for vega-embed wherever tfjs-vis imports it (see vite.config.ts), so
 * every chart parses to syntax trees and runs through the interpreter.
 */
export default function embedWithoutEval(
  element: HTMLElement | string,
  spec: VisualizationSpec | string,
  options: EmbedOptions = {},
): Promise<Result> {
  // The tooltip's default style arrives as an inline <style>, which the policy refuses; styles.css carries it instead.
  return embed(element, spec, { ...options, ast: true, viewClass: InterpretedView, tooltip: { disableDefaultStyle: true } });
}
