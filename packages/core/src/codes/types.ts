export type CodeKind = 'user' | 'deploy' | 'internal' | 'notice';

/** One error or notice code: what kind it is, how the CLI exits on it, what it means and how to fix it. */
export interface CodeInfo {
  kind: CodeKind;
  /** Exit code when thrown: 2 user/config errors, 1 failed deploys and internal errors; notices have none. */
  exit?: 1 | 2;
  meaning: string;
  fix?: string;
}

export type CodeTable = Readonly<Record<string, CodeInfo>>;
