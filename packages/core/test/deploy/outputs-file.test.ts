import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOutputs, writeOutputs } from '../../src/deploy/outputs-file.js';

async function project() {
  const dir = await mkdtemp(join(tmpdir(), 'mlship-outputs-'));
  return { dir, file: join(dir, 'release.yaml'), path: join(dir, '.mlship', 'dev.outputs.json') };
}

describe('.mlship/<env>.outputs.json', () => {
  it('merges per target: a target written replaces its entry, undefined removes it, the others stay', async () => {
    const { file, path } = await project();
    await writeOutputs(file, 'dev', { sagemaker: { endpointName: 'a' }, lambda: { functionArn: 'f' } });
    await writeOutputs(file, 'dev', { sagemaker: { endpointName: 'b', clientSecret: 'never-written' } });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      env: 'dev',
      targets: { sagemaker: { endpointName: 'b' }, lambda: { functionArn: 'f' } },
    });
    await writeOutputs(file, 'dev', { lambda: undefined });
    expect(await readOutputs(file, 'dev')).toEqual({ sagemaker: { endpointName: 'b' } });
  });

  it('writes through a temporary file and a rename: a failed write leaves the old file and no temporary behind', async () => {
    const { dir, file } = await project();
    await mkdir(join(dir, '.mlship', 'dev.outputs.json'), { recursive: true });
    await writeFile(join(dir, '.mlship', 'dev.outputs.json', 'keep'), 'x');
    await expect(writeOutputs(file, 'dev', { sagemaker: { endpointName: 'a' } })).rejects.toMatchObject({
      code: 'OUTPUTS_NOT_WRITTEN',
      exitCode: 1,
    });
    expect(await readdir(join(dir, '.mlship'))).toEqual(['dev.outputs.json']);
  });

  it('an unreadable file counts as no outputs, with a warning saying why', async () => {
    const { file, path } = await project();
    expect(await readOutputs(file, 'dev')).toEqual({});
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, '{ not json');
    const why: string[] = [];
    expect(await readOutputs(file, 'dev', (reason) => why.push(reason))).toEqual({});
    expect(why[0]).toMatch(/dev\.outputs\.json is not JSON/);
  });
});
