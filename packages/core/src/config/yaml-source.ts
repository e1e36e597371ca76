import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
} from 'yaml';
import { type ConfigPath, dottedPath, type Problem } from './problems.js';
import { errorOffset, yamlErrorMessage } from './yaml-errors.js';

export interface Position {
  line: number;
  col: number;
}

/** Where a value sits in the file: the position of its key (absent for list items and the root) and of its value. */
export interface Located {
  key?: Position;
  value: Position;
  path: ConfigPath;
}

export interface YamlSource {
  value: unknown;
  /** Locations by `pathKey(path)` for every key and list item of the document. */
  locations: Map<string, Located>;
  problems: Problem[];
  /** True when the YAML could not be parsed at all: nothing else can be checked. */
  fatal: boolean;
}

/** Aliases can expand exponentially ("billion laughs"); no honest release.yaml has this many nodes. */
const MAX_NODES = 10_000;
/** release.yaml is a handful of levels deep; anything deeper is a mistake (and would exhaust the stack). */
const MAX_DEPTH = 64;

export function pathKey(path: ConfigPath): string {
  return path.join('\u0000');
}

interface WalkContext {
  doc: Document;
  lines: LineCounter;
  file: string;
  locations: Map<string, Located>;
  problems: Problem[];
  nodes: number;
  resolving: Set<Node>;
  tooDeep?: boolean;
}

function positionOf(ctx: WalkContext, offset: number | undefined): Position {
  return ctx.lines.linePos(offset ?? 0);
}

function problemAt(ctx: WalkContext, at: Position, path: string, message: string, hint?: string): void {
  ctx.problems.push({ file: ctx.file, ...at, path, message, severity: 'error', ...(hint ? { hint } : {}) });
}

function isEmptyScalar(node: unknown): boolean {
  return isScalar(node) && node.value === null && node.range?.[0] === node.range?.[1];
}

function walkMap(ctx: WalkContext, node: Node & { items: unknown[] }, path: (string | number)[]): unknown {
  const out: Record<string, unknown> = {};
  const firstLine = new Map<string, number>();
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    const keyNode = pair.key;
    const keyAt = positionOf(
      ctx,
      isScalar(keyNode) ? keyNode.range?.[0] : (keyNode as Node | null)?.range?.[0],
    );
    if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
      problemAt(
        ctx,
        keyAt,
        dottedPath(path),
        'expected a plain key (a name such as region), got a complex key',
      );
      continue;
    }
    const key = String(keyNode.value);
    const childPath = [...path, key];
    if (firstLine.has(key)) {
      problemAt(
        ctx,
        keyAt,
        dottedPath(childPath),
        `duplicate key (first defined on line ${firstLine.get(key)})`,
        'remove one of them',
      );
      continue;
    }
    firstLine.set(key, keyAt.line);
    const valueNode = pair.value as Node | null;
    const valueAt = valueNode && !isEmptyScalar(valueNode) ? positionOf(ctx, valueNode.range?.[0]) : keyAt;
    ctx.locations.set(pathKey(childPath), { key: keyAt, value: valueAt, path: childPath });
    Object.defineProperty(out, key, {
      value: walk(ctx, valueNode, childPath),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function walk(ctx: WalkContext, node: unknown, path: (string | number)[]): unknown {
  if (++ctx.nodes > MAX_NODES) return null;
  if (node === null || node === undefined) return null;
  if (path.length > MAX_DEPTH) {
    if (!ctx.tooDeep)
      problemAt(
        ctx,
        positionOf(ctx, (node as Node).range?.[0]),
        dottedPath(path.slice(0, 8)),
        `nested more than ${MAX_DEPTH} levels deep`,
      );
    ctx.tooDeep = true;
    return null;
  }
  if (isAlias(node)) {
    const target = node.resolve(ctx.doc) as Node | undefined;
    if (!target || ctx.resolving.has(target)) {
      problemAt(
        ctx,
        positionOf(ctx, node.range?.[0]),
        dottedPath(path),
        `alias *${node.source} cannot be resolved here`,
      );
      return null;
    }
    ctx.resolving.add(target);
    const value = walk(ctx, target, path);
    ctx.resolving.delete(target);
    return value;
  }
  if (isMap(node)) return walkMap(ctx, node as Node & { items: unknown[] }, path);
  if (isSeq(node)) {
    return node.items.map((item, index) => {
      const itemPath = [...path, index];
      const at = positionOf(ctx, (item as Node | null)?.range?.[0] ?? node.range?.[0]);
      ctx.locations.set(pathKey(itemPath), { value: at, path: itemPath });
      return walk(ctx, item, itemPath);
    });
  }
  if (isScalar(node)) return node.value;
  return null;
}

/** Parses YAML keeping the line and column of every key and value; syntax errors become problems. */
export function readYaml(text: string, file: string): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const ctx: WalkContext = {
    doc,
    lines,
    file,
    locations: new Map(),
    problems: [],
    nodes: 0,
    resolving: new Set(),
  };
  const errorLines = new Set<number>();
  for (const error of doc.errors) {
    const at = lines.linePos(errorOffset(doc, error.code, error.message, error.pos[0]));
    // Later errors on the same line are usually echoes of the first.
    if (errorLines.has(at.line)) continue;
    errorLines.add(at.line);
    const message = yamlErrorMessage(error.message);
    problemAt(ctx, at, '', `YAML syntax error: ${message}`);
  }
  for (const warning of doc.warnings) {
    ctx.problems.push({
      file,
      ...lines.linePos(warning.pos[0]),
      path: '',
      message: warning.message,
      severity: 'warning',
    });
  }
  if (ctx.problems.some((problem) => problem.severity === 'error'))
    return { value: undefined, locations: ctx.locations, problems: ctx.problems, fatal: true };
  const root = doc.contents as Node | null;
  const rootAt = positionOf(ctx, root?.range?.[0]);
  ctx.locations.set(pathKey([]), { value: rootAt, path: [] });
  const value = walk(ctx, root, []);
  if (ctx.nodes > MAX_NODES) {
    problemAt(ctx, rootAt, '', `the document expands to more than ${MAX_NODES} values (too many aliases)`);
    return { value: undefined, locations: ctx.locations, problems: ctx.problems, fatal: true };
  }
  return { value, locations: ctx.locations, problems: ctx.problems, fatal: false };
}
