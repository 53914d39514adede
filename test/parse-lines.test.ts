/**
 * The line scan of the fast page reader (src/parse/markdown-page.ts): where each line of a page
 * starts and ends (`\n`, `\r\n` and `\r` end a line, as in micromark) and where the sample
 * section begins, held to their definitions line by line on random pages.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findSamplesLine, pageLines } from '../src/parse/markdown-page.js';
import { SAMPLE_MARKER } from '../src/parse/samples.js';

/** The lines by definition: every line terminator, one character at a time. */
function linesOneByOne(text: string): { starts: number[]; ends: number[] } {
  const starts = [0];
  const ends: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '\n' || char === '\r') {
      ends.push(index);
      if (char === '\r' && text[index + 1] === '\n') index++;
      starts.push(index + 1);
    }
  }
  ends.push(text.length);
  return { starts, ends };
}

/** The first line holding the marker or a request line (`POST /x HTTP/1.1`), or the count. */
function samplesLineOneByOne(text: string): number {
  const { starts, ends } = linesOneByOne(text);
  const request = /^\s*(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+\S+\s+HTTP\/\d/;
  for (let line = 0; line < starts.length; line++) {
    const content = text.slice(starts[line], ends[line]);
    if (content.includes(SAMPLE_MARKER) || request.test(content)) return line;
  }
  return starts.length;
}

const piece = fc.constantFrom(
  'a',
  ' ',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\u2028',
  '|',
  'HTTP/',
  'HTTP/1.1',
  'POST /x ',
  ' GET /a/b ',
  'PUT',
  SAMPLE_MARKER,
  SAMPLE_MARKER.slice(0, 20),
);
const page = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));

describe('the page’s lines', () => {
  it('end at every line feed, carriage return and CR LF', () => {
    fc.assert(
      fc.property(page, (text) => {
        const lines = pageLines(text);
        expect({ starts: lines.starts, ends: lines.ends }).toEqual(linesOneByOne(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('say where the samples begin: the marker line or an earlier request line', () => {
    fc.assert(
      fc.property(page, (text) => {
        expect(findSamplesLine(pageLines(text))).toBe(samplesLineOneByOne(text));
      }),
      { numRuns: 2000 },
    );
    const text = ['a', 'POST /x HTTP/1.1', SAMPLE_MARKER, 'b'].join('\r\n');
    expect(findSamplesLine(pageLines(text))).toBe(1);
    expect(findSamplesLine(pageLines(`x\r${SAMPLE_MARKER}\nGET /y HTTP/1.1`))).toBe(1);
    expect(findSamplesLine(pageLines('a\nb'))).toBe(2);
  });
});
