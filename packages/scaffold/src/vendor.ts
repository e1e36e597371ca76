import type { RenderedFile } from './render.js';

/** Where the project's mlship packages go when they are vendored; package.json names them as `file:` tarballs. */
export const VENDOR_DIR = 'vendor/mlship';

/** One packed mlship package: its npm tarball, ready to be written under `vendor/mlship/`. */
export interface PackedPackage {
  name: string;
  /** The tarball's file name, e.g. `mlship-core-0.1.0.tgz`. */
  file: string;
  contents: Buffer;
}

/**
 * Where a project's mlship packages come from when no registry has them: the source checkout the CLI runs from,
 * or the local tarballs it was installed from.
 */
export interface MlshipSource {
  /** Says where the packages come from, e.g. `the source checkout /src/mlship`. */
  description: string;
  /** The tarballs of the named packages and of every mlship package they depend on. */
  pack(names: readonly string[]): Promise<PackedPackage[]>;
}

export interface VendorPlan {
  /** devDependencies with every mlship package (and each one they need) as a `file:vendor/mlship/…` tarball. */
  devDependencies: Record<string, string>;
  files: RenderedFile[];
  /** mlship packages the source does not hold (e.g. a deployer not in this checkout): they keep registry versions. */
  missing: string[];
}

/**
 * Replaces the registry specifiers of the mlship packages by the vendored tarballs. The packages they depend on
 * (e.g. @mlship/core) become devDependencies too, so npm finds them in the project instead of asking a registry.
 */
export async function vendorMlship(
  devDependencies: Record<string, string>,
  source: MlshipSource,
): Promise<VendorPlan> {
  const packed = await source.pack(Object.keys(devDependencies));
  const vendored = { ...devDependencies };
  for (const pkg of packed) vendored[pkg.name] = `file:${VENDOR_DIR}/${pkg.file}`;
  return {
    devDependencies: Object.fromEntries(Object.entries(vendored).sort(([a], [b]) => a.localeCompare(b))),
    files: packed.map((pkg) => ({ path: `${VENDOR_DIR}/${pkg.file}`, contents: pkg.contents })),
    missing: Object.keys(devDependencies).filter((name) => !packed.some((pkg) => pkg.name === name)),
  };
}

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/**
 * The named packages plus, transitively, every package of `known` they need (sorted, each once). Optional peers
 * (the CLI's deployers) are left out: the project names the ones it uses.
 */
export function packageClosure(names: readonly string[], known: ReadonlyMap<string, Manifest>): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    const manifest = known.get(name);
    if (!manifest || seen.has(name)) return;
    seen.add(name);
    const peers = Object.keys(manifest.peerDependencies ?? {}).filter(
      (peer) => !manifest.peerDependenciesMeta?.[peer]?.optional,
    );
    const deps = { ...manifest.dependencies, ...manifest.optionalDependencies };
    for (const dep of [...Object.keys(deps), ...peers]) visit(dep);
  };
  for (const name of names) visit(name);
  return [...seen].sort();
}
