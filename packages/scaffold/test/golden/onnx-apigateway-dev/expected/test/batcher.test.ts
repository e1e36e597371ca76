import { describe, expect, it } from 'vitest';
import { Batcher, type Feeds } from '../src/model/batcher.js';

const feeds = (rows: number[][], name = 'x'): Feeds => ({
  [name]: {
    type: 'float32',
    data: Float32Array.from(rows.flat()),
    dims: [rows.length, rows[0]?.length ?? 0],
  },
});

/** A fake model that records each run and answers its input rows. */
function recorder(fail?: (f: Feeds) => boolean) {
  const runs: number[][] = [];
  const batcher = new Batcher<Feeds>(async (f) => {
    runs.push([...(f.x ?? f.y)!.dims]);
    if (fail?.(f)) throw new Error('bad batch');
    return f;
  }, 5);
  return { runs, batcher };
}

describe('dynamic batching', () => {
  it('runs requests that arrive together as one inference and gives each its own rows', async () => {
    const { runs, batcher } = recorder();
    const results = await Promise.all([
      batcher.submit(feeds([[1, 2]]), 1),
      batcher.submit(
        feeds([
          [3, 4],
          [5, 6],
        ]),
        2,
      ),
    ]);
    expect(runs).toEqual([[3, 2]]);
    expect(results.map((r) => [r.offset, r.total])).toEqual([
      [0, 3],
      [1, 3],
    ]);
    expect([...results[1]!.outputs.x!.data]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('keeps requests with different shapes or inputs apart and caps the rows per run', async () => {
    const { runs, batcher } = recorder();
    await Promise.all([
      batcher.submit(
        feeds([
          [1, 2],
          [1, 2],
          [1, 2],
        ]),
        3,
      ),
      batcher.submit(feeds([[1, 2, 3]]), 1),
      batcher.submit(
        feeds([
          [1, 2],
          [1, 2],
          [1, 2],
        ]),
        3,
      ),
      batcher.submit(feeds([[7]], 'y'), 1),
    ]);
    expect(runs).toEqual([
      [3, 2],
      [3, 2],
      [1, 3],
      [1, 1],
    ]);
  });

  it('retries each request alone when a combined run fails, so one bad request fails only itself', async () => {
    const { runs, batcher } = recorder((f) => (f.x!.data as Float32Array).includes(-1));
    const [good, bad] = await Promise.allSettled([
      batcher.submit(feeds([[1, 2]]), 1),
      batcher.submit(feeds([[-1, 2]]), 1),
    ]);
    expect(good.status).toBe('fulfilled');
    expect(bad.status).toBe('rejected');
    expect(runs).toEqual([
      [2, 2],
      [1, 2],
      [1, 2],
    ]);
  });
});
