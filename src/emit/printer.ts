/**
 * Print TypeScript already formatted as prettier leaves it, without running prettier.
 *
 * The emitters describe what they print with the small expression and statement trees below;
 * this module turns each statement into a prettier *doc* built the way prettier's own estree
 * printer builds it for that construct (the same groups, indents and line breaks; see
 * `prettier.__debug.printToDoc`) and lays it out with prettier's own doc printer (`prettier/doc`:
 * no parser is loaded); {@link ModuleWriter} puts the statements together. The house options are
 * those of `format.ts` (`PRETTIER_OPTIONS`: single quotes, 100 columns, trailing commas). Tests
 * format every emitted file with prettier and expect no change.
 *
 * Only the constructs the emitters use are covered: identifiers, string and number literals,
 * calls (a last array argument hugged as prettier does), `new`, member and index access, `!`,
 * `===` / `!==` / `&&` / `||` / `??` chains, arrays (numbers filling lines), object literals
 * (prettier's property key quotes), arrow functions, `as`, `if (…) return …;`, `return`,
 * `let` / `const` with prettier's assignment layouts, function declarations and imports
 * (print-declarations.ts prints ts-morph's declaration structures with these). For the guards, a
 * statement whose first line cannot fit even when broken (a name wider than the page) is where
 * prettier's own choices become intricate: {@link ModuleWriter.unsure} then tells the caller to
 * let prettier format the file after all; a doc marked `unsure` (print-literals.ts) does too.
 */
import { builders, printer, utils } from 'prettier/doc';
import { isUnsure, printKey, printNumber, printString } from './print-literals.js';
import { typeDoc as typeNodeDoc, type TypeNode } from './print-types.js';

type Doc = builders.Doc;

const {
  group,
  indent,
  line,
  softline,
  hardline,
  ifBreak,
  conditionalGroup,
  indentIfBreak,
  join,
  fill,
} = builders;

/** The page width of the house style (`PRETTIER_OPTIONS.printWidth`). */
export const PRINT_WIDTH = 100;

/** An expression, as the emitters describe it. */
export type Expr =
  | { kind: 'id'; name: string }
  /** A string; `raw` is the literal as written (`JSON.stringify(value)`), whose escapes stay. */
  | { kind: 'string'; value: string; raw?: string }
  | { kind: 'number'; value: number }
  | { kind: 'call'; callee: string; args: Expr[]; isNew?: boolean; pure?: boolean }
  | { kind: 'index'; object: Expr; key: Expr }
  | { kind: 'member'; object: Expr; name: string; optional?: boolean }
  | { kind: 'not'; arg: Expr }
  | { kind: 'typeof'; arg: Expr }
  | { kind: 'binary'; op: BinaryOperator; left: Expr; right: Expr }
  | { kind: 'array'; items: Expr[] }
  /** An object literal; `expanded` when it is to stay one property per line (as written so). */
  | { kind: 'object'; properties: readonly Property[]; expanded?: boolean }
  | { kind: 'arrow'; parameters: readonly string[]; body: Expr }
  | { kind: 'as'; expr: Expr; type: TypeNode };

/** A property of an object literal. */
export interface Property {
  /** The key as written: an identifier, a number, a string literal or `[literal]`. */
  key: string;
  value: Expr;
  /** JSDoc comments before the property (text safe for a comment). */
  docs?: readonly string[];
}

export type BinaryOperator = '===' | '!==' | '<' | '&&' | '||' | '??';

/** A type annotation: a name, a generic with arguments, or text printed as it is. */
export type TypeExpr = string | { name: string; args: TypeExpr[] } | { text: Doc };

/** A statement of a function body. */
export type Stmt =
  | { kind: 'return'; expr: Expr }
  | { kind: 'if'; test: Expr; then: Stmt }
  | { kind: 'let'; name: string; init: Expr }
  | { kind: 'const'; name: string; init: Expr; type?: TypeExpr }
  | { kind: 'assign'; name: string; value: Expr }
  | { kind: 'expr'; expr: Expr };

/** Expression builders. */
export const id = (name: string): Expr => ({ kind: 'id', name });
export const str = (value: string): Expr => ({ kind: 'string', value });
export const num = (value: number): Expr => ({ kind: 'number', value });
export const call = (callee: string, ...args: Expr[]): Expr => ({ kind: 'call', callee, args });
/** A call a bundler may drop when its result is unused: `/* @__PURE__ *\/ f(…)`. */
export const pure = (callee: string, ...args: Expr[]): Expr => ({
  kind: 'call',
  callee,
  args,
  pure: true,
});
export const newPure = (callee: string, ...args: Expr[]): Expr => ({
  kind: 'call',
  callee,
  args,
  isNew: true,
  pure: true,
});
export const index = (object: Expr, key: Expr): Expr => ({ kind: 'index', object, key });
export const member = (object: Expr, name: string, optional = false): Expr => ({
  kind: 'member',
  object,
  name,
  optional,
});
export const not = (arg: Expr): Expr => ({ kind: 'not', arg });
export const typeOf = (arg: Expr): Expr => ({ kind: 'typeof', arg });
export const binary = (op: BinaryOperator, left: Expr, right: Expr): Expr => ({
  kind: 'binary',
  op,
  left,
  right,
});
export const array = (items: Expr[]): Expr => ({ kind: 'array', items });

/**
 * A JSON value as a JavaScript expression: strings keep `JSON.stringify`'s escapes; a
 * `"__proto__"` key becomes a computed key (in a literal, a plain `"__proto__":` would set the
 * prototype instead of a property).
 *
 * @param value
 *   Any JSON value.
 */
export function jsonExpr(value: unknown): Expr {
  if (typeof value === 'string') return { kind: 'string', value, raw: JSON.stringify(value) };
  if (typeof value === 'number' && Number.isFinite(value)) return num(value);
  if (typeof value === 'boolean') return id(String(value));
  if (Array.isArray(value)) return array(value.map(jsonExpr));
  if (typeof value === 'object' && value !== null) {
    return {
      kind: 'object',
      properties: Object.entries(value).map(([key, entry]) => ({
        key: key === '__proto__' ? '["__proto__"]' : JSON.stringify(key),
        value: jsonExpr(entry),
      })),
    };
  }
  return id('null');
}

/** `a && b && c` (left-associative, as parsed). */
export function and(...operands: Expr[]): Expr {
  return chain('&&', operands);
}

/** `a || b || c`. */
export function or(...operands: Expr[]): Expr {
  return chain('||', operands);
}

function chain(op: '&&' | '||', operands: Expr[]): Expr {
  const [first, ...rest] = operands;
  if (first === undefined) throw new TypeError(`an empty ${op} chain`);
  return rest.reduce((left, right) => binary(op, left, right), first);
}

/**
 * A string literal as prettier prints it: single quotes unless the text holds more single than
 * double quotes; backslashes, the enclosing quote, control characters, line and paragraph
 * separators and lone surrogates escaped (prettier keeps such escapes as they are).
 *
 * @param value
 *   The string's value.
 */
export function quote(value: string): string {
  const singles = value.split("'").length - 1;
  const doubles = value.split('"').length - 1;
  const q = singles > doubles ? '"' : "'";
  let text = q;
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    const code = value.charCodeAt(i);
    if (char === '\\') text += '\\\\';
    else if (char === q) text += `\\${q}`;
    else if (char === '\n') text += '\\n';
    else if (char === '\r') text += '\\r';
    else if (char === '\t') text += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) {
      text += `\\u${code.toString(16).padStart(4, '0')}`;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      const next = value.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        text += char + value[i + 1]!;
        i++;
      } else {
        text += `\\u${code.toString(16)}`;
      }
    } else text += char;
  }
  return text + q;
}

/** Binding power of the operators (prettier's precedence table, for our operators). */
const PRECEDENCE: Record<BinaryOperator, number> = {
  '??': 1,
  '||': 2,
  '&&': 3,
  '===': 7,
  '!==': 7,
  '<': 8,
};

const isLogical = (op: BinaryOperator): boolean => op === '&&' || op === '||' || op === '??';

/** Prettier's `shouldFlatten`: `a && b && c` is one chain; `a === b === c` is not. */
function shouldFlatten(parent: BinaryOperator, child: BinaryOperator): boolean {
  if (PRECEDENCE[parent] !== PRECEDENCE[child]) return false;
  return parent !== '===' && parent !== '!==';
}

/** Where an expression stands, for the rules that depend on the parent. */
type Place = 'if-test' | 'return' | 'argument' | 'operand' | 'assignment' | 'unary' | 'other';

/** True when `child` needs parentheses as an operand of `parent`. */
function needsParens(parent: BinaryOperator, child: Expr, side: 'left' | 'right'): boolean {
  if (child.kind !== 'binary') return false;
  const po = parent;
  const no = child.op;
  if (shouldFlatten(po, no)) return side === 'right';
  // Note: mixed `&&` / `||` / `??` always get parentheses (prettier's rule, and `??` requires it).
  if (isLogical(po) && isLogical(no)) return true;
  return PRECEDENCE[po] > PRECEDENCE[no] || (PRECEDENCE[po] === PRECEDENCE[no] && side === 'right');
}

/** The doc of an expression. */
export function exprDoc(expr: Expr, place: Place = 'other'): Doc {
  switch (expr.kind) {
    case 'id':
      return expr.name;
    case 'string':
      return expr.raw === undefined ? quote(expr.value) : printString(expr.raw);
    case 'number':
      return printNumber(String(expr.value));
    case 'member':
      return [exprDoc(expr.object), expr.optional === true ? '?.' : '.', expr.name];
    case 'index':
      return [
        exprDoc(expr.object),
        group(['[', indent([softline, exprDoc(expr.key)]), softline, ']']),
      ];
    case 'typeof':
      return ['typeof ', exprDoc(expr.arg)];
    case 'not':
      return [
        '!',
        expr.arg.kind === 'binary' ? ['(', binaryDoc(expr.arg, 'unary'), ')'] : exprDoc(expr.arg),
      ];
    case 'array':
      return arrayDoc(expr.items);
    case 'call':
      return [
        expr.pure === true ? '/* @__PURE__ */ ' : '',
        expr.isNew === true ? 'new ' : '',
        expr.callee,
        argumentsDoc(expr.args),
      ];
    case 'binary':
      return binaryDoc(expr, place);
    case 'object':
      return objectDoc(expr.properties, expr.expanded === true);
    case 'arrow':
      return arrowDoc(expr.parameters, expr.body);
    case 'as':
      return [exprDoc(expr.expr), ' as ', typeNodeDoc(expr.type)];
  }
}

/**
 * The text of an expression laid out as prettier lays it out on a page of its own.
 *
 * @param expr
 *   The expression.
 */
export function exprText(expr: Expr): string {
  return layout(exprDoc(expr), 0, false).text;
}

/**
 * Prettier's array printing: every element grouped, arrays of several objects or arrays (each
 * of more than one item) always broken, numbers filling the lines (`isConciselyPrintedArray`).
 */
function arrayDoc(items: Expr[]): Doc {
  if (items.length === 0) return '[]';
  if (items.every((item) => item.kind === 'number')) {
    const id = Symbol('array');
    const parts: Doc[] = [];
    items.forEach((item, index) => {
      const last = index === items.length - 1;
      parts.push([exprDoc(item), last ? ifBreak(',', '', { groupId: id }) : ',']);
      if (!last) parts.push(line);
    });
    return group(['[', indent([softline, fill(parts)]), softline, ']'], { id });
  }
  const shouldBreak = isBrokenArray(items);
  return group(
    [
      '[',
      indent([
        softline,
        join(
          [',', line],
          items.map((item) => group(exprDoc(item))),
        ),
        ifBreak(','),
      ]),
      softline,
      ']',
    ],
    { shouldBreak },
  );
}

/**
 * Prettier's arrays broken whatever their width: two or more objects, or arrays, of two or more
 * items each.
 */
export function isBrokenArray(items: readonly Expr[]): boolean {
  return (
    items.length > 1 &&
    items.every((item, index) => {
      const next = items[index + 1];
      if (item.kind === 'array') {
        return item.items.length > 1 && (next === undefined || next.kind === 'array');
      }
      if (item.kind === 'object') {
        return item.properties.length > 1 && (next === undefined || next.kind === 'object');
      }
      return false;
    })
  );
}

/** A JSDoc comment before a member or statement, as ts-morph writes it and prettier keeps it. */
export function jsdocDoc(text: string): Doc {
  return join(hardline, jsdocLines(text));
}

/**
 * The lines of a JSDoc comment as prettier prints what ts-morph writes for it: `/** text *\/` on
 * one line, else `/**`, ` * line` (each trimmed), ` *\/`.
 *
 * @param text
 *   The comment's text (lines split at `\n`, each safe for a comment).
 */
export function jsdocLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines[0] === '') lines.shift();
  if (lines.length <= 1) {
    const only = lines[0] ?? '';
    return [`/** ${only}${only.endsWith(' ') || only === '' ? '' : ' '}*/`];
  }
  return [
    '/**',
    ...lines.map((entry) => ` ${` *${entry === '' ? '' : ` ${entry}`}`.trim()}`),
    ' */',
  ];
}

/** Prettier's object literal: one line when it fits (and was written so), else one per line. */
function objectDoc(properties: readonly Property[], expanded: boolean): Doc {
  if (properties.length === 0) return '{}';
  const parts = properties.map((property, index) => [
    (property.docs ?? []).map((text) => [jsdocDoc(text), hardline]),
    propertyDoc(property),
    index < properties.length - 1 ? [',', line] : '',
  ]);
  return group(['{', indent([line, parts]), ifBreak(','), line, '}'], { shouldBreak: expanded });
}

/** `key: value`, with the layout prettier picks for the value. */
export function propertyDoc(property: Property): Doc {
  const key = printKey(property.key);
  return assignmentDoc(key.doc, ':', property.value, { shortKey: key.short });
}

/** Prettier's arrow function: the body on the same line when an object, else indented after. */
function arrowDoc(parameters: readonly string[], body: Expr): Doc {
  const head = group(
    group(
      parameters.length === 0
        ? '()'
        : [
            '(',
            indent([softline, join([',', line], [...parameters])]),
            ifBreak(','),
            softline,
            ')',
          ],
    ),
  );
  if (body.kind === 'object') return group([head, ' =>', group([' ', '(', exprDoc(body), ')'])]);
  if (body.kind === 'array') return group([head, ' =>', group([' ', exprDoc(body)])]);
  return group([head, ' =>', group(indent([line, exprDoc(body)]))]);
}

/** Prettier's call arguments: one group, or a last array argument hugged. */
function argumentsDoc(args: Expr[]): Doc {
  if (args.length === 0) return '()';
  const printed = args.map((arg) => exprDoc(arg, 'argument'));
  const last = args.at(-1)!;
  const before = args.at(-2);
  if (last.kind === 'array' && last.items.length > 0 && before?.kind !== 'array') {
    const head = printed.slice(0, -1);
    const hugged = printed.at(-1)!;
    return conditionalGroup([
      ['(', join(', ', printed), ')'],
      ['(', join(', ', [...head, group(hugged, { shouldBreak: true })]), ')'],
      group(['(', indent([line, join([',', line], printed)]), ifBreak(','), line, ')'], {
        shouldBreak: true,
      }),
    ]);
  }
  return group(['(', indent([softline, join([',', line], printed)]), ifBreak(','), softline, ')']);
}

/** Prettier's node types of our operators: `LogicalExpression` or `BinaryExpression`. */
type NodeType = 'logical' | 'binary' | 'other';

const nodeType = (op: BinaryOperator): NodeType => (isLogical(op) ? 'logical' : 'binary');

/**
 * The operands and operators of a flattened chain (prettier's `printBinaryishExpressions`).
 *
 * @param parent
 *   The node type of the expression's parent.
 */
function binaryParts(expr: Expr & { kind: 'binary' }, inParens: boolean, parent: NodeType): Doc[] {
  const left = expr.left;
  const type = nodeType(expr.op);
  let parts: Doc[];
  if (left.kind === 'binary' && shouldFlatten(expr.op, left.op)) {
    parts = binaryParts(left, inParens, type);
  } else {
    parts = [group(operandDoc(expr.op, left, 'left'))];
  }
  const right = [expr.op, line, operandDoc(expr.op, expr.right, 'right')];
  const shouldGroup =
    !(inParens && type === 'logical') &&
    parent !== type &&
    !(left.kind === 'binary' && nodeType(left.op) === type) &&
    !(expr.right.kind === 'binary' && nodeType(expr.right.op) === type);
  parts.push(' ', shouldGroup ? group(right) : right);
  return parts;
}

/** An operand, parenthesized when it needs it. */
function operandDoc(parent: BinaryOperator, operand: Expr, side: 'left' | 'right'): Doc {
  if (operand.kind !== 'binary') return exprDoc(operand, 'operand');
  const doc = binaryDoc(operand, 'operand', nodeType(parent));
  return needsParens(parent, operand, side) ? ['(', doc, ')'] : doc;
}

/** Prettier's `printBinaryishExpression`, by place. */
function binaryDoc(expr: Expr & { kind: 'binary' }, place: Place, parent: NodeType = 'other'): Doc {
  const inParens = place === 'if-test';
  const parts = binaryParts(expr, inParens, parent);
  if (inParens) return parts;
  if (place === 'unary') return group([indent([softline, ...parts]), softline]);
  if (place === 'return' || place === 'assignment') return group(parts);
  const firstGroup = parts.findIndex(
    (part) => typeof part === 'object' && !Array.isArray(part) && part.type === 'group',
  );
  const head = parts.slice(0, firstGroup === -1 ? 1 : firstGroup + 1);
  return group([...head, indent(parts.slice(head.length))]);
}

/** A type annotation's doc (prettier hugs a lone simple type argument). */
export function typeDoc(type: TypeExpr): Doc {
  if (typeof type === 'string') return type;
  if ('text' in type) return type.text;
  const args = type.args.map(typeDoc);
  const simple = type.args.length === 1 && typeof type.args[0] === 'string';
  if (simple) return [type.name, '<', args[0]!, '>'];
  return [type.name, group(['<', indent([softline, join([',', line], args)]), softline, '>'])];
}

/** True for a call that prettier finds "poorly breakable" (no argument, or one short one). */
function isPoorlyBreakable(expr: Expr, deep = false): boolean {
  switch (expr.kind) {
    case 'call':
      if (expr.isNew === true) return false;
      if (expr.args.length > 1) return false;
      if (expr.args.length === 1 && !isLoneShortArgument(expr.args[0]!)) return false;
      return true;
    case 'member':
    case 'index':
      return isPoorlyBreakable(expr.object, true);
    case 'id':
      return deep;
    default:
      return false;
  }
}

/** Prettier's `isLoneShortArgument` (a quarter of the page width), for our expressions. */
function isLoneShortArgument(arg: Expr): boolean {
  const threshold = PRINT_WIDTH / 4;
  switch (arg.kind) {
    case 'id':
      return arg.name.length <= threshold;
    case 'string':
      return quote(arg.value).length <= threshold;
    case 'number':
      return true;
    case 'not':
      return isLoneShortArgument(arg.arg);
    case 'call':
      return arg.args.length === 0 && arg.callee.length <= threshold - 2;
    default:
      return false;
  }
}

/** The layouts of prettier's `printAssignment` that the emitted code meets. */
export type AssignmentLayout =
  'break-after-operator' | 'never-break-after-operator' | 'fluid' | 'break-lhs';

/** Where an assignment stands: an object property (with a short key?) or a declaration. */
export interface AssignmentContext {
  /** An object property whose key prettier finds short (`isObjectPropertyWithShortKey`). */
  shortKey?: boolean;
  /** A variable declaration (`const x = …`). */
  declaration?: boolean;
}

/** Prettier's `chooseLayout`, for the right-hand sides the emitters print. */
export function chooseLayout(left: Doc, right: Expr, context: AssignmentContext): AssignmentLayout {
  // Note: binary expressions here never hold an object or array literal (which would inline).
  if (right.kind === 'binary') return 'break-after-operator';
  const leftCanBreak = utils.canBreak(left);
  if (context.declaration === true && right.kind === 'arrow' && leftCanBreak) return 'break-lhs';
  const shortKey = context.shortKey === true;
  if (!shortKey) {
    const inner = right.kind === 'not' || right.kind === 'typeof' ? right.arg : right;
    if (inner.kind === 'string' || isPoorlyBreakable(inner)) return 'break-after-operator';
  }
  const isLiteral =
    (right.kind === 'id' && (right.name === 'true' || right.name === 'false')) ||
    // Note: `-1` is a unary expression for prettier; `-0` prints as `0`, a literal.
    (right.kind === 'number' && !(right.value < 0));
  if (!leftCanBreak && (shortKey || isLiteral)) return 'never-break-after-operator';
  return 'fluid';
}

/**
 * Prettier's `printAssignment` (`left op right`) with the layout it would choose.
 *
 * @param left
 *   The left-hand side (a name, a typed name, a property key).
 * @param op
 *   `' ='` or `':'`.
 * @param right
 *   The right-hand side.
 * @param context
 *   Where the assignment stands.
 */
function assignmentDoc(left: Doc, op: string, right: Expr, context: AssignmentContext = {}): Doc {
  const layout = chooseLayout(left, right, context);
  const rhs = exprDoc(right, 'assignment');
  switch (layout) {
    case 'break-after-operator':
      return group([group(left), op, group(indent([line, rhs]))]);
    case 'never-break-after-operator':
      return group([group(left), op, ' ', rhs]);
    case 'break-lhs':
      return group([left, op, ' ', group(rhs)]);
    case 'fluid': {
      const id = Symbol('assignment');
      return group([
        group(left),
        op,
        group(indent(line), { id }),
        indentIfBreak(rhs, { groupId: id }),
      ]);
    }
  }
}

/**
 * A variable declaration: `const left = init;` with prettier's layout of the assignment.
 *
 * @param kind
 *   `const` or `let`.
 * @param left
 *   The name, typed or not (`name: Type`).
 * @param init
 *   The initializer.
 */
export function variableDoc(kind: string, left: Doc, init: Expr): Doc {
  return group([
    kind,
    ' ',
    assignmentDoc(left, ' =', init, { declaration: true }),
    indent([]),
    ';',
  ]);
}

/** The doc of a statement. */
export function stmtDoc(stmt: Stmt): Doc {
  switch (stmt.kind) {
    case 'return': {
      const expr = stmt.expr;
      if (expr.kind === 'binary') {
        return [
          'return ',
          group([
            ifBreak('('),
            indent([softline, exprDoc(expr, 'return')]),
            softline,
            ifBreak(')'),
          ]),
          ';',
        ];
      }
      return ['return ', exprDoc(expr, 'return'), ';'];
    }
    case 'if':
      return group([
        'if (',
        group([indent([softline, exprDoc(stmt.test, 'if-test')]), softline]),
        ')',
        indent([line, stmtDoc(stmt.then)]),
      ]);
    case 'let':
    case 'const': {
      const left: Doc =
        stmt.kind === 'const' && stmt.type !== undefined
          ? [stmt.name, ': ', typeDoc(stmt.type)]
          : stmt.name;
      const init = stmt.kind === 'let' ? stmt.init : stmt.init;
      return variableDoc(stmt.kind, left, init);
    }
    case 'assign':
      return [assignmentDoc(stmt.name, ' =', stmt.value), ';'];
    case 'expr':
      return [exprDoc(stmt.expr), ';'];
  }
}

/**
 * Named imports or exports: `{ a }`, or a group that breaks one per line (prettier's
 * `printModuleSpecifiers`: one specifier never breaks).
 *
 * @param names
 *   The specifiers as printed (`name`, `type name`, `name as alias`).
 */
export function specifiersDoc(names: readonly string[]): Doc {
  if (names.length === 1) return ['{ ', names[0]!, ' }'];
  return group(['{', indent([line, join([',', line], [...names])]), ifBreak(','), line, '}']);
}

/** A parameter of a function declaration. */
export interface Parameter {
  name: string;
  type: TypeExpr;
  optional?: boolean;
}

/** A function declaration. */
export interface FunctionDeclaration {
  name: string;
  exported?: boolean;
  docs?: string;
  parameters: Parameter[];
  returnType: TypeExpr;
  body: Stmt[];
}

/** A module-level `const`. */
export interface ConstDeclaration {
  name: string;
  /** Printed right under the previous declaration, with no blank line (one group). */
  attached?: boolean;
  exported?: boolean;
  docs?: string;
  type?: TypeExpr;
  init: Expr;
}

/** An import declaration: value and type specifiers, or a type-only import. */
export interface ImportDeclaration {
  from: string;
  typeOnly?: boolean;
  /** `name`, `type name`, `name as alias`… as printed. */
  names: string[];
}

/**
 * The text of a doc printed flat, or `undefined` when it cannot be (a forced break, or a line
 * outside any group, which the printer always breaks) or is longer than `width`.
 */
export function flatText(doc: Doc, width: number): string | undefined {
  const out = { text: '', width };
  return appendFlat(doc, 0, out) ? out.text : undefined;
}

/** Append a doc's flat text to `out`; false as soon as it cannot be flat or is too long. */
function appendFlat(doc: Doc, depth: number, out: { text: string; width: number }): boolean {
  if (typeof doc === 'string') {
    out.text += doc;
    return out.text.length <= out.width;
  }
  if (Array.isArray(doc)) {
    for (const part of doc) if (!appendFlat(part, depth, out)) return false;
    return true;
  }
  switch (doc.type) {
    case 'group':
      return doc.break !== true && appendFlat(doc.contents, depth + 1, out);
    case 'line':
      if (doc.hard === true || depth === 0) return false;
      if (doc.soft !== true) out.text += ' ';
      return true;
    case 'if-break':
      return appendFlat(doc.flatContents, depth, out);
    case 'indent':
    case 'align':
    case 'label':
      return appendFlat(doc.contents, depth, out);
    case 'indent-if-break':
      return appendFlat((doc as unknown as { contents: Doc }).contents, depth, out);
    case 'line-suffix-boundary':
      return true;
    default:
      return false;
  }
}

/** The first line of an assignment whose left side prettier cannot break (see {@link layout}). */
const UNBREAKABLE_ASSIGNMENT = /^(?:export )?const [\w$]+: [\w$]+(?:<[\w$]+>)? =$/;

/**
 * A statement for {@link ModuleWriter.statement}: its doc, built when the doc printer lays it out,
 * and where it has one, its text laid out directly (print-layout.ts), to the same text.
 */
export interface Printable {
  doc(): Doc;
  /** The text at the start of a line, or undefined to leave the layout to the doc printer. */
  text?(): { text: string; unsure: boolean } | undefined;
}

/**
 * Lay a doc out at indentation `column` (the writer indents every line by that much again).
 *
 * @param strict
 *   Say `unsure` when the first line is wider than the page even after every break (see below);
 *   else the doc is taken to be prettier's own.
 */
function layout(doc: Doc, column: number, strict: boolean): { text: string; unsure: boolean } {
  // Note: what fits on its line flat is printed flat by prettier too (every group fits); the
  // width of text other than printable ASCII is left to prettier's own measure.
  const flat = flatText(doc, PRINT_WIDTH - column);
  if (flat !== undefined && /^[\x20-\x7e]*$/.test(flat)) {
    return { text: flat, unsure: false };
  }
  // Note: every line of the statement starts at `column`: a page narrower by that much.
  const { formatted } = printer.printDocToString(doc, {
    printWidth: PRINT_WIDTH - column,
    tabWidth: 2,
    useTabs: false,
  });
  if (!strict) return { text: formatted, unsure: false };
  // Note: a first line wider than the page even after every break is where our docs may part
  // from prettier's choices (it then tries other layouts): let prettier decide.
  const first = formatted.indexOf('\n');
  const line = first === -1 ? formatted : formatted.slice(0, first);
  // Note: `export const x: T<U> =` has nothing prettier could break (one type argument is
  // hugged): it keeps the line as it is and breaks after `=`, as the doc does.
  const unsure = column + line.length > PRINT_WIDTH && !UNBREAKABLE_ASSIGNMENT.test(line);
  return { text: formatted, unsure };
}

/**
 * Writes a module, declaration by declaration (2 spaces, LF), each statement laid out by
 * prettier's doc printer. Note: it keeps the text itself, line by line: ts-morph's
 * `CodeBlockWriter` followed every character of every statement to track strings and comments
 * (0.1-0.2 s per MB of output), where each statement comes laid out whole.
 */
export class ModuleWriter {
  /** The text so far: whole lines, each ending in a line break. */
  private readonly parts: string[] = [];

  /** The indentation of the lines being written, in levels of 2 spaces. */
  private level = 0;

  /** True when a statement may not be laid out as prettier would (see {@link layout}). */
  unsure = false;

  private started = false;

  /** Write lines at the current indentation (blank lines stay empty). */
  private writeLines(text: string): void {
    const prefix = '  '.repeat(this.level);
    this.parts.push(`${prefix === '' ? text : text.replace(/^(?=.)/gm, prefix)}\n`);
  }

  /** A blank line (the text so far ends with a line break). */
  private blankLine(): void {
    this.parts.push('\n');
  }

  /** Write a doc at the current indentation, ending the line. */
  private writeDoc(doc: Doc, strict = true): void {
    const { text, unsure } = layout(doc, this.level * 2, strict);
    // Note: a doc is marked unsure only for a key with other characters than ASCII (printKey).
    if (unsure || (/[^\x00-\x7f]/.test(text) && isUnsure(doc))) this.unsure = true;
    this.writeLines(text);
  }

  /**
   * A top-level statement built as prettier builds it (its JSDoc included), laid out exactly.
   *
   * @param statement
   *   The statement's doc, and its direct layout if it has one.
   * @param blankLine
   *   A blank line before it (after the first statement); else it follows on the next line.
   */
  statement(statement: Printable, blankLine = true): void {
    if (this.started && blankLine) this.blankLine();
    this.started = true;
    const direct = statement.text?.();
    if (direct === undefined) this.writeDoc(statement.doc(), false);
    else {
      if (direct.unsure) this.unsure = true;
      this.writeLines(direct.text);
    }
  }

  /** Start a top-level declaration: a blank line after the previous one. */
  private declaration(docs: string | undefined, attached = false): void {
    if (this.started && !attached) this.blankLine();
    this.started = true;
    if (docs !== undefined) this.writeLines(`/** ${docs} */`);
  }

  /**
   * A block comment of its own (a module's overview), one line per entry.
   *
   * @param lines
   *   The comment's lines, without the ` * ` prefix (already safe for a comment).
   */
  comment(lines: readonly string[]): void {
    if (this.started) this.blankLine();
    this.started = true;
    this.writeLines(
      ['/**', ...lines.map((text) => (text === '' ? ' *' : ` * ${text}`)), ' */'].join('\n'),
    );
  }

  /** Import declarations, one after the other (no blank line between them). */
  imports(declarations: ImportDeclaration[]): void {
    if (declarations.length === 0) return;
    if (this.started) this.blankLine();
    this.started = true;
    for (const declaration of declarations) {
      const head = declaration.typeOnly === true ? 'import type ' : 'import ';
      this.writeDoc([
        head,
        specifiersDoc(declaration.names),
        ' from ',
        quote(declaration.from),
        ';',
      ]);
    }
  }

  /** A `const` declaration. */
  constant(declaration: ConstDeclaration): void {
    this.declaration(declaration.docs, declaration.attached);
    const stmt: Stmt = {
      kind: 'const',
      name: declaration.name,
      init: declaration.init,
      ...(declaration.type === undefined ? {} : { type: declaration.type }),
    };
    this.writeDoc([declaration.exported === true ? 'export ' : '', stmtDoc(stmt)]);
  }

  /** A function declaration. */
  function(declaration: FunctionDeclaration): void {
    this.declaration(declaration.docs);
    const parameters = declaration.parameters.map((parameter) => [
      parameter.name,
      parameter.optional === true ? '?: ' : ': ',
      typeDoc(parameter.type),
    ]);
    const parametersDoc: Doc =
      parameters.length === 0
        ? '()'
        : ['(', indent([softline, join([',', line], parameters)]), ifBreak(','), softline, ')'];
    this.writeDoc([
      declaration.exported === true ? 'export function ' : 'function ',
      declaration.name,
      group([parametersDoc, ': ', typeDoc(declaration.returnType)]),
      ' {',
    ]);
    this.level++;
    for (const stmt of declaration.body) this.writeDoc(stmtDoc(stmt));
    this.level--;
    this.writeLines('}');
  }

  /** The module's text. */
  toString(): string {
    return this.parts.join('');
  }
}
