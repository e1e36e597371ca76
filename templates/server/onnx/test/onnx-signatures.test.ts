import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { OnnxModel } from '../src/model/onnx-model.js';
import type { EncodedTensor, InputSpec } from '../src/model/tensor-input.js';

type Feeds = Record<string, EncodedTensor>;

/** A stand-in session: output 'sum' is the row sums of 'a' plus 'b' (per instance), 'rows' echoes 'a'. */
function fakeSession(runs: number[][]) {
  return {
    run: async (feeds: Feeds) => {
      const a = feeds.a!;
      const b = feeds.b;
      runs.push(a.dims);
      const [n, width] = [a.dims[0]!, a.dims[1]!];
      const sums = Float32Array.from({ length: n }, (_, i) => {
        let total = (b?.data as Float32Array | undefined)?.[i] ?? 0;
        for (let j = 0; j < width; j++) total += (a.data as Float32Array)[i * width + j]!;
        return total;
      });
      return { sum: { type: 'float32', dims: [n], data: sums }, rows: a };
    },
    release: async () => {},
  } as unknown as InferenceSession;
}

const identity = (encoded: EncodedTensor) => encoded as unknown as Tensor;
const outputs: InputSpec[] = [
  { name: 'sum', type: 'float32', shape: ['N'] },
  { name: 'rows', type: 'float32', shape: ['N', 2] },
];

describe('ONNX signatures beyond one input', () => {
  it('takes one object per instance for several inputs and answers one object per instance', async () => {
    const runs: number[][] = [];
    const inputs: InputSpec[] = [
      { name: 'a', type: 'float32', shape: ['N', 2] },
      { name: 'b', type: 'float32', shape: ['N'] },
    ];
    const model = new OnnxModel(fakeSession(runs), inputs, outputs, identity);
    const job = model.prepare({
      instances: [
        { a: [1, 2], b: 10 },
        { a: [3, 4], b: 20 },
      ],
    });
    expect(JSON.parse(await job.run())).toEqual({
      predictions: [
        { sum: 13, rows: [1, 2] },
        { sum: 27, rows: [3, 4] },
      ],
    });
    expect(() => model.prepare({ instances: [{ a: [1, 2] }] })).toThrow('instances[0].b is missing');
    expect(() => model.prepare({ instances: [[1, 2]] })).toThrow(
      "instances[0] must be an object with the model's inputs",
    );
    expect(() => model.prepare({ instances: [{ a: [1], b: 1 }] })).toThrow(
      "instances[0].a has 1 items where 2 are expected; input 'a' expects shape [N, 2] of float32",
    );
  });

  it('runs instances one at a time when the model fixes its batch dimension to 1', async () => {
    const runs: number[][] = [];
    const inputs: InputSpec[] = [{ name: 'a', type: 'float32', shape: [1, 2] }];
    const model = new OnnxModel(fakeSession(runs), inputs, outputs, identity);
    const json = await model
      .prepare({
        instances: [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
      })
      .run();
    expect(JSON.parse(json).predictions.map((p: { sum: number }) => p.sum)).toEqual([3, 7, 11]);
    expect(runs).toEqual([
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
  });

  it('asks for "inputs" when the model has no instance dimension', async () => {
    const runs: number[][] = [];
    const model = new OnnxModel(
      fakeSession(runs),
      [{ name: 'a', type: 'float32', shape: [3, 2] }],
      outputs,
      identity,
    );
    expect(() => model.prepare({ instances: [[1, 2]] })).toThrow('have no instance (batch) dimension');
    const json = await model
      .prepare({
        inputs: {
          a: [
            [1, 2],
            [3, 4],
            [5, 6],
          ],
        },
      })
      .run();
    expect(JSON.parse(json).outputs.sum).toEqual([3, 7, 11]);
    expect(() => model.prepare({ inputs: {} })).toThrow('inputs.a is missing');
  });
});
