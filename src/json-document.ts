/**
 * A JSON document with positions (jsonc-parser), so that problems found in it (config errors,
 * `dtoforge validate` issues) can point at `file:line:col`.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';
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
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  // Note: the first syntax error is enough; the ones after it are usually its echoes.
  for (const error of errors.slice(0, 1)) {
    const expected = EXPECTED[printParseErrorCode(error.error)] ?? 'JSON';
    const found = text.slice(error.offset, error.offset + Math.max(error.length, 1));
    const unexpected = found === '' ? 'end of file' : `\`${found}\``;
    report(file, ruleId, `Unexpected ${unexpected}, expected ${expected}`, span(error.offset, 0));
  }
  const ok = errors.length === 0 && tree !== undefined;
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

/** A unist point (optional offset) as a model point. */
function point(
  value: { line: number; column: number; offset?: number | undefined } | undefined,
): Point | undefined {
  if (!value) return undefined;
  return value.offset === undefined
    ? { line: value.line, column: value.column }
    : { line: value.line, column: value.column, offset: value.offset };
}
