import { useEffect, useRef } from 'react';
import { IMAGE_PIXELS, IMAGE_SIZE } from '../ml/data/mnist';

interface Props {
  /** 784 gray bytes, row-major. */
  pixels: Uint8Array;
  /** CSS size of the square; the 28 px image is scaled with hard pixel edges. */
  size: number;
  label: string;
}

/** One MNIST image at its true 28×28 resolution, enlarged by CSS without smoothing. */
export function DigitCanvas({ pixels, size, label }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const context = canvasRef.current?.getContext('2d');
    if (!context || pixels.length !== IMAGE_PIXELS) return;
    const image = context.createImageData(IMAGE_SIZE, IMAGE_SIZE);
    for (let i = 0; i < IMAGE_PIXELS; i++) {
      const value = pixels[i] ?? 0;
      image.data.set([value, value, value, 255], i * 4);
    }
    context.putImageData(image, 0, 0);
  }, [pixels]);

  return (
    <canvas
      ref={canvasRef}
      className="digit-canvas"
      width={IMAGE_SIZE}
      height={IMAGE_SIZE}
      style={{ width: size, height: size }}
      role="img"
      aria-label={label}
    />
  );
}
