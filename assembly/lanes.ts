/** Four float32 lanes of −∞, and of zero. */
export const NEG_INF = f32x4.splat(-Infinity);
export const ZERO = f32x4.splat(0);
