import { dirname, resolve } from 'node:path';
import { deployerMissing, importPackage, TARGETS } from '@mlship/core';
import type * as MonitoringPackage from '@mlship/deployer-monitoring';
import { createIoHost } from '../io/create-host.js';
import type { LogsFlags } from './logs.define.js';

const PACKAGE = '@mlship/deployer-monitoring';

/** Loads the monitoring package (from the project first, then beside the CLI), where `logs` lives. */
export async function loadMonitoring(release: string, env: string): Promise<typeof MonitoringPackage> {
  const projectDir = dirname(resolve(release));
  const found = await importPackage(PACKAGE, projectDir, (specifier) => import(specifier));
  if (!found) {
    throw deployerMissing(
      env,
      TARGETS.filter((target) => target.packageName === PACKAGE),
      projectDir,
    );
  }
  return found.mod as typeof MonitoringPackage;
}

export async function runLogs(flags: LogsFlags): Promise<number> {
  const { logs } = await loadMonitoring(flags.release, flags.env);
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  process.once('SIGINT', onSigint);
  try {
    await logs({
      file: flags.release,
      env: flags.env,
      host: createIoHost(flags),
      since: flags.since,
      follow: Boolean(flags.follow),
      json: Boolean(flags.json),
      signal: stop.signal,
      ...(flags.target ? { target: flags.target } : {}),
      ...(flags.filter ? { filter: flags.filter } : {}),
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
  return 0;
}
