import { MlshipError } from '@mlship/core/base';
import { bashScript } from '../completion/bash.js';
import { fishScript } from '../completion/fish.js';
import { completionSpec, SHELLS } from '../completion/spec.js';
import { zshScript } from '../completion/zsh.js';

const SCRIPTS = { bash: bashScript, zsh: zshScript, fish: fishScript };

export async function runCompletion(
  shell: string,
  stdout: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  if (!(SHELLS as readonly string[]).includes(shell)) {
    throw new MlshipError('COMPLETION_SHELL', `no completion for the shell ${JSON.stringify(shell)}`, {
      hint: `use one of ${SHELLS.join(', ')}`,
    });
  }
  const { buildProgram } = await import('../program.js');
  const { commands, global } = completionSpec(buildProgram());
  stdout.write(SCRIPTS[shell as keyof typeof SCRIPTS](commands, global));
  return 0;
}
