/** Asks a yes/no question on `output` (stderr when stdout is piped or carries JSON), reading the answer from stdin. */
export type Asker = (question: string, defaultAnswer: boolean) => Promise<boolean>;

export function askOn(output: NodeJS.WritableStream): Asker {
  return async (question, defaultAnswer) => {
    const { confirm } = await import('@inquirer/prompts');
    try {
      return await confirm({ message: question, default: defaultAnswer }, { output });
    } catch (error) {
      // Ctrl-C at a yes/no question is a "no", so the command reports its own cancellation (exit 2).
      if (error instanceof Error && error.name === 'ExitPromptError') return false;
      throw error;
    }
  };
}
