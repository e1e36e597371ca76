import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deployerInstalled, missingDeployerWarnings } from '../../src/deploy/deployer-loader.js';
import { RecordingIoHost, type ResolvedConfig, resolvedEnvironmentSchema, status } from '../../src/index.js';

/** A temp project whose node_modules holds a stub deployer package (plain ESM, like a published one). */
async function projectWithStub(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mlship-project-'));
  const pkg = join(dir, 'node_modules', '@acme', 'deployer-stub');
  await mkdir(pkg, { recursive: true });
  await writeFile(
    join(pkg, 'package.json'),
    JSON.stringify({
      name: '@acme/deployer-stub',
      type: 'module',
      exports: { '.': { import: './index.js' } },
    }),
  );
  await writeFile(
    join(pkg, 'index.js'),
    `export const deployer = {
  contractVersion: 1,
  name: 'stub',
  status: async () => ({ target: 'stub', exists: true, summary: 'stub from the project', detail: {} }),
};
`,
  );
  return dir;
}

function resolvedIn(dir: string): ResolvedConfig {
  return {
    env: 'dev',
    file: join(dir, 'release.yaml'),
    config: resolvedEnvironmentSchema.parse({
      name: 'iris',
      model: { framework: 'onnx' },
      region: 'eu-central-1',
      image: { repository: 'iris' },
      sagemaker: { executionRoleArn: 'arn:aws:iam::123456789012:role/x' },
      front: 'none',
    }),
  };
}

const targets = [{ name: 'stub', packageName: '@acme/deployer-stub', enabled: () => true }];
const cliHasNothing = async (specifier: string) => {
  throw Object.assign(new Error(`Cannot find package '${specifier}' imported from /cli`), {
    code: 'ERR_MODULE_NOT_FOUND',
  });
};

describe('deployers are found from the project first', () => {
  it('loads a deployer from the node_modules next to release.yaml when the CLI has none', async () => {
    const dir = await projectWithStub();
    const host = new RecordingIoHost();
    const [report] = await status({
      file: join(dir, 'release.yaml'),
      env: 'dev',
      host,
      resolved: resolvedIn(dir),
      targets,
      importer: cliHasNothing,
    });
    expect(report?.summary).toBe('stub from the project');
  });

  it('the project wins over the CLI', async () => {
    const dir = await projectWithStub();
    const fromCli: string[] = [];
    await status({
      file: join(dir, 'release.yaml'),
      env: 'dev',
      host: new RecordingIoHost(),
      resolved: resolvedIn(dir),
      targets,
      importer: async (specifier) => {
        fromCli.push(specifier);
        return {};
      },
    });
    expect(fromCli).toEqual([]);
  });

  it('without it in the project or the CLI, the run stops with DEPLOYER_MISSING (the check can fail)', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'mlship-project-'));
    const error = await status({
      file: join(empty, 'release.yaml'),
      env: 'dev',
      host: new RecordingIoHost(),
      resolved: resolvedIn(empty),
      targets,
      importer: cliHasNothing,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'DEPLOYER_MISSING', exitCode: 2 });
    expect(deployerInstalled('@acme/deployer-stub', empty)).toBe(false);
    expect(deployerInstalled('@acme/deployer-stub', await projectWithStub())).toBe(true);
    const cliUrl = pathToFileURL(join(await projectWithStub(), 'cli.js')).href;
    expect(deployerInstalled('@acme/deployer-stub', empty, cliUrl)).toBe(true);
  });

  it('validate warns once per missing package, naming the environments and the install command', async () => {
    const dir = await projectWithStub();
    const both = [
      { name: 'stub', packageName: '@acme/deployer-stub', enabled: () => true },
      { name: 'gone', packageName: '@acme/deployer-gone', enabled: () => true },
    ];
    const envs = ['dev', 'prod'].map((env) => ({ ...resolvedIn(dir), env }));
    expect(missingDeployerWarnings(envs, undefined, both)).toEqual([
      '@acme/deployer-gone is not installed, so deploying dev, prod stops before any change (DEPLOYER_MISSING): npm install --save-dev @acme/deployer-gone',
    ]);
  });
});
