import { kernel, release, replaceKernel, run } from './registry';

/**
 * BatchMatMul with transposeA/B as explicit transposes and a plain product: wasm's
 * native transposed product is ~5× slower than transpose + product (8.9 → 1.8 ms
 * for the dense layers' gradients here).
 */
export function installBatchMatMul(backendName: string): void {
  const transpose = kernel('Transpose', backendName);
  replaceKernel('BatchMatMul', backendName, (original) => {
    if (!original) throw new Error(`the ${backendName} backend has no BatchMatMul kernel`);
    return (args) => {
      const { a, b } = args.inputs;
      const { transposeA, transposeB } = args.attrs ?? {};
      if (!a || !b || (transposeA !== true && transposeB !== true)) return original.kernelFunc(args);
      const swapLast = (x: typeof a): typeof a => {
        const perm = x.shape.map((_, i) => i);
        const last = perm.length - 1;
        [perm[last - 1], perm[last]] = [last, last - 1];
        return run(transpose, args, { x }, { perm });
      };
      const left = transposeA === true ? swapLast(a) : a;
      const right = transposeB === true ? swapLast(b) : b;
      const result = original.kernelFunc({
        ...args,
        inputs: { a: left, b: right },
        attrs: { ...args.attrs, transposeA: false, transposeB: false },
      });
      release(args, ...[left, right].filter((info) => info !== a && info !== b));
      return result;
    };
  });
}
