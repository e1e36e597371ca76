import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureStream, tempDir } from '../src/index.js';

describe('test fixtures', () => {
  it('tempDir() makes a fresh directory and removes it with its content', async () => {
    const dir = await tempDir();
    await writeFile(join(dir.path, 'a.txt'), 'x');
    expect(existsSync(join(dir.path, 'a.txt'))).toBe(true);
    await dir.cleanup();
    expect(existsSync(dir.path)).toBe(false);
  });

  it('captureStream() records writes and can pretend to be a TTY', async () => {
    const out = captureStream({ isTTY: true, columns: 80 });
    out.stream.write('one\ntwo\n');
    await new Promise<void>((resolve) => out.stream.write('three', () => resolve()));
    expect(out.text()).toBe('one\ntwo\nthree');
    expect(out.lines()).toEqual(['one', 'two', 'three']);
    expect(out.stream.isTTY).toBe(true);
    out.clear();
    expect(out.text()).toBe('');
  });
});
