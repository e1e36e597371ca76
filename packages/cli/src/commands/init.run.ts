import { MlshipError } from '@mlship/core';
import {
  ANSWER_FLAGS,
  completeAnswers,
  detectMlshipSource,
  equivalentCommand,
  type InitAnswers,
  type InitResult,
  init,
  isInsideWorkTree,
  resolveAnswers,
} from '@mlship/scaffold';
import { createIoHost, hostKind } from '../io/create-host.js';
import { VERSION } from '../program.js';
import type { InitCommandFlags } from './init.define.js';

export async function runInit(model: string | undefined, flags: InitCommandFlags): Promise<number> {
  const host = createIoHost(flags);
  const interactive = hostKind(flags) === 'interactive';
  const ctx = { env: process.env, insideGitTree: await isInsideWorkTree(flags.dir ?? '.') };
  const {
    answers: resolvedAnswers,
    given,
    missing,
  } = await resolveAnswers({ ...flags, ...(model === undefined ? {} : { name: model }) }, flags.answers, {
    ...ctx,
    yes: Boolean(flags.yes),
    interactive,
  });

  let answers: InitAnswers;
  let prompted = false;
  if (resolvedAnswers) {
    answers = resolvedAnswers;
  } else if (interactive) {
    const { askForGaps } = await import('../prompts/ask-answers.js');
    const filled = await askForGaps(given, ctx, flags.yes ? missing : undefined).catch(cancelled);
    answers = completeAnswers(filled, ctx);
    prompted = missing.length > 0;
  } else {
    const lines = missing.map((path) => `  ${ANSWER_FLAGS[path]}`);
    throw new MlshipError(
      'INIT_ANSWERS_MISSING',
      `No terminal to ask in, and these answers are missing:\n${lines.join('\n')}`,
      {
        hint: 'Pass them as flags (or in --answers <file.json>); --yes takes the defaults for everything else.',
        details: { missing },
      },
    );
  }

  const mlshipSource = flags.vendor === false ? undefined : detectMlshipSource();
  const result = await init(answers, {
    force: Boolean(flags.force),
    dryRun: Boolean(flags.dryRun),
    mlshipVersion: VERSION,
    ...(mlshipSource ? { mlshipSource } : {}),
    onUnvendored: (names) =>
      host.notify({
        level: 'warn',
        code: 'INIT_VENDOR_PARTIAL',
        message: `${mlshipSource?.description} does not hold ${names.join(', ')}: package.json names the registry version, which npm install needs to find`,
      }),
  });
  host.result(
    { ...summaryData(answers, result), vendoredFrom: mlshipSource?.description ?? null },
    summaryText(answers, result, mlshipSource?.description),
  );
  if (prompted) {
    host.notify({
      level: 'info',
      message: `\nThe same, without the questions:\n  ${equivalentCommand(answers)}`,
    });
  }
  return 0;
}

function cancelled(error: unknown): never {
  if (error instanceof Error && error.name === 'ExitPromptError') {
    throw new MlshipError('INIT_CANCELLED', 'Cancelled: nothing was written.');
  }
  throw error;
}

function summaryData(answers: InitAnswers, result: InitResult) {
  return {
    name: answers.name,
    dir: result.dir,
    dryRun: result.dryRun,
    files: result.files,
    overwritten: result.overwritten,
    git: result.git ?? null,
    gitPlan: result.gitPlan,
  };
}

function summaryText(answers: InitAnswers, result: InitResult, vendoredFrom?: string): string {
  const lines: string[] = [];
  const verb = result.dryRun ? 'Would write' : 'Wrote';
  lines.push(`${verb} ${result.files.length} files to ${result.dir}:`);
  for (const file of result.files) {
    lines.push(`  ${file}${result.overwritten.includes(file) ? '  (overwritten)' : ''}`);
  }
  if (vendoredFrom) {
    lines.push(
      `mlship packages: packed from ${vendoredFrom} into vendor/mlship/ (package.json names them as file:)`,
    );
  }
  const plan = result.gitPlan;
  if (result.git) {
    const how = result.git.initialized ? 'initialized a git repository, ' : '';
    lines.push(`Git: ${how}committed ${result.git.commit} on ${result.git.branch}`);
  } else if (plan.action === 'skip') {
    lines.push(`Git: skipped (${plan.reason})`);
  } else {
    lines.push(`Git: would ${plan.action === 'init' ? 'run git init, then ' : ''}commit on ${plan.branch}`);
  }
  if (!result.dryRun) {
    lines.push(
      '',
      'Next:',
      `  cd ${answers.dir}`,
      '  npm install && npm test',
      '  npm run dev              # the server on :8080',
    );
    lines.push('  edit release.yaml, then npx mlship validate; CI deploys with mlship deploy --env <env>');
  }
  return lines.join('\n');
}
