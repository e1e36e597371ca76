import { dirname, resolve } from 'node:path';
import { deployerMissing, importPackage, TARGETS } from '@mlship/core';
import type * as ApiGatewayPackage from '@mlship/deployer-apigateway';
import { createIoHost } from '../io/create-host.js';
import type { CallFlags } from './call.define.js';

const PACKAGE = '@mlship/deployer-apigateway';

/** `call` lives in the API Gateway package, loaded like a deployer: from the project first, then beside the CLI. */
export async function runCall(flags: CallFlags): Promise<number> {
  const projectDir = dirname(resolve(flags.release));
  const found = await importPackage(PACKAGE, projectDir, (specifier) => import(specifier));
  if (!found) {
    throw deployerMissing(
      flags.env,
      TARGETS.filter((target) => target.packageName === PACKAGE),
      projectDir,
    );
  }
  const { call } = found.mod as typeof ApiGatewayPackage;
  await call({
    file: flags.release,
    env: flags.env,
    host: createIoHost(flags),
    ...(flags.data === undefined ? {} : { data: flags.data }),
    ...(flags.file === undefined ? {} : { bodyFile: flags.file }),
    ...(flags.path === undefined ? {} : { path: flags.path }),
    curl: Boolean(flags.curl),
    showSecrets: Boolean(flags.showSecrets),
  });
  return 0;
}
