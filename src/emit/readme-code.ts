/**
 * The README's TypeScript examples, printed as prettier prints a `ts` code block of a Markdown
 * file (it formats them with its TypeScript printer and the house options).
 *
 * Each statement that can break (imports, declarations of a call's result, calls with an object
 * argument) is a prettier *doc* built the way prettier's estree printer builds it for that
 * construct (the same groups, conditional groups, assignment layouts; see
 * `prettier.__debug.printToDoc`) and laid out with prettier's own doc printer (`prettier/doc`);
 * the fixed lines around them are written as prettier leaves them. Literals, arrays and object
 * literals are printer.ts's expressions and imports print-declarations.ts's; this module adds
 * what the examples need besides: calls of a name or a method with a last object argument
 * hugged, `new`, `await`, `const` with a name or an object pattern, index reads, line comments.
 * A key that prettier may print otherwise (a non-ASCII key that may be an identifier, marked by
 * print-literals.ts) or a line that cannot fit makes the block {@link CodeBlock.unsure}: the
 * README then goes through prettier after all.
 */
import { builders, printer } from 'prettier/doc';
import { importDoc } from './print-declarations.js';
import { isUnsure } from './print-literals.js';
import { stringWidth } from './print-markdown.js';
import { exprDoc, id, jsonExpr, PRINT_WIDTH, quote, type Expr } from './printer.js';

type Doc = builders.Doc;

const {
  group,
  indent,
  line,
  softline,
  ifBreak,
  conditionalGroup,
  indentIfBreak,
  join,
  lineSuffix,
  lineSuffixBoundary,
} = builders;

/**
 * An expression of an example: one of printer.ts (names, literals, object literals), a call,
 * or `await`.
 */
export type Code =
  | { kind: 'expr'; expr: Expr }
  | { kind: 'call'; callee: Callee; args: Code[]; isNew?: boolean }
  | { kind: 'await'; arg: Code };

/** What is called: a name, or a method of an object (`api.X`, `api['x y']`, `new A().x`). */
export type Callee = string | { object: string | Code; method: string };

/** Expression builders. */
export const name = (text: string): Code => ({ kind: 'expr', expr: id(text) });
/** A JSON value as an object literal, array or literal (printer.ts's `jsonExpr`). */
export const json = (value: unknown): Code => ({ kind: 'expr', expr: jsonExpr(value) });
/** An object literal of expressions, keys as identifiers (`{ body: …, params: … }`). */
export const object = (properties: Record<string, Code>): Code => ({
  kind: 'expr',
  expr: {
    kind: 'object',
    properties: Object.entries(properties).map(([key, value]) => ({ key, value: toExpr(value) })),
  },
});
export const call = (callee: Callee, ...args: Code[]): Code => ({ kind: 'call', callee, args });
export const construct = (text: string, ...args: Code[]): Code => ({
  kind: 'call',
  callee: text,
  args,
  isNew: true,
});
export const awaited = (arg: Code): Code => ({ kind: 'await', arg });

/** The printer.ts expression of a property value (calls and `await` are not property values). */
function toExpr(code: Code): Expr {
  if (code.kind !== 'expr') throw new TypeError('readme-code: a call as a property value');
  return code.expr;
}

/** A plain identifier (ASCII: prettier's ES5 identifier test agrees on these). */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** An object literal with at least one property: prettier hugs it as a last argument. */
const isHuggable = (code: Code | undefined): boolean =>
  code?.kind === 'expr' && code.expr.kind === 'object' && code.expr.properties.length > 0;

/** The doc of an expression. */
function codeDoc(code: Code): Doc {
  switch (code.kind) {
    case 'expr':
      return exprDoc(code.expr);
    case 'await':
      return ['await', ' ', codeDoc(code.arg)];
    case 'call':
      return callDoc(code);
  }
}

/** Prettier's call: its callee (a short member chain is one group) and its arguments. */
function callDoc(code: Code & { kind: 'call' }): Doc {
  const args = argumentsDoc(code.args);
  if (typeof code.callee === 'string') {
    return [code.isNew === true ? 'new ' : '', code.callee, lineSuffixBoundary, args];
  }
  const { object: target, method } = code.callee;
  const targetDoc = typeof target === 'string' ? target : codeDoc(target);
  if (IDENTIFIER.test(method)) return group([targetDoc, '.', method, args]);
  return group([targetDoc, group(['[', indent([softline, quote(method)]), softline, ']']), args]);
}

/** Prettier's `printCallArguments`: a last object argument is hugged when it can be. */
function argumentsDoc(args: Code[]): Doc {
  if (args.length === 0) return '()';
  const printed = args.map(codeDoc);
  if (!isHuggable(args.at(-1)) || isHuggable(args.at(-2))) {
    return group([
      '(',
      indent([softline, join([',', line], printed)]),
      ifBreak(','),
      softline,
      ')',
    ]);
  }
  const head = printed.slice(0, -1);
  const last = printed.at(-1)!;
  return conditionalGroup([
    ['(', join([',', line], printed), ')'],
    ['(', join([',', line], [...head, group(last, { shouldBreak: true })]), ')'],
    group(['(', indent([line, join([',', line], printed)]), ifBreak(','), line, ')'], {
      shouldBreak: true,
    }),
  ]);
}

/**
 * `const left = right;` with prettier's layout for our right-hand sides (calls, `await` of a
 * call): a call with no argument or one lone short one is "poorly breakable" (the line breaks
 * after `=` first); any other is laid out "fluid".
 */
function constantDoc(left: Doc, right: Code): Doc {
  const rightDoc = codeDoc(right);
  const assignment = isPoorlyBreakable(right)
    ? group([group(left), ' =', group(indent([line, rightDoc]))])
    : fluid(left, ' =', rightDoc);
  return group(['const', ' ', assignment, indent([]), ';']);
}

/** Prettier's "fluid" assignment layout: break the right side first, then after the operator. */
function fluid(left: Doc, operator: string, right: Doc): Doc {
  const id = Symbol('assignment');
  return group([
    group(left),
    operator,
    group(indent(line), { id }),
    lineSuffixBoundary,
    indentIfBreak(right, { groupId: id }),
  ]);
}

/**
 * Prettier's `isPoorlyBreakableMemberOrCallChain` (under `await`): a call of a name or of a
 * name's method with no argument or one lone short argument (a name or a string of at most a
 * quarter of the page).
 */
function isPoorlyBreakable(code: Code): boolean {
  const target = code.kind === 'await' ? code.arg : code;
  if (target.kind !== 'call' || target.isNew === true) return false;
  if (typeof target.callee !== 'string' && typeof target.callee.object !== 'string') return false;
  if (target.args.length === 0) return true;
  const [only] = target.args;
  if (target.args.length > 1 || only?.kind !== 'expr') return false;
  const expr = only.expr;
  if (expr.kind === 'id') return expr.name.length <= PRINT_WIDTH / 4;
  return expr.kind === 'string' && String(exprDoc(expr)).length <= PRINT_WIDTH / 4;
}

/** The text of a doc laid out at `column` (every line after the first is indented by it). */
function layout(doc: Doc, column: number): string {
  const { formatted } = printer.printDocToString(doc, {
    printWidth: PRINT_WIDTH - column,
    tabWidth: 2,
    useTabs: false,
  });
  const pad = ' '.repeat(column);
  return pad + formatted.replace(/\n(?=[^\n])/g, `\n${pad}`);
}

/**
 * A `ts` code block of the README, written line by line: fixed lines as they are, statements
 * laid out as prettier lays them out.
 */
export class CodeBlock {
  /** True when a statement holds something prettier may print otherwise (see the module). */
  unsure = false;

  private readonly lines: string[] = [];

  /**
   * Fixed lines, written as they are (already as prettier prints them).
   *
   * @param lines
   *   The lines, with their indentation.
   */
  text(...lines: string[]): this {
    this.lines.push(...lines);
    return this;
  }

  /**
   * An import of names from a module: one line when it fits, else one name per line.
   *
   * @param names
   *   The imported names as printed (`name`, `type Name`).
   * @param from
   *   The module specifier.
   */
  import(names: readonly string[], from: string): this {
    return this.statement(importDoc({ moduleSpecifier: from, namedImports: [...names] }));
  }

  /**
   * `const left = right;`, optionally followed by a line comment.
   *
   * @param left
   *   The declared name, or the names of an object pattern (`{ data, error }`).
   * @param right
   *   The initializer.
   * @param options
   *   `indent`: the block depth (2 spaces each); `comment`: a trailing `//` comment's text.
   */
  constant(
    left: string | readonly string[],
    right: Code,
    options: { indent?: number; comment?: string } = {},
  ): this {
    const leftDoc: Doc =
      typeof left === 'string'
        ? left
        : group(['{', indent([line, join([',', line], [...left])]), ifBreak(','), line, '}']);
    return this.statement(constantDoc(leftDoc, right), options);
  }

  /**
   * `object[key];` (an enum's value map read), optionally followed by a line comment.
   *
   * @param target
   *   The object's name.
   * @param key
   *   A string or number key.
   * @param comment
   *   A trailing `//` comment's text.
   */
  lookup(target: string, key: string | number, comment?: string): this {
    // Note: a number key (not a negative one, a unary expression) is no group of its own.
    const keyDoc = exprDoc(jsonExpr(key));
    return this.statement(
      [
        target,
        lineSuffixBoundary,
        typeof key === 'number' && key >= 0
          ? ['[', keyDoc, ']']
          : group(['[', indent([softline, keyDoc]), softline, ']']),
        ';',
      ],
      comment === undefined ? {} : { comment },
    );
  }

  /**
   * A line of code that prettier leaves as it is when it fits in the page (nothing in it can
   * break otherwise), optionally followed by a line comment (which may overflow); wider, it
   * makes the block unsure.
   *
   * @param code
   *   The line, without indentation.
   * @param comment
   *   A trailing `//` comment's text.
   */
  fits(code: string, comment?: string): this {
    if (stringWidth(code) > PRINT_WIDTH) this.unsure = true;
    if (comment !== undefined && /[\n\r\u2028\u2029]/.test(comment)) this.unsure = true;
    this.lines.push(comment === undefined ? code : `${code} // ${comment}`);
    return this;
  }

  private statement(doc: Doc, options: { indent?: number; comment?: string } = {}): this {
    const comment = options.comment;
    if (comment !== undefined && /[\n\r\u2028\u2029]/.test(comment)) this.unsure = true;
    const full: Doc = comment === undefined ? doc : [doc, lineSuffix([' ', `// ${comment}`])];
    this.lines.push(layout(full, 2 * (options.indent ?? 0)));
    if (isUnsure(doc)) this.unsure = true;
    return this;
  }

  /** The fenced block (no final newline). */
  toString(): string {
    return ['```ts', ...this.lines, '```'].join('\n');
  }
}
