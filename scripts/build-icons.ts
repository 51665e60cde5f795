/**
 * Draws the app's icons: a handwritten 7 on MNIST's 28×28 grid. The SVG and the PNGs come from
 * the same geometry, so they match; the PNGs are committed (`npx tsx scripts/build-icons.ts`
 * rewrites them) because an install needs raster icons and the build should not draw them.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { projectRoot } from './lib/paths';

/** The icon's units: one MNIST pixel. */
const GRID = 28;
const BACKGROUND = [0x15, 0x16, 0x1a] as const;
const GRID_LINE = [0x2c, 0x2f, 0x3a] as const;
const INK = [0xec, 0xec, 0xf1] as const;
const CORNER = 5;
const STROKE = 3.2;
/** The 7, as a pen would draw it: the top bar, then down to the left. */
const PEN: readonly (readonly [number, number])[] = [
  [7.5, 8],
  [20.5, 6.8],
  [12.5, 22],
];

type Rgb = readonly [number, number, number];

function segmentDistance(x: number, y: number, [ax, ay]: readonly [number, number], [bx, by]: readonly [number, number]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}

function inRoundedSquare(x: number, y: number): boolean {
  const cx = Math.min(Math.max(x, CORNER), GRID - CORNER);
  const cy = Math.min(Math.max(y, CORNER), GRID - CORNER);
  return x >= 0 && y >= 0 && x <= GRID && y <= GRID && Math.hypot(x - cx, y - cy) <= CORNER;
}

/** The colour at a point in grid units, or null outside the icon. */
function colourAt(x: number, y: number, rounded: boolean): Rgb | null {
  if (rounded && !inRoundedSquare(x, y)) return null;
  const ink = PEN.slice(1).some((point, i) => segmentDistance(x, y, PEN[i] ?? point, point) <= STROKE / 2);
  if (ink) return INK;
  const nearLine = (v: number): boolean => Math.abs(v - Math.round(v)) < 0.05;
  return nearLine(x) || nearLine(y) ? GRID_LINE : BACKGROUND;
}

/**
 * Renders the icon at `size` pixels, 4×4 samples per pixel. `scale` shrinks the drawing
 * about the centre: a maskable icon keeps its content inside the central 80 %.
 */
function render(size: number, rounded: boolean, scale: number): Buffer {
  const png = new PNG({ width: size, height: size });
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const u = ((px + (sx + 0.5) / samples) / size) * GRID;
          const v = ((py + (sy + 0.5) / samples) / size) * GRID;
          const colour = rounded
            ? colourAt(u, v, true)
            : colourAt((u - GRID / 2) / scale + GRID / 2, (v - GRID / 2) / scale + GRID / 2, false);
          if (!colour) continue;
          sum[0] = (sum[0] ?? 0) + colour[0];
          sum[1] = (sum[1] ?? 0) + colour[1];
          sum[2] = (sum[2] ?? 0) + colour[2];
          sum[3] = (sum[3] ?? 0) + 1;
        }
      }
      const covered = sum[3] ?? 0;
      const offset = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) png.data[offset + c] = covered ? Math.round((sum[c] ?? 0) / covered) : 0;
      png.data[offset + 3] = Math.round((covered / (samples * samples)) * 255);
    }
  }
  return PNG.sync.write(png);
}

function hex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

function svg(): string {
  const lines = Array.from({ length: GRID - 1 }, (_, i) => `M${i + 1} 0V${GRID}M0 ${i + 1}H${GRID}`).join('');
  const pen = PEN.map(([x, y]) => `${x},${y}`).join(' ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${GRID} ${GRID}">`,
    `  <rect width="${GRID}" height="${GRID}" rx="${CORNER}" fill="${hex(BACKGROUND)}"/>`,
    `  <path d="${lines}" stroke="${hex(GRID_LINE)}" stroke-width="0.1"/>`,
    `  <polyline points="${pen}" fill="none" stroke="${hex(INK)}" stroke-width="${STROKE}" stroke-linecap="round" stroke-linejoin="round"/>`,
    '</svg>',
    '',
  ].join('\n');
}

const dir = join(projectRoot, 'public', 'icons');
await writeFile(join(dir, 'icon.svg'), svg());
await writeFile(join(dir, 'icon-192.png'), render(192, true, 1));
await writeFile(join(dir, 'icon-512.png'), render(512, true, 1));
await writeFile(join(dir, 'maskable-512.png'), render(512, false, 0.8));
console.log(`icons written to ${dir}`);
