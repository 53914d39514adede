/**
 * A text page (.txt, .md) → mdast, as remark-parse + remark-gfm read it once its tables are
 * separated by blank lines.
 *
 * A scraped metadata page lost its blank lines: to GFM the whole page is then one table (the
 * notes and the samples included), and GFM's table parser reads about 100 KB/s. So the page is
 * read in three parts:
 *
 * - **tables**: found line by line with GFM's own rules (gfm-rows.ts): a head row and a
 *   delimiter row with as many cells start a table; rows follow while a line holds a `|` and
 *   starts nothing else. A table ends where a blank line is missing: before the next head row,
 *   and before a line without `|`. The older tab-separated layout is read the same way, a tab
 *   standing for a `|` (`NAME⇥PARAMETER⇥DATA TYPE⇥REQUIRED⇥DESCRIPTION` heads such a table);
 * - **everything else** before the samples: remark-parse + remark-gfm, on the page with the
 *   tables' lines blanked (same offsets, so every position is the page's own);
 * - **the sample section** (`The following are sample HTTP requests and responses`, or the
 *   first `POST /path HTTP/1.1` line, to the end): HTTP messages, not markdown, kept verbatim as
 *   one `code` node (`lang: 'http'`, `meta: 'samples'`) for samples.ts.
 *
 * The result is the tree remark-gfm gives for the page with a blank line inserted before and
 * after every table (and, for a tab-separated table, its tabs read as `|` and a delimiter row
 * after its head): the differential test holds the two to the same nodes and positions. A
 * small page that needs no blank line is read by remark-gfm as it is; a page whose tables sit
 * inside something else (a list item, a fence the scan missed) is read by remark-gfm with its
 * blank lines inserted.
 */
import type { PhrasingContent, Root, RootContent, Table, TableCell, TableRow } from 'mdast';
import type { Point, Position } from 'unist';
import {
  cellMarkup,
  cellsDocument,
  placeCells,
  readSimpleCell,
  type CellContent,
} from './gfm-inline.js';
import { gfmProcessor } from './gfm-processor.js';
import { headRowSize, readDelimiterRow, readRow, rowStart, type Align } from './gfm-rows.js';
import { SAMPLE_MARKER } from './samples.js';

/** Pages up to this size that need no blank line are read by remark-gfm as they are. */
export const AS_IS_LIMIT = 32 * 1024;

/** The lines of a page: where each starts and where its content ends (before the line ending). */
export interface PageLines {
  text: string;
  starts: number[];
  ends: number[];
}

/** A table the reader found: its lines, `[head, end)`, 0-based. */
export interface TableRegion {
  head: number;
  end: number;
  /** Tab-separated (the older layout): no delimiter row, a tab stands for `|`. */
  tabs: boolean;
  /** Cells of the head row (for a tab-separated table's delimiter row). */
  size: number;
  align: Align[];
}

/** How a page was read, for tests and the bench. */
export type ReadMode = 'tables' | 'as-is' | 'separated';

export interface MarkdownRead {
  tree: Root;
  mode: ReadMode;
  regions: TableRegion[];
  /** The first line (0-based) of the sample section, or the line count. */
  samplesLine: number;
  lines: PageLines;
}

/** A table the reader found, its rows split into cells: the parts of its `table` node. */
export interface TableRows {
  type: 'tableRows';
  region: TableRegion;
  /**
   * Its rows (not the delimiter row): the line, where the row starts after its indentation,
   * and its cells as {@link readRow} gives them (four offsets each).
   */
  rows: { line: number; start: number; cells: number[] }[];
  /** From its head row to its last line. */
  position: Position;
}

/**
 * A page read in `tables` mode, before its tables are mdast: what {@link readMarkdownPage}
 * builds its tree from, and what the block reader reads the tables' rows from directly (a
 * page's thousands of cells need no `tableCell` and text node each to be read).
 */
export interface TablesRead {
  lines: PageLines;
  /** The page with the tab-separated tables' tabs read as `|` (the cells are read from it). */
  view: string;
  tables: TableRows[];
  /** The top-level nodes between the tables, in page order, positions in the page. */
  between: RootContent[];
  /**
   * The nodes of each cell whose content is more than plain text, by the offset its content
   * starts at (a plain cell is one text node of its content).
   */
  cellNodes: Map<number, PhrasingContent[]>;
  /** The sample section's node, if the page has one. */
  samples: RootContent[];
}

/** A page read: as a tree (remark-gfm read it all), or as {@link TablesRead}. */
export type MarkdownParts =
  | { mode: 'tables'; read: TablesRead; regions: TableRegion[]; samplesLine: number }
  | { mode: 'as-is' | 'separated'; markdown: MarkdownRead };

/** `POST /path HTTP/1.1` at a line start: the samples begin, with or without the marker. */
const REQUEST_LINE = /^\s*(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+\S+\s+HTTP\/\d/;

/** Split a page into lines (`\n`, `\r\n` and `\r` end a line, as in micromark). */
export function pageLines(text: string): PageLines {
  const starts = [0];
  const ends: number[] = [];
  // The next line feed and carriage return, found by `indexOf` (not character by character).
  let lineFeed = text.indexOf('\n');
  let carriageReturn = text.indexOf('\r');
  while (lineFeed !== -1 || carriageReturn !== -1) {
    const cr = carriageReturn !== -1 && (lineFeed === -1 || carriageReturn < lineFeed);
    const end = cr ? carriageReturn : lineFeed;
    const start = cr && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    ends.push(end);
    starts.push(start);
    if (lineFeed !== -1 && lineFeed < start) lineFeed = text.indexOf('\n', start);
    if (carriageReturn !== -1 && carriageReturn < start) {
      carriageReturn = text.indexOf('\r', start);
    }
  }
  ends.push(text.length);
  return { text, starts, ends };
}

/** The line (0-based) that holds `offset`. */
function lineOf(lines: PageLines, offset: number): number {
  const { starts } = lines;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The first line of the sample section, or the line count. */
export function findSamplesLine(lines: PageLines): number {
  const { text, starts, ends } = lines;
  const marker = text.indexOf(SAMPLE_MARKER);
  const markerLine = marker === -1 ? starts.length : lineOf(lines, marker);
  // A request line before the marker: only a line holding `HTTP/` can be one.
  for (let at = text.indexOf('HTTP/'); at !== -1;) {
    const line = lineOf(lines, at);
    if (line >= markerLine) break;
    if (REQUEST_LINE.test(text.slice(starts[line], ends[line]))) return line;
    at = text.indexOf('HTTP/', starts[line + 1] ?? text.length);
  }
  return markerLine;
}

/** A point in the page. */
export function pointAt(lines: PageLines, line: number, offset: number): Point {
  return { line: line + 1, column: offset - lines.starts[line]! + 1, offset };
}

// What opens a block that a table row must not be taken for: a block quote, an ATX heading, a
// fence, HTML, a list item, a footnote or link definition. (A thematic break or a setext
// underline has no `|`.)
const BLOCK_START =
  /^(?:[>[<]|#{1,6}(?:[\t ]|$)|`{3,}|~{3,}|[-+*](?:[\t ]|$)|\d{1,9}[.)](?:[\t ]|$))/;
const BLANK = /^[\t ]*$/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const HTML_BLOCK: readonly { open: RegExp; close: RegExp }[] = [
  {
    open: /^ {0,3}<(?:script|pre|style|textarea)(?:[\t >]|$)/i,
    close: /<\/(?:script|pre|style|textarea)>/i,
  },
  { open: /^ {0,3}<!--/, close: /-->/ },
  { open: /^ {0,3}<\?/, close: /\?>/ },
  { open: /^ {0,3}<![A-Za-z]/, close: />/ },
  { open: /^ {0,3}<!\[CDATA\[/, close: /\]\]>/ },
];
const DTO_HEAD = ['name', 'parameter', 'data type', 'required'];
const ENUM_HEAD = ['name', 'value'];
/** A tab between text: a row of the older layout. */
const TAB_ROW = /[^\t ][ ]*\t/;

/** What the table scan reads: the page's lines, up to the samples. */
interface Scan {
  lines: PageLines;
  samplesLine: number;
}

/** The line's content, from after its indentation, or undefined when it is no table line. */
function rowContent(scan: Scan, line: number): number | undefined {
  const { text, starts, ends } = scan.lines;
  const start = rowStart(text, starts[line]!, ends[line]!);
  if (start === -1 || start === ends[line]) return undefined;
  // Note: BLOCK_START only matches from these first characters.
  if (!BLOCK_START_CHARS.includes(text[start]!)) return start;
  const end = Math.min(start + 10, ends[line]!);
  if (BLOCK_START.test(text.slice(start, end))) return undefined;
  return start;
}

/** The characters a {@link BLOCK_START} match starts with. */
const BLOCK_START_CHARS = '>[<#`~-+*0123456789';

/** Whether the line holds `char` (a tab, a `|`). */
function lineHas(
  lines: PageLines,
  line: number,
  char: number,
  from = lines.starts[line]!,
): boolean {
  const { text, ends } = lines;
  for (let index = from; index < ends[line]!; index++) {
    if (text.charCodeAt(index) === char) return true;
  }
  return false;
}

/** Where a line's content starts after up to three spaces (a fence or HTML opens there). */
function blockStart(lines: PageLines, line: number): number {
  const { text, starts } = lines;
  let index = starts[line]!;
  for (let spaces = 0; spaces < 3 && text.charCodeAt(index) === 32; spaces++) index++;
  return index;
}

/** A pipe table starting at `line`: its head size and alignments. */
function pipeTableAt(scan: Scan, line: number): { size: number; align: Align[] } | undefined {
  if (line + 1 >= scan.samplesLine) return undefined;
  const { text, starts, ends } = scan.lines;
  // Cheap first: the next line must start (after up to 3 spaces) a delimiter row.
  const next = text.charCodeAt(
    starts[line + 1]! + (text.startsWith('   ', starts[line + 1]) ? 3 : 0),
  );
  if (next !== 124 && next !== 45 && next !== 58 && next !== 32 && next !== 9) return undefined;
  const start = rowContent(scan, line);
  if (start === undefined) return undefined;
  const size = headRowSize(text, start, ends[line]!);
  if (size < 1) return undefined;
  const align = readDelimiterRow(text, starts[line + 1]!, ends[line + 1]!);
  return align && align.length === size ? { size, align } : undefined;
}

/** A tab-separated table starting at `line` (a DTO or enum head, then a tab row). */
function tabTableAt(scan: Scan, line: number): { size: number } | undefined {
  if (line + 1 >= scan.samplesLine) return undefined;
  const { text, ends } = scan.lines;
  if (!lineHas(scan.lines, line, 9)) return undefined;
  const start = rowContent(scan, line);
  if (start === undefined) return undefined;
  const content = text.slice(start, ends[line]);
  if (content.includes('|') || !content.includes('\t')) return undefined;
  const cells = content.split('\t').map((cell) => cell.trim().toLowerCase());
  const head = cells[1] === 'value' ? ENUM_HEAD : DTO_HEAD;
  if (!head.every((word, index) => cells[index] === word)) return undefined;
  if (!isTabRow(scan, line + 1)) return undefined;
  const piped = content.replaceAll('\t', '|');
  return { size: headRowSize(piped, 0, piped.length) };
}

function isTabRow(scan: Scan, line: number): boolean {
  if (!lineHas(scan.lines, line, 9)) return false;
  const start = rowContent(scan, line);
  if (start === undefined) return false;
  const content = scan.lines.text.slice(start, scan.lines.ends[line]);
  return !content.includes('|') && TAB_ROW.test(content);
}

/** Find the tables before the samples, skipping fenced code and raw HTML blocks. */
export function findTables(lines: PageLines, samplesLine: number): TableRegion[] {
  const scan: Scan = { lines, samplesLine };
  const { text, starts, ends } = lines;
  const regions: TableRegion[] = [];
  let line = 0;
  while (line < samplesLine) {
    // A fence or an HTML block opens with `` ` ``, `~` or `<` after up to three spaces.
    const first = text.charCodeAt(blockStart(lines, line));
    const opener = first === 96 || first === 126 || first === 60;
    const content = opener ? text.slice(starts[line], ends[line]) : '';
    const fence = opener ? FENCE_OPEN.exec(content) : null;
    if (fence && !(fence[1]!.startsWith('`') && fence[2]!.includes('`'))) {
      const marker = fence[1]!;
      const close = new RegExp(
        `^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[\\t ]*$`,
      );
      line++;
      while (line < samplesLine && !close.test(text.slice(starts[line], ends[line]))) line++;
      line++;
      continue;
    }
    const html = opener ? HTML_BLOCK.find((block) => block.open.test(content)) : undefined;
    if (html) {
      while (line < samplesLine && !html.close.test(text.slice(starts[line], ends[line]))) line++;
      line++;
      continue;
    }
    const pipe = pipeTableAt(scan, line);
    const tab = pipe ? undefined : tabTableAt(scan, line);
    if (!pipe && !tab) {
      line++;
      continue;
    }
    const head = line;
    line += pipe ? 2 : 1;
    while (line < samplesLine) {
      if (pipeTableAt(scan, line) || tabTableAt(scan, line)) break;
      if (pipe) {
        const start = rowContent(scan, line);
        if (start === undefined || !lineHas(lines, line, 124, start)) break;
      } else if (!isTabRow(scan, line)) {
        break;
      }
      line++;
    }
    regions.push(
      pipe
        ? { head, end: line, tabs: false, size: pipe.size, align: pipe.align }
        : {
            head,
            end: line,
            tabs: true,
            size: tab!.size,
            align: new Array<Align>(tab!.size).fill(null),
          },
    );
  }
  return regions;
}

/** The page with the tab-separated tables' tabs read as `|` (the same length). */
function tableView(lines: PageLines, regions: readonly TableRegion[]): string {
  if (!regions.some((region) => region.tabs)) return lines.text;
  let view = '';
  let from = 0;
  for (const region of regions) {
    if (!region.tabs) continue;
    const start = lines.starts[region.head]!;
    const end = lines.ends[region.end - 1]!;
    view += lines.text.slice(from, start) + lines.text.slice(start, end).replaceAll('\t', '|');
    from = end;
  }
  return view + lines.text.slice(from);
}

/**
 * A character (or an autolink literal) that {@link cellMarkup} reads as markup: a row without
 * one has plain cells only.
 */
const MARKUP = /[*`~[\]@\0\\_&<]|www\.|https?:\/\//gi;

/** Where {@link MARKUP} matches in the text before `end`, in order. */
function markupOffsets(view: string, end: number): number[] {
  const offsets: number[] = [];
  for (const match of view.slice(0, end).matchAll(MARKUP)) offsets.push(match.index);
  return offsets;
}

/** Whether a sorted list holds an offset in `[start, end)`. */
function hasOffsetIn(offsets: readonly number[], start: number, end: number): boolean {
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (offsets[middle]! < start) low = middle + 1;
    else high = middle;
  }
  return low < offsets.length && offsets[low]! < end;
}

/**
 * Split a region's rows into cells. A cell whose content is more than plain text gets its
 * nodes in `cellNodes`, here when the simple reading does (escapes, tags), else later from
 * remark-gfm: it is queued in `pending`.
 */
function scanTable(
  lines: PageLines,
  view: string,
  markupAt: readonly number[],
  region: TableRegion,
  cellNodes: Map<number, PhrasingContent[]>,
  pending: CellContent[],
): TableRows {
  const rows: TableRows['rows'] = [];
  for (let line = region.head; line < region.end; line++) {
    if (!region.tabs && line === region.head + 1) continue;
    const start = rowStart(view, lines.starts[line]!, lines.ends[line]!);
    const cells: number[] = [];
    readRow(view, start, lines.ends[line]!, cells);
    rows.push({ line, start, cells });
    // Most rows have no character that makes a cell more than plain text.
    if (!hasOffsetIn(markupAt, start, lines.ends[line]!)) continue;
    for (let index = 0; index < cells.length; index += 4) {
      const contentStart = cells[index + 2]!;
      const contentEnd = cells[index + 3]!;
      if (contentStart === -1 || cellMarkup(view, contentStart, contentEnd) === 'plain') continue;
      const point = pointAt(lines, line, contentStart);
      const nodes = readSimpleCell(view, contentStart, contentEnd, point);
      if (nodes) cellNodes.set(contentStart, nodes);
      else pending.push({ start: contentStart, end: contentEnd, point, children: [] });
    }
  }
  // A table with no body row ends with its delimiter row.
  const last = region.tabs || region.end > region.head + 2 ? region.end - 1 : region.head + 1;
  const first = rows[0]!;
  return {
    type: 'tableRows',
    region,
    rows,
    position: {
      start: pointAt(lines, first.line, first.start),
      end: pointAt(lines, last, lines.ends[last]!),
    },
  };
}

/** A table's `table` node. */
function tableNode(read: TablesRead, table: TableRows): Table {
  const { lines, view, cellNodes } = read;
  const rows: TableRow[] = [];
  for (const { line, start, cells: spans } of table.rows) {
    // A cell ends where the next one starts, and the row runs from its first cell's start to
    // its last cell's end: neighbours share those points (no reader changes a point in place).
    const rowStartPoint = rows.length === 0 ? table.position.start : pointAt(lines, line, start);
    let from = rowStartPoint;
    const cells: TableCell[] = [];
    for (let index = 0; index < spans.length; index += 4) {
      const to = pointAt(lines, line, spans[index + 1]!);
      const contentStart = spans[index + 2]!;
      let children = contentStart === -1 ? [] : cellNodes.get(contentStart);
      if (!children) {
        const point = pointAt(lines, line, contentStart);
        const value = view.slice(contentStart, spans[index + 3]);
        const end = pointAt(lines, line, spans[index + 3]!);
        children = [{ type: 'text', value, position: { start: point, end } }];
      }
      cells.push({ type: 'tableCell', children, position: { start: from, end: to } });
      from = to;
    }
    rows.push({ type: 'tableRow', children: cells, position: { start: rowStartPoint, end: from } });
  }
  return { type: 'table', align: table.region.align, children: rows, position: table.position };
}

/**
 * The nodes between the tables and the tables, in page order (each table before the first
 * node that starts after it).
 */
export function inPageOrder<T extends { position?: Position | undefined }>(
  between: readonly RootContent[],
  tables: readonly T[],
): (RootContent | T)[] {
  const children: (RootContent | T)[] = [];
  let next = 0;
  for (const node of between) {
    const offset = node.position?.start.offset ?? 0;
    while (next < tables.length && (tables[next]!.position?.start.offset ?? 0) < offset) {
      children.push(tables[next]!);
      next++;
    }
    children.push(node);
  }
  // A loop, not a spread: a big page's tables would overflow the stack as arguments.
  for (; next < tables.length; next++) children.push(tables[next]!);
  return children;
}

/** The sample section as one `code` node, or nothing when the page has none. */
function samplesNode(lines: PageLines, samplesLine: number): RootContent[] {
  if (samplesLine >= lines.starts.length) return [];
  const start = lines.starts[samplesLine]!;
  const end = lines.text.length;
  return [
    {
      type: 'code',
      lang: 'http',
      meta: 'samples',
      value: lines.text.slice(start),
      position: {
        start: pointAt(lines, samplesLine, start),
        end: pointAt(lines, lines.starts.length - 1, end),
      },
    },
  ];
}

/** Whether remark-gfm reads the page as the reader does without any blank line added. */
function isSeparated(
  lines: PageLines,
  regions: readonly TableRegion[],
  samplesLine: number,
): boolean {
  const blank = (line: number): boolean =>
    BLANK.test(lines.text.slice(lines.starts[line], lines.ends[line]));
  return regions.every(
    (region) =>
      !region.tabs &&
      (region.head === 0 || blank(region.head - 1)) &&
      (region.end >= samplesLine || blank(region.end)),
  );
}

/** Lines added to separate the tables: `text` goes before line `before` (0-based). */
export interface Insertion {
  before: number;
  text: string;
}

/**
 * The page before its samples as remark-gfm must see it to read the reader's tables: a blank
 * line before and after every table that lacks one; a tab-separated table's tabs read as `|`
 * and a delimiter row after its head.
 */
export function separate(
  lines: PageLines,
  regions: readonly TableRegion[],
  samplesLine: number,
): { text: string; insertions: Insertion[] } {
  const blank = (line: number): boolean =>
    BLANK.test(lines.text.slice(lines.starts[line], lines.ends[line]));
  const insertions: Insertion[] = [];
  for (const region of regions) {
    if (region.head > 0 && !blank(region.head - 1))
      insertions.push({ before: region.head, text: '\n' });
    if (region.tabs)
      insertions.push({ before: region.head + 1, text: `|${'-|'.repeat(region.size)}\n` });
    if (region.end < samplesLine && !blank(region.end))
      insertions.push({ before: region.end, text: '\n' });
  }
  const view = tableView(lines, regions);
  const cut = samplesLine < lines.starts.length ? lines.starts[samplesLine]! : view.length;
  let text = '';
  let from = 0;
  for (const insertion of insertions) {
    const at = lines.starts[insertion.before]!;
    text += view.slice(from, at) + insertion.text;
    from = at;
  }
  return { text: text + view.slice(from, cut), insertions };
}

/**
 * Move the positions of a tree read from {@link separate}'s text back to the page: every
 * inserted line shifts the lines and offsets after it.
 */
export function unseparate(tree: Root, lines: PageLines, insertions: readonly Insertion[]): void {
  // Where each insertion sits in the separated text, and how much it shifted.
  const marks: { at: number; chars: number; lines: number }[] = [];
  let chars = 0;
  let count = 0;
  for (const insertion of insertions) {
    const at = lines.starts[insertion.before]! + chars;
    chars += insertion.text.length;
    count += 1;
    marks.push({ at, chars, lines: count });
  }
  const move = (point: Point): void => {
    const offset = point.offset ?? 0;
    let shift = { chars: 0, lines: 0 };
    let low = 0;
    let high = marks.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (marks[middle]!.at <= offset) {
        shift = marks[middle]!;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    point.offset = offset - shift.chars;
    point.line -= shift.lines;
  };
  const visit = (node: Root | RootContent): void => {
    if (node.position) {
      move(node.position.start);
      move(node.position.end);
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
}

/**
 * Read a text page into mdast.
 *
 * @param text
 *   The page.
 * @param options
 *   `asIs: false` reads the tables here even when remark-gfm could read the page as it is
 *   (tests).
 */
export function readMarkdownPage(text: string, options: { asIs?: boolean } = {}): MarkdownRead {
  const parts = readMarkdownParts(text, options);
  if (parts.mode !== 'tables') return parts.markdown;
  const { read, regions, samplesLine } = parts;
  const tables = read.tables.map((table) => tableNode(read, table));
  const tree: Root = { type: 'root', children: inPageOrder(read.between, tables) };
  for (const node of read.samples) tree.children.push(node);
  tree.position = pagePosition(read.lines);
  return { tree, mode: 'tables', regions, samplesLine, lines: read.lines };
}

/** The whole page's span. */
function pagePosition(lines: PageLines): Position {
  return {
    start: pointAt(lines, 0, 0),
    end: pointAt(lines, lines.starts.length - 1, lines.text.length),
  };
}

/**
 * Read a text page: its tables found here and the text between them read by remark-gfm
 * (`tables`), or the whole page read by remark-gfm (`as-is`, `separated`).
 *
 * @param text
 *   The page.
 * @param options
 *   `asIs: false` reads the tables here even when remark-gfm could read the page as it is.
 */
export function readMarkdownParts(text: string, options: { asIs?: boolean } = {}): MarkdownParts {
  const lines = pageLines(text);
  const samplesLine = findSamplesLine(lines);
  const regions = findTables(lines, samplesLine);
  const cut = samplesLine < lines.starts.length ? lines.starts[samplesLine]! : text.length;
  const samples = samplesNode(lines, samplesLine);
  const whole = (tree: Root, mode: 'as-is' | 'separated'): MarkdownParts => {
    for (const node of samples) tree.children.push(node);
    tree.position = pagePosition(lines);
    return { mode, markdown: { tree, mode, regions, samplesLine, lines } };
  };

  if (options.asIs !== false && cut <= AS_IS_LIMIT && isSeparated(lines, regions, samplesLine)) {
    return whole(gfmProcessor.parse(text.slice(0, cut)), 'as-is');
  }

  // The tables' rows and cells, the cells that are not plain text read here when they can be.
  const view = tableView(lines, regions);
  const cellNodes = new Map<number, PhrasingContent[]>();
  const rest: CellContent[] = [];
  const markupAt = markupOffsets(view, cut);
  const tables = regions.map((region) => scanTable(lines, view, markupAt, region, cellNodes, rest));
  const cells = rest.length > 0 ? cellsDocument(view, rest) : undefined;

  // The text between the tables: plain paragraphs and headings are read here, anything else by
  // remark-gfm (each table replaced by one blank line), in one call with the remaining cells.
  let between: RootContent[] | undefined = readPlain(lines, regions, samplesLine);
  let cellTables: Table[] = [];
  if (between) {
    if (cells) cellTables = tablesOf(gfmProcessor.parse(cells.text).children);
  } else {
    const text = betweenText(lines, regions, cut);
    const joined = cells ? `${text.text}\n\n${cells.text}` : text.text;
    const tree = /\S/.test(joined)
      ? gfmProcessor.parse(joined)
      : { type: 'root' as const, children: [] };
    let nodes = tree.children;
    if (cells) {
      const split = nodes.findIndex(
        (node) => (node.position?.start.offset ?? 0) >= text.text.length,
      );
      const own = split === -1 ? nodes : nodes.slice(0, split);
      const last = own[own.length - 1]?.position?.end.offset ?? 0;
      cellTables = tablesOf(split === -1 ? [] : nodes.slice(split));
      if (last > text.text.length || cellTables.length !== rest.length) {
        // The text swallowed the cells (an unclosed fence): read them on their own.
        nodes = gfmProcessor.parse(text.text).children;
        cellTables = tablesOf(gfmProcessor.parse(cells.text).children);
      } else {
        nodes = own;
        for (let index = 0; index < cells.offsets.length; index++) {
          cells.offsets[index]! += text.text.length + 2;
        }
      }
    }
    between = placeBetween(nodes, lines, regions, text);
    if (!between) {
      const separated = separate(lines, regions, samplesLine);
      const tree = gfmProcessor.parse(separated.text);
      unseparate(tree, lines, separated.insertions);
      return whole(tree, 'separated');
    }
  }
  if (cells) placeCells(cellTables, rest, cells.offsets);
  for (const content of rest) cellNodes.set(content.start, content.children);
  return {
    mode: 'tables',
    read: { lines, view, tables, between, cellNodes, samples },
    regions,
    samplesLine,
  };
}

/** What makes a line more than plain text to markdown, anywhere in it. */
const INLINE_MARKUP = /[\\`*~[\]<&@]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|www\.|https?:\/\//i;
const ATX_HEADING = /^(#{1,6})(?:[\t ]+|$)/;
const LIST_ITEM = /^(?:[-+*]|\d{1,9}[.)])(?:[\t ]|$)/;
const THEMATIC_BREAK = /^([-*_])(?:[\t ]*\1){2,}[\t ]*$/;
const SETEXT_UNDERLINE = /^(?:=+|-+)[\t ]*$/;

/**
 * The text between the tables as remark-gfm reads it, when it is only paragraphs and ATX
 * headings of plain text (a scraped page's roles, routes and notes lines): built here, since a
 * call into remark costs a millisecond before it reads a byte. Undefined when any line is more
 * than that (indented code, a list, a quote, a fence, HTML, a setext underline, a table, inline
 * markup, a hard break): remark-gfm reads the text then.
 */
function readPlain(
  lines: PageLines,
  regions: readonly TableRegion[],
  samplesLine: number,
): RootContent[] | undefined {
  const { text, starts, ends } = lines;
  const nodes: RootContent[] = [];
  let region = 0;
  /** The open paragraph's lines: [first offset, last non-blank offset, line end]. */
  let paragraph: { line: number; start: number; end: number; lineEnd: number }[] = [];
  const close = (): void => {
    if (paragraph.length === 0) return;
    const first = paragraph[0]!;
    const last = paragraph[paragraph.length - 1]!;
    // Lines keep their own line endings (`\r\n` stays `\r\n`).
    let value = '';
    for (const part of paragraph) {
      if (value !== '' || part !== first)
        value += text.slice(ends[part.line - 1], starts[part.line]);
      value += text.slice(part.start, part.end);
    }
    nodes.push({
      type: 'paragraph',
      children: [
        {
          type: 'text',
          value,
          position: {
            start: pointAt(lines, first.line, first.start),
            end: pointAt(lines, last.line, last.end),
          },
        },
      ],
      position: {
        start: pointAt(lines, first.line, first.start),
        end: pointAt(lines, last.line, last.lineEnd),
      },
    });
    paragraph = [];
  };
  for (let line = 0; line < samplesLine; line++) {
    const current = regions[region];
    if (current && line >= current.head) {
      close();
      line = current.end - 1;
      region++;
      continue;
    }
    const lineStart = starts[line]!;
    const lineEnd = ends[line]!;
    let start = lineStart;
    while (start < lineEnd && text.charCodeAt(start) === 32) start++;
    let end = lineEnd;
    while (end > start && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9))
      end--;
    if (start === end) {
      if (text.slice(start, lineEnd).includes('\t')) return undefined;
      close();
      continue;
    }
    const content = text.slice(start, end);
    const first = content.charCodeAt(0);
    // Tabs or 4 spaces of indentation, `>` `` ` `` `~` `<` `[` `|` starts, inline markup.
    if (
      first === 9 ||
      (start - lineStart > 3 && paragraph.length === 0) ||
      /^[>`~<[|]/.test(content) ||
      INLINE_MARKUP.test(content) ||
      LIST_ITEM.test(content) ||
      THEMATIC_BREAK.test(content) ||
      (paragraph.length > 0 && SETEXT_UNDERLINE.test(content))
    ) {
      return undefined;
    }
    // A hard break (two trailing spaces) ends the line before: leave it to remark.
    const previous = paragraph[paragraph.length - 1];
    if (previous && previous.lineEnd - previous.end >= 2) return undefined;
    // A delimiter row under the line before makes a table of the two.
    if ((previous && content.includes('|')) || (previous && /^[-:]/.test(content))) {
      const align = readDelimiterRow(text, lineStart, lineEnd);
      const rowStartAt = rowStart(text, starts[previous.line]!, ends[previous.line]!);
      if (
        align &&
        rowStartAt !== -1 &&
        headRowSize(text, rowStartAt, ends[previous.line]!) === align.length
      ) {
        return undefined;
      }
    }
    const heading = ATX_HEADING.exec(content);
    if (heading) {
      // Closing `#`s and empty headings are left to remark.
      const title = content.slice(heading[0].length);
      if (title === '' || title.includes('#')) return undefined;
      close();
      const titleStart = start + heading[0].length;
      nodes.push({
        type: 'heading',
        depth: heading[1]!.length as 1 | 2 | 3 | 4 | 5 | 6,
        children: [
          {
            type: 'text',
            value: title,
            position: { start: pointAt(lines, line, titleStart), end: pointAt(lines, line, end) },
          },
        ],
        position: { start: pointAt(lines, line, start), end: pointAt(lines, line, lineEnd) },
      });
      continue;
    }
    paragraph.push({ line, start, end, lineEnd });
  }
  close();
  return nodes;
}

/** The text between the tables, each table replaced by one blank line. */
interface BetweenText {
  text: string;
  /** Pieces of the page: where each starts in the page, in the text, and its line shift. */
  pieces: { from: number; at: number; line: number }[];
  /** Where each table's blank line is in the text. */
  holes: number[];
}

function betweenText(lines: PageLines, regions: readonly TableRegion[], cut: number): BetweenText {
  const { text, starts } = lines;
  const pieces: BetweenText['pieces'] = [];
  const holes: number[] = [];
  let between = '';
  let from = 0;
  let lineShift = 0;
  for (const region of regions) {
    const start = starts[region.head]!;
    pieces.push({ from, at: between.length, line: lineShift });
    between += text.slice(from, start);
    holes.push(between.length);
    between += '\n';
    // The table's lines become one.
    lineShift += region.end - region.head - 1;
    from = Math.min(region.end < starts.length ? starts[region.end]! : text.length, cut);
  }
  pieces.push({ from, at: between.length, line: lineShift });
  between += text.slice(from, cut);
  return { text: between, pieces, holes };
}

/**
 * The nodes remark-gfm read from the text between the tables, their positions moved back to
 * the page; undefined when a table does not stand at the top level of the page: a node spans
 * its place (a list item, a fenced block the scan missed), or it is indented right after a list
 * (it would continue the list item).
 */
function placeBetween(
  nodes: RootContent[],
  lines: PageLines,
  regions: readonly TableRegion[],
  between: BetweenText,
): RootContent[] | undefined {
  const { text, starts } = lines;
  const { holes, pieces } = between;
  const continuesList = (hole: number, previous: RootContent | undefined): boolean => {
    const start = starts[regions[hole]!.head]!;
    return (
      /^[\t ]/.test(text.slice(start, start + 1)) &&
      (previous?.type === 'list' || previous?.type === 'footnoteDefinition')
    );
  };
  let hole = 0;
  let previous: RootContent | undefined;
  for (const node of nodes) {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? 0;
    for (; hole < holes.length && holes[hole]! < start; hole++) {
      if (continuesList(hole, previous)) return undefined;
    }
    if (hole < holes.length && holes[hole]! < end) return undefined;
    previous = node;
  }
  for (; hole < holes.length; hole++) if (continuesList(hole, previous)) return undefined;

  const move = (point: Point): void => {
    const offset = point.offset ?? 0;
    let low = 0;
    let high = pieces.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (pieces[middle]!.at <= offset) low = middle;
      else high = middle - 1;
    }
    const piece = pieces[low]!;
    point.offset = offset - piece.at + piece.from;
    point.line += piece.line;
  };
  const visit = (node: RootContent): void => {
    if (node.position) {
      move(node.position.start);
      move(node.position.end);
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  for (const node of nodes) visit(node);
  return nodes;
}

function tablesOf(nodes: readonly RootContent[]): Table[] {
  return nodes.filter((node): node is Table => node.type === 'table');
}
