import * as tf from '@tensorflow/tfjs';
import { imagesTensor } from '../../ml/data/batches';
import { imageAt, type MnistData } from '../../ml/data/data';
import { IMAGE_PIXELS, IMAGE_SIZE, SAMPLE_COUNT, SAMPLE_GRID } from '../../ml/data/mnist';
import type { NetworkPlan } from '../../ml/network/plan';
import { EVALUATION_BATCH, evaluate, type Evaluation } from '../../ml/training/evaluate';
import { evaluatedSplit, type EvaluatedOn, type MnistEvaluatedOn } from '../../ml/data/validation';
import type { HeldOutDigits } from '../myDigitsHost';
import type { EvaluationResult, FeatureMaps, Post, Prediction } from '../protocol';
import type { GpuWatch, ModelSession } from './session';

interface View {
  readonly model: tf.LayersModel;
  readonly convolutions: readonly Omit<FeatureMaps, 'values'>[];
}

/** The model's answers: for a drawing, and for the test set after an epoch or on request. */
export class Inference {
  /**
   * Each model's layers with every convolution's activations as extra outputs. A view
   * shares its model's weights, so it is never disposed itself, only dropped with the model.
   */
  private readonly views = new WeakMap<tf.LayersModel, View>();

  constructor(
    private readonly post: Post,
    private readonly gpu: GpuWatch,
  ) {}

  /** One image through the model; safe between training steps. */
  async predict(session: ModelSession, pixels: Float32Array): Promise<Prediction> {
    this.gpu.assert();
    const view = this.insideView(session.current, session.plan);
    const outputs = tf.tidy(() => {
      const predicted = view.model.predict(tf.tensor4d(pixels, [1, IMAGE_SIZE, IMAGE_SIZE, 1]));
      // A network without convolutions has one output, which tfjs returns alone.
      return Array.isArray(predicted) ? predicted : [predicted];
    });
    try {
      const values = await this.gpu.guard(Promise.all(outputs.map(async (tensor) => Float32Array.from(await tensor.data()))));
      const probabilities = values[values.length - 1];
      if (!probabilities || values.length !== view.convolutions.length + 1) throw new Error('the model gave fewer outputs than expected');
      const features = view.convolutions.map((layer, i) => ({ ...layer, values: values[i] ?? new Float32Array(0) }));
      return { probabilities, features };
    } finally {
      tf.dispose(outputs);
    }
  }

  /** The model with every convolution's activations as outputs before its own. */
  private insideView(model: tf.LayersModel, plan: NetworkPlan): View {
    let view = this.views.get(model);
    if (!view) {
      const convolutions = plan.layers.flatMap((layer) => {
        const [height = 0, width = 0, channels = 0] = layer.outputShape;
        return layer.kind === 'conv2d' ? [{ layer: layer.name, shape: [height, width, channels] as const }] : [];
      });
      const outputs = convolutions.map(({ layer }) => model.getLayer(layer).output as tf.SymbolicTensor);
      view = { model: tf.model({ inputs: model.inputs, outputs: [...outputs, ...model.outputs] }), convolutions };
      this.views.set(model, view);
    }
    return view;
  }

  /** Evaluates the session's weights on the first `count` test images and posts the result. */
  async evaluateAndPost(session: ModelSession, data: MnistData, count: number): Promise<void> {
    this.gpu.assert();
    await this.gpu.guard(
      (async () => {
        await this.postEvaluation(session, data, await evaluate(session.current, data.test, count), { kind: 'test' });
        session.postMemory();
      })(),
    );
  }

  /** Evaluates the session's weights on my held-out digits and posts the result. */
  async evaluateMine(session: ModelSession, data: MnistData, heldOut: HeldOutDigits): Promise<void> {
    this.gpu.assert();
    const { split, ids, share } = heldOut;
    await this.gpu.guard(
      (async () => {
        const evaluation = await evaluate(session.current, split, split.count, EVALUATION_BATCH);
        await this.send(session, data, evaluation, { kind: 'mine', ids, share }, split.labels.slice());
      })(),
    );
  }

  /** Posts an evaluation of MNIST's images (the test set, or a run's held-out training images). */
  async postEvaluation(session: ModelSession, data: MnistData, evaluation: Evaluation, on: MnistEvaluatedOn): Promise<void> {
    // A saved model's accuracy is its test accuracy: held-out training images do not count.
    if (on.kind === 'test') session.evaluated(evaluation.accuracy);
    const { split, first } = evaluatedSplit(data, on);
    await this.send(session, data, evaluation, on, split.labels.slice(first, first + evaluation.predictions.length));
  }

  /** Posts an evaluation with the images' true labels, and the weights' predictions for the sample grid. */
  private async send(session: ModelSession, data: MnistData, evaluation: Evaluation, on: EvaluatedOn, labels: Uint8Array): Promise<void> {
    const samples = new Uint8Array(SAMPLE_COUNT * IMAGE_PIXELS);
    for (let i = 0; i < SAMPLE_COUNT; i++) samples.set(imageAt(data.train, SAMPLE_GRID.first + i), i * IMAGE_PIXELS);
    const predicted = tf.tidy(() => tf.argMax(session.current.predict(imagesTensor(samples, SAMPLE_COUNT)) as tf.Tensor2D, 1));
    const samplePredictions = Int32Array.from(await predicted.data());
    predicted.dispose();
    const result: EvaluationResult = {
      loss: evaluation.loss,
      accuracy: evaluation.accuracy,
      on,
      labels,
      predictions: evaluation.predictions,
      confidences: evaluation.confidences,
      samplePredictions,
    };
    this.post({ type: 'evaluation', result }, [
      result.labels.buffer,
      result.predictions.buffer,
      result.confidences.buffer,
      samplePredictions.buffer,
    ]);
  }
}
