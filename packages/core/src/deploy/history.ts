import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Outputs } from './contract.js';
import { writeJsonAtomically } from './outputs-file.js';
import { TARGETS, type TargetEntry } from './targets.js';

/** One deploy (or rollback) that changed the environment: the version each target served after it. */
export interface HistoryEntry {
  seq: number;
  at: string;
  kind: 'deploy' | 'rollback';
  imageTag?: string;
  /** The target's version identity (`TargetEntry.versionKey` of its outputs), per target. */
  versions: Record<string, string>;
  /** For a rollback made from the history: the `seq` of the deploy whose versions it returned to. */
  restores?: number;
}

/** Old entries beyond this are dropped; a rollback cannot walk back further than the history reaches. */
export const HISTORY_LIMIT = 100;

/** `.mlship/<env>.history.json`, next to the outputs file. */
export function historyPath(releaseFile: string, env: string): string {
  return join(dirname(releaseFile), '.mlship', `${env}.history.json`);
}

/** The history of an environment; absent or unreadable is no history (a warning says why). */
export async function readHistory(
  releaseFile: string,
  env: string,
  onUnreadable: (why: string) => void = () => {},
): Promise<HistoryEntry[]> {
  const path = historyPath(releaseFile, env);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onUnreadable(`${path}: ${String(error)}`);
    return [];
  }
  try {
    const entries = (JSON.parse(text) as { entries?: unknown }).entries;
    if (Array.isArray(entries)) return entries.filter(isEntry);
    onUnreadable(`${path} has no "entries" list`);
  } catch (error) {
    onUnreadable(`${path} is not JSON (${(error as Error).message})`);
  }
  return [];
}

function isEntry(value: unknown): value is HistoryEntry {
  const entry = value as HistoryEntry;
  return typeof entry?.seq === 'number' && typeof entry.versions === 'object' && entry.versions !== null;
}

/** The version identity of every target that has one in its outputs (a target entry without `versionKey` uses the built-in one of its name). */
export function versionsOf(
  targets: readonly TargetEntry[],
  outputs: Record<string, Outputs>,
): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const { name, versionKey = TARGETS.find((t) => t.name === name)?.versionKey } of targets) {
    const value = versionKey ? outputs[name]?.[versionKey] : undefined;
    if ((typeof value === 'string' && value) || typeof value === 'number') versions[name] = String(value);
  }
  return versions;
}

/** Appends an entry (numbered after the last one) and writes the file atomically, without secrets. */
export async function appendHistory(
  releaseFile: string,
  env: string,
  entry: Omit<HistoryEntry, 'seq'>,
): Promise<HistoryEntry> {
  const entries = await readHistory(releaseFile, env);
  const added: HistoryEntry = { seq: (entries.at(-1)?.seq ?? 0) + 1, ...entry };
  const kept = [...entries, added].slice(-HISTORY_LIMIT);
  await writeJsonAtomically(historyPath(releaseFile, env), env, { env, entries: kept });
  return added;
}

/**
 * Where a rollback goes: the state before the one serving. A deploy replaced the state of the entry before it; a
 * history rollback stands for the deploy it restored, so rolling back twice keeps walking back (a stack), and a
 * deploy after a rollback is undone to the rolled-back state.
 */
export function rollbackTarget(
  entries: readonly HistoryEntry[],
): { from: HistoryEntry; to: HistoryEntry } | undefined {
  const bySeq = new Map(entries.map((entry, index) => [entry.seq, index]));
  const effective = (index: number): number | undefined => {
    const entry = entries[index];
    if (entry?.kind === 'rollback' && entry.restores !== undefined) return bySeq.get(entry.restores);
    return index;
  };
  const last = entries.length - 1;
  if (last < 0) return undefined;
  const serving = effective(last);
  if (serving === undefined || serving === 0) return undefined;
  const before = effective(serving - 1);
  if (before === undefined) return undefined;
  return { from: entries[last]!, to: entries[before]! };
}
