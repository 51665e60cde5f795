import { useEffect, useRef } from 'react';

interface Props {
  /** Activations in HWC order. */
  values: Float32Array;
  height: number;
  width: number;
  channels: number;
  title: string;
}

interface TileProps {
  values: Float32Array;
  height: number;
  width: number;
  channels: number;
  channel: number;
}

/** One channel of an activation map as a gray tile, its magnitude scaled to its own largest (tanh and linear maps go negative). */
function Tile({ values, height, width, channels, channel }: TileProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    let max = 0;
    for (let i = channel; i < values.length; i += channels) max = Math.max(max, Math.abs(values[i] ?? 0));
    const image = context.createImageData(width, height);
    for (let p = 0; p < width * height; p++) {
      const v = max > 0 ? Math.round((Math.abs(values[p * channels + channel] ?? 0) / max) * 255) : 0;
      image.data.set([v, v, v, 255], p * 4);
    }
    context.putImageData(image, 0, 0);
  }, [values, height, width, channels, channel]);
  return <canvas ref={ref} width={width} height={height} className="feature-tile" aria-label={`Channel ${channel + 1}`} role="img" />;
}

export function FeatureMaps({ values, height, width, channels, title }: Props) {
  return (
    <figure className="feature-maps">
      <figcaption>{title}</figcaption>
      <div className="feature-grid">
        {Array.from({ length: channels }, (_, channel) => (
          <Tile key={channel} values={values} height={height} width={width} channels={channels} channel={channel} />
        ))}
      </div>
    </figure>
  );
}
