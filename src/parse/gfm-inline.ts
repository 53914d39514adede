/**
 * The inline content of table cells read by the fast page reader, as remark-gfm gives it.
 *
 * Nearly every cell of a metadata page is plain text, a type with angle brackets
 * (`List<string>`: text `List`, then the inline HTML `<string>`), or text with backslash
 * escapes; those are built here. A cell holding anything else that markdown reads (emphasis,
 * code, links, entities, autolinks, strikethrough, footnotes) is left to remark-gfm itself:
 * all such cells of a page are read in one call (with the page's text between its tables, whose
 * link definitions they may use), each as a one-row table of its own, and their nodes moved
 * back to the cell's place.
 */
import type { PhrasingContent, Table } from 'mdast';
import type { Point } from 'unist';

/** A cell's content: the page text from `start` to `end`, all on one line. */
export interface CellContent {
  start: number;
  end: number;
  /** The point of `start`. */
  point: Point;
  /** Where the nodes go once read. */
  children: PhrasingContent[];
}

/** `<tag attr="x">` and `</tag>`, as CommonMark's inline raw HTML reads them (one line). */
const OPEN_TAG =
  /<[A-Za-z][A-Za-z0-9-]*(?:[\t ]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[\t ]*=[\t ]*(?:[^\t "'=<>`]+|'[^']*'|"[^"]*"))?)*[\t ]*\/?>/y;
const CLOSE_TAG = /<\/[A-Za-z][A-Za-z0-9-]*[\t ]*>/y;
/** `<scheme:…>` and `<user@host>`: autolinks. */
const AUTOLINK = /<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\t\n\r <>]*>|<[^\t\n\r <>@]+@[^\t\n\r <>]+>/y;
/** A character reference (`&amp;`, `&#39;`). */
const CHARACTER_REFERENCE = /&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/y;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const ASCII_ALPHANUMERIC = /[A-Za-z0-9]/;

function matchAt(pattern: RegExp, text: string, index: number): number {
  pattern.lastIndex = index;
  return pattern.test(text) ? pattern.lastIndex : -1;
}

/** Cells longer than this are read as plain text (see {@link cellMarkup}). */
const MAX_MARKUP_CELL = 64 * 1024;

/**
 * What a cell's content asks of the reader: `plain` text (one text node), `simple` markup the
 * reader builds itself (escapes, underscores, references, tags), or `markdown` that remark-gfm
 * reads (emphasis, code, links, strikethrough, autolink literals …).
 */
export type Markup = 'plain' | 'simple' | 'markdown';

/** Whether `text` has `word` (lower-case ASCII) at `index`, before `end`, in any ASCII case. */
function hasWordAt(text: string, index: number, end: number, word: string): boolean {
  if (index + word.length > end) return false;
  for (let offset = 0; offset < word.length; offset++) {
    // ASCII letters only: `| 0x20` lower-cases them and leaves `.`, `:` and `/` as they are.
    if ((text.charCodeAt(index + offset) | 0x20) !== word.charCodeAt(offset)) return false;
  }
  return true;
}

/**
 * What markdown reads in a cell's content, in one pass over its characters: `*` `` ` `` `~`
 * `[` `]` `@` NUL and GFM's autolink literals (`www.`, `http://`, `https://`, any case) need
 * remark-gfm; `\\` `_` `&` `<` the simple reading. A cell too long to be a real description is
 * plain text: micromark resolves emphasis delimiters (`*`, `_`) in time quadratic in their
 * number (a 0.5 MB cell of `*` delimiters took 14 s, 10 MB would take hours), and no metadata page
 * has one.
 *
 * @param text
 *   The page (or a view of it with the same offsets).
 * @param start
 *   Where the cell's content starts.
 * @param end
 *   Where it ends, on the same line.
 */
export function cellMarkup(text: string, start: number, end: number): Markup {
  if (end - start > MAX_MARKUP_CELL) return 'plain';
  let markup: Markup = 'plain';
  for (let index = start; index < end; index++) {
    switch (text.charCodeAt(index)) {
      case 42: // *
      case 96: // `
      case 126: // ~
      case 91: // [
      case 93: // ]
      case 64: // @
      case 0:
        return 'markdown';
      case 92: // \
      case 95: // _
      case 38: // &
      case 60: // <
        markup = 'simple';
        break;
      case 87: // W
      case 119: // w
        if (hasWordAt(text, index, end, 'www.')) return 'markdown';
        break;
      case 72: // H
      case 104: // h
        if (hasWordAt(text, index, end, 'http://') || hasWordAt(text, index, end, 'https://')) {
          return 'markdown';
        }
        break;
    }
  }
  return markup;
}

/** The point `count` characters after `point`, on its line. */
function pointAfter(point: Point, count: number): Point {
  return { line: point.line, column: point.column + count, offset: point.offset! + count };
}

/**
 * The nodes of a cell whose content is plain text, escapes or inline HTML tags, as remark-gfm
 * reads them; `undefined` when the content needs markdown's full inline reading.
 *
 * @param text
 *   The page (or a view of it with the same offsets).
 * @param start
 *   Where the cell's content starts (its first character that is no whitespace).
 * @param end
 *   Where it ends, on the same line.
 * @param point
 *   The point of `start` (the first node starts there: it may keep the object).
 */
export function readSimpleCell(
  text: string,
  start: number,
  end: number,
  point: Point,
): PhrasingContent[] | undefined {
  const markup = cellMarkup(text, start, end);
  if (markup === 'markdown') return undefined;
  const content = text.slice(start, end);
  if (markup === 'plain') {
    const position = { start: point, end: pointAfter(point, content.length) };
    return [{ type: 'text', value: content, position }];
  }
  const nodes: PhrasingContent[] = [];
  let value = '';
  let textStart = 0;
  let index = 0;
  const length = content.length;
  const pushText = (to: number): void => {
    nodes.push({
      type: 'text',
      value,
      position: {
        start: textStart === 0 ? point : pointAfter(point, textStart),
        end: pointAfter(point, to),
      },
    });
  };
  while (index < length) {
    const char = content[index]!;
    if (char === '\\') {
      const next = content[index + 1];
      if (next !== undefined && ASCII_PUNCTUATION.test(next)) {
        value += next;
        index += 2;
      } else {
        value += char;
        index++;
      }
    } else if (char === '_') {
      // Between two letters or digits an underscore neither opens nor closes emphasis.
      if (
        !ASCII_ALPHANUMERIC.test(content[index - 1] ?? '') ||
        !ASCII_ALPHANUMERIC.test(content[index + 1] ?? '')
      ) {
        return undefined;
      }
      value += char;
      index++;
    } else if (char === '&') {
      if (matchAt(CHARACTER_REFERENCE, content, index) !== -1) return undefined;
      value += char;
      index++;
    } else if (char === '<') {
      const next = content[index + 1];
      if (next === '!' || next === '?' || matchAt(AUTOLINK, content, index) !== -1) {
        return undefined;
      }
      const tagEnd = Math.max(
        matchAt(OPEN_TAG, content, index),
        matchAt(CLOSE_TAG, content, index),
      );
      if (tagEnd === -1) {
        value += char;
        index++;
      } else {
        if (index > textStart) pushText(index);
        value = '';
        nodes.push({
          type: 'html',
          value: content.slice(index, tagEnd),
          position: {
            start: index === 0 ? point : pointAfter(point, index),
            end: pointAfter(point, tagEnd),
          },
        });
        index = tagEnd;
        textStart = index;
      }
    } else {
      value += char;
      index++;
    }
  }
  if (length > textStart) pushText(length);
  return nodes;
}

/**
 * The markdown remark-gfm reads the remaining cells from: one one-row table per cell
 * (`| content |`, `|-|`, a blank line), so that each content is read as a table cell, and
 * where each content starts in it.
 */
export function cellsDocument(
  text: string,
  cells: readonly CellContent[],
): { text: string; offsets: number[] } {
  let document = '';
  const offsets: number[] = [];
  for (const cell of cells) {
    document += '| ';
    offsets.push(document.length);
    document += `${text.slice(cell.start, cell.end)} |\n|-|\n\n`;
  }
  return { text: document, offsets };
}

/**
 * Give each cell the nodes remark-gfm read for it, moved to the cell's place.
 *
 * @param tables
 *   The tables read from {@link cellsDocument}'s text, one per cell, in order.
 * @param offsets
 *   Where each cell's content starts in the text that was read.
 */
export function placeCells(
  tables: readonly Table[],
  cells: readonly CellContent[],
  offsets: readonly number[],
): void {
  cells.forEach((cell, index) => {
    const children = tables[index]?.children[0]?.children[0]?.children ?? [];
    const shift = cell.start - offsets[index]!;
    for (const child of children) movePositions(child, shift, cell.point);
    cell.children = children;
  });
}

/** Move a node (and its descendants) from the synthetic one-line document to the cell. */
function movePositions(node: PhrasingContent, shift: number, point: Point): void {
  const position = node.position;
  if (position) {
    for (const end of [position.start, position.end]) {
      end.offset = (end.offset ?? 0) + shift;
      end.column = point.column + end.offset - (point.offset ?? 0);
      end.line = point.line;
    }
  }
  if ('children' in node) for (const child of node.children) movePositions(child, shift, point);
}
