/**
 * A JSON document with positions (jsonc-parser), so that problems found in it (config errors,
 * `dtoforge validate` issues) can point at `file:line:col`.
 */
import { createScanner, findNodeAtLocation } from 'jsonc-parser';
import type { Node } from 'jsonc-parser';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { report } from './diagnostics.js';
import type { RuleId } from './diagnostics.js';
import type { Point, Position } from './model/model.js';

export interface JsonDocument {
  /** The parsed value (`undefined` when the text is not JSON). */
  value: unknown;
  /** False when the text had syntax errors (reported on the file). */
  ok: boolean;
  /**
   * The span of the value at a path (`['package', 'version']`), or of its nearest existing
   * ancestor; with `key: true`, the span of the property's key.
   */
  place(path: readonly (string | number)[], options?: { key?: boolean }): Position | undefined;
}

/** Human names of jsonc-parser's error codes, phrased as what was expected. */
const EXPECTED: Record<string, string> = {
  InvalidSymbol: 'a JSON value',
  InvalidNumberFormat: 'a number',
  PropertyNameExpected: 'a property name in double quotes',
  ValueExpected: 'a value',
  ColonExpected: '`:`',
  CommaExpected: '`,`',
  CloseBraceExpected: '`}`',
  CloseBracketExpected: '`]`',
  EndOfFileExpected: 'the end of the document',
  InvalidCommentToken: 'no comment',
  UnexpectedEndOfComment: 'the end of the comment',
  UnexpectedEndOfString: 'the closing `"`',
  UnexpectedEndOfNumber: 'a digit',
  InvalidUnicode: 'a unicode escape',
  InvalidEscapeCharacter: 'a valid escape',
  InvalidCharacter: 'a valid character',
};

/**
 * Read a JSON document from a vfile; syntax errors are reported on the file under `ruleId`.
 * Documents of any depth are read (no recursion: see {@link parseJsonTree}).
 *
 * @param file
 *   The document (`file.value` holds the text).
 * @param ruleId
 *   The rule syntax errors are reported under.
 */
export function readJsonDocument(file: VFile, ruleId: RuleId): JsonDocument {
  const text = String(file.value ?? '');
  const where = location(file);
  const span = (offset: number, length: number): Position | undefined => {
    const start = point(where.toPoint(offset));
    const end = point(where.toPoint(offset + length));
    return start ? { start, end: end ?? start } : undefined;
  };
  const { tree, error } = parseJsonTree(text);
  // Note: the first syntax error is enough; the ones after it are usually its echoes.
  if (error) {
    const expected = EXPECTED[error.code] ?? 'JSON';
    const found = escapeText(text.slice(error.offset, error.offset + Math.max(error.length, 1)));
    const unexpected = found === '' ? 'end of file' : `\`${found}\``;
    report(file, ruleId, `Unexpected ${unexpected}, expected ${expected}`, span(error.offset, 0));
  }
  // Note: V8's JSON.parse is not recursive (any depth); the tree gives the positions.
  const ok = error === undefined && tree !== undefined;
  return {
    value: ok ? JSON.parse(text) : undefined,
    ok,
    place(path, options) {
      if (!tree) return undefined;
      let node: Node | undefined;
      for (let end = path.length; end >= 0 && !node; end--) {
        node = findNodeAtLocation(tree, path.slice(0, end) as (string | number)[]);
        if (node && options?.key && end === path.length && node.parent?.type === 'property') {
          const key = node.parent.children?.[0];
          if (key) return span(key.offset, key.length);
        }
      }
      return node ? span(node.offset, node.length) : undefined;
    },
  };
}

/** A node being built (jsonc-parser's nodes are read-only once built). */
type Draft = { -readonly [K in keyof Node]: Node[K] };

/** A syntax error: the name of what was expected (jsonc-parser's error code names) and where. */
export interface JsonSyntaxError {
  code: string;
  offset: number;
  length: number;
}

// jsonc-parser's SyntaxKind and ScanError (const enums: not importable as values here).
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const COMMA = 5;
const COLON = 6;
const NULL = 7;
const TRUE = 8;
const FALSE = 9;
const STRING = 10;
const NUMBER = 11;
const LINE_COMMENT = 12;
const BLOCK_COMMENT = 13;
const LINE_BREAK = 14;
const TRIVIA = 15;
const UNKNOWN = 16;
const EOF = 17;
const SCAN_ERRORS = [
  '',
  'UnexpectedEndOfComment',
  'UnexpectedEndOfString',
  'UnexpectedEndOfNumber',
  'InvalidUnicode',
  'InvalidEscapeCharacter',
  'InvalidCharacter',
];

/**
 * Parse strict JSON into jsonc-parser's node tree (offsets, lengths, keys), with an explicit
 * stack instead of recursion, so that a document nested 100,000 levels deep is read like any
 * other (jsonc-parser's own `parseTree` recurses and overflows the stack near 10,000 levels).
 * The tokens are jsonc-parser's scanner's. Stops at the first syntax error.
 *
 * @param text
 *   The document.
 */
export function parseJsonTree(text: string): { tree?: Node; error?: JsonSyntaxError } {
  const scanner = createScanner(text, false);
  const fail = (code: string): { error: JsonSyntaxError } => ({
    error: { code, offset: scanner.getTokenOffset(), length: scanner.getTokenLength() },
  });
  /** The next token, skipping whitespace; a comment or a bad token is an error code. */
  const next = (): number | string => {
    for (;;) {
      const kind = scanner.scan();
      const scanError = SCAN_ERRORS[scanner.getTokenError()];
      if (scanError) return scanError;
      if (kind === LINE_BREAK || kind === TRIVIA) continue;
      if (kind === LINE_COMMENT || kind === BLOCK_COMMENT) return 'InvalidCommentToken';
      if (kind === UNKNOWN) return 'InvalidSymbol';
      return kind;
    }
  };
  /** Close a value that ends at `end`, and the property holding it. */
  const finish = (node: Node, end: number): void => {
    (node as Draft).length = end - node.offset;
    const parent = node.parent as Draft | undefined;
    if (parent?.type === 'property') parent.length = end - parent.offset;
  };
  /** The containers being read, innermost last; `fresh`: nothing read in it yet. */
  const stack: { node: Node; fresh: boolean }[] = [];
  let root: Node | undefined;

  /** Start a value at the current token (`kind`) inside `parent`; false when it is no value. */
  const startValue = (kind: number | string, parent: Node | undefined): string | undefined => {
    if (typeof kind === 'string') return kind;
    const offset = scanner.getTokenOffset();
    const length = scanner.getTokenLength();
    let node: Node;
    switch (kind) {
      case OPEN_BRACE:
      case OPEN_BRACKET:
        node = { type: kind === OPEN_BRACE ? 'object' : 'array', offset, length: 1, children: [] };
        stack.push({ node, fresh: true });
        break;
      case STRING:
        node = { type: 'string', offset, length, value: scanner.getTokenValue() };
        break;
      case NUMBER: {
        const value = Number(scanner.getTokenValue());
        if (Number.isNaN(value)) return 'InvalidNumberFormat';
        node = { type: 'number', offset, length, value };
        break;
      }
      case TRUE:
      case FALSE:
        node = { type: 'boolean', offset, length, value: kind === TRUE };
        break;
      case NULL:
        node = { type: 'null', offset, length, value: null };
        break;
      default:
        return 'ValueExpected';
    }
    if (parent) {
      (node as Draft).parent = parent;
      parent.children?.push(node);
      if (node.type !== 'object' && node.type !== 'array') finish(node, offset + length);
    } else {
      root = node;
    }
    return undefined;
  };

  const first = startValue(next(), undefined);
  if (first) return fail(first);
  for (let frame = stack.at(-1); frame; frame = stack.at(-1)) {
    const { node } = frame;
    const close = node.type === 'object' ? CLOSE_BRACE : CLOSE_BRACKET;
    const unclosed = close === CLOSE_BRACE ? 'CloseBraceExpected' : 'CloseBracketExpected';
    let kind = next();
    if (typeof kind === 'string') return fail(kind);
    if (kind === close) {
      stack.pop();
      finish(node, scanner.getTokenOffset() + 1);
      continue;
    }
    if (kind === EOF) return fail(unclosed);
    if (frame.fresh) {
      if (kind === COMMA) return fail('ValueExpected');
    } else {
      if (kind !== COMMA) return fail('CommaExpected');
      kind = next();
    }
    frame.fresh = false;
    if (node.type === 'array') {
      const problem = startValue(kind, node);
      if (problem) return fail(problem);
      continue;
    }
    if (kind !== STRING) return fail(typeof kind === 'string' ? kind : 'PropertyNameExpected');
    const property: Node = {
      type: 'property',
      offset: scanner.getTokenOffset(),
      length: 0,
      parent: node,
      children: [],
    };
    node.children?.push(property);
    const key: Node = {
      type: 'string',
      offset: scanner.getTokenOffset(),
      length: scanner.getTokenLength(),
      value: scanner.getTokenValue(),
      parent: property,
    };
    property.children?.push(key);
    const colon = next();
    if (colon !== COLON) return fail(typeof colon === 'string' ? colon : 'ColonExpected');
    (property as Draft).colonOffset = scanner.getTokenOffset();
    const problem = startValue(next(), property);
    if (problem) return fail(problem);
  }
  const end = next();
  if (end !== EOF) return fail(typeof end === 'string' ? end : 'EndOfFileExpected');
  return root ? { tree: root } : fail('ValueExpected');
}

/** Control characters of a document shown as escapes in a message. */
function escapeText(text: string): string {
  return text.replace(/[\u0000-\u001F\u007F-\u009F]/g, (char) =>
    char === '\n' ? '\\n' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A unist point (optional offset) as a model point. */
function point(
  value: { line: number; column: number; offset?: number | undefined } | undefined,
): Point | undefined {
  if (!value) return undefined;
  return value.offset === undefined
    ? { line: value.line, column: value.column }
    : { line: value.line, column: value.column, offset: value.offset };
}
