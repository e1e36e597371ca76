import { describe, expect, it } from 'vitest';
import { createEncoder } from '../src/model/tensor-input.js';
import { rowJson, tensorJson } from '../src/model/tensor-output.js';

const at = (indices: number[]) => `x${indices.map((i) => `[${i}]`).join('')}`;

describe('input checks derived from the model metadata', () => {
  it('copies a [N, L, 2] float input into one typed array with its dimensions', () => {
    const encode = createEncoder({ name: 'x', type: 'float32', shape: ['N', 'L', 2] });
    const tensor = encode(
      [
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
      ],
      at,
    );
    expect(tensor.dims).toEqual([1, 3, 2]);
    expect([...(tensor.data as Float32Array)]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('requires a free dimension to be the same in every row, naming it', () => {
    const encode = createEncoder({ name: 'ids', type: 'int64', shape: ['batch', 'sequence'] });
    expect(() =>
      encode(
        [
          [1, 2, 3],
          [4, 5],
        ],
        at,
      ),
    ).toThrow(
      "x[1] has 2 items but the first one at this depth has 3: dimension sequence must be the same throughout; input 'ids' expects shape [batch, sequence] of int64",
    );
  });

  it('converts int64 to BigInt and refuses fractions and unsafe integers', () => {
    const encode = createEncoder({ name: 'ids', type: 'int64', shape: ['N'] });
    expect([...(encode([1, -2], at).data as BigInt64Array)]).toEqual([1n, -2n]);
    expect(() => encode([1.5], at)).toThrow("x[0] is 1.5 (a number) but input 'ids' takes int64 integers");
    expect(() => encode([2 ** 60], at)).toThrow('takes int64 integers');
  });

  it('checks the range of small integer types, booleans and strings', () => {
    expect(() => createEncoder({ name: 'p', type: 'uint8', shape: [1] })([256], at)).toThrow(
      "x[0] is 256 (a number) but input 'p' takes uint8 integers from 0 to 255",
    );
    const flags = createEncoder({ name: 'f', type: 'bool', shape: [2] })([true, false], at);
    expect([...(flags.data as Uint8Array)]).toEqual([1, 0]);
    expect(() => createEncoder({ name: 'f', type: 'bool', shape: [1] })([1], at)).toThrow('takes booleans');
    expect(createEncoder({ name: 's', type: 'string', shape: [2] })(['a', 'b'], at).data).toEqual(['a', 'b']);
  });

  it('refuses a type the server cannot feed, at load time', () => {
    expect(() => createEncoder({ name: 'h', type: 'float16', shape: [1] })).toThrow(
      "input 'h' has type float16, which this server does not support",
    );
  });
});

describe('output serialisation', () => {
  const tensor = {
    type: 'float32',
    dims: [2, 2, 2],
    data: Float32Array.from([1, 2, 3, 4, 5, 6, Number.NaN, 0.5]),
  };

  it('writes nested JSON straight from the typed array, NaN as null', () => {
    expect(JSON.parse(tensorJson(tensor))).toEqual([
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [null, 0.5],
      ],
    ]);
    expect(JSON.parse(rowJson(tensor, 1))).toEqual([
      [5, 6],
      [null, 0.5],
    ]);
  });

  it('writes int64, bool and string outputs as JSON numbers, booleans and strings', () => {
    expect(tensorJson({ type: 'int64', dims: [2], data: BigInt64Array.from([3n, -1n]) })).toBe('[3,-1]');
    expect(tensorJson({ type: 'bool', dims: [2], data: Uint8Array.from([1, 0]) })).toBe('[true,false]');
    expect(tensorJson({ type: 'string', dims: [1], data: ['a"b'] })).toBe('["a\\"b"]');
    expect(tensorJson({ type: 'float32', dims: [], data: Float32Array.from([2]) })).toBe('2');
  });
});
