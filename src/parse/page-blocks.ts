/**
 * mdast → {@link PageBlocks}: the stage boundary. Whatever the page was (scraped text,
 * markdown, HTML), its tables are mdast `table` / `tableRow` / `tableCell` nodes and its
 * headings `heading` nodes, with positions in the original file; this module reads the page's
 * structure off them. It is a unified plugin ({@link remarkServiceStackBlocks}) that leaves the
 * blocks on `file.data.pageBlocks` and reports problems as vfile messages.
 *
 * The tree is read as a run of items: headings, rows (a `tableRow`, or a line with `|` or tabs
 * that is not in a table: a header-less enum list, a route line) and plain lines. Rows are
 * classified by their cells:
 *
 * ```text
 * Requires any of the roles: | A, B |          roles row
 * POST | /endpoints/phone-numbers |             route (several: a 4-column table)
 * Name | Parameter | Data Type | Required | Description |   DTO table header
 * AccountId | body | string | No | The ID … |  DTO row (the last may drop its Description)
 * PhoneNumber | |                               enum list member; the last one is `Member |`
 * Name | Value | |                              enum table header; rows `PCMU | 0 | |`
 * Allowable Values                              values of the row above, one per line
 * ```
 *
 * The sample section (after `The following are sample HTTP requests and responses`) is read
 * by samples.ts: from the page's text, or, for HTML, from the `<pre>` blocks' text with each
 * offset mapped back into the file.
 */
import type { Nodes, Root, RootContent, TableCell, TableRow } from 'mdast';
import type { Plugin } from 'unified';
import type { Point as UnistPoint, Position as UnistPosition } from 'unist';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import type { Point, Position } from '../model/model.js';
import type {
  Block,
  Cell,
  DtoRow,
  DtoTable,
  EnumList,
  EnumListMember,
  EnumTable,
  EnumTableRow,
  Heading,
  PageBlocks,
  PageEnd,
  PageHeader,
  PageSamples,
  RouteLine,
} from './blocks.js';
import { htmlSampleSource } from './html-page.js';
import {
  inPageOrder,
  pageLines,
  type PageLines,
  type TableRows,
  type TablesRead,
} from './markdown-page.js';
import { toPointOf } from './sample-body.js';
import { readSamples, SAMPLE_MARKER } from './samples.js';

declare module 'vfile' {
  interface DataMap {
    /** The page's blocks, left by {@link remarkServiceStackBlocks}. */
    pageBlocks: PageBlocks;
  }
}

/** How a page is written: text (scraped, markdown, tab-separated) or HTML. */
export type PageFormat = 'text' | 'html';

/** HTML by its extension (`.html`, `.htm`) or, whatever its name, by its first markup. */
export function pageFormat(file: VFile): PageFormat {
  const extension = (file.extname ?? '').toLowerCase();
  if (extension === '.html' || extension === '.htm') return 'html';
  const head = String(file.value ?? '').slice(0, 1024);
  return /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>])/i.test(head) ? 'html' : 'text';
}

/** A row: its cells, and whether it ends with `|` (the usual scraped layout). */
interface Row {
  cells: Cell[];
  trailingPipe: boolean;
  /** The values an HTML Description cell lists under `<h4>Allowable Values</h4>`. */
  allowableValues?: Cell[];
}

/** One thing of the page, in order. */
interface Item {
  kind: 'heading' | 'row' | 'line';
  /** The text as written (a row's line, a heading's text). */
  text: string;
  position: Position;
  row?: Row;
  /** The head row of an mdast table: the whole table's span (its delimiter row included). */
  table?: Position;
  /** A heading's level. */
  depth?: number;
}

const VERB =
  /^(?:all verbs|any|get|post|put|delete|patch|head|options)(?:\s*,\s*(?:get|post|put|delete|patch|head|options))*$/i;
const DELIMITER_CELL = /^:?-{1,}:?$/;
const HEADING_LINE = /^(.+?)\s+(?:Parameters|Enum|Enum Values|Values)\s*:?\s*$/i;
/** A heading that can name a table: a type name (`Struct`, `QueryResponse<Poco>`). */
const NAME_HEADING = /^[A-Za-z_][\w.]*(?:<[\w.,\s<>[\]?]*>)?(?:\[\])?:?$/;
const ROLES_LINE =
  /^(?:requires any of the roles|requires the role|required roles?|requires roles?)\s*:?$/i;
/** The notes ServiceStack prints after the tables: a page that shows them has all its tables. */
const NOTES_LINE = /^(?:to override the content-type|to embed the response in a jsonp callback)/i;
const IGNORED_LINE = [
  /^to override the content-type/i,
  /^http\s*\+\s*[a-z]+$/i,
  /^valid range:/i,
  /^to embed the response in a jsonp callback/i,
  /^the following routes are available/i,
  /^requires authentication\.?$/i,
  /^(?:requires any of the permissions|requires the permission|required permissions?)\s*:?/i,
  /^http\s+(?:get|post|put|delete|patch)/i,
];
/** `Allowable Values`: the values of the row above follow, one per line (older layouts). */
const ALLOWABLE_VALUES_LINE = /^allowable values\s*:?$/i;
/** A line of the older tab-separated layout: text, a tab, more text. */
const TAB_ROW = /\S[^\S\n]*\t|\t[^\S\n]*\S/;
const PIPE = /(?:^|[^\\])\|/;
const PARAMETER_WORDS = ['body', 'form', 'query', 'path', 'header'];

/** A Parameter cell, or the start of one on a row the page cut (`form`, `fo`). */
function isParameterStart(text: string): boolean {
  const word = text.toLowerCase();
  return word !== '' && PARAMETER_WORDS.some((parameter) => parameter.startsWith(word));
}
/** `POST /path HTTP/1.1` at a line start: the samples begin, with or without the marker. */
const REQUEST_LINE = /^\s*(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+\S+\s+HTTP\/\d/;

/** The text of a node as a reader sees it (markup dropped, a line break kept). */
function plainText(node: Nodes): string {
  if (node.type === 'break') return '\n';
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? '';
  if ('value' in node) return node.value;
  if ('children' in node) {
    let text = '';
    for (const child of node.children) text += plainText(child);
    return text;
  }
  return '';
}

/** Markup that only formats text: on a text page, kept as written. */
const FORMATTING = new Set([
  'emphasis',
  'strong',
  'delete',
  'link',
  'linkReference',
  'image',
  'imageReference',
  'footnoteReference',
]);

/**
 * A cell's text on a text page: escapes, references and code spans read (`\|` is `|`,
 * `` `List<T>` `` is `List<T>`), markup that only formats kept as the page writes it (a name
 * `__proto__` is not strong emphasis of `proto`, a description keeps its `*stress*` and
 * `[links](…)` for the JSDoc).
 */
function writtenText(node: Nodes, source: string): string {
  if (FORMATTING.has(node.type) && node.position) {
    return source.slice(node.position.start.offset, node.position.end.offset).replace(/\\\|/g, '|');
  }
  if (node.type === 'break') return '\n';
  if ('value' in node) return node.value;
  if ('children' in node) {
    let text = '';
    for (const child of node.children) text += writtenText(child, source);
    return text;
  }
  return '';
}

/** A unist point as the model's (whose `offset` is never `undefined` when present). */
function modelPoint(point: UnistPoint): Point {
  // The readers always set the offset: the same object serves.
  if (point.offset !== undefined) return point as Point;
  return { line: point.line, column: point.column };
}

function modelPosition(position: UnistPosition): Position {
  if (position.start.offset !== undefined && position.end.offset !== undefined) {
    return position as Position;
  }
  return { start: modelPoint(position.start), end: modelPoint(position.end) };
}

function point(lines: PageLines, line: number, offset: number): Point {
  return { line: line + 1, column: offset - lines.starts[line]! + 1, offset };
}

function spanOf(first: Position, last: Position): Position {
  return { start: first.start, end: last.end };
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The cells of a line of the page (text format): `|`-separated, or tab-separated. */
function splitLine(lines: PageLines, line: number): Row {
  const text = lines.text;
  const lineStart = lines.starts[line]!;
  const content = text.slice(lineStart, lines.ends[line]);
  const cells: Cell[] = [];
  const pushCell = (from: number, to: number): void => {
    const raw = content.slice(from, to);
    const value = raw.trim();
    const start = value === '' ? from : from + raw.length - raw.trimStart().length;
    cells.push({
      text: value.replace(/\\\|/g, '|'),
      position: {
        start: point(lines, line, lineStart + start),
        end: point(lines, line, lineStart + start + value.length),
      },
    });
  };
  if (!PIPE.test(content)) {
    // The older layout: a trailing tab stands for the trailing `|`; leading tabs indent.
    const end = content.replace(/[ \r\n]+$/, '').length;
    const trailingPipe = content.slice(0, end).endsWith('\t');
    let from = 0;
    for (let index = 0; index < end; index++) {
      if (content[index] === '\t') {
        pushCell(from, index);
        from = index + 1;
      }
    }
    if (from < end) pushCell(from, end);
    while (cells.length > 1 && cells[0]?.text === '' && /^\s*\t/.test(content)) cells.shift();
    return { cells, trailingPipe };
  }
  const trimmedEnd = content.replace(/\s+$/, '');
  const leading = /^\s*\|/.exec(content);
  let from = leading ? leading[0].length : 0;
  const trailingPipe = trimmedEnd.endsWith('|') && !trimmedEnd.endsWith('\\|');
  const end = trailingPipe ? trimmedEnd.length - 1 : trimmedEnd.length;
  for (let index = from; index < end; index++) {
    if (content[index] === '\\') {
      index++;
    } else if (content[index] === '|') {
      pushCell(from, index);
      from = index + 1;
    }
  }
  if (from <= end && (from < end || trailingPipe || cells.length > 0)) pushCell(from, end);
  return { cells, trailingPipe };
}

/** A cell of an mdast row: its text, and the span of its content. */
function tableCell(cell: TableCell, format: PageFormat, source: string, row?: TableRow): Cell {
  const children = cell.children;
  const only = children.length === 1 ? children[0] : undefined;
  // Most cells: one text node, its value the cell's text.
  if (format === 'text' && only?.type === 'text' && only.position && only.value !== '') {
    // The readers always set the offsets: the text's position object serves.
    return { text: only.value, position: modelPosition(only.position) };
  }
  const phrasing = children.filter(
    (child) => (child as Nodes).type !== 'heading' && (child as Nodes).type !== 'list',
  );
  let joined = '';
  for (const child of phrasing) {
    joined += format === 'html' ? plainText(child) : writtenText(child, source);
  }
  // HTML collapses whitespace (a `<br />` stays a line break); a text cell is as written.
  const text = (
    format === 'html'
      ? joined.replace(/\s+/g, (space) => (space.includes('\n') ? '\n' : ' '))
      : joined
  ).trim();
  const first = phrasing[0]?.position;
  const last = phrasing[phrasing.length - 1]?.position;
  if (text !== '' && first && last) {
    return { text, position: { start: modelPoint(first.start), end: modelPoint(last.end) } };
  }
  // An empty cell: at its start (after its `|` in a text page), or at the row's end.
  const at = cell.position?.start ?? row?.position?.end ?? { line: 1, column: 1, offset: 0 };
  const after =
    format === 'text' && at.offset !== undefined && source[at.offset] === '|'
      ? { line: at.line, column: at.column + 1, offset: at.offset + 1 }
      : modelPoint(at);
  return { text, position: { start: after, end: after } };
}

/** The values an HTML Description cell lists: `<h4>Allowable Values</h4><ul><li>…`. */
function cellAllowableValues(cell: TableCell): Cell[] | undefined {
  const children = cell.children as Nodes[];
  const heading = children.findIndex(
    (child) => child.type === 'heading' && ALLOWABLE_VALUES_LINE.test(plainText(child).trim()),
  );
  const list = children.slice(heading + 1).find((child) => child.type === 'list');
  if (heading === -1 || list?.type !== 'list') return undefined;
  const values: Cell[] = [];
  for (const item of list.children) {
    const text = plainText(item).trim();
    const position = item.position ?? cell.position;
    if (text !== '' && position) values.push({ text, position: modelPosition(position) });
  }
  return values;
}

/** Read the items of a tree, up to its sample section. */
interface Collected {
  items: Item[];
  /** The page's lines (text pages). */
  lines: PageLines;
  /** Text pages: the offset the samples start at. */
  samplesOffset?: number;
  /** HTML pages: the sample messages' blocks (`<pre>`), in order. */
  sampleBlocks?: RootContent[];
}

function collectItems(tree: Root, file: VFile, format: PageFormat): Collected {
  const lines = pageLines(String(file.value ?? ''));
  return format === 'html'
    ? collectHtmlItems(tree.children, lines)
    : collectTextItems(tree.children, lines, undefined);
}

/** The items of an HTML page's tree, up to its sample blocks. */
function collectHtmlItems(nodes: readonly RootContent[], lines: PageLines): Collected {
  const items: Item[] = [];
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index]!;
    const position = node.position;
    const text = plainText(node).replace(/\s+/g, ' ').trim();
    if (node.type === 'html') {
      // A comment (`<!-- REST Examples -->`): not the page's text.
    } else if (node.type === 'table') {
      tableItems(node, 'html', lines.text, items);
    } else if (
      text.includes(SAMPLE_MARKER) ||
      (node.type === 'code' && REQUEST_LINE.test(node.value))
    ) {
      const start = node.type === 'code' ? index : index + 1;
      return {
        items,
        lines,
        sampleBlocks: nodes.slice(start).filter((child) => child.type === 'code'),
      };
    } else if (position && text !== '') {
      items.push({
        kind: node.type === 'heading' ? 'heading' : 'line',
        text,
        position: modelPosition(position),
        ...(node.type === 'heading' ? { depth: node.depth } : {}),
      });
    }
  }
  return { items, lines };
}

/**
 * The items of a text page's top-level nodes, up to its sample section. Its tables are mdast
 * `table` nodes, or (`read`, from the fast reader) {@link TableRows} read straight into rows.
 */
function collectTextItems(
  nodes: readonly (RootContent | TableRows)[],
  lines: PageLines,
  read: TablesRead | undefined,
): Collected {
  const source = lines.text;
  const items: Item[] = [];
  for (const node of nodes) {
    if (node.type === 'tableRows') {
      tableRowsItems(node, read!, items);
      continue;
    }
    const position = node.position;
    if (!position) continue;
    const startLine = position.start.line - 1;
    const endLine = position.end.line - 1;
    if (node.type === 'code' && node.meta === 'samples') {
      return { items, lines, samplesOffset: position.start.offset ?? 0 };
    }
    let samplesOffset: number | undefined;
    if (node.type === 'table') {
      tableItems(node, 'text', source, items);
    } else if (
      node.type === 'heading' &&
      startLine === endLine &&
      /^ {0,3}#/.test(source.slice(lines.starts[startLine], lines.ends[startLine])) &&
      !PIPE.test(plainText(node))
    ) {
      const text = plainText(node).trim();
      if (text.includes(SAMPLE_MARKER)) {
        return { items, lines, samplesOffset: lines.starts[startLine]! };
      }
      items.push({ kind: 'heading', text, position: modelPosition(position), depth: node.depth });
    } else if (
      node.type === 'code' &&
      /^ {0,3}(?:`{3,}|~{3,})/.test(source.slice(lines.starts[startLine], lines.ends[startLine]))
    ) {
      // A fenced block: its lines (the samples in a ```http fence start the sample section).
      samplesOffset = lineItems(lines, startLine + 1, endLine - 1, items);
      if (samplesOffset !== undefined) samplesOffset = lines.starts[startLine]!;
    } else {
      samplesOffset = lineItems(lines, startLine, endLine, items);
    }
    if (samplesOffset !== undefined) return { items, lines, samplesOffset };
  }
  return { items, lines };
}

/**
 * The items of lines `from` to `to` (rows with `|` or tabs, other lines); the offset the
 * samples start at when one of them starts the sample section.
 */
function lineItems(lines: PageLines, from: number, to: number, items: Item[]): number | undefined {
  const source = lines.text;
  for (let line = from; line <= to && line < lines.starts.length; line++) {
    const content = source.slice(lines.starts[line], lines.ends[line]);
    if (content.trim() === '') continue;
    if (content.includes(SAMPLE_MARKER) || REQUEST_LINE.test(content)) {
      return lines.starts[line]!;
    }
    const position: Position = {
      start: point(lines, line, lines.starts[line]!),
      end: point(lines, line, lines.ends[line]!),
    };
    if (PIPE.test(content) || TAB_ROW.test(content)) {
      items.push({ kind: 'row', text: content.trim(), position, row: splitLine(lines, line) });
    } else {
      items.push({ kind: 'line', text: content.trim(), position });
    }
  }
  return undefined;
}

/** The rows of an mdast `table` as items (the first one holds the table's span). */
function tableItems(
  node: RootContent & { type: 'table' },
  format: PageFormat,
  source: string,
  items: Item[],
): void {
  const first = items.length;
  for (const row of node.children) {
    // hast-util-to-mdast adds an empty head row to a table with none: not the page's.
    if (!row.position) continue;
    // hast-util-to-mdast pads a short row with empty cells that are not in the file: a row
    // the file stops in (`<tr><td>Name</td><td>body`) keeps only the cells it has.
    const cells: Cell[] = [];
    let empty = true;
    for (const cell of row.children) {
      if (format === 'html' && !cell.position) continue;
      const read = tableCell(cell, format, source, row);
      if (read.text !== '') empty = false;
      cells.push(read);
    }
    // A row of empty cells says nothing (an HTML `<tr></tr>`, a text `| |`).
    if (empty) continue;
    const start = row.position.start.offset ?? 0;
    const end = row.position.end.offset ?? 0;
    const last = row.children[row.children.length - 1];
    if (format === 'html') {
      const allowableValues = last ? cellAllowableValues(last) : undefined;
      items.push({
        kind: 'row',
        text: cells.map((c) => c.text).join(' | '),
        position: modelPosition(row.position),
        row: { cells, trailingPipe: true, ...(allowableValues ? { allowableValues } : {}) },
      });
      continue;
    }
    const contentEnd = last?.children[last.children.length - 1]?.position?.end.offset ?? start;
    items.push(textRowItem(source, start, end, contentEnd, modelPosition(row.position), cells));
  }
  const head = items[first];
  if (head && node.position) head.table = modelPosition(node.position);
}

/**
 * A row of a text page as an item. It ends with `|` unless that `|` is escaped content
 * (`a\|`): `contentEnd` is where its last cell's content ends.
 */
function textRowItem(
  source: string,
  start: number,
  end: number,
  contentEnd: number,
  position: Position,
  cells: Cell[],
): Item {
  const rowText = source.slice(start, end).trimEnd();
  const trailingPipe = rowText.endsWith('|') && contentEnd < start + rowText.length;
  return { kind: 'row', text: rowText.trimStart(), position, row: { cells, trailingPipe } };
}

/**
 * The rows of a table the fast reader found, as items: the cells {@link tableItems} reads off
 * the table's mdast, without building it. A plain cell (most) is its content; any other is read
 * by {@link tableCell} from its nodes. The differential test holds the two readings equal.
 */
function tableRowsItems(table: TableRows, read: TablesRead, items: Item[]): void {
  const { lines, view, cellNodes } = read;
  const source = lines.text;
  const first = items.length;
  for (const { line, start, cells: spans } of table.rows) {
    const cells: Cell[] = [];
    let empty = true;
    // Where the last cell's last node ends (the row's start when it has none).
    let contentEnd = start;
    for (let index = 0; index < spans.length; index += 4) {
      const cellStart = spans[index]!;
      const contentStart = spans[index + 2]!;
      let cell: Cell;
      contentEnd = start;
      if (contentStart === -1) {
        // An empty cell: after its `|`, or at its start.
        const after = point(
          lines,
          line,
          source.charCodeAt(cellStart) === 124 ? cellStart + 1 : cellStart,
        );
        cell = { text: '', position: { start: after, end: after } };
      } else {
        const nodes = cellNodes.get(contentStart);
        if (nodes) {
          const position = {
            start: point(lines, line, cellStart),
            end: point(lines, line, spans[index + 1]!),
          };
          cell = tableCell({ type: 'tableCell', children: nodes, position }, 'text', source);
          contentEnd = nodes[nodes.length - 1]?.position?.end.offset ?? start;
        } else {
          contentEnd = spans[index + 3]!;
          const text = view.slice(contentStart, contentEnd);
          cell = {
            text,
            position: {
              start: point(lines, line, contentStart),
              end: point(lines, line, contentEnd),
            },
          };
        }
      }
      if (cell.text !== '') empty = false;
      cells.push(cell);
    }
    if (empty) continue;
    const end = lines.ends[line]!;
    const position = { start: point(lines, line, start), end: point(lines, line, end) };
    items.push(textRowItem(source, start, end, contentEnd, position, cells));
  }
  const head = items[first];
  if (head) head.table = modelPosition(table.position);
}

/** A heading name without its `Parameters:` / `Enum:` suffix. */
function headingName(text: string): string {
  const match = HEADING_LINE.exec(text.trim());
  return (match?.[1] ?? text).trim().replace(/:$/, '');
}

/**
 * Whether a row's cell reads `word` (lower-case ASCII) in any case. Note: the length is
 * compared first, so that body rows, whose cells are rarely as long, are not lower-cased.
 */
function cellIs(row: Row, index: number, word: string): boolean {
  const text = row.cells[index]?.text;
  return text !== undefined && text.length === word.length && text.toLowerCase() === word;
}

function isDelimiterRow(row: Row): boolean {
  return row.cells.length > 0 && row.cells.every((cell) => DELIMITER_CELL.test(cell.text));
}

function isDtoHeader(row: Row): boolean {
  return (
    cellIs(row, 0, 'name') &&
    cellIs(row, 1, 'parameter') &&
    cellIs(row, 2, 'data type') &&
    cellIs(row, 3, 'required')
  );
}

function isEnumHeader(row: Row): boolean {
  return (
    cellIs(row, 0, 'name') &&
    cellIs(row, 1, 'value') &&
    row.cells.length <= 3 &&
    (row.cells.length < 3 ||
      row.cells[2]!.text === '' ||
      cellIs(row, 2, 'description') ||
      cellIs(row, 2, 'label'))
  );
}

function isRouteRow(row: Row): boolean {
  const [verbs, path] = row.cells;
  return (
    verbs !== undefined && path !== undefined && VERB.test(verbs.text) && path.text.startsWith('/')
  );
}

/** What the block readers share while reading one page. */
interface ReadContext {
  file: VFile;
  items: Item[];
  blocks: Block[];
  /** The page's tables end their rows with `|` (decided by its first table header). */
  trailingPipes: boolean;
  /** Where the page stops inside a table, once known. */
  cut?: Position;
  /** The notes that follow the tables (`To override the Content-type …`) were seen. */
  notesSeen: boolean;
}

function rowAt(context: ReadContext, index: number): Row | undefined {
  const item = context.items[index];
  return item?.kind === 'row' ? item.row : undefined;
}

/** Report that the page stops inside a table (once per page) and remember where. */
function cutAt(context: ReadContext, reason: string, position: Position): void {
  if (context.cut) return;
  context.cut = position;
  report(context.file, 'truncated-page', reason, position);
}

/** Cells of a comma-separated list (`SystemAdministrator, Manager`), each with its position. */
function splitList(cell: Cell): Cell[] {
  const result: Cell[] = [];
  const base = cell.position.start;
  let from = 0;
  for (const part of cell.text.split(',')) {
    const lead = part.length - part.trimStart().length;
    const value = part.trim();
    if (value !== '') {
      const column = base.column + from + lead;
      const offset = (base.offset ?? 0) + from + lead;
      result.push({
        text: value,
        position: {
          start: { line: base.line, column, offset },
          end: { line: base.line, column: column + value.length, offset: offset + value.length },
        },
      });
    }
    from += part.length + 1;
  }
  return result;
}

/** The Description: the cells from `from` on joined back (a description may hold a `|`). */
function joinCells(cells: Cell[], from: number, after: Position): Cell {
  const first = cells[from];
  const last = cells[cells.length - 1];
  if (!first || !last) return { text: '', position: { start: after.end, end: after.end } };
  // Most rows: one Description cell, already trimmed.
  if (first === last && first.text.trim() === first.text) return first;
  return {
    text: cells
      .slice(from)
      .map((cell) => cell.text)
      .join(' | ')
      .trim(),
    position: spanOf(first.position, last.position),
  };
}

/**
 * The span of a table read from its header (at `start`) to the item before `index`, or, when it
 * has no rows, undefined and a message: the page is cut there, or the table is empty.
 */
function headedSpan(
  context: ReadContext,
  start: number,
  index: number,
  rows: number,
  expected: string,
): Position | undefined {
  const { items } = context;
  const position = spanOf(items[start]!.position, items[index - 1]!.position);
  if (rows > 0) return position;
  const kind = items[start]!.row && isEnumHeader(items[start]!.row) ? 'enum table' : 'table';
  const reason = `Unexpected ${kind} header with no rows, expected ${expected}`;
  const header = items[start]!.table ?? position;
  if (index >= items.length) cutAt(context, reason, header);
  else report(context.file, 'empty-table', reason, header);
  return undefined;
}

/** Read a DTO table from its header row; returns the index of the first item after it. */
function readDtoTable(context: ReadContext, start: number, named: { heading?: Heading }): number {
  const { file, items, blocks } = context;
  let index = start + 1;
  const delimiter = rowAt(context, index);
  if (delimiter && isDelimiterRow(delimiter)) index++;
  const rows: DtoRow[] = [];
  while (index < items.length) {
    const row = rowAt(context, index);
    const item = items[index]!;
    if (!row || isDtoHeader(row) || isEnumHeader(row) || isDelimiterRow(row)) break;
    const cells = row.cells;
    // An enum list begins (`Member | |` or `Member | Description |`), unless this is the page's
    // last row cut short (`Name | body`, `Name | fo`).
    const cutRow = index === items.length - 1 && isParameterStart(cells[1]?.text ?? '');
    if (cells.length <= 2 && !cutRow) break;
    const [name, parameter, type, required] = cells;
    if (!name || !parameter || !type || !required) {
      const reason = `Unexpected ${cells.length} cell${cells.length === 1 ? '' : 's'} in \`${clip(item.text)}\`, expected 4 or 5 (Name | Parameter | Data Type | Required | Description)`;
      if (index === items.length - 1) cutAt(context, reason, item.position);
      else report(file, 'malformed-row', reason, item.position);
      index++;
      continue;
    }
    const description = joinCells(cells, 4, required.position);
    const { allowableValues } = row;
    const position = item.position;
    // Two literals, not a spread of the optional part (much slower, for every row).
    rows.push(
      allowableValues && allowableValues.length > 0
        ? { name, in: parameter, type, required, description, allowableValues, position }
        : { name, in: parameter, type, required, description, position },
    );
    index++;
  }
  const position = headedSpan(context, start, index, rows.length, 'at least one field row');
  if (position) blocks.push({ kind: 'dto', ...named, rows, position } satisfies DtoTable);
  return index;
}

/**
 * Read the values listed under `Allowable Values` (the line at `start`) into the last row of the
 * table just read; returns the index after them. The values are the following lines that are
 * neither rows, headings (`Output Parameters:`) nor the notes after the tables:
 *
 * ```text
 * MappingType⇥path⇥string⇥Yes⇥Mapping algorithm to be used
 * Allowable Values
 * Base
 * Specialized1
 * ```
 */
function readAllowableValues(context: ReadContext, start: number): number {
  const { file, items, blocks } = context;
  const values: Cell[] = [];
  let index = start + 1;
  while (index < items.length) {
    const item = items[index]!;
    if (item.kind === 'heading') break;
    const row = item.row;
    // A value may keep a trailing `|` (`Specialized2 |`), but is one cell.
    if (row && row.cells.filter((cell) => cell.text !== '').length > 1) break;
    if (
      HEADING_LINE.test(item.text) ||
      ALLOWABLE_VALUES_LINE.test(item.text) ||
      IGNORED_LINE.some((re) => re.test(item.text))
    )
      break;
    const cell = row?.cells.find((each) => each.text !== '');
    if (cell) values.push(cell);
    else if (!row) values.push(trimmedCell(item));
    index++;
  }
  const block = blocks[blocks.length - 1];
  const row = block?.kind === 'dto' ? block.rows[block.rows.length - 1] : undefined;
  const heading = items[start]!;
  // The values belong to the row right above the `Allowable Values` line.
  if (!row || row.position !== items[start - 1]?.position) {
    report(
      file,
      'unexpected-line',
      'Unexpected `Allowable Values` with no field row before it, expected it under a table row',
      heading.position,
    );
    return index;
  }
  if (values.length > 0) row.allowableValues = [...(row.allowableValues ?? []), ...values];
  return index;
}

/** A line's text as a cell (its position without the indentation). */
function trimmedCell(item: Item): Cell {
  const { start } = item.position;
  return {
    text: item.text,
    position: {
      start,
      end: {
        line: start.line,
        column: start.column + item.text.length,
        offset: (start.offset ?? 0) + item.text.length,
      },
    },
  };
}

/** Read a `Name | Value | |` enum table; returns the index after it. */
function readEnumTable(context: ReadContext, start: number, named: { heading?: Heading }): number {
  const { file, items, blocks } = context;
  let index = start + 1;
  const delimiter = rowAt(context, index);
  if (delimiter && isDelimiterRow(delimiter)) index++;
  const rows: EnumTableRow[] = [];
  while (index < items.length) {
    const row = rowAt(context, index);
    const item = items[index]!;
    if (!row || isDtoHeader(row) || isEnumHeader(row) || isDelimiterRow(row)) break;
    const [name, value, label] = row.cells;
    if (!name || !value || value.text === '') break; // `Member | |`: an enum list begins
    if (row.cells.length > 3 && row.cells.slice(3).some((cell) => cell.text !== '')) {
      report(
        file,
        'malformed-row',
        `Unexpected ${row.cells.length} cells in \`${clip(item.text)}\`, expected 2 or 3 (Name | Value | Label)`,
        item.position,
      );
    }
    const position = item.position;
    rows.push(
      label && label.text !== '' ? { name, value, label, position } : { name, value, position },
    );
    index++;
  }
  const position = headedSpan(context, start, index, rows.length, '`Member | Value |` rows');
  if (position) blocks.push({ kind: 'enum-table', ...named, rows, position } satisfies EnumTable);
  return index;
}

/**
 * Read a header-less enum list: `Member | |` rows, the last written `Member |` (with no
 * trailing pipe on the page: `Member |` rows, the last a bare `Member`). Members that carry a
 * description are written `Member | Description |`:
 *
 * ```text
 * ProgrammingLanguage | Programming Languages |
 * Client | Client Libraries |
 * ```
 */
function readEnumList(context: ReadContext, start: number, named: { heading?: Heading }): number {
  const { items, blocks } = context;
  const members: EnumListMember[] = [];
  let index = start;
  let closed = false;
  while (index < items.length) {
    const item = items[index]!;
    const row = item.row;
    if (!row) {
      // Without trailing pipes the last member is a bare identifier line.
      if (
        item.kind === 'line' &&
        members.length > 0 &&
        /^[A-Za-z_][A-Za-z0-9_]*$/.test(item.text)
      ) {
        members.push({ name: trimmedCell(item), position: item.position });
        index++;
        closed = true;
      }
      break;
    }
    const [name, second] = row.cells;
    if (!name || row.cells.length > 2 || isDelimiterRow(row)) break;
    if (isRouteRow(row) || ROLES_LINE.test(name.text)) break;
    const position = item.position;
    members.push(
      second && second.text !== '' ? { name, description: second, position } : { name, position },
    );
    index++;
    const continues = context.trailingPipes ? second !== undefined : row.trailingPipe;
    if (!continues) {
      closed = true;
      break;
    }
  }
  const last = items[index - 1] ?? items[start]!;
  const position = spanOf(items[start]!.position, last.position);
  if (!closed && index >= items.length) {
    cutAt(
      context,
      'Unexpected end of page inside an enum list, expected its last member written `Member |`',
      last.position,
    );
  }
  if (members.length > 0)
    blocks.push({ kind: 'enum-list', ...named, members, position } satisfies EnumList);
  return Math.max(index, start + 1);
}

/**
 * Read one page's blocks, header and samples from its mdast. Never throws for bad input:
 * problems are reported on `file`.
 *
 * @param tree
 *   The page as mdast (positions in `file`).
 * @param file
 *   The page (`file.value` holds its text; `file.path` names it in messages).
 */
export function readPageTree(tree: Root, file: VFile): PageBlocks {
  const format = pageFormat(file);
  return readItems(collectItems(tree, file, format), file, format);
}

/**
 * Read a text page's blocks, header and samples from the fast reader's parts: its tables' rows
 * as the reader split them, the same items {@link readPageTree} reads off their mdast.
 *
 * @param read
 *   The page read in `tables` mode (markdown-page.ts).
 * @param file
 *   The page (`file.value` holds its text; `file.path` names it in messages).
 */
export function readTablesBlocks(read: TablesRead, file: VFile): PageBlocks {
  const nodes = inPageOrder(read.between, read.tables);
  for (const node of read.samples) nodes.push(node);
  return readItems(collectTextItems(nodes, read.lines, read), file, 'text');
}

/** The blocks, header and samples of a page's items. */
function readItems(collected: Collected, file: VFile, format: PageFormat): PageBlocks {
  const { items, lines, samplesOffset, sampleBlocks } = collected;
  const header: PageHeader = { routes: [] };
  const blocks: Block[] = [];
  let heading: Heading | undefined;

  const takeHeading = (): { heading?: Heading } => {
    const taken = heading;
    heading = undefined;
    return taken ? { heading: taken } : {};
  };
  let firstHeader: Row | undefined;
  for (const item of items) {
    if (item.row && (isDtoHeader(item.row) || isEnumHeader(item.row))) {
      firstHeader = item.row;
      break;
    }
  }
  const context: ReadContext = {
    file,
    items,
    blocks,
    trailingPipes: firstHeader?.trailingPipe ?? true,
    notesSeen: false,
  };

  let index = 0;
  let rowSeen = false;
  while (index < items.length) {
    const item = items[index]!;
    const trimmed = item.text;
    if (item.row) rowSeen = true;
    if (
      item.kind === 'heading' &&
      !rowSeen &&
      (item.depth ?? 6) <= 2 &&
      NAME_HEADING.test(trimmed)
    ) {
      // The page's title: ServiceStack's HTML page shows the operation as `<h2>`.
      header.title = { text: trimmed.replace(/:$/, ''), position: item.position };
    }
    if (item.kind === 'heading') {
      // A heading names the next table when it can be a type name; any other closes a section.
      heading =
        HEADING_LINE.test(trimmed) || NAME_HEADING.test(trimmed)
          ? { name: headingName(trimmed), position: item.position }
          : undefined;
      index++;
      continue;
    }
    if (NOTES_LINE.test(trimmed)) context.notesSeen = true;
    const row = item.row;
    if (!row) {
      if (ALLOWABLE_VALUES_LINE.test(trimmed)) {
        index = readAllowableValues(context, index);
        continue;
      }
      if (HEADING_LINE.test(trimmed) && !IGNORED_LINE.some((re) => re.test(trimmed))) {
        heading = { name: headingName(trimmed), position: item.position };
      } else if (blocks.length > 0 && !IGNORED_LINE.some((re) => re.test(trimmed))) {
        report(
          file,
          'unexpected-line',
          `Unexpected line \`${clip(trimmed)}\`, expected a table row, an enum member or the sample section`,
          item.position,
        );
      }
      index++;
      continue;
    }
    const first = row.cells[0]?.text ?? '';
    if (isDelimiterRow(row) || IGNORED_LINE.some((re) => re.test(first))) {
      index++;
    } else if (ROLES_LINE.test(first)) {
      const rolesCell = row.cells[1];
      header.roles = { names: rolesCell ? splitList(rolesCell) : [], position: item.position };
      index++;
    } else if (blocks.length === 0 && isRouteRow(row)) {
      const [verbs, path] = row.cells;
      if (verbs && path)
        header.routes.push({ verbs, path, position: item.position } satisfies RouteLine);
      index++;
    } else if (isDtoHeader(row)) {
      index = readDtoTable(context, index, takeHeading());
    } else if (isEnumHeader(row)) {
      index = readEnumTable(context, index, takeHeading());
    } else if (row.cells.length <= 2) {
      index = readEnumList(context, index, takeHeading());
    } else {
      report(
        file,
        'malformed-row',
        `Unexpected row \`${clip(trimmed)}\` outside a table, expected a table header (\`Name | Parameter | Data Type | Required | Description\`) first`,
        item.position,
      );
      index++;
    }
  }
  const source = String(file.value ?? '');
  const closed = format === 'html' && /<\/(?:html|body)\s*>/i.test(source);
  const hasSamples = samplesOffset !== undefined || sampleBlocks !== undefined;
  if (heading && !hasSamples && !context.notesSeen && !closed) {
    cutAt(
      context,
      `Unexpected end of page after heading \`${heading.name}\`, expected its table`,
      heading.position,
    );
  }
  let samples: PageSamples = {};
  if (samplesOffset !== undefined) {
    // The page's own line starts: the samples' positions need no second scan of the page.
    const toPoint = toPointOf(lines.text.length, lines.starts);
    samples = readSamples(file, samplesOffset, { text: lines.text, toPoint });
  } else if (sampleBlocks !== undefined)
    samples = readSamples(file, 0, htmlSampleSource(file, sampleBlocks));
  const lastBlock = blocks[blocks.length - 1]?.position;
  const fallback = items[items.length - 1]?.position;
  const endPosition = lastBlock ?? fallback ?? startOfFile();
  const end: PageEnd = context.cut
    ? { kind: 'cut', position: context.cut }
    : hasSamples || context.notesSeen || closed
      ? { kind: 'complete', position: endPosition }
      : { kind: 'open', position: endPosition };
  return { file: file.path, format, header, blocks, samples, end };
}

function startOfFile(): Position {
  return { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
}

/**
 * A unified plugin that reads a ServiceStack metadata page's blocks from its mdast (remark-gfm's
 * tables, rehype-remark's for HTML) into `file.data.pageBlocks`, reporting problems on the file.
 *
 * ```ts
 * const processor = unified().use(remarkParse).use(remarkGfm).use(remarkServiceStackBlocks);
 * const file = new VFile({ path: 'BuyPhoneNumber.md', value });
 * processor.runSync(processor.parse(file), file);
 * file.data.pageBlocks; // { header, blocks, samples, end, … }
 * ```
 */
export const remarkServiceStackBlocks: Plugin<[], Root> = function () {
  return (tree: Root, file: VFile): undefined => {
    file.data.pageBlocks = readPageTree(tree, file);
  };
};
