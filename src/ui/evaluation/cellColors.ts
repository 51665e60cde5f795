type Rgb = readonly [number, number, number];

/** From a pale tint (few images) to a deep shade (many), opaque, so text contrast does not depend on the theme. */
const SCALES: Readonly<Record<'diagonal' | 'error', readonly [Rgb, Rgb]>> = {
  diagonal: [
    [232, 239, 252],
    [24, 58, 150],
  ],
  error: [
    [253, 238, 224],
    [168, 72, 0],
  ],
};

// Pure black: with any lighter text, mid shades reach 4.5:1 against neither black nor white.
const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];

function luminance([r, g, b]: Rgb): number {
  const linear = (channel: number): number => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG contrast ratio between two colours, 1 to 21. */
export function contrast(a: Rgb, b: Rgb): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

const css = ([r, g, b]: Rgb): string => `rgb(${r} ${g} ${b})`;

/** A cell's background for `level` in [0, 1], and whichever of black or white text reads better on it. */
export function cellColors(kind: 'diagonal' | 'error', level: number): { background: string; color: string; ratio: number } {
  const [from, to] = SCALES[kind];
  const t = Math.min(1, Math.max(0, level));
  const mix = (i: 0 | 1 | 2): number => Math.round(from[i] + (to[i] - from[i]) * t);
  const background: Rgb = [mix(0), mix(1), mix(2)];
  const onBlack = contrast(background, BLACK);
  const onWhite = contrast(background, WHITE);
  return onBlack >= onWhite
    ? { background: css(background), color: css(BLACK), ratio: onBlack }
    : { background: css(background), color: css(WHITE), ratio: onWhite };
}
