// Prints the bundle's SHA-256 for the test config; run in a child process with another TZ, umask and cwd.
import { buildBundle } from '../src/bundle/build.js';
import { apigeeConfig, apigeeNames } from '../src/names.js';
import { apigeeResolved } from './config.js';

const resolved = apigeeResolved(process.cwd());
process.stdout.write(buildBundle(apigeeConfig(resolved), apigeeNames(resolved)).sha256);
