import * as tf from '@tensorflow/tfjs';
import { imagesTensor } from '../../ml/data/batches';
import { imageAt, type MnistData } from '../../ml/data/data';
import { IMAGE_PIXELS, IMAGE_SIZE, SAMPLE_COUNT, SAMPLE_GRID } from '../../ml/data/mnist';
import { evaluate, type Evaluation } from '../../ml/training/evaluate';
import type { EvaluationResult, Post, Prediction } from '../protocol';
import type { GpuWatch, ModelSession } from './session';

/** The layers whose activations the drawing pad shows. */
const FEATURE_LAYERS = ['conv2d_1', 'conv2d_2'] as const;

/** The model's answers: for a drawing, and for the test set after an epoch or on request. */
export class Inference {
  /**
   * Each model's layers with the two convolutions' activations as extra outputs. A view
   * shares its model's weights, so it is never disposed itself, only dropped with the model.
   */
  private readonly views = new WeakMap<tf.LayersModel, tf.LayersModel>();

  constructor(
    private readonly post: Post,
    private readonly gpu: GpuWatch,
  ) {}

  /** One image through the model; safe between training steps. */
  async predict(model: tf.LayersModel, pixels: Float32Array): Promise<Prediction> {
    this.gpu.assert();
    const outputs = tf.tidy(() => this.insideView(model).predict(tf.tensor4d(pixels, [1, IMAGE_SIZE, IMAGE_SIZE, 1])) as tf.Tensor[]);
    try {
      const [conv1, conv2, probabilities] = await this.gpu.guard(
        Promise.all(outputs.map(async (tensor) => Float32Array.from(await tensor.data()))),
      );
      if (!conv1 || !conv2 || !probabilities) throw new Error('the model gave fewer outputs than expected');
      return { probabilities, conv1, conv2 };
    } finally {
      tf.dispose(outputs);
    }
  }

  private insideView(model: tf.LayersModel): tf.LayersModel {
    let view = this.views.get(model);
    if (!view) {
      view = tf.model({
        inputs: model.inputs,
        outputs: [
          model.getLayer(FEATURE_LAYERS[0]).output as tf.SymbolicTensor,
          model.getLayer(FEATURE_LAYERS[1]).output as tf.SymbolicTensor,
          ...model.outputs,
        ],
      });
      this.views.set(model, view);
    }
    return view;
  }

  /** Evaluates the session's weights on the first `count` test images and posts the result. */
  async evaluateAndPost(session: ModelSession, data: MnistData, count: number): Promise<void> {
    this.gpu.assert();
    await this.gpu.guard(
      (async () => {
        await this.postEvaluation(session, data, await evaluate(session.current, data.test, count));
        session.postMemory();
      })(),
    );
  }

  /** Posts an evaluation of the session's weights, with their predictions for the sample grid. */
  async postEvaluation(session: ModelSession, data: MnistData, evaluation: Evaluation): Promise<void> {
    session.evaluated(evaluation.accuracy);
    const samples = new Uint8Array(SAMPLE_COUNT * IMAGE_PIXELS);
    for (let i = 0; i < SAMPLE_COUNT; i++) samples.set(imageAt(data.train, SAMPLE_GRID.first + i), i * IMAGE_PIXELS);
    const predicted = tf.tidy(() => tf.argMax(session.current.predict(imagesTensor(samples, SAMPLE_COUNT)) as tf.Tensor2D, 1));
    const samplePredictions = Int32Array.from(await predicted.data());
    predicted.dispose();
    const result: EvaluationResult = {
      loss: evaluation.loss,
      accuracy: evaluation.accuracy,
      labels: data.test.labels.slice(0, evaluation.predictions.length),
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
