import { useEffect, useRef } from 'react';

interface Props {
  /** Activations in HWC order. */
  values: Float32Array;
  size: number;
  channels: number;
  title: string;
}

/** One channel of an activation map as a gray tile, scaled to its own maximum. */
function Tile({ values, size, channels, channel }: { values: Float32Array; size: number; channels: number; channel: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    let max = 0;
    for (let i = channel; i < values.length; i += channels) max = Math.max(max, values[i] ?? 0);
    const image = context.createImageData(size, size);
    for (let p = 0; p < size * size; p++) {
      const v = max > 0 ? Math.round(((values[p * channels + channel] ?? 0) / max) * 255) : 0;
      image.data.set([v, v, v, 255], p * 4);
    }
    context.putImageData(image, 0, 0);
  }, [values, size, channels, channel]);
  return <canvas ref={ref} width={size} height={size} className="feature-tile" aria-label={`Channel ${channel + 1}`} role="img" />;
}

export function FeatureMaps({ values, size, channels, title }: Props) {
  return (
    <figure className="feature-maps">
      <figcaption>{title}</figcaption>
      <div className="feature-grid">
        {Array.from({ length: channels }, (_, channel) => (
          <Tile key={channel} values={values} size={size} channels={channels} channel={channel} />
        ))}
      </div>
    </figure>
  );
}
