import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { bundleProxy, type ProxyArtifact, zipProxy } from './bundle.js';

export type { ProxyArtifact } from './bundle.js';

/** What the deployer sets on the function. */
export const PROXY_RUNTIME = 'nodejs24.x';
export const PROXY_ARCHITECTURE = 'arm64';
export const PROXY_HANDLER = 'index.handler' as const;

let loaded: Promise<ProxyArtifact> | undefined;

/**
 * The Lambda zip: the one built into `dist/` with the package, or, when running from source (no zip beside this
 * module), bundled from `src/` on the fly. Same sources give the same bytes, so `sha256Base64` tells a deployer
 * whether the deployed code is current.
 */
export function loadProxyArtifact(): Promise<ProxyArtifact> {
  loaded ??= readPrebuilt().then((bytes) => (bytes ? describe(bytes) : buildProxyArtifact()));
  loaded.catch(() => {
    loaded = undefined;
  });
  return loaded;
}

/** Bundles and zips the handler from the package's sources (needs the `esbuild` dev dependency). */
export async function buildProxyArtifact(): Promise<ProxyArtifact> {
  return zipProxy(await bundleProxy());
}

async function readPrebuilt(): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await readFile(new URL('./lambda-proxy.zip', import.meta.url)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function describe(bytes: Uint8Array): ProxyArtifact {
  const digest = createHash('sha256').update(bytes).digest();
  return {
    bytes,
    sha256: digest.toString('hex'),
    sha256Base64: digest.toString('base64'),
    size: bytes.length,
    handler: PROXY_HANDLER,
  };
}
