import { describe, expect, it } from 'vitest';
import { NOTEBOOK_OPTIMIZER } from '../training/optimizers';
import { kerasCode } from './kerasCode';
import { parseNet } from './netText';
import { NOTEBOOK_NETWORK } from './network';

describe('kerasCode', () => {
  it('writes the notebook’s network as the notebook does, ready to paste', () => {
    expect(kerasCode(NOTEBOOK_NETWORK, NOTEBOOK_OPTIMIZER)).toBe(
      [
        'import keras',
        'from keras import layers',
        '',
        'model = keras.Sequential([',
        '    keras.Input(shape=(28, 28, 1)),',
        '    layers.Conv2D(8, (3, 3), activation="relu"),',
        '    layers.MaxPooling2D((2, 2)),',
        '    layers.Dropout(0.2),',
        '    layers.Conv2D(16, (3, 3), activation="relu"),',
        '    layers.MaxPooling2D((2, 2)),',
        '    layers.Dropout(0.2),',
        '    layers.Flatten(),',
        '    layers.Dense(100, activation="relu"),',
        '    layers.Dropout(0.5),',
        '    layers.Dense(10, activation="softmax"),',
        '])',
        'model.compile(',
        '    optimizer=keras.optimizers.Adam(learning_rate=0.001),',
        '    loss="sparse_categorical_crossentropy",',
        '    metrics=["accuracy"],',
        ')',
        'model.summary()',
        '',
      ].join('\n'),
    );
  });

  it('writes every kind of layer and setting the family has', () => {
    const code = kerasCode(parseNet('c32k5s.tanh-p3-b-c4k1.linear-f-h64.sigmoid'), { optimizer: 'rmsprop', learningRate: 0.003 });
    expect(code).toContain('layers.Conv2D(32, (5, 5), padding="same", activation="tanh"),');
    expect(code).toContain('layers.MaxPooling2D((3, 3)),');
    expect(code).toContain('layers.BatchNormalization(),');
    expect(code).toContain('layers.Conv2D(4, (1, 1)),');
    expect(code).toContain('layers.Dense(64, activation="sigmoid"),');
    expect(code).toContain('optimizer=keras.optimizers.RMSprop(learning_rate=0.003),');
  });
});
