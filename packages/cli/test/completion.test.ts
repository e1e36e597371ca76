import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCompletion } from '../src/commands/completion.run.js';

async function script(shell: string): Promise<string> {
  let text = '';
  const out = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  await runCompletion(shell, out);
  return text;
}

const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'mlship-completion-'));
writeFileSync(
  join(dir, 'release.yaml'),
  'name: demo\nregion: eu-west-1\nenvironments:\n  dev:\n    front: apigateway\n  prod: {}\ntags: {}\n',
);
writeFileSync(join(dir, 'other.yaml'), 'environments:\n  qa: {}\n');

const COMMANDS = ['init', 'validate', 'schema', 'deploy', 'status', 'rollback', 'destroy', 'completion'];
const FLAGS = ['--framework', '--model-file', '--instance-type', '--install', '--env', '--file', '--dry-run'];

describe.each(['bash', 'zsh', 'fish'])('mlship completion %s', (shell) => {
  // zsh and fish are checked where they are installed (apt-get install -y zsh fish); bash always is.
  it.skipIf(!has(shell))('is a script the shell parses, covering every command and flag', async () => {
    const text = await script(shell);
    const file = join(dir, `mlship.${shell}`);
    writeFileSync(file, text);
    const check = spawnSync(shell, ['-n', file], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    for (const word of COMMANDS) expect(text).toContain(word);
    for (const flag of FLAGS) expect(text).toContain(shell === 'fish' ? `-l ${flag.slice(2)}` : flag);
    expect(text).toContain('ml.m5.large');
    expect(text).toContain('eu-central-1');
  });
});

describe('the completions offered', () => {
  const bash = (line: string[], cwd = dir) =>
    execFileSync(
      'bash',
      [
        '-c',
        `source "$0"; COMP_WORDS=(${line.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${line.length - 1}; _mlship; echo "\${COMPREPLY[*]}"`,
        join(dir, 'mlship.sh'),
      ],
      { cwd, encoding: 'utf8' },
    ).trim();

  it('bash: commands, flag values, and the environments of release.yaml (or of --file)', async () => {
    writeFileSync(join(dir, 'mlship.sh'), await script('bash'));
    expect(bash(['mlship', 'de'])).toBe('deploy destroy dev');
    expect(bash(['mlship', 'init', '--framework', ''])).toBe('onnx custom');
    expect(bash(['mlship', 'validate', '--env', ''])).toBe('dev prod');
    expect(bash(['mlship', 'deploy', '--file', 'other.yaml', '-e', ''])).toBe('qa');
    expect(bash(['mlship', 'completion', 'f'])).toBe('fish');
    expect(bash(['mlship', 'validate', '--env', ''], tmpdir())).toBe('');
  });

  it.skipIf(!has('fish'))('fish: the environments of release.yaml and the flags of a command', async () => {
    const file = join(dir, 'mlship.fish');
    writeFileSync(file, await script('fish'));
    const complete = (line: string) =>
      execFileSync('fish', ['-c', `source ${file}; complete -C '${line}'`], { cwd: dir, encoding: 'utf8' })
        .split('\n')
        .map((row) => row.split('\t')[0])
        .filter(Boolean);
    expect(complete('mlship validate --env ')).toEqual(['dev', 'prod']);
    expect(complete('mlship init --fram')).toEqual(['--framework']);
  });

  it('zsh: each command is a name:description item of _describe', async () => {
    const text = await script('zsh');
    expect(text).toContain(
      "    'validate:check release.yaml and print the resolved settings of one or every environment'",
    );
    expect(text).toContain(
      "    'schema:print the JSON Schema of release.yaml (for editors: # yaml-language-server: $schema=...)'",
    );
  });

  it('an unknown shell is COMPLETION_SHELL (exit 2)', async () => {
    await expect(script('tcsh')).rejects.toMatchObject({ code: 'COMPLETION_SHELL', exitCode: 2 });
  });
});
