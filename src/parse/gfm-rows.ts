/**
 * GFM table rows, one line at a time: where a table may start (a head row and a delimiter row
 * with as many cells) and where each row's cells begin and end, exactly as
 * `micromark-extension-gfm-table` (the tokenizer behind remark-gfm) places them.
 *
 * remark-gfm reads a table at about 100 KB/s, and a scraped page that lost its blank lines is
 * one giant table to it; the fast page reader (scraped.ts) finds the tables itself with these
 * rules and builds the same mdast. The differential test (test/parse-differential.test.ts) holds
 * the two to the same trees.
 *
 * A row is a run of tokens: `|` dividers, whitespace, and data (a run of other characters; `\\`
 * followed by `\\` or `|` belongs to the data). A cell starts at its leading divider (or at the
 * row's first token) and ends where the next cell starts; the last cell ends with the row, so a
 * trailing `|` belongs to it and opens no cell. A cell's content runs from its first data token
 * to its last one.
 */

/** `markdownSpace` in micromark: space or tab. */
function isSpace(char: number): boolean {
  return char === 32 || char === 9;
}

const PIPE = 124;
const BACKSLASH = 92;
const DASH = 45;
const COLON = 58;

/**
 * The start of a line's content after its indentation, or -1 when the indentation reaches
 * column 4 (tabs to the next multiple of 4): such a line is indented code, or the
 * continuation of something else, never a table row of ours.
 */
export function rowStart(text: string, from: number, to: number): number {
  let column = 0;
  let index = from;
  while (index < to) {
    const char = text.charCodeAt(index);
    if (char === 32) column++;
    else if (char === 9) column += 4 - (column % 4);
    else break;
    if (column >= 4) return -1;
    index++;
  }
  return index;
}

/** The end of a data token: up to a pipe, whitespace or `to`; `\\` takes a `\\` or `|` with it. */
function dataEnd(text: string, from: number, to: number): number {
  let index = from;
  while (index < to) {
    const code = text.charCodeAt(index);
    if (code === PIPE || isSpace(code)) break;
    index++;
    if (code === BACKSLASH && index < to) {
      const next = text.charCodeAt(index);
      if (next === BACKSLASH || next === PIPE) index++;
    }
  }
  return index;
}

/**
 * Split a row (its text from `from`, after the indentation, to `to`, before the line ending)
 * into cells, as micromark's table resolver does. The cells go into `cells`, four numbers each
 * (no object per cell: a page has thousands): where the cell starts, where it ends, and its
 * content's span (from the first to the last data token; -1 and -1 when it has none). The first
 * cell starts at `from`, each next one where the one before ends, the last ends at `to`.
 *
 * @param cells
 *   Emptied, then filled.
 */
export function readRow(text: string, from: number, to: number, cells: number[]): void {
  cells.length = 0;
  // The cell being read and the one before it, not yet closed (a cell closes when the next one
  // gets content or a divider, or at the row end).
  let currentStart = from;
  let currentFirst = -1;
  let currentLast = -1;
  let pending = false;
  let pendingStart = 0;
  let pendingFirst = -1;
  let pendingLast = -1;
  let inFirstCellAwaitingPipe = true;
  let index = from;
  while (index < to) {
    const char = text.charCodeAt(index);
    if (isSpace(char)) {
      index++;
      continue;
    }
    if (char === PIPE) {
      if (inFirstCellAwaitingPipe) {
        inFirstCellAwaitingPipe = false;
      } else {
        if (pending) cells.push(pendingStart, currentStart, pendingFirst, pendingLast);
        pending = true;
        pendingStart = currentStart;
        pendingFirst = currentFirst;
        pendingLast = currentLast;
        currentStart = index;
        currentFirst = -1;
        currentLast = -1;
      }
      index++;
      continue;
    }
    const dataStart = index;
    index = dataEnd(text, index, to);
    inFirstCellAwaitingPipe = false;
    if (currentFirst === -1) {
      if (pending) {
        cells.push(pendingStart, currentStart, pendingFirst, pendingLast);
        pending = false;
      }
      currentFirst = dataStart;
    }
    currentLast = index;
  }
  // A row ends with its line (trailing whitespace included).
  if (pending) cells.push(pendingStart, to, pendingFirst, pendingLast);
  else cells.push(currentStart, to, currentFirst, currentLast);
}

/**
 * How many cells a head row has, or -1 when the line cannot be a head row (micromark's
 * `headRowBreak`: a lone `|` is not one).
 */
export function headRowSize(text: string, from: number, to: number): number {
  let size = 0;
  let tokens = 0;
  // The first token counts twice when it is not a pipe.
  let seen = text.charCodeAt(from) !== PIPE;
  if (seen) tokens++;
  let index = from;
  while (index < to) {
    const char = text.charCodeAt(index);
    if (isSpace(char)) {
      index++;
      continue;
    }
    tokens++;
    if (seen) {
      seen = false;
      size++;
    }
    if (char === PIPE) {
      seen = true;
      index++;
      continue;
    }
    index = dataEnd(text, index, to);
  }
  return tokens > 1 ? size : -1;
}

/** A table column's alignment, as mdast writes it. */
export type Align = 'left' | 'right' | 'center' | null;

/**
 * Read a delimiter row (`---|:---:|`), from the line's start `from` (before any indentation)
 * to `to`: its alignments, one per cell, or undefined when the line is not one (micromark's
 * `headDelimiter*` states: up to 3 columns of indentation, cells of `-` with optional `:` on
 * either side, at least one `|` or `:`).
 */
export function readDelimiterRow(text: string, from: number, to: number): Align[] | undefined {
  const start = rowStart(text, from, to);
  if (start === -1 || start === to) return undefined;
  let char = text.charCodeAt(start);
  if (char !== PIPE && char !== DASH && char !== COLON) return undefined;
  const align: Align[] = [];
  let seen = false;
  let index = start;
  if (char === PIPE) {
    seen = true;
    index++;
    while (index < to && isSpace(text.charCodeAt(index))) index++;
  }
  while (index < to) {
    // A cell value: `:`? `-`+ `:`?, then whitespace, then `|` or the end.
    char = text.charCodeAt(index);
    let left = false;
    if (char === COLON) {
      left = true;
      seen = true;
      index++;
      if (index >= to || text.charCodeAt(index) !== DASH) return undefined;
    } else if (char !== DASH) {
      return undefined;
    }
    while (index < to && text.charCodeAt(index) === DASH) index++;
    let right = false;
    if (index < to && text.charCodeAt(index) === COLON) {
      right = true;
      seen = true;
      index++;
    }
    align.push(left && right ? 'center' : left ? 'left' : right ? 'right' : null);
    while (index < to && isSpace(text.charCodeAt(index))) index++;
    if (index >= to) break;
    if (text.charCodeAt(index) !== PIPE) return undefined;
    seen = true;
    index++;
    while (index < to && isSpace(text.charCodeAt(index))) index++;
  }
  return seen ? align : undefined;
}
