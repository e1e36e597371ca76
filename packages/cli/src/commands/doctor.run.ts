import { engineOptionsFrom } from './deploy.common.js';
import type { DoctorFlags } from './doctor.define.js';
import { requireDoctor } from './doctor.load.js';

/** Exit 0 when no check is ✖, 1 otherwise; --print-policy prints the policy JSON on stdout. */
export async function runDoctor(flags: DoctorFlags): Promise<number> {
  const { host, options } = engineOptionsFrom(flags);
  const { doctor, printPolicy, renderRows } = await requireDoctor(flags.file);
  const engine = { ...options, ...(flags.imageTag === undefined ? {} : { imageTag: flags.imageTag }) };
  if (flags.printPolicy) {
    const { policy } = await printPolicy(engine);
    host.result(JSON.parse(policy), policy);
    return 0;
  }
  const report = await doctor({
    ...engine,
    requestIncrease: Boolean(flags.requestIncrease),
    yes: Boolean(flags.yes),
  });
  const { ok, fail, warn } = report.summary;
  host.result(
    report,
    `${renderRows(report.rows)}\n${report.env}: ${ok} ✔, ${fail} ✖, ${warn} ⚠${fail > 0 ? ' — fix the ✖ rows before deploying' : ''}`,
  );
  return fail > 0 ? 1 : 0;
}
