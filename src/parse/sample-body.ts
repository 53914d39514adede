/**
 * Sample bodies: the JSON or JSV text of a sample request or response, read into a positioned
 * {@link SampleNode} tree (every value and key keeps its span in the original file).
 *
 * JSON is read strictly with `jsonc-parser` (comments and trailing commas are errors). JSV is
 * ServiceStack's own format, read by hand here:
 *
 * ```text
 * {accountId:String,tagIds:[String],schedule:{inherit:false,rules:[{priority:0}]}}
 * ```
 *
 * Keys and strings are unquoted unless they hold `,` `{` `}` `[` `]` `"` or edge whitespace;
 * then they are written `"…"` with `""` for a quote. Metadata pages pretty-print JSV with tabs
 * and newlines around the tokens.
 */
import { parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import type { Point, Position } from '../model/model.js';
import type { SampleNode } from './blocks.js';

/** Turns offsets in the file into points (1-based line and column, 0-based offset). */
export type ToPoint = (offset: number) => Point;

/** A syntax error in a body: the reason and the span, as offsets in the file. */
export interface BodyError {
  reason: string;
  start: number;
  end: number;
}

export type BodyResult = { ok: true; node: SampleNode } | { ok: false; error: BodyError };

/**
 * A {@link ToPoint} for a file (offsets past the end are clamped to the end).
 *
 * Note: `vfile-location` scans its line table from the first line on every call, which is
 * quadratic for a big sample at the end of a long page; this binary-searches the line starts,
 * with the same line endings (`\n`, `\r\n`, `\r`).
 *
 * @param file
 *   The file whose `value` holds the page.
 */
export function createToPoint(file: VFile): ToPoint {
  const text = String(file.value);
  const lineStarts = [0];
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 10 || (char === 13 && text.charCodeAt(index + 1) !== 10)) {
      lineStarts.push(index + 1);
    }
  }
  return toPointOf(text.length, lineStarts);
}

/**
 * A {@link ToPoint} from a text's line starts (offsets past the end are clamped to the end).
 *
 * @param length
 *   The text's length.
 * @param lineStarts
 *   Where each line starts, in order (the first at 0).
 */
export function toPointOf(length: number, lineStarts: readonly number[]): ToPoint {
  // The line of the last offset asked: offsets are mostly asked in order, on few lines.
  let last = 0;
  return (offset) => {
    const clamped = Math.max(0, Math.min(offset, length));
    let low = last;
    if (lineStarts[low]! > clamped || (lineStarts[low + 1] ?? Infinity) <= clamped) {
      low = 0;
      let high = lineStarts.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (lineStarts[middle]! <= clamped) low = middle;
        else high = middle - 1;
      }
      last = low;
    }
    return { line: low + 1, column: clamped - lineStarts[low]! + 1, offset: clamped };
  };
}

/** Show a piece of body text in a message: `` `x` `` (cut short), or `end of body`. */
function describeText(text: string, start: number, end: number): string {
  if (start >= text.length) return 'end of body';
  const found = text.slice(start, Math.max(end, start + 1));
  const firstLine = found.split(/\r?\n|\r/)[0] ?? '';
  const shown = firstLine.length > 24 ? firstLine.slice(0, 24) + '…' : firstLine;
  return shown === '' ? 'line ending' : '`' + shown + '`';
}

/**
 * Report a body error on the file.
 *
 * @param file
 *   The page.
 * @param error
 *   The error (offsets in the file).
 * @param toPoint
 *   Offsets to points for `file`.
 */
export function reportBodyError(file: VFile, error: BodyError, toPoint: ToPoint): void {
  const place =
    error.end > error.start
      ? { start: toPoint(error.start), end: toPoint(error.end) }
      : toPoint(error.start);
  // A body cut off by the end of the file means the page itself was truncated.
  const atEnd = error.start >= String(file.value ?? '').trimEnd().length;
  report(file, atEnd ? 'truncated-page' : 'bad-sample', error.reason, place);
}

/** What `jsonc-parser` expected when it reported each error code. */
const JSON_EXPECTED: Record<string, string> = {
  InvalidSymbol: 'a JSON value',
  InvalidNumberFormat: 'a number',
  PropertyNameExpected: 'a `"`-quoted property name',
  ValueExpected: 'a JSON value',
  ColonExpected: '`:`',
  CommaExpected: '`,`',
  CloseBraceExpected: '`,` or `}`',
  CloseBracketExpected: '`,` or `]`',
  EndOfFileExpected: 'end of body',
  InvalidCommentToken: 'JSON without comments',
  UnexpectedEndOfComment: 'JSON without comments',
  UnexpectedEndOfString: 'a closing `"`',
  UnexpectedEndOfNumber: 'a digit',
  InvalidUnicode: 'four hex digits after `\\u`',
  InvalidEscapeCharacter: 'an escape such as `\\n` or `\\"`',
  InvalidCharacter: 'an escaped control character',
};

/** Phrase the first `jsonc-parser` error as "Unexpected X, expected Y" (local offsets). */
function describeJsonError(
  text: string,
  errors: readonly ParseError[],
  root: JsonNode | undefined,
): { reason: string; start: number; end: number } {
  const first = errors[0]!;
  const code = printParseErrorCode(first.error);
  let start = first.offset;
  let end = first.offset + first.length;
  let expected = JSON_EXPECTED[code] ?? 'valid JSON';
  if (code === 'UnexpectedEndOfString') {
    // The span is the whole cut-off string: point at where it stops.
    start = end;
  } else if (code === 'InvalidSymbol' && root && start >= root.offset + root.length) {
    expected = 'end of body';
  } else if (code === 'InvalidSymbol' && errors[1]) {
    const hint = printParseErrorCode(errors[1].error);
    if (hint === 'PropertyNameExpected') expected = JSON_EXPECTED[hint] ?? expected;
  }
  const found =
    code === 'InvalidCommentToken' || code === 'UnexpectedEndOfComment'
      ? 'comment'
      : code === 'UnexpectedEndOfString'
        ? start >= text.length
          ? 'end of body in string'
          : 'line ending in string'
        : code === 'InvalidCharacter'
          ? 'control character in string'
          : describeText(text, start, end);
  return { reason: `Unexpected ${found}, expected ${expected}`, start, end };
}

/** Convert a `jsonc-parser` node (from an error-free parse) into a sample node. */
function convertJsonNode(node: JsonNode, text: string, base: number, toPoint: ToPoint): SampleNode {
  const position: Position = {
    start: toPoint(base + node.offset),
    end: toPoint(base + node.offset + node.length),
  };
  switch (node.type) {
    case 'object':
      return {
        kind: 'object',
        entries: (node.children ?? []).map((property) => {
          const [key, value] = property.children ?? [];
          if (!key || !value) throw new Error('Expected a complete property');
          return {
            key: String(key.value),
            keyPosition: {
              start: toPoint(base + key.offset),
              end: toPoint(base + key.offset + key.length),
            },
            value: convertJsonNode(value, text, base, toPoint),
          };
        }),
        position,
      };
    case 'array':
      return {
        kind: 'array',
        items: (node.children ?? []).map((item) => convertJsonNode(item, text, base, toPoint)),
        position,
      };
    case 'string':
      return { kind: 'string', value: String(node.value), position };
    case 'number':
      return {
        kind: 'number',
        value: Number(node.value),
        raw: text.slice(node.offset, node.offset + node.length),
        position,
      };
    case 'boolean':
      return { kind: 'boolean', value: node.value === true, position };
    case 'null':
      return { kind: 'null', position };
    case 'property':
      throw new Error('Unexpected property node outside an object');
  }
}

/** Thrown inside {@link readStrictJson} only: the text is not strict JSON. */
const NOT_JSON = new Error('not strict JSON');

/** JSON's insignificant whitespace: space, tab, line feed, carriage return. */
function isJsonSpace(char: number): boolean {
  return char === 32 || char === 9 || char === 10 || char === 13;
}

function isDigit(char: number): boolean {
  return char >= 48 && char <= 57;
}

function isHexDigit(char: number): boolean {
  return isDigit(char) || (char >= 65 && char <= 70) || (char >= 97 && char <= 102);
}

/** The characters `\` may escape in a JSON string: `"` `\` `/` `b` `f` `n` `r` `t` (`u` apart). */
const JSON_ESCAPES = new Set([34, 92, 47, 98, 102, 110, 114, 116]);

/**
 * Read a body that is strict JSON (RFC 8259) into a tree, in one pass; `undefined` for any
 * other text, which jsonc-parser then reads to say what is wrong. The tree is the one
 * `jsonc-parser`'s would convert to: the same nodes, values, raw numbers and spans (a string's
 * span includes its quotes).
 *
 * Note: jsonc-parser builds a tree of its own first, twice the work and the garbage for the
 * bodies that are fine (nearly all).
 */
function readStrictJson(text: string, base: number, toPoint: ToPoint): SampleNode | undefined {
  const reader = new StrictJsonReader(text, base, toPoint);
  try {
    reader.skipSpace();
    if (reader.index >= text.length) return undefined;
    const root = reader.readValue();
    reader.skipSpace();
    return reader.index === text.length ? root : undefined;
  } catch (error) {
    // Not JSON, or nested too deep to read here: jsonc-parser reads it as it always did.
    if (error === NOT_JSON || error instanceof RangeError) return undefined;
    throw error;
  }
}

/** The reader of {@link readStrictJson}: offsets are local to `text` until made points. */
class StrictJsonReader {
  index = 0;

  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly toPoint: ToPoint,
  ) {}

  skipSpace(): void {
    const { text } = this;
    while (this.index < text.length && isJsonSpace(text.charCodeAt(this.index))) this.index++;
  }

  private span(start: number, end: number): Position {
    return { start: this.toPoint(this.base + start), end: this.toPoint(this.base + end) };
  }

  readValue(): SampleNode {
    const { text } = this;
    const start = this.index;
    const char = text.charCodeAt(start);
    if (char === 123) return this.readObject();
    if (char === 91) return this.readArray();
    if (char === 34) {
      const value = this.readString();
      return { kind: 'string', value, position: this.span(start, this.index) };
    }
    if (char === 45 || isDigit(char)) {
      this.readNumber();
      const raw = text.slice(start, this.index);
      return { kind: 'number', value: Number(raw), raw, position: this.span(start, this.index) };
    }
    for (const [word, value] of JSON_WORDS) {
      if (text.startsWith(word, start)) {
        this.index += word.length;
        const position = this.span(start, this.index);
        return value === null ? { kind: 'null', position } : { kind: 'boolean', value, position };
      }
    }
    throw NOT_JSON;
  }

  private readObject(): SampleNode {
    const { text } = this;
    const start = this.index;
    const entries: Extract<SampleNode, { kind: 'object' }>['entries'] = [];
    this.index++;
    this.skipSpace();
    if (text.charCodeAt(this.index) === 125) {
      this.index++;
      return { kind: 'object', entries, position: this.span(start, this.index) };
    }
    for (;;) {
      if (text.charCodeAt(this.index) !== 34) throw NOT_JSON;
      const keyStart = this.index;
      const key = this.readString();
      const keyPosition = this.span(keyStart, this.index);
      this.skipSpace();
      if (text.charCodeAt(this.index) !== 58) throw NOT_JSON;
      this.index++;
      this.skipSpace();
      const value = this.readValue();
      entries.push({ key, keyPosition, value });
      this.skipSpace();
      const next = text.charCodeAt(this.index++);
      if (next === 125) break;
      if (next !== 44) throw NOT_JSON;
      this.skipSpace();
    }
    return { kind: 'object', entries, position: this.span(start, this.index) };
  }

  private readArray(): SampleNode {
    const { text } = this;
    const start = this.index;
    const items: SampleNode[] = [];
    this.index++;
    this.skipSpace();
    if (text.charCodeAt(this.index) === 93) {
      this.index++;
      return { kind: 'array', items, position: this.span(start, this.index) };
    }
    for (;;) {
      items.push(this.readValue());
      this.skipSpace();
      const next = text.charCodeAt(this.index++);
      if (next === 93) break;
      if (next !== 44) throw NOT_JSON;
      this.skipSpace();
    }
    return { kind: 'array', items, position: this.span(start, this.index) };
  }

  /** A string at `index` (its `"`), read to after its closing quote. */
  private readString(): string {
    const { text } = this;
    const start = this.index;
    let index = start + 1;
    let escaped = false;
    for (;;) {
      if (index >= text.length) throw NOT_JSON;
      const char = text.charCodeAt(index);
      if (char === 34) break;
      if (char < 0x20) throw NOT_JSON;
      if (char !== 92) {
        index++;
        continue;
      }
      escaped = true;
      const next = text.charCodeAt(index + 1);
      if (next === 117) {
        for (let digit = 2; digit < 6; digit++) {
          if (!isHexDigit(text.charCodeAt(index + digit))) throw NOT_JSON;
        }
        index += 6;
      } else if (JSON_ESCAPES.has(next)) {
        index += 2;
      } else {
        throw NOT_JSON;
      }
    }
    this.index = index + 1;
    // The escapes checked, JSON.parse decodes them as jsonc-parser does.
    return escaped
      ? (JSON.parse(text.slice(start, this.index)) as string)
      : text.slice(start + 1, index);
  }

  /** `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` at `index`. */
  private readNumber(): void {
    const { text } = this;
    if (text.charCodeAt(this.index) === 45) this.index++;
    if (text.charCodeAt(this.index) === 48) this.index++;
    else this.readDigits();
    if (text.charCodeAt(this.index) === 46) {
      this.index++;
      this.readDigits();
    }
    const exponent = text.charCodeAt(this.index);
    if (exponent === 101 || exponent === 69) {
      this.index++;
      const sign = text.charCodeAt(this.index);
      if (sign === 43 || sign === 45) this.index++;
      this.readDigits();
    }
  }

  /** Digits from `index`: at least one. */
  private readDigits(): void {
    const { text } = this;
    if (!isDigit(text.charCodeAt(this.index))) throw NOT_JSON;
    while (isDigit(text.charCodeAt(this.index))) this.index++;
  }
}

const JSON_WORDS: readonly (readonly [string, boolean | null])[] = [
  ['true', true],
  ['false', false],
  ['null', null],
];

/**
 * Read a JSON body without reporting.
 *
 * @param text
 *   The body text.
 * @param startOffset
 *   The offset of `text` in the file.
 * @param toPoint
 *   Offsets to points for the file.
 */
export function parseJsonSample(text: string, startOffset: number, toPoint: ToPoint): BodyResult {
  const strict = readStrictJson(text, startOffset, toPoint);
  return strict ? { ok: true, node: strict } : parseJsoncSample(text, startOffset, toPoint);
}

/**
 * Read a JSON body with `jsonc-parser`: its tree for strict JSON, else its first error (what
 * {@link parseJsonSample} does for bodies that are not strict JSON).
 *
 * @param text
 *   The body text.
 * @param startOffset
 *   The offset of `text` in the file.
 * @param toPoint
 *   Offsets to points for the file.
 */
export function parseJsoncSample(text: string, startOffset: number, toPoint: ToPoint): BodyResult {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  if (errors.length > 0 || !root) {
    const error = errors.length > 0 ? describeJsonError(text, errors, root) : undefined;
    return {
      ok: false,
      error: {
        reason: error?.reason ?? 'Unexpected end of body, expected a JSON value',
        start: startOffset + (error?.start ?? text.length),
        end: startOffset + (error?.end ?? text.length),
      },
    };
  }
  return { ok: true, node: convertJsonNode(root, text, startOffset, toPoint) };
}

/** Thrown inside the JSV reader only. */
class JsvSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(reason);
  }
}

/**
 * A JSON numeral. Note: stricter than `-?\d+…` on purpose: ServiceStack writes the empty Guid
 * as `00000000000000000000000000000000` and dates as `0001-01-01`, which are strings.
 */
const JSV_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const JSV_WHITESPACE = new Set([' ', '\t', '\n', '\r']);
/** Characters that end an unquoted key or value inside an object or array. */
const JSV_DELIMITERS = new Set([',', '}', ']']);
/** Characters an unquoted key or value may not contain (they force quoting). */
const JSV_RESERVED = new Set(['{', '[', '"']);

/** A reader of one JSV body; offsets are local to `text` until converted. */
class JsvReader {
  private index = 0;

  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly toPoint: ToPoint,
  ) {}

  read(): SampleNode {
    this.skipWhitespace();
    if (this.index >= this.text.length) this.fail('a JSV value');
    const node = this.readValue(true);
    this.skipWhitespace();
    if (this.index < this.text.length) this.fail('end of body');
    return node;
  }

  private span(start: number, end: number): Position {
    return { start: this.toPoint(this.base + start), end: this.toPoint(this.base + end) };
  }

  private fail(expected: string, start = this.index, end = start + 1): never {
    const found = describeText(this.text, start, end);
    throw new JsvSyntaxError(
      `Unexpected ${found}, expected ${expected}`,
      this.base + start,
      this.base + Math.min(end, this.text.length),
    );
  }

  private skipWhitespace(): void {
    while (JSV_WHITESPACE.has(this.text[this.index] ?? '')) this.index++;
  }

  /** A value at the current (non-whitespace) position. */
  private readValue(topLevel: boolean): SampleNode {
    const char = this.text[this.index];
    if (char === '{') return this.readObject();
    if (char === '[') return this.readArray();
    if (char === '"') {
      const start = this.index;
      const value = this.readQuoted();
      return { kind: 'string', value, position: this.span(start, this.index) };
    }
    return this.readScalar(topLevel);
  }

  private readObject(): SampleNode {
    const start = this.index;
    this.index++;
    const entries: Extract<SampleNode, { kind: 'object' }>['entries'] = [];
    this.skipWhitespace();
    if (this.text[this.index] === '}') {
      this.index++;
      return { kind: 'object', entries, position: this.span(start, this.index) };
    }
    while (true) {
      this.skipWhitespace();
      const keyStart = this.index;
      const key = this.readKey();
      const keyPosition = this.span(keyStart, key.end);
      this.skipWhitespace();
      if (this.text[this.index] !== ':') this.fail('`:`');
      this.index++;
      this.skipWhitespace();
      if (this.index >= this.text.length) this.fail('a JSV value');
      const value = this.readValue(false);
      entries.push({ key: key.value, keyPosition, value });
      this.skipWhitespace();
      const next = this.text[this.index];
      this.index++;
      if (next === ',') continue;
      if (next === '}') {
        return { kind: 'object', entries, position: this.span(start, this.index) };
      }
      this.index--;
      this.fail('`,` or `}`');
    }
  }

  private readArray(): SampleNode {
    const start = this.index;
    this.index++;
    const items: SampleNode[] = [];
    this.skipWhitespace();
    if (this.text[this.index] === ']') {
      this.index++;
      return { kind: 'array', items, position: this.span(start, this.index) };
    }
    while (true) {
      this.skipWhitespace();
      if (this.index >= this.text.length) this.fail('a JSV value');
      items.push(this.readValue(false));
      this.skipWhitespace();
      const next = this.text[this.index];
      this.index++;
      if (next === ',') continue;
      if (next === ']') return { kind: 'array', items, position: this.span(start, this.index) };
      this.index--;
      this.fail('`,` or `]`');
    }
  }

  /** A key: quoted, or unquoted up to `:` (its span ends at its last non-space character). */
  private readKey(): { value: string; end: number } {
    if (this.text[this.index] === '"') {
      const value = this.readQuoted();
      return { value, end: this.index };
    }
    const start = this.index;
    while (this.index < this.text.length) {
      const char = this.text[this.index]!;
      if (char === ':') break;
      if (JSV_DELIMITERS.has(char) || JSV_RESERVED.has(char)) break;
      this.index++;
    }
    const raw = this.text.slice(start, this.index);
    const trimmed = raw.trimEnd();
    if (trimmed === '') this.fail('a key');
    if (this.text[this.index] !== ':') this.fail('`:`');
    return { value: trimmed, end: start + trimmed.length };
  }

  /** `"…"` with `""` for a quote; the position is after the closing quote. */
  private readQuoted(): string {
    this.index++;
    let value = '';
    while (true) {
      const quote = this.text.indexOf('"', this.index);
      if (quote === -1) {
        this.index = this.text.length;
        throw new JsvSyntaxError(
          'Unexpected end of body in string, expected a closing `"`',
          this.base + this.text.length,
          this.base + this.text.length,
        );
      }
      value += this.text.slice(this.index, quote);
      if (this.text[quote + 1] === '"') {
        value += '"';
        this.index = quote + 2;
        continue;
      }
      this.index = quote + 1;
      return value;
    }
  }

  /**
   * An unquoted scalar: up to a delimiter (in a container) or to the end (at the top level),
   * trimmed. `true` / `false` are booleans, numerals numbers, anything else a string.
   */
  private readScalar(topLevel: boolean): SampleNode {
    const start = this.index;
    while (this.index < this.text.length) {
      const char = this.text[this.index]!;
      if (!topLevel && JSV_DELIMITERS.has(char)) break;
      if (!topLevel && JSV_RESERVED.has(char)) this.fail('`,` or the end of the value');
      this.index++;
    }
    const raw = this.text.slice(start, this.index);
    const trimmed = raw.trimEnd();
    if (trimmed === '') this.fail('a JSV value', start);
    const end = start + trimmed.length;
    // Leave trailing whitespace for the caller to skip.
    this.index = end;
    const position = this.span(start, end);
    if (trimmed === 'true' || trimmed === 'false') {
      return { kind: 'boolean', value: trimmed === 'true', position };
    }
    if (JSV_NUMBER.test(trimmed)) {
      return { kind: 'number', value: Number(trimmed), raw: trimmed, position };
    }
    return { kind: 'string', value: trimmed, position };
  }
}

/**
 * Read a JSV body without reporting.
 *
 * @param text
 *   The body text.
 * @param startOffset
 *   The offset of `text` in the file.
 * @param toPoint
 *   Offsets to points for the file.
 */
export function parseJsvSample(text: string, startOffset: number, toPoint: ToPoint): BodyResult {
  try {
    return { ok: true, node: new JsvReader(text, startOffset, toPoint).read() };
  } catch (error) {
    if (error instanceof JsvSyntaxError) {
      return { ok: false, error: { reason: error.reason, start: error.start, end: error.end } };
    }
    throw error;
  }
}

/**
 * Read a JSON sample body; a syntax error is reported (`bad-sample`) on `file`.
 *
 * @param file
 *   The page.
 * @param text
 *   The body text.
 * @param startOffset
 *   The offset of `text` in the page.
 * @returns
 *   The positioned tree, or `undefined` when the body is not strict JSON.
 */
export function readJsonBody(
  file: VFile,
  text: string,
  startOffset: number,
): SampleNode | undefined {
  const toPoint = createToPoint(file);
  const result = parseJsonSample(text, startOffset, toPoint);
  if (result.ok) return result.node;
  reportBodyError(file, result.error, toPoint);
  return undefined;
}

/**
 * Read a JSV sample body; a syntax error is reported (`bad-sample`) on `file`.
 *
 * @param file
 *   The page.
 * @param text
 *   The body text.
 * @param startOffset
 *   The offset of `text` in the page.
 * @returns
 *   The positioned tree, or `undefined` when the body is not JSV.
 */
export function readJsvBody(
  file: VFile,
  text: string,
  startOffset: number,
): SampleNode | undefined {
  const toPoint = createToPoint(file);
  const result = parseJsvSample(text, startOffset, toPoint);
  if (result.ok) return result.node;
  reportBodyError(file, result.error, toPoint);
  return undefined;
}

/**
 * The plain JSON value of a sample tree. Keys become own properties (also `__proto__`); when a
 * key repeats, the last value wins, as with `JSON.parse`.
 *
 * @param node
 *   The tree.
 */
export function sampleToValue(node: SampleNode): unknown {
  switch (node.kind) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const entry of node.entries) {
        Object.defineProperty(value, entry.key, {
          value: sampleToValue(entry.value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return value;
    }
    case 'array':
      return node.items.map(sampleToValue);
    case 'string':
    case 'number':
    case 'boolean':
      return node.value;
    case 'null':
      return null;
  }
}

/**
 * The position of the value at `path`, or of the deepest value on the path that exists.
 *
 * @param node
 *   The tree.
 * @param path
 *   Keys (objects; the last entry with the key, as {@link sampleToValue}) and indices (arrays).
 */
export function locateSamplePath(
  node: SampleNode,
  path: readonly (string | number)[],
): Position | undefined {
  let current = node;
  for (const step of path) {
    let next: SampleNode | undefined;
    if (current.kind === 'object') {
      next = current.entries.findLast((entry) => entry.key === String(step))?.value;
    } else if (current.kind === 'array' && typeof step === 'number') {
      next = current.items[step];
    }
    if (!next) break;
    current = next;
  }
  return current.position;
}
