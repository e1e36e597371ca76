import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

export interface ImageRecord {
  project: string;
  builder: string;
  sizeMB: number;
  buildSeconds: number;
  /** From `docker run` to /ping 200. */
  readySeconds: number;
  /** From `docker run` to the HEALTHCHECK reporting healthy (interval overridden to 1 s). */
  healthySeconds: number;
}

const START = '<!-- image-sizes:start (written by test/docker-image.test.ts) -->';
const END = '<!-- image-sizes:end -->';

/**
 * Writes bench/results/image.json (every run) and the size table in docs/performance.md (only when a size
 * changed, so a re-run leaves the docs alone).
 */
export function recordImages(root: string, records: ImageRecord[], engine: string, base: string): void {
  const result = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? '',
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    },
    engine,
    base,
    images: records,
  };
  writeFileSync(join(root, 'bench', 'results', 'image.json'), `${JSON.stringify(result, null, 2)}\n`);

  const docs = join(root, 'docs', 'performance.md');
  const text = readFileSync(docs, 'utf8');
  const rows = records.map(
    (r) => `| ${r.project.padEnd(9)} | ${r.builder.padEnd(8)} | ${String(r.sizeMB).padStart(7)} |`,
  );
  const table = [
    START,
    '| project   | builder  | size MB |',
    '| --------- | -------- | ------: |',
    ...rows,
    END,
  ].join('\n');
  const current = text.includes(START) ? text.slice(text.indexOf(START), text.indexOf(END) + END.length) : '';
  if (current === table) return;
  writeFileSync(docs, current ? text.replace(current, table) : `${text.trimEnd()}\n\n${table}\n`);
}
