/**
 * The vega views the page has drawn, by the element each was drawn into. vega-embed hands back
 * a view that keeps its resize listeners, timers and dataflow until `finalize()`: redrawing into
 * the same element, or unmounting a chart, without it leaks all of that (each run opened and
 * closed left four `resize` listeners and about 2 MB). Kept free of vega, so a chart panel can
 * release its views without loading the library.
 */
interface Finalizable {
  finalize(): unknown;
}

const views = new Map<Element, Finalizable>();

/** Records a newly drawn view, finalizing the one drawn before into the same element and any whose element left the page. */
export function keepView(element: Element, view: Finalizable): void {
  const previous = views.get(element);
  if (previous && previous !== view) previous.finalize();
  views.set(element, view);
  for (const [other, old] of views)
    if (!other.isConnected && other !== element) {
      old.finalize();
      views.delete(other);
    }
}

/** Finalizes every view drawn into `container` or inside it (a chart panel unmounting). */
export function releaseViews(container: Element): void {
  for (const [element, view] of views)
    if (container === element || container.contains(element)) {
      view.finalize();
      views.delete(element);
    }
}

/** Whether `view` (as vega-embed handed it back) is the live one drawn into `element`: not finalized since, nor replaced. */
export function isDrawnIn(element: Element, view: Finalizable): boolean {
  return element.isConnected && views.get(element) === view;
}
