import type { Prediction } from '../../worker/protocol';
import { FeatureMaps } from './FeatureMaps';

/** What each convolution saw of one image: a tile per filter, as the drawing pad shows them. */
export function InsideNetwork({ prediction, what }: { prediction: Prediction; what: string }) {
  return (
    <div className="inside">
      <p className="muted">
        Inside the network: each tile is one filter&apos;s response to {what} (brighter = stronger). A first convolution finds edges and
        strokes; the ones after it combine them into parts of digits.
      </p>
      {prediction.features.length === 0 && <p className="muted">This network has no convolutions: it reads the pixels directly.</p>}
      {prediction.features.map(({ layer, shape: [height, width, channels], values }, i) => (
        <FeatureMaps
          key={layer}
          values={values}
          height={height}
          width={width}
          channels={channels}
          title={`Convolution ${i + 1}: ${channels} feature map${channels === 1 ? '' : 's'}, ${height}×${width}`}
        />
      ))}
    </div>
  );
}
