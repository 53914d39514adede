/**
 * The README's TypeScript examples, printed as prettier prints a `ts` code block of a Markdown
 * file (it formats them with its TypeScript printer and the house options).
 *
 * Each statement that can break (imports, declarations of a call's result, calls with an object
 * argument) is a prettier *doc* built the way prettier's estree printer builds it for that
 * construct (the same groups, conditional groups, assignment layouts; see
 * `prettier.__debug.printToDoc`) and laid out with prettier's own doc printer (`prettier/doc`);
 * the fixed lines around them are written as prettier leaves them. Only the constructs of the
 * examples are covered: literals, empty arrays and objects, object literals of them, calls,
 * `new`, `await`, member and index access, `const` with a name or an object pattern, imports.
 * A key or value beyond them (a non-ASCII key that may be an identifier, a nested value) makes
 * the block {@link CodeBlock.unsure}: the README then goes through prettier after all.
 */
import { builders, printer } from 'prettier/doc';
import { stringWidth } from './print-markdown.js';
import { PRINT_WIDTH, quote } from './printer.js';

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

/** An expression of an example. */
export type Code =
  | { kind: 'value'; value: unknown }
  | { kind: 'object'; properties: { key: string; value: Code }[] }
  | { kind: 'id'; name: string }
  | { kind: 'call'; callee: Callee; args: Code[]; isNew?: boolean }
  | { kind: 'await'; arg: Code };

/** What is called: a name, or a method of an object (`api.X`, `api['x y']`, `new A().x`). */
export type Callee = string | { object: string | Code; method: string };

/** Expression builders. */
export const value = (item: unknown): Code => ({ kind: 'value', value: item });
export const objectOf = (entries: readonly (readonly [string, Code])[]): Code => ({
  kind: 'object',
  properties: entries.map(([key, item]) => ({ key, value: item })),
});
export const object = (properties: Record<string, Code>): Code =>
  objectOf(Object.entries(properties));
export const call = (callee: Callee, ...args: Code[]): Code => ({ kind: 'call', callee, args });
export const construct = (name: string, ...args: Code[]): Code => ({
  kind: 'call',
  callee: name,
  args,
  isNew: true,
});
export const awaited = (arg: Code): Code => ({ kind: 'await', arg });

/** A JSON value as an expression (the example request's values). */
export function fromJson(item: unknown): Code {
  if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
    return object(Object.fromEntries(Object.entries(item).map(([k, v]) => [k, fromJson(v)])));
  }
  return value(item);
}

/** A plain identifier (ASCII: prettier's ES5 identifier test agrees on these). */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A key that may be an identifier outside ASCII: prettier's ES5 tables decide (unsure). */
const MAYBE_IDENTIFIER = /^[\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$\u200c\u200d]*$/u;

/** A number as prettier prints a numeric literal that `JSON.stringify` wrote (`1e+21` → `1e21`). */
function numberText(item: number): string {
  return JSON.stringify(item).replace('e+', 'e');
}

/** The kinds of right-hand side the assignment layouts tell apart. */
type RightKind = 'string' | 'number' | 'boolean' | 'other';

/** Builds docs and remembers when it met something it cannot print with certainty. */
class DocBuilder {
  unsure = false;

  /** The doc of an expression. */
  code(item: Code): Doc {
    switch (item.kind) {
      case 'value':
        return this.value(item.value);
      case 'object':
        return this.object(item.properties);
      case 'id':
        return item.name;
      case 'await':
        return ['await', ' ', this.code(item.arg)];
      case 'call':
        return this.call(item);
    }
  }

  private value(item: unknown): Doc {
    if (item === null) return 'null';
    switch (typeof item) {
      case 'string':
        return quote(item);
      case 'boolean':
        return item ? 'true' : 'false';
      case 'number':
        // Note: JSON has no NaN or Infinity (`JSON.stringify` writes null), nor -0.
        if (!Number.isFinite(item)) return 'null';
        return item < 0 ? ['-', numberText(-item)] : numberText(item);
    }
    if (Array.isArray(item) && item.length === 0) return '[]';
    if (item !== null && typeof item === 'object' && Object.keys(item).length === 0) return '{}';
    this.unsure = true;
    return JSON.stringify(item) ?? 'undefined';
  }

  /** Prettier's `printObject` for an object literal written on one line. */
  private object(properties: { key: string; value: Code }[]): Doc {
    if (properties.length === 0) return '{}';
    return group([
      '{',
      indent([
        line,
        join(
          [',', line],
          properties.map((p) => this.property(p.key, p.value)),
        ),
      ]),
      ifBreak(','),
      line,
      '}',
    ]);
  }

  /** A property key: bare when it is an identifier (quote-props `as-needed`), else quoted. */
  private key(key: string): string {
    if (IDENTIFIER.test(key)) return key;
    if (MAYBE_IDENTIFIER.test(key)) this.unsure = true;
    return quote(key);
  }

  /** Prettier's `printAssignment` for a property, with the layout it chooses (`chooseLayout`). */
  private property(key: string, item: Code): Doc {
    const keyDoc = this.key(key);
    const valueDoc = this.code(item);
    // Note: "wrapping object properties with very short keys usually doesn't add much value".
    const shortKey = stringWidth(keyDoc) < 2 + 3;
    const kind = rightKind(item);
    if (kind === 'string' && !shortKey) {
      return group([group(keyDoc), ':', group(indent([line, valueDoc]))]);
    }
    if (shortKey || kind !== 'other') return group([group(keyDoc), ':', ' ', valueDoc]);
    return fluid(keyDoc, ':', valueDoc);
  }

  /** Prettier's call: its callee (a short member chain is one group) and its arguments. */
  private call(item: Code & { kind: 'call' }): Doc {
    const args = this.arguments(item.args);
    if (typeof item.callee === 'string') {
      return [item.isNew === true ? 'new ' : '', item.callee, lineSuffixBoundary, args];
    }
    const { object: target, method } = item.callee;
    const targetDoc = typeof target === 'string' ? target : this.code(target);
    if (IDENTIFIER.test(method)) return group([targetDoc, '.', method, args]);
    return group([targetDoc, group(['[', indent([softline, quote(method)]), softline, ']']), args]);
  }

  /** Prettier's `printCallArguments`: a last object argument is hugged when it can be. */
  private arguments(args: Code[]): Doc {
    if (args.length === 0) return '()';
    const printed = args.map((arg) => this.code(arg));
    const last = args.at(-1)!;
    const before = args.at(-2);
    const hug = last.kind === 'object' && last.properties.length > 0 && before?.kind !== 'object';
    if (!hug) {
      return group([
        '(',
        indent([softline, join([',', line], printed)]),
        ifBreak(','),
        softline,
        ')',
      ]);
    }
    const head = printed.slice(0, -1);
    const lastDoc = printed.at(-1)!;
    return conditionalGroup([
      ['(', join([',', line], printed), ')'],
      ['(', join([',', line], [...head, group(lastDoc, { shouldBreak: true })]), ')'],
      group(['(', indent([line, join([',', line], printed)]), ifBreak(','), line, ')'], {
        shouldBreak: true,
      }),
    ]);
  }

  /**
   * `const left = right;` with prettier's layout for our right-hand sides: `await` of a call.
   * A call with no argument or one short one is "poorly breakable" (the line breaks after `=`
   * first); any other call is laid out "fluid".
   */
  constant(left: Doc, right: Code): Doc {
    const rightDoc = this.code(right);
    const assignment = isPoorlyBreakable(right)
      ? group([group(left), ' =', group(indent([line, rightDoc]))])
      : fluid(left, ' =', rightDoc);
    return group(['const', ' ', assignment, indent([]), ';']);
  }
}

/** The layout kind of a right-hand side. */
function rightKind(item: Code): RightKind {
  if (item.kind !== 'value') return 'other';
  if (typeof item.value === 'string') return 'string';
  if (typeof item.value === 'boolean') return 'boolean';
  // Note: a negative number is a unary expression, which prettier lays out as any other.
  if (typeof item.value === 'number' && Number.isFinite(item.value) && item.value >= 0) {
    return 'number';
  }
  return 'other';
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
function isPoorlyBreakable(item: Code): boolean {
  const target = item.kind === 'await' ? item.arg : item;
  if (target.kind !== 'call' || target.isNew === true) return false;
  if (typeof target.callee !== 'string' && typeof target.callee.object !== 'string') return false;
  if (target.args.length === 0) return true;
  const [only] = target.args;
  if (target.args.length > 1 || only === undefined) return false;
  if (only.kind === 'id') return only.name.length <= PRINT_WIDTH / 4;
  return (
    only.kind === 'value' &&
    typeof only.value === 'string' &&
    quote(only.value).length <= PRINT_WIDTH / 4
  );
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

  private readonly docs = new DocBuilder();

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
    const specifiers: Doc =
      names.length === 1
        ? ['{ ', names[0]!, ' }']
        : group(['{', indent([line, join([',', line], [...names])]), ifBreak(','), line, '}']);
    return this.statement(['import', ' ', specifiers, ' from', ' ', quote(from), ';']);
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
    return this.statement(this.docs.constant(leftDoc, right), options);
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
    const keyDoc: Doc =
      typeof key === 'number' && key >= 0
        ? ['[', numberText(key), ']']
        : group([
            '[',
            indent([softline, typeof key === 'number' ? ['-', numberText(-key)] : quote(key)]),
            softline,
            ']',
          ]);
    return this.statement(
      [target, lineSuffixBoundary, keyDoc, ';'],
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
    if (this.docs.unsure) this.unsure = true;
    return this;
  }

  /** The fenced block (no final newline). */
  toString(): string {
    return ['```ts', ...this.lines, '```'].join('\n');
  }
}
