import { userError } from '../errors.js';
import { step } from './aws-errors.js';
import { type EngineOptions, prepareEngine } from './context.js';
import type { DestroyReport, StatusReport } from './contract.js';
import { writeOutputs } from './outputs-file.js';

/** Reports the deployed state of every target of an environment. */
export async function status(options: EngineOptions): Promise<StatusReport[]> {
  const engine = await prepareEngine(options);
  const reports: StatusReport[] = [];
  for (const [index, { entry, deployer }] of engine.targets.entries()) {
    reports.push(await step(entry.name, () => deployer.status(engine.context(engine.upstreamOf(index)))));
  }
  options.host.result(
    { env: engine.resolved.env, targets: reports },
    reports.map((report) => `${report.target}: ${report.summary}`).join('\n'),
  );
  return reports;
}

export interface DestroyOptions extends EngineOptions {
  yes?: boolean;
  /** Also delete data mlship keeps by default (captured requests). */
  force?: boolean;
}

/** Deletes what mlship created for an environment, downstream targets first. Asks first in a TTY; needs --yes otherwise. */
export async function destroy(options: DestroyOptions): Promise<DestroyReport[]> {
  const engine = await prepareEngine(options);
  const { host } = options;
  const env = engine.resolved.env;
  if (!options.yes) {
    if (!host.interactive) {
      throw userError(
        'CONFIRMATION_REQUIRED',
        `Refusing to destroy ${engine.resolved.config.name} (${env}) without confirmation.`,
        'Pass --yes to destroy from a script or CI.',
      );
    }
    const go = await host.confirm(`Destroy every resource of ${engine.resolved.config.name} in ${env}?`, {
      default: false,
    });
    if (!go) throw userError('ABORTED', 'Destroy cancelled; nothing was deleted.');
  }
  const reports: DestroyReport[] = [];
  for (let index = engine.targets.length - 1; index >= 0; index--) {
    const { entry, deployer } = engine.targets[index]!;
    const ctx = { ...engine.context(engine.upstreamOf(index)), ...(options.force ? { force: true } : {}) };
    reports.push(await step(entry.name, () => deployer.destroy(ctx)));
    // Written after each target, so a failure further up the chain leaves the file true to what still exists.
    if (entry.name in engine.lastOutputs) {
      await writeOutputs(engine.resolved.file, env, { [entry.name]: undefined });
    }
  }
  const lines = reports.flatMap((report) => [
    `${report.target}: deleted ${report.deleted.length}, left ${report.skipped.length}`,
    ...report.deleted.map((item) => `  - ${item.resource} ${item.id}`),
    ...report.skipped.map((item) => `  = ${item.resource} ${item.id} (${item.reason})`),
  ]);
  host.result({ env, targets: reports }, lines.join('\n'));
  return reports;
}
