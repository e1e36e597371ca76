import { call } from '@mlship/deployer-apigateway';
import { createIoHost } from '../io/create-host.js';
import type { CallFlags } from './call.define.js';

export async function runCall(flags: CallFlags): Promise<number> {
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
