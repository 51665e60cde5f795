import { useSyncExternalStore } from 'react';
import type { Config } from 'vega-lite';

/** Vega's colours from the page's own CSS variables, so charts follow the light and the dark theme. */
export function chartTheme(): Config {
  const style = getComputedStyle(document.documentElement);
  const css = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const fg = css('--fg', '#1d1d1f');
  const muted = css('--muted', '#5f6368');
  const border = css('--border', '#d9d9de');
  return {
    background: 'transparent',
    view: { stroke: 'transparent' },
    axis: { labelColor: muted, titleColor: fg, domainColor: border, tickColor: border, gridColor: border },
    legend: { labelColor: fg, titleColor: fg },
    title: { color: fg },
    text: { color: fg },
  };
}

/** The page's accent: tfjs-vis' histograms are otherwise navy, unreadable on the dark background. */
export function accentColor(): string {
  return getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() || '#2a5bd7';
}

const DARK = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(DARK);
  query.addEventListener('change', onChange);
  return () => {
    query.removeEventListener('change', onChange);
  };
}

/** The colour scheme in use, so charts redraw when it changes. */
export function useColorScheme(): 'light' | 'dark' {
  return useSyncExternalStore(subscribe, () => (window.matchMedia(DARK).matches ? 'dark' : 'light'));
}
