import { deployError, MlshipError, userError } from '../errors.js';
import { step } from './aws-errors.js';
import { type EngineOptions, prepareEngine } from './context.js';
import type { RollbackReport } from './contract.js';
import { appendHistory, type HistoryEntry, readHistory, rollbackTarget, versionsOf } from './history.js';
import { writeOutputs } from './outputs-file.js';

export interface RollbackOptions extends EngineOptions {
  /** The endpoint config (or the target's version id) to return to; default: the previous one. */
  to?: string;
}

/** A target's answer that it has nothing to go back to; without history it no longer stops the other targets. */
const NOTHING_TO_ROLL_BACK = new Set([
  'NO_PREVIOUS_VERSION',
  'ALREADY_CURRENT',
  'APIGEE_ROLLBACK_NO_REVISION',
]);

/**
 * Undoes the last deploy: every target whose version differs between the last two states of the deploy history
 * returns to the earlier one, in chain order; the others stay. Without history (or with `--to`), every target that
 * supports it goes back on its own.
 */
export async function rollback(options: RollbackOptions): Promise<RollbackReport[]> {
  const engine = await prepareEngine(options);
  const { file, env } = engine.resolved;
  const entries = engine.targets.map((t) => t.entry);
  const history =
    options.to === undefined
      ? await readHistory(file, env, (why) =>
          options.host.notify({
            level: 'warn',
            code: 'HISTORY_UNREADABLE',
            message: `ignoring history: ${why}`,
          }),
        )
      : [];
  const back = rollbackTarget(history);
  const current = versionsOf(entries, engine.lastOutputs);
  const reports: RollbackReport[] = [];
  const nothing: MlshipError[] = [];
  const known = { ...engine.lastOutputs };
  const stayed = new Set<string>();
  const moved = () => reports.filter((report) => !stayed.has(report.target) && report.from !== report.to);
  const record = () =>
    writeOutputs(
      file,
      env,
      Object.fromEntries(moved().map((report) => [report.target, known[report.target]])),
    );
  const stay = (target: string, version: string | undefined) => {
    stayed.add(target);
    reports.push({ target, from: version, to: version ?? '', outputs: {} });
  };

  for (const [index, { entry, deployer }] of engine.targets.entries()) {
    const rollbackTo = deployer.rollback?.bind(deployer);
    if (!rollbackTo) continue;
    let to = options.to;
    // A target the history holds no version of follows the targets before it: it goes back when one of them did.
    const follows =
      back !== undefined && !(entry.name in back.from.versions) && !(entry.name in back.to.versions);
    if (back && !(follows && moved().length > 0)) {
      const now = back.from.versions[entry.name];
      const then = back.to.versions[entry.name];
      if (then === undefined || then === now) {
        stay(entry.name, now ?? current[entry.name]);
        continue;
      }
      to = then;
    }
    const ctx = engine.context(engine.upstreamOf(index, known));
    try {
      const report = await step(entry.name, () => rollbackTo(ctx, to));
      known[entry.name] = { ...known[entry.name], ...report.outputs };
      reports.push(report);
    } catch (error) {
      if (
        error instanceof MlshipError &&
        // Already at the version asked for: a rollback that failed part way, run again.
        (error.code === 'ALREADY_CURRENT' || ((!back || follows) && NOTHING_TO_ROLL_BACK.has(error.code)))
      ) {
        options.host.notify({ level: 'info', code: error.code, message: `${entry.name}: ${error.message}` });
        nothing.push(error);
        stay(entry.name, current[entry.name]);
        continue;
      }
      // The targets before this one did move: the outputs file and the person must know, not only the error.
      if (moved().length > 0) {
        await record();
        options.host.notify({
          level: 'warn',
          message: `Rolled back before ${entry.name} failed: ${moved()
            .map((r) => `${r.target} ${r.from ?? '(none)'} → ${r.to}`)
            .join(', ')}.`,
          data: { rolledBack: moved() },
        });
      }
      throw error;
    }
  }
  if (reports.length === 0)
    throw deployError('ROLLBACK_UNSUPPORTED', 'No target of this environment supports rollback.');
  if (moved().length === 0 && nothing[0]) throw nothing[0];
  if (moved().length === 0 && back) {
    throw userError(
      'ROLLBACK_NOTHING',
      `The deploy before the last one (${describe(back.to)}) left every target at the version it serves now.`,
      'Nothing was changed. `mlship status` shows what serves; `--to <endpoint-config>` picks a SageMaker config.',
    );
  }
  await record();
  if (moved().length > 0) {
    await appendHistory(file, env, {
      at: new Date(engine.context({}).clock.now()).toISOString(),
      kind: 'rollback',
      ...(back?.to.imageTag ? { imageTag: back.to.imageTag } : {}),
      versions: { ...current, ...versionsOf(entries, known) },
      ...(back ? { restores: back.to.seq } : {}),
    });
  }
  options.host.result(
    { env, targets: reports, ...(back ? { restored: back.to } : {}) },
    reports
      .map((report) =>
        !stayed.has(report.target) && report.from !== report.to
          ? `${report.target}: rolled back ${report.from ?? '(none)'} → ${report.to}`
          : report.to
            ? `${report.target}: unchanged (already at ${report.to})`
            : `${report.target}: unchanged`,
      )
      .join('\n'),
  );
  return reports;
}

function describe(entry: HistoryEntry): string {
  return `${entry.kind} #${entry.seq} at ${entry.at}${entry.imageTag ? `, image ${entry.imageTag}` : ''}`;
}
