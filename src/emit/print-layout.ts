/**
 * Lay out object and array literals straight to text, as prettier's doc printer lays out the
 * docs printer.ts builds for them, without running the doc printer where the layout is plain.
 *
 * Prettier's doc printer is the slowest part of printing the big modules (the JSON Schema, the
 * operations table: about 1 µs per byte), yet a literal's layout follows two rules: a group is
 * flat when its flat text fits on the line together with what follows it up to the next place
 * a line may break (a literal inside a broken one: its `,`), else it breaks, one item per line;
 * and a property's layout is prettier's assignment layout (`chooseLayout` in printer.ts: after
 * `key:` a long string moves to the next line, an object stays on the line unless even `key: {`
 * is too wide). {@link LiteralLayout} computes each literal's flat width once and applies these
 * rules; anything else (calls, arrow functions, numbers filling lines, text beyond printable
 * ASCII, whose width prettier measures its own way) goes through the doc printer at the same
 * place ({@link layoutAt}). A test compares the two on random literals.
 */
import { builders, printer } from 'prettier/doc';
import { isUnsure, printKey, printNumber, printString } from './print-literals.js';
import {
  chooseLayout,
  exprDoc,
  isBrokenArray,
  jsdocLines,
  PRINT_WIDTH,
  propertyDoc,
  quote,
  type Expr,
  type Property,
} from './printer.js';

type Doc = builders.Doc;

const { indent } = builders;

/**
 * The doc printer's layout of a doc at a place of a line: the line already holds `column`
 * characters, the doc's broken lines are indented by `indentation`, and `rest` characters follow
 * it up to the next possible line break (`,` in a broken literal).
 *
 * @returns
 *   The doc's text, from the column on.
 */
export function layoutAt(doc: Doc, indentation: number, column: number, rest: number): string {
  let indented = doc;
  for (let level = 0; level < indentation; level += 2) indented = indent(indented);
  const { formatted } = printer.printDocToString(['x'.repeat(column), indented, 'x'.repeat(rest)], {
    printWidth: PRINT_WIDTH,
    tabWidth: 2,
    useTabs: false,
  });
  return formatted.slice(column, formatted.length - rest);
}

/** A flat width the layout cannot tell (text beyond printable ASCII, or another expression). */
const UNKNOWN = -1;

/** True for text prettier measures by its length. */
const isPlain = (text: string): boolean => /^[\x20-\x7e]*$/.test(text);

/** True for prettier's arrays of numbers, which fill their lines (`isConciselyPrintedArray`). */
const isNumberList = (expr: Expr): boolean =>
  expr.kind === 'array' &&
  expr.items.length > 0 &&
  expr.items.every((item) => item.kind === 'number');

/**
 * The layout of one statement's literals: {@link expr} gives their text, {@link unsure} says
 * whether a part of it came from a doc marked unsure.
 */
export class LiteralLayout {
  /** True when a part went through the doc printer with a doc marked unsure. */
  unsure = false;

  /** Flat widths by literal (`Infinity`: broken whatever the width; {@link UNKNOWN}). */
  private readonly widths = new Map<Expr | Property, number>();

  /** The text of a scalar, or undefined for other expressions. */
  private scalar(expr: Expr): string | undefined {
    switch (expr.kind) {
      case 'string':
        return expr.raw === undefined ? quote(expr.value) : printString(expr.raw);
      case 'number':
        return printNumber(String(expr.value));
      case 'id':
        return expr.name;
      default:
        return undefined;
    }
  }

  /** The flat width of a literal (see {@link widths}). */
  width(expr: Expr): number {
    let width = this.widths.get(expr);
    if (width === undefined) {
      width = this.measure(expr);
      this.widths.set(expr, width);
    }
    return width;
  }

  private measure(expr: Expr): number {
    const text = this.scalar(expr);
    if (text !== undefined) return isPlain(text) ? text.length : UNKNOWN;
    if (expr.kind === 'object') {
      if (expr.properties.length === 0) return 2;
      if (expr.expanded === true || expr.properties.some((p) => (p.docs ?? []).length > 0)) {
        return Infinity;
      }
      return this.sum(
        expr.properties.map((p) => this.propertyWidth(p)),
        4,
      );
    }
    if (expr.kind === 'array') {
      if (expr.items.length === 0) return 2;
      if (isBrokenArray(expr.items)) return Infinity;
      return this.sum(
        expr.items.map((item) => this.width(item)),
        2,
      );
    }
    if (expr.kind === 'as' && expr.type.kind === 'ref' && expr.type.args.length === 0) {
      const inner = this.width(expr.expr);
      return inner === UNKNOWN ? UNKNOWN : inner + 4 + expr.type.name.length;
    }
    return UNKNOWN;
  }

  /** The flat width of items joined by `, ` within brackets of `brackets` characters. */
  private sum(widths: number[], brackets: number): number {
    if (widths.includes(UNKNOWN)) return UNKNOWN;
    return widths.reduce((total, width) => total + width, brackets + 2 * (widths.length - 1));
  }

  private propertyWidth(property: Property): number {
    let width = this.widths.get(property);
    if (width === undefined) {
      const key = printKey(property.key);
      const value = this.width(property.value);
      width =
        typeof key.doc !== 'string' || !isPlain(key.doc) || value === UNKNOWN
          ? UNKNOWN
          : key.doc.length + 2 + value;
      this.widths.set(property, width);
    }
    return width;
  }

  /** The doc printer's layout, where the rules here do not reach. */
  private fallback(doc: Doc, indentation: number, column: number, rest: number): string {
    const text = layoutAt(doc, indentation, column, rest);
    // Note: only a key beyond ASCII is marked unsure (print-literals.ts).
    if (!isPlain(text) && isUnsure(doc)) this.unsure = true;
    return text;
  }

  /**
   * The text of an expression at a place of a line (see {@link layoutAt}).
   *
   * @param expr
   *   The expression.
   * @param indentation
   *   The indentation of its broken lines.
   * @param column
   *   The characters on its line before it.
   * @param rest
   *   The characters after it up to the next possible line break.
   */
  expr(expr: Expr, indentation: number, column: number, rest: number): string {
    const scalar = this.scalar(expr);
    if (scalar !== undefined) return scalar;
    if (expr.kind === 'as') {
      const type =
        expr.type.kind === 'ref' && expr.type.args.length === 0 ? expr.type.name : undefined;
      if (type === undefined) return this.fallback(exprDoc(expr), indentation, column, rest);
      return `${this.expr(expr.expr, indentation, column, rest + 4 + type.length)} as ${type}`;
    }
    if (expr.kind !== 'object' && expr.kind !== 'array') {
      return this.fallback(exprDoc(expr), indentation, column, rest);
    }
    const width = this.width(expr);
    if (width === UNKNOWN || isNumberList(expr)) {
      return this.fallback(exprDoc(expr), indentation, column, rest);
    }
    // Note: `{}` and `[]` have nothing to break.
    if (column + width + rest <= PRINT_WIDTH || width === 2) return this.flat(expr);
    const inner = indentation + 2;
    const pad = ' '.repeat(inner);
    const lines =
      expr.kind === 'object'
        ? expr.properties.map(
            (property) =>
              `${(property.docs ?? [])
                .flatMap((text) => jsdocLines(text))
                .map((entry) => `${pad}${entry}\n`)
                .join('')}${pad}${this.property(property, inner)},`,
          )
        : expr.items.map((item) => `${pad}${this.expr(item, inner, inner, 1)},`);
    const [open, close] = expr.kind === 'object' ? ['{', '}'] : ['[', ']'];
    return `${open}\n${lines.join('\n')}\n${' '.repeat(indentation)}${close}`;
  }

  /** The flat text of a literal whose width is known. */
  private flat(expr: Expr): string {
    const scalar = this.scalar(expr);
    if (scalar !== undefined) return scalar;
    switch (expr.kind) {
      case 'object':
        return expr.properties.length === 0
          ? '{}'
          : `{ ${expr.properties.map((p) => `${printKey(p.key).doc as string}: ${this.flat(p.value)}`).join(', ')} }`;
      case 'array':
        return `[${expr.items.map((item) => this.flat(item)).join(', ')}]`;
      case 'as':
        return `${this.flat(expr.expr)} as ${(expr.type as { name: string }).name}`;
      default:
        throw new TypeError(`print-layout: no flat text of ${expr.kind}`);
    }
  }

  /**
   * A property of a broken object literal, on a line of its own at `indentation` (a `,` follows).
   */
  private property(property: Property, indentation: number): string {
    const width = this.propertyWidth(property);
    if (width === UNKNOWN) return this.fallback(propertyDoc(property), indentation, indentation, 1);
    if (indentation + width + 1 <= PRINT_WIDTH) {
      return `${printKey(property.key).doc as string}: ${this.flat(property.value)}`;
    }
    const key = printKey(property.key);
    const keyText = key.doc as string;
    const value = property.value;
    const after = indentation + keyText.length + 2;
    switch (chooseLayout(key.doc, value, { shortKey: key.short })) {
      case 'never-break-after-operator':
        return `${keyText}: ${this.expr(value, indentation, after, 1)}`;
      case 'break-after-operator': {
        const text = this.scalar(value);
        if (value.kind !== 'string' || text === undefined) break;
        return `${keyText}:\n${' '.repeat(indentation + 2)}${text}`;
      }
      case 'fluid': {
        const literal =
          (value.kind === 'object' && value.properties.length > 0) ||
          (value.kind === 'array' && value.items.length > 0);
        const scalar = this.scalar(value);
        if (!literal && scalar === undefined && value.kind !== 'object' && value.kind !== 'array')
          break;
        // Note: prettier keeps the value on the key's line when what can follow `key: ` before a
        // possible break fits: `{` of a literal, else the whole value and its `,`.
        const head = literal ? 1 : this.width(value) + 1;
        if (after + head <= PRINT_WIDTH)
          return `${keyText}: ${this.expr(value, indentation, after, 1)}`;
        const inner = indentation + 2;
        return `${keyText}:\n${' '.repeat(inner)}${this.expr(value, inner, inner, 1)}`;
      }
      default:
        break;
    }
    return this.fallback(propertyDoc(property), indentation, indentation, 1);
  }
}
