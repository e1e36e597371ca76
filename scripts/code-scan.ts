/**
 * Finds every error and notice code the packages' source uses: the first argument of `new MlshipError(`,
 * `userError(`, `deployError(` (and any helper in CODE_HELPERS), and `code:` properties (notify calls, IoMessages).
 * A code built from a template (`AWS_${name}`) is reported as a pattern (`AWS_*`); a code in a variable as dynamic.
 * Used by test/codes.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** Calls that take a code, and the position of that argument. */
export const CODE_HELPERS = new Map([
  ['MlshipError', 0],
  ['userError', 0],
  ['deployError', 0],
  // deployer-sagemaker's apply: say(ctx, message, code?)
  ['say', 2],
]);
/** Packages that are test infrastructure, not mlship: their codes are AWS's, never shown by mlship. */
const NOT_SCANNED = new Set(['test-support']);

export interface CodeUse {
  /** The code, or a pattern such as `AWS_*` for a template literal. */
  code: string;
  file: string;
  line: number;
  /** The helper it was passed to (`userError`, …); absent for a `code:` property. */
  helper?: string;
  dynamic?: boolean;
}

const CODE_SHAPE = /^[A-Z][A-Z0-9_]*\*?$/;

/** The codes an expression can evaluate to: string literals (also inside `a ? 'X' : 'Y'`) and template prefixes. */
function codesIn(node: ts.Node, found: string[] = []): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push(node.text);
  else if (ts.isTemplateExpression(node)) found.push(`${node.head.text}*`);
  else if (ts.isConditionalExpression(node)) {
    codesIn(node.whenTrue, found);
    codesIn(node.whenFalse, found);
  } else if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) codesIn(node.expression, found);
  else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) {
    codesIn(node.left, found);
    codesIn(node.right, found);
  }
  return found;
}

function calleeName(node: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

export function scanSource(file: string, text: string): CodeUse[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const uses: CodeUse[] = [];
  const record = (expression: ts.Expression, at: ts.Node, helper?: string) => {
    const line = source.getLineAndCharacterOfPosition(at.getStart(source)).line + 1;
    const codes = codesIn(expression).filter((code) => CODE_SHAPE.test(code));
    const via = helper === undefined ? {} : { helper };
    if (codes.length === 0)
      uses.push({ code: expression.getText(source), file, line, ...via, dynamic: true });
    for (const code of codes) uses.push({ code, file, line, ...via });
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const name = calleeName(node);
      const index = name === undefined ? undefined : CODE_HELPERS.get(name);
      const argument = index === undefined ? undefined : node.arguments?.[index];
      if (argument) record(argument, node, name);
    }
    if (
      ts.isPropertyAssignment(node) &&
      (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) &&
      node.name.text === 'code' &&
      codesIn(node.initializer).some((code) => CODE_SHAPE.test(code))
    ) {
      record(node.initializer, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every code use under packages/<pkg>/src of the repository at `root`. */
export function scanRepository(root: string): CodeUse[] {
  const packages = join(root, 'packages');
  return readdirSync(packages)
    .filter((name) => !NOT_SCANNED.has(name))
    .flatMap((name) => {
      const src = join(packages, name, 'src');
      try {
        return tsFiles(src);
      } catch {
        return [];
      }
    })
    .flatMap((file) => scanSource(relative(root, file), readFileSync(file, 'utf8')));
}

/** True when `code` is in the table, directly or through a pattern entry such as `AWS_*`. */
export function isRegistered(code: string, table: Readonly<Record<string, unknown>>): boolean {
  if (code in table) return true;
  return Object.keys(table).some((key) => key.endsWith('*') && code.startsWith(key.slice(0, -1)));
}
