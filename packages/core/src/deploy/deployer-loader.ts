import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolve as resolveFrom } from 'import-meta-resolve';
import type { ResolvedEnvironment } from '../config/schema.js';
import { MlshipError } from '../errors.js';
import { DEPLOYER_CONTRACT_VERSION, type Deployer } from './contract.js';
import { enabledTargets, TARGETS, type TargetEntry } from './targets.js';

/** Imports a package by name from the CLI's own dependencies; the CLI passes `(s) => import(s)`. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

export interface LoadedTarget {
  entry: TargetEntry;
  deployer: Deployer;
  /** Where the package was found: the project (next to release.yaml) or the CLI's own dependencies. */
  from: 'project' | 'cli';
}

export function isModuleNotFound(error: unknown, specifier: string): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  const message = error instanceof Error ? error.message : '';
  return (
    (code === 'ERR_MODULE_NOT_FOUND' ||
      code === 'MODULE_NOT_FOUND' ||
      /Cannot find (module|package)/.test(message)) &&
    message.includes(specifier)
  );
}

function resolveFromUrl(specifier: string, parentUrl: string): string | undefined {
  try {
    return resolveFrom(specifier, parentUrl);
  } catch (error) {
    if (isModuleNotFound(error, specifier)) return undefined;
    throw error;
  }
}

/** The package's URL as the project (the directory of release.yaml) resolves it, or undefined. */
export function resolveFromProject(specifier: string, projectDir: string): string | undefined {
  return resolveFromUrl(specifier, pathToFileURL(join(projectDir, 'release.yaml')).href);
}

/** True when the project, or the module at `cliUrl` (the CLI), can load the package; nothing is imported. */
export function deployerInstalled(specifier: string, projectDir: string, cliUrl?: string): boolean {
  if (resolveFromProject(specifier, projectDir)) return true;
  return cliUrl !== undefined && resolveFromUrl(specifier, cliUrl) !== undefined;
}

/** validate's check: one line per deployer package some environment needs but nobody can load. */
export function missingDeployerWarnings(
  environments: ReadonlyArray<{ env: string; file: string; config: ResolvedEnvironment }>,
  cliUrl: string | undefined,
  targets: readonly TargetEntry[] = TARGETS,
): string[] {
  const missing = new Map<string, { envs: string[]; projectDir: string }>();
  for (const { env, file, config } of environments) {
    const projectDir = dirname(file);
    for (const entry of enabledTargets(config, targets)) {
      const known = missing.get(entry.packageName);
      if (known) known.envs.push(env);
      else if (!deployerInstalled(entry.packageName, projectDir, cliUrl)) {
        missing.set(entry.packageName, { envs: [env], projectDir });
      }
    }
  }
  return [...missing].map(
    ([name, { envs, projectDir }]) =>
      `${name} is not installed, so deploying ${envs.join(', ')} stops before any change (DEPLOYER_MISSING): ${installCommand([name], projectDir)}`,
  );
}

/** How to install packages in this project: pnpm when it has a pnpm lockfile, npm otherwise. */
export function installCommand(packages: string[], projectDir: string): string {
  for (let dir = projectDir; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-lock.yaml'))) return `pnpm add -D ${packages.join(' ')}`;
    if (existsSync(join(dir, 'package-lock.json')) || dirname(dir) === dir) break;
  }
  return `npm install --save-dev ${packages.join(' ')}`;
}

/** Imports a package from the project (next to release.yaml) first, else through the CLI's importer; undefined if neither has it. */
export async function importPackage(
  specifier: string,
  projectDir: string,
  importer: ModuleImporter,
): Promise<{ mod: unknown; from: 'project' | 'cli' } | undefined> {
  const url = resolveFromProject(specifier, projectDir);
  try {
    return { mod: await (url ? import(url) : importer(specifier)), from: url ? 'project' : 'cli' };
  } catch (error) {
    if (!isModuleNotFound(error, specifier)) throw error;
    return undefined;
  }
}

export function deployerMissing(env: string, missing: TargetEntry[], projectDir: string): MlshipError {
  const packages = missing.map((entry) => entry.packageName);
  return new MlshipError(
    'DEPLOYER_MISSING',
    `${env} deploys ${missing.map((entry) => entry.name).join(', ')}, but ${packages.join(', ')} ${packages.length === 1 ? 'is' : 'are'} not installed (looked in ${projectDir} and next to mlship). Nothing was changed.`,
    {
      hint: `Install ${packages.length === 1 ? 'it' : 'them'} in the project: ${installCommand(packages, projectDir)}`,
      details: { missing: packages },
    },
  );
}

/**
 * Loads the deployer of every target the environment enables: from the project first, then from the CLI. A missing
 * package stops the run before anything is read or changed, so no environment is ever deployed in part.
 */
export async function loadTargets(options: {
  env: string;
  config: ResolvedEnvironment;
  projectDir: string;
  importer: ModuleImporter;
  targets?: readonly TargetEntry[];
}): Promise<LoadedTarget[]> {
  const loaded: LoadedTarget[] = [];
  const missing: TargetEntry[] = [];
  for (const entry of enabledTargets(options.config, options.targets ?? TARGETS)) {
    const found = await importPackage(entry.packageName, options.projectDir, options.importer);
    if (!found) {
      missing.push(entry);
      continue;
    }
    const { mod, from } = found;
    const deployer = (mod as { deployer?: Deployer }).deployer;
    if (!deployer || deployer.contractVersion !== DEPLOYER_CONTRACT_VERSION) {
      throw new MlshipError(
        'DEPLOYER_INCOMPATIBLE',
        `${entry.packageName} does not export a deployer for contract version ${DEPLOYER_CONTRACT_VERSION}.`,
        { kind: 'internal', hint: 'Install matching versions of mlship and the deployer packages.' },
      );
    }
    loaded.push({ entry, deployer, from });
  }
  if (missing.length > 0) throw deployerMissing(options.env, missing, options.projectDir);
  return loaded;
}
