/**
 * JSON documents with positions (src/json-document.ts): the iterative tree builder agrees with
 * jsonc-parser's own `parseTree` (shape, offsets, values, the first error) on random documents,
 * and reads documents of any depth.
 */
import fc from 'fast-check';
import { parseTree } from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';
import { printParseErrorCode } from 'jsonc-parser';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { parseJsonTree, readJsonDocument } from '../src/json-document.js';

/** A node as plain data (no parent links), for comparison. */
function plain(node: Node | undefined): unknown {
  if (!node) return undefined;
  return {
    type: node.type,
    offset: node.offset,
    length: node.length,
    ...(node.value === undefined ? {} : { value: node.value }),
    ...(node.colonOffset === undefined ? {} : { colonOffset: node.colonOffset }),
    ...(node.children ? { children: node.children.map(plain) } : {}),
  };
}

const OPTIONS = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

describe('parseJsonTree', () => {
  it('builds the same tree as jsonc-parser on valid documents', () => {
    fc.assert(
      fc.property(fc.json(), fc.constantFrom(0, 2), (json, indent) => {
        const text = JSON.stringify(JSON.parse(json), null, indent);
        const errors: ParseError[] = [];
        const expected = parseTree(text, errors, OPTIONS);
        expect(errors).toEqual([]);
        const { tree, error } = parseJsonTree(text);
        expect(error).toBeUndefined();
        expect(plain(tree)).toEqual(plain(expected));
      }),
      { numRuns: 300 },
    );
  });

  it('finds the same first syntax error as jsonc-parser on broken documents', () => {
    const broken = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', ']', '}', ':', '"', '1', '//', ' x'))
      .map(([json, at, insert]) => {
        const position = at % (json.length + 1);
        return json.slice(0, position) + insert + json.slice(position + 1);
      });
    fc.assert(
      fc.property(broken, (text) => {
        const errors: ParseError[] = [];
        parseTree(text, errors, OPTIONS);
        const { error } = parseJsonTree(text);
        const first = errors[0];
        if (!first) {
          expect(error).toBeUndefined();
          return;
        }
        expect(error && { code: error.code, offset: error.offset }).toEqual({
          code: printParseErrorCode(first.error),
          offset: first.offset,
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('reads 100,000 levels of nesting, with positions (jsonc-parser overflows the stack)', () => {
    const depth = 100_000;
    const text = `${'['.repeat(depth)}1${']'.repeat(depth)}`;
    expect(() => parseTree(text, [], OPTIONS)).toThrow(RangeError);
    const file = new VFile({ path: 'deep.json', value: text });
    const document = readJsonDocument(file, 'invalid-document');
    expect(document.ok).toBe(true);
    expect(file.messages).toEqual([]);
    const place = document.place(new Array<number>(depth).fill(0));
    expect(place?.start).toMatchObject({ line: 1, column: depth + 1 });
    const broken = new VFile({ path: 'deep.json', value: `${'{"a":'.repeat(depth)}1` });
    expect(readJsonDocument(broken, 'invalid-document').ok).toBe(false);
    expect(String(broken.messages[0]?.reason)).toBe('Unexpected end of file, expected `}`');
  });
});
