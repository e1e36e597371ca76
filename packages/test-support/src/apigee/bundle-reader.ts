import { unzipSync } from 'fflate';
import { badRequest } from './google-error.js';

/** What the fake reads from an uploaded proxy bundle, as Apigee does when it imports one. */
export interface ParsedBundle {
  description: string | undefined;
  basepaths: string[];
  policies: string[];
  proxies: string[];
  targets: string[];
  targetServers: string[];
  files: Record<string, string>;
}

function names(files: Record<string, string>, dir: string): string[] {
  return Object.keys(files)
    .filter((path) => path.startsWith(`apiproxy/${dir}/`) && path.endsWith('.xml'))
    .map((path) => path.slice(`apiproxy/${dir}/`.length, -'.xml'.length))
    .sort();
}

function bundleError(message: string) {
  return badRequest(`bundle contains errors: ${message}`);
}

export function readBundle(zip: Uint8Array): ParsedBundle {
  let raw: Record<string, Uint8Array>;
  try {
    raw = unzipSync(zip);
  } catch {
    throw bundleError('the uploaded file is not a zip archive');
  }
  const files = Object.fromEntries(
    Object.entries(raw).map(([path, data]) => [path, Buffer.from(data).toString()]),
  );
  const descriptors = Object.keys(files).filter((path) => /^apiproxy\/[^/]+\.xml$/.test(path));
  if (descriptors.length !== 1) throw bundleError('expected one apiproxy/<name>.xml descriptor at the root');
  for (const [path, content] of Object.entries(files)) {
    if (path.endsWith('.xml') && !content.trimStart().startsWith('<'))
      throw bundleError(`${path} is not XML`);
  }
  const proxies = names(files, 'proxies');
  if (proxies.length === 0) throw bundleError('no ProxyEndpoint under apiproxy/proxies/');
  const policies = names(files, 'policies');
  const referenced = new Set<string>();
  for (const path of [
    ...proxies.map((p) => `proxies/${p}`),
    ...names(files, 'targets').map((t) => `targets/${t}`),
  ]) {
    for (const m of files[`apiproxy/${path}.xml`]!.matchAll(/<Name>([^<]+)<\/Name>/g)) referenced.add(m[1]!);
  }
  const missing = [...referenced].filter((name) => !policies.includes(name));
  if (missing.length > 0) throw bundleError(`steps reference missing policies: ${missing.join(', ')}`);
  const basepaths = proxies.flatMap((p) =>
    [...files[`apiproxy/proxies/${p}.xml`]!.matchAll(/<BasePath>([^<]*)<\/BasePath>/g)].map((m) => m[1]!),
  );
  const targets = names(files, 'targets');
  const targetServers = targets.flatMap((t) =>
    [...files[`apiproxy/targets/${t}.xml`]!.matchAll(/<Server name="([^"]+)"/g)].map((m) => m[1]!),
  );
  const description = /<Description>([^<]*)<\/Description>/.exec(files[descriptors[0]!]!)?.[1];
  return { description, basepaths, policies, proxies, targets, targetServers, files };
}
