import { fileURLToPath } from 'node:url';
import { deterministicZip } from '@mlship/core';

export interface ProxyArtifact {
  /** The zip's bytes: one file, `index.mjs`, mode 0644, fixed date. */
  bytes: Uint8Array;
  sha256: string;
  /** Base64 SHA-256 of the zip, the form Lambda reports as `CodeSha256`. */
  sha256Base64: string;
  size: number;
  handler: 'index.handler';
}

/** The package folder, from `src/` or `dist/` alike. */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The handler as one minified ESM file for Node 24. Nothing in it depends on where or when it is built: a fixed
 * target, no source map, paths relative to `root`, no build time.
 */
export async function bundleProxy(root: string = PACKAGE_ROOT): Promise<Uint8Array> {
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/lambda.ts'],
    outfile: 'index.mjs',
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    // ioredis is CommonJS and requires Node's built-ins; an ESM bundle needs a `require` for them.
    banner: {
      js: "import{createRequire as __mlshipRequire}from'node:module';const require=__mlshipRequire(import.meta.url);",
    },
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output for the Lambda proxy');
  return file.contents;
}

export function zipProxy(code: Uint8Array): ProxyArtifact {
  const zip = deterministicZip([{ path: 'index.mjs', data: code, mode: 0o644 }]);
  return { ...zip, size: zip.bytes.length, handler: 'index.handler' };
}
