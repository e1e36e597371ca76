// Writes the Lambda zip into dist/ (package build), or to the given path from the given package root (tests).
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleProxy, PACKAGE_ROOT, zipProxy } from '../src/bundle.js';

const out = process.argv[2] ?? join(PACKAGE_ROOT, 'dist', 'lambda-proxy.zip');
const root = process.argv[3] ?? PACKAGE_ROOT;
const artifact = zipProxy(await bundleProxy(root));
await writeFile(`${out}.tmp`, artifact.bytes);
await rename(`${out}.tmp`, out);
process.stdout.write(`${out}: ${artifact.size} bytes, sha256 ${artifact.sha256Base64}\n`);
