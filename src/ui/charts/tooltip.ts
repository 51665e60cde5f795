import type { EmbedOptions } from 'vega-embed/build/vega-embed.module.js';

type TooltipHandler = Extract<NonNullable<EmbedOptions['tooltip']>, (...args: never[]) => unknown>;

const ID = 'vg-tooltip-element';
const OFFSET = 12;

function element(): HTMLDivElement {
  const found = document.getElementById(ID);
  if (found instanceof HTMLDivElement) return found;
  const created = document.createElement('div');
  created.id = ID;
  created.setAttribute('role', 'tooltip');
  document.body.appendChild(created);
  return created;
}

/** The tooltip's rows: a field per row, or the value itself. */
function rows(value: unknown): [string, string][] {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.entries(value).map(([key, entry]) => [
      key,
      typeof entry === 'number' ? String(Math.round(entry * 1e4) / 1e4) : String(entry),
    ]);
  }
  return [['', String(value)]];
}

/**
 * Chart tooltips built with DOM calls and placed through CSSOM: vega-tooltip sets a
 * `style` attribute and fills innerHTML, and the page's policy refuses inline styles.
 */
export const tooltip: TooltipHandler = (_handler, event, _item, value) => {
  const tip = element();
  if (value === null || value === undefined || value === '') {
    tip.classList.remove('visible');
    return;
  }
  const table = document.createElement('table');
  for (const [key, text] of rows(value)) {
    const row = table.insertRow();
    const keyCell = row.insertCell();
    keyCell.className = 'key';
    keyCell.textContent = key;
    row.insertCell().textContent = text;
  }
  tip.replaceChildren(table);
  tip.classList.add('visible');
  const box = tip.getBoundingClientRect();
  const x = event.clientX + OFFSET + box.width > window.innerWidth ? event.clientX - OFFSET - box.width : event.clientX + OFFSET;
  const y = event.clientY + OFFSET + box.height > window.innerHeight ? event.clientY - OFFSET - box.height : event.clientY + OFFSET;
  tip.style.left = `${Math.max(0, x)}px`;
  tip.style.top = `${Math.max(0, y)}px`;
};
