import type { Command } from 'commander';
import { defineCall } from './call.define.js';
import { defineCompletion } from './completion.define.js';
import { defineDeploy } from './deploy.define.js';
import { defineDestroy } from './destroy.define.js';
import { defineDev } from './dev.define.js';
import { defineDoctor } from './doctor.define.js';
import { defineInit } from './init.define.js';
import { defineLoadtest } from './loadtest.define.js';
import { defineLogs } from './logs.define.js';
import { defineRollback } from './rollback.define.js';
import { defineSchema } from './schema.define.js';
import { defineStatus } from './status.define.js';
import { defineValidate } from './validate.define.js';

/**
 * Every command is split in two: `<name>.define.ts` declares its flags (cheap, loaded for --help) and its action
 * lazily imports `<name>.run.ts`, so `mlship --help` and `mlship init` never load zod, YAML or an AWS SDK.
 */
export function registerCommands(program: Command): void {
  defineInit(program);
  defineValidate(program);
  defineSchema(program);
  defineDoctor(program);
  defineDeploy(program);
  defineStatus(program);
  defineRollback(program);
  defineDestroy(program);
  defineDev(program);
  defineCall(program);
  defineLogs(program);
  defineLoadtest(program);
  defineCompletion(program);
}
