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
/** GFM autolink literals start with these. */
const LITERAL_AUTOLINK = /www\.|https?:\/\//i;
/** Characters that start markdown constructs this module does not build. */
const ELSEWHERE = /[*`~[\]@\0]/;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
/** What the character loop below must look at; a cell without any is one text node. */
const SPECIAL = /[\\_&<]/;
const ASCII_ALPHANUMERIC = /[A-Za-z0-9]/;

function matchAt(pattern: RegExp, text: string, index: number): number {
  pattern.lastIndex = index;
  return pattern.test(text) ? pattern.lastIndex : -1;
}

/** Cells longer than this are read as plain text (see {@link readSimple}). */
const MAX_MARKUP_CELL = 64 * 1024;

/** Give a cell one text node of its content. */
function plainCell(cell: CellContent, content: string): true {
  cell.children = [
    {
      type: 'text',
      value: content,
      position: { start: cellPoint(cell, 0), end: cellPoint(cell, content.length) },
    },
  ];
  return true;
}

/**
 * Build the nodes of a cell whose content is plain text, escapes or inline HTML tags; returns
 * false (and builds nothing) when the content needs markdown's full inline reading.
 */
function readSimple(text: string, cell: CellContent): boolean {
  const content = text.slice(cell.start, cell.end);
  // Most cells are plain text: one text node. So is a cell too long to be a real description:
  // micromark resolves emphasis delimiters (`*`, `_`) in time quadratic in their number (a
  // 0.5 MB cell of `*/ ${x}` took 14 s, 10 MB would take hours), and no metadata page has one.
  if (content.length > MAX_MARKUP_CELL) return plainCell(cell, content);
  if (ELSEWHERE.test(content) || LITERAL_AUTOLINK.test(content)) return false;
  if (!SPECIAL.test(content)) return plainCell(cell, content);
  const end = content.length;
  const nodes: PhrasingContent[] = [];
  let value = '';
  let textStart = 0;
  let index = 0;
  while (index < end) {
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
        return false;
      }
      value += char;
      index++;
    } else if (char === '&') {
      if (matchAt(CHARACTER_REFERENCE, content, index) !== -1) return false;
      value += char;
      index++;
    } else if (char === '<') {
      const next = content[index + 1];
      if (next === '!' || next === '?' || matchAt(AUTOLINK, content, index) !== -1) return false;
      const tagEnd = Math.max(
        matchAt(OPEN_TAG, content, index),
        matchAt(CLOSE_TAG, content, index),
      );
      if (tagEnd === -1) {
        value += char;
        index++;
      } else {
        if (index > textStart) nodes.push(textNode(cell, value, textStart, index));
        value = '';
        nodes.push({
          type: 'html',
          value: content.slice(index, tagEnd),
          position: { start: cellPoint(cell, index), end: cellPoint(cell, tagEnd) },
        });
        index = tagEnd;
        textStart = index;
      }
    } else {
      value += char;
      index++;
    }
  }
  if (end > textStart) nodes.push(textNode(cell, value, textStart, end));
  cell.children = nodes;
  return true;
}

/** The point `index` characters into a cell's content (one line). */
function cellPoint(cell: CellContent, index: number): Point {
  return {
    line: cell.point.line,
    column: cell.point.column + index,
    offset: cell.start + index,
  };
}

function textNode(cell: CellContent, value: string, from: number, to: number): PhrasingContent {
  return {
    type: 'text',
    value,
    position: { start: cellPoint(cell, from), end: cellPoint(cell, to) },
  };
}

/**
 * Build the nodes of the cells that need no markdown reading; returns the others, for
 * {@link cellsDocument}.
 *
 * @param text
 *   The page (or a view of it with the same offsets).
 * @param cells
 *   The cells with content, in any order.
 */
export function readSimpleCells(text: string, cells: readonly CellContent[]): CellContent[] {
  return cells.filter((cell) => !readSimple(text, cell));
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
