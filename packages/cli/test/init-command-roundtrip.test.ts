import { completeAnswers, equivalentCommand, type InitAnswers, resolveAnswers } from '@mlship/scaffold';
import type { Command } from 'commander';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InitCommandFlags } from '../src/commands/init.define.js';
import { buildProgram } from '../src/program.js';

/** Splits a POSIX shell line the way sh would for words made by shellWord (bare, or '...' with '"'"'). */
function shellSplit(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      const end = line.indexOf('"', i + 1);
      word += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === ' ') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Parses `npx mlship init ...` with the real commander definition, without running the command. */
function parseInit(line: string): { model?: string; flags: InitCommandFlags } {
  const program = buildProgram();
  const init = program.commands.find((c) => c.name() === 'init') as Command;
  let captured: { model?: string; flags: InitCommandFlags } = { flags: {} };
  init.action((model: string | undefined, flags: InitCommandFlags) => {
    captured = { ...(model === undefined ? {} : { model }), flags };
  });
  program.parse(['node', 'mlship', ...shellSplit(line).slice(2)]);
  return captured;
}

const tagText = fc.stringMatching(/^[A-Za-z0-9 _.:/=+\-@]{1,12}$/).filter((t) => t.trim() === t);
const arb = fc.record({
  name: fc.stringMatching(/^[a-zA-Z](-?[a-zA-Z0-9]){1,12}$/),
  environments: fc.subarray(['dev', 'qa', 'staging', 'prod'] as const, { minLength: 1 }),
  fronts: fc.dictionary(fc.constantFrom('dev', 'prod'), fc.constantFrom('apigateway', 'apigee', 'none')),
  region: fc.constantFrom('eu-west-1', 'us-east-1'),
  instanceCount: fc.integer({ min: 1, max: 4 }),
  autoscaling: fc.record({ enabled: fc.boolean(), min: fc.constant(1), max: fc.integer({ min: 4, max: 9 }) }),
  cache: fc.oneof(
    fc.record({ enabled: fc.constant(false) }),
    fc.record({
      enabled: fc.constant(true),
      // A password would be printed as ${REDIS_PASSWORD} (never in clear), so the round trip uses a URL without one.
      redisUrl: fc.constant('rediss://h:6380/1'),
      ttl: fc.nat(9999),
    }),
  ),
  team: tagText,
  tags: fc.dictionary(
    tagText.filter((k) => !k.toLowerCase().startsWith('aws:')),
    tagText,
    { maxKeys: 3 },
  ),
  git: fc.boolean(),
});

function accepted(given: Parameters<typeof completeAnswers>[0]): InitAnswers | undefined {
  try {
    return completeAnswers(given);
  } catch {
    return undefined;
  }
}

describe('the command printed after the prompts', () => {
  it('parses back, through the real flag definitions, into the same answers', async () => {
    await fc.assert(
      fc.asyncProperty(arb, async (given) => {
        const answers = accepted(given as Parameters<typeof completeAnswers>[0]);
        fc.pre(answers !== undefined);
        const { model, flags } = parseInit(equivalentCommand(answers as InitAnswers));
        const again = await resolveAnswers({ ...flags, ...(model ? { name: model } : {}) }, undefined, {
          yes: true,
          env: {},
        });
        expect(again.answers).toEqual(answers);
      }),
      { numRuns: 80 },
    );
  });
});
