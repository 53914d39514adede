/**
 * Read a saved ServiceStack metadata page into {@link PageBlocks}.
 *
 * remark (unified + remark-parse + remark-gfm) splits the page into blocks and gives positions;
 * the scraped layouts, though, are line-based (a scrape that lost its blank lines is ONE GFM
 * table of 368 rows, samples included), so every non-heading block is read back line by line
 * and each line is classified by its cells:
 *
 * ```text
 * Requires any of the roles: | A, B |          roles line
 * POST | /endpoints/phone-numbers |             route (several: a 4-column table)
 * Name | Parameter | Data Type | Required | Description |   DTO table header (+ `---|` row)
 * AccountId | body | string | No | The ID … |  DTO row (last row may drop its Description)
 * PhoneNumber | |                               enum list member; the last one is `Member |`
 * Name | Value | |                              enum table header; rows `PCMU | 0 | |`
 * The following are sample HTTP requests …      the sample section (read by samples.ts)
 * ```
 */
import type { Heading as MdastHeading, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import type { Position } from '../model/model.js';
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
  RouteLine,
} from './blocks.js';
import { readSamples, SAMPLE_MARKER } from './samples.js';

/** One physical line of the page that belongs to no heading or fence. */
interface Line {
  /** The text without its line ending. */
  text: string;
  /** 1-based line number. */
  line: number;
  /** 0-based offset of the line's first character. */
  offset: number;
  /** Set when remark read this line as an ATX heading (`### X`). */
  heading?: string;
}

/** A line split into `|` cells. */
interface Row {
  line: Line;
  cells: Cell[];
  /** The line ends with `|` (the usual scraped layout). */
  trailingPipe: boolean;
}

const VERB =
  /^(?:all verbs|any|get|post|put|delete|patch|head|options)(?:\s*,\s*(?:get|post|put|delete|patch|head|options))*$/i;
const DELIMITER_CELL = /^:?-{1,}:?$/;
const HEADING_LINE = /^(.+?)\s+(?:Parameters|Enum|Enum Values|Values)\s*:?\s*$/i;
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

/**
 * The cells of a line: `|`-separated (`\|` kept as a literal pipe), or tab-separated when the
 * line has tabs and no `|` (the older layout: `Name\tquery\tbool\tNo\t`, a trailing tab
 * standing for the trailing `|`).
 */
function splitRow(line: Line): Row {
  if (!PIPE.test(line.text)) return splitTabRow(line);
  const { text } = line;
  const cells: Cell[] = [];
  const trimmedEnd = text.replace(/\s+$/, '');
  const leading = /^\s*\|/.exec(text);
  let start = leading ? leading[0].length : 0;
  const trailingPipe = trimmedEnd.endsWith('|') && !trimmedEnd.endsWith('\\|');
  const end = trailingPipe ? trimmedEnd.length - 1 : trimmedEnd.length;
  const toPosition = (from: number, to: number): Position => ({
    start: { line: line.line, column: from + 1, offset: line.offset + from },
    end: { line: line.line, column: to + 1, offset: line.offset + to },
  });
  const pushCell = (from: number, to: number): void => {
    const raw = text.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const value = raw.trim();
    const cellStart = value === '' ? from : from + lead;
    cells.push({
      text: value.replace(/\\\|/g, '|'),
      position: toPosition(cellStart, cellStart + value.length),
    });
  };
  for (let i = start; i < end; i++) {
    if (text[i] === '\\') {
      i++;
    } else if (text[i] === '|') {
      pushCell(start, i);
      start = i + 1;
    }
  }
  if (start <= end && (start < end || trailingPipe || cells.length > 0)) pushCell(start, end);
  return { line, cells, trailingPipe };
}

function splitTabRow(line: Line): Row {
  const { text } = line;
  const cells: Cell[] = [];
  const end = text.replace(/[ \r\n]+$/, '').length;
  const trailingPipe = text.slice(0, end).endsWith('\t');
  let start = 0;
  const pushCell = (from: number, to: number): void => {
    const raw = text.slice(from, to);
    const value = raw.trim();
    const cellStart = value === '' ? from : from + (raw.length - raw.trimStart().length);
    cells.push({
      text: value,
      position: {
        start: { line: line.line, column: cellStart + 1, offset: line.offset + cellStart },
        end: {
          line: line.line,
          column: cellStart + value.length + 1,
          offset: line.offset + cellStart + value.length,
        },
      },
    });
  };
  for (let i = 0; i < end; i++) {
    if (text[i] === '\t') {
      pushCell(start, i);
      start = i + 1;
    }
  }
  if (start < end) pushCell(start, end);
  // Tabs before the first cell are indentation, not an empty cell.
  while (cells.length > 1 && cells[0]?.text === '' && /^\s*\t/.test(text)) cells.shift();
  return { line, cells, trailingPipe };
}

function cellTexts(row: Row): string[] {
  return row.cells.map((cell) => cell.text.toLowerCase());
}

function isDelimiterRow(row: Row): boolean {
  return row.cells.length > 0 && row.cells.every((cell) => DELIMITER_CELL.test(cell.text));
}

function isDtoHeader(row: Row): boolean {
  const [name, parameter, type, required] = cellTexts(row);
  return (
    name === 'name' && parameter === 'parameter' && type === 'data type' && required === 'required'
  );
}

function isEnumHeader(row: Row): boolean {
  const [name, value, third] = cellTexts(row);
  return (
    name === 'name' &&
    value === 'value' &&
    row.cells.length <= 3 &&
    (third === undefined || third === '' || third === 'description' || third === 'label')
  );
}

function isRouteRow(row: Row): boolean {
  const [verbs, path] = row.cells;
  return (
    verbs !== undefined && path !== undefined && VERB.test(verbs.text) && path.text.startsWith('/')
  );
}

function spanOf(first: Position, last: Position): Position {
  return { start: first.start, end: last.end };
}

function lineSpan(line: Line): Position {
  return {
    start: { line: line.line, column: 1, offset: line.offset },
    end: { line: line.line, column: line.text.length + 1, offset: line.offset + line.text.length },
  };
}

const PARAMETER_WORDS = ['body', 'form', 'query', 'path', 'header'];

/** A Parameter cell, or the start of one on a row the page cut (`form`, `fo`). */
function isParameterStart(text: string): boolean {
  const word = text.toLowerCase();
  return word !== '' && PARAMETER_WORDS.some((parameter) => parameter.startsWith(word));
}
const REQUEST_LINE = /^\s*(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+\S+\s+HTTP\/\d/;
const PIPE = /(?:^|[^\\])\|/;

/**
 * The page's lines in order, without blank lines, fences and ATX heading markers, and where
 * the sample section starts.
 *
 * remark reads the page's markdown structure: ATX headings (`### X`), fenced code, paragraphs.
 * The table rows themselves are read by this module, line by line: a scrape without blank
 * lines is one GFM table to remark (368 rows for BuyPhoneNumber, samples included), which
 * hides every table boundary, and remark-gfm takes time that grows with the rows (seconds for
 * a large page, minutes for 10 MB). So remark is given the page with its `|` rows blanked out
 * (same lines, same offsets) and up to the sample marker; the rows are classified here.
 */
function collectLines(text: string): { lines: Line[]; sampleOffset?: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineAt = (n: number): Line => {
    const offset = starts[n - 1] ?? text.length;
    const next = starts[n] ?? text.length + 1;
    return { text: text.slice(offset, next - 1).replace(/\r$/, ''), line: n, offset };
  };
  // The sample section: after the marker line, else from the first request line.
  let end = starts.length;
  let sampleOffset: number | undefined;
  for (let n = 1; n <= starts.length; n++) {
    const line = lineAt(n);
    if (line.text.includes(SAMPLE_MARKER)) {
      end = n - 1;
      sampleOffset = starts[n] ?? text.length;
      break;
    }
    if (REQUEST_LINE.test(line.text)) {
      end = n - 1;
      sampleOffset = line.offset;
      break;
    }
  }
  const skeleton: string[] = [];
  for (let n = 1; n <= end; n++) {
    const line = lineAt(n).text;
    skeleton.push(PIPE.test(line) ? '' : line);
  }
  const tree: Root = unified().use(remarkParse).use(remarkGfm).parse(skeleton.join('\n'));
  const lines: Line[] = [];
  const taken = new Set<number>();
  const pushRange = (from: number, to: number): void => {
    for (let n = from; n <= to && n <= end; n++) {
      const line = lineAt(n);
      taken.add(n);
      if (line.text.trim() !== '') lines.push(line);
    }
  };
  const visit = (node: RootContent): void => {
    const position = node.position;
    if (!position) return;
    const { start, end: last } = position;
    if (node.type === 'heading' && lineAt(start.line).text.trimStart().startsWith('#')) {
      taken.add(start.line);
      lines.push({
        ...lineAt(start.line),
        heading: headingText(node, text, lineAt(start.line).offset - (start.offset ?? 0)),
      });
    } else if (node.type === 'code') {
      const fenced = /^\s*(?:```|~~~)/.test(lineAt(start.line).text);
      taken.add(start.line).add(last.line);
      pushRange(fenced ? start.line + 1 : start.line, fenced ? last.line - 1 : last.line);
    } else {
      pushRange(start.line, last.line);
    }
  };
  for (const node of tree.children) visit(node);
  // The `|` rows remark did not see.
  for (let n = 1; n <= end; n++) {
    if (!taken.has(n) && skeleton[n - 1] === '' && lineAt(n).text.trim() !== '')
      lines.push(lineAt(n));
  }
  lines.sort((a, b) => a.line - b.line);
  return sampleOffset === undefined ? { lines } : { lines, sampleOffset };
}

function headingText(node: MdastHeading, text: string, shift: number): string {
  const position = node.position;
  if (!position || position.start.offset === undefined || position.end.offset === undefined)
    return '';
  const raw = text.slice(position.start.offset + shift, position.end.offset + shift);
  return raw.replace(/^\s*#+\s*/, '').replace(/\s*#*\s*$/, '');
}

/** A heading name without its `Parameters:` / `Enum:` suffix. */
function headingName(text: string): string {
  const match = HEADING_LINE.exec(text.trim());
  return (match?.[1] ?? text).trim().replace(/:$/, '');
}

/**
 * Read one page's blocks, header and samples. Never throws for bad input: problems are
 * reported on `file`.
 *
 * @param file
 *   The page (`file.value` holds its text; `file.path` names it in messages).
 */
export function readPageBlocks(file: VFile): PageBlocks {
  const text = String(file.value ?? '');
  const { lines, sampleOffset } = collectLines(text);
  const header: PageHeader = { routes: [] };
  const blocks: Block[] = [];
  let heading: Heading | undefined;
  let index = 0;

  const takeHeading = (): { heading?: Heading } => {
    const taken = heading;
    heading = undefined;
    return taken ? { heading: taken } : {};
  };
  const rowAt = (i: number): Row | undefined => {
    const line = lines[i];
    return line &&
      line.heading === undefined &&
      (line.text.includes('|') || TAB_ROW.test(line.text))
      ? splitRow(line)
      : undefined;
  };

  let firstHeader: Row | undefined;
  for (let i = 0; i < lines.length && !firstHeader; i++) {
    const row = rowAt(i);
    if (row && (isDtoHeader(row) || isEnumHeader(row))) firstHeader = row;
  }
  const context: ReadContext = {
    file,
    lines,
    rowAt,
    blocks,
    trailingPipes: firstHeader?.trailingPipe ?? true,
    notesSeen: false,
  };

  while (index < lines.length) {
    const line = lines[index];
    if (!line) break;
    if (line.heading !== undefined) {
      heading = { name: headingName(line.heading), position: lineSpan(line) };
      index++;
      continue;
    }
    const row = rowAt(index);
    if (NOTES_LINE.test(line.text.trim())) context.notesSeen = true;
    if (!row) {
      const trimmed = line.text.trim();
      if (ALLOWABLE_VALUES_LINE.test(trimmed)) {
        index = readAllowableValues(context, index);
        continue;
      }
      if (HEADING_LINE.test(trimmed) && !IGNORED_LINE.some((re) => re.test(trimmed))) {
        heading = { name: headingName(trimmed), position: lineSpan(line) };
      } else if (blocks.length > 0 && !IGNORED_LINE.some((re) => re.test(trimmed))) {
        report(
          file,
          'unexpected-line',
          `Unexpected line \`${clip(trimmed)}\`, expected a table row, an enum member or the sample section`,
          lineSpan(line),
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
      header.roles = {
        names: rolesCell ? splitList(rolesCell) : [],
        position: lineSpan(line),
      };
      index++;
    } else if (blocks.length === 0 && isRouteRow(row)) {
      const [verbs, path] = row.cells;
      if (verbs && path)
        header.routes.push({ verbs, path, position: lineSpan(line) } satisfies RouteLine);
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
        `Unexpected row \`${clip(line.text.trim())}\` outside a table, expected a table header (\`Name | Parameter | Data Type | Required | Description\`) first`,
        lineSpan(line),
      );
      index++;
    }
  }
  if (heading) {
    cutAt(
      context,
      `Unexpected end of page after heading \`${heading.name}\`, expected its table`,
      heading.position,
    );
  }
  const samples = sampleOffset === undefined ? {} : readSamples(file, sampleOffset);
  const lastBlock = blocks[blocks.length - 1]?.position;
  const fallback = lines[lines.length - 1];
  const endPosition = lastBlock ?? (fallback ? lineSpan(fallback) : startOfFile());
  const end: PageEnd = context.cut
    ? { kind: 'cut', position: context.cut }
    : sampleOffset !== undefined || context.notesSeen
      ? { kind: 'complete', position: endPosition }
      : { kind: 'open', position: endPosition };
  return { file: file.path, header, blocks, samples, end };
}

function startOfFile(): Position {
  return { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
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

type RowAt = (index: number) => Row | undefined;

/** What the block readers share while reading one page. */
interface ReadContext {
  file: VFile;
  lines: Line[];
  rowAt: RowAt;
  blocks: Block[];
  /** The page's tables end their rows with `|` (decided by its first table header). */
  trailingPipes: boolean;
  /** Where the page stops inside a table, once known. */
  cut?: Position;
  /** The notes that follow the tables (`To override the Content-type …`) were seen. */
  notesSeen: boolean;
}

/** Read a DTO table from its header row; returns the index of the first line after it. */
function readDtoTable(context: ReadContext, start: number, named: { heading?: Heading }): number {
  const { file, lines, rowAt, blocks } = context;
  const headerRow = rowAt(start);
  let index = start + 1;
  const delimiter = rowAt(index);
  if (delimiter && isDelimiterRow(delimiter)) index++;
  const rows: DtoRow[] = [];
  while (index < lines.length) {
    const row = rowAt(index);
    if (!row || isDtoHeader(row) || isEnumHeader(row) || isDelimiterRow(row)) break;
    const cells = row.cells;
    // An enum list begins (`Member | |` or `Member | Description |`), unless this is the page's
    // last line cut inside a row (`Name | body`).
    const cutRow = index === lines.length - 1 && isParameterStart(cells[1]?.text ?? '');
    if (cells.length <= 2 && !cutRow) break;
    const [name, parameter, type, required, ...rest] = cells;
    if (!name || !parameter || !type || !required) {
      const atEnd = index === lines.length - 1;
      const reason = `Unexpected ${cells.length} cell${cells.length === 1 ? '' : 's'} in \`${clip(row.line.text.trim())}\`, expected 4 or 5 (Name | Parameter | Data Type | Required | Description)`;
      if (atEnd) cutAt(context, reason, lineSpan(row.line));
      else report(file, 'malformed-row', reason, lineSpan(row.line));
      index++;
      continue;
    }
    const description = joinCells(rest, required.position);
    rows.push({ name, in: parameter, type, required, description, position: lineSpan(row.line) });
    index++;
  }
  const position = spanOf(
    lineSpan(headerRow?.line ?? lines[start]!),
    lineSpan(lines[index - 1] ?? lines[start]!),
  );
  if (rows.length === 0) {
    const reason = 'Unexpected table header with no rows, expected at least one field row';
    if (index >= lines.length) cutAt(context, reason, position);
    else report(file, 'empty-table', reason, position);
    return index;
  }
  blocks.push({ kind: 'dto', ...named, rows, position } satisfies DtoTable);
  return index;
}

/**
 * Read the values listed under `Allowable Values` (the line at `start`) into the last row of the
 * table just read; returns the index after them. The values are the following lines that are
 * neither rows, headings (`Output Parameters:`) nor the notes after the tables:
 *
 * ```text
 * MappingType	path	string	Yes	Mapping algorithm to be used
 * Allowable Values
 * Base
 * Specialized1
 * ```
 */
function readAllowableValues(context: ReadContext, start: number): number {
  const { file, lines, rowAt, blocks } = context;
  const values: Cell[] = [];
  let index = start + 1;
  while (index < lines.length) {
    const line = lines[index];
    if (!line || line.heading !== undefined) break;
    const row = rowAt(index);
    const trimmed = line.text.trim();
    // A value may keep a trailing `|` (`Specialized2 |`), but is one cell.
    if (row && row.cells.filter((cell) => cell.text !== '').length > 1) break;
    if (
      HEADING_LINE.test(trimmed) ||
      ALLOWABLE_VALUES_LINE.test(trimmed) ||
      IGNORED_LINE.some((re) => re.test(trimmed))
    )
      break;
    const cell = row?.cells.find((item) => item.text !== '');
    if (cell) values.push(cell);
    else if (!row) {
      const column = line.text.indexOf(trimmed) + 1;
      values.push({
        text: trimmed,
        position: {
          start: { line: line.line, column, offset: line.offset + column - 1 },
          end: {
            line: line.line,
            column: column + trimmed.length,
            offset: line.offset + column - 1 + trimmed.length,
          },
        },
      });
    }
    index++;
  }
  const block = blocks[blocks.length - 1];
  const row = block?.kind === 'dto' ? block.rows[block.rows.length - 1] : undefined;
  const heading = lines[start];
  // The values belong to the row right above the `Allowable Values` line.
  if (!row || !heading || row.position.start.line !== lines[start - 1]?.line) {
    if (heading)
      report(
        file,
        'unexpected-line',
        'Unexpected `Allowable Values` with no field row before it, expected it under a table row',
        lineSpan(heading),
      );
    return index;
  }
  if (values.length > 0) row.allowableValues = [...(row.allowableValues ?? []), ...values];
  return index;
}

/** The Description: the remaining cells joined back (a description may hold a `|`). */
function joinCells(cells: Cell[], after: Position): Cell {
  const first = cells[0];
  const last = cells[cells.length - 1];
  if (!first || !last) return { text: '', position: { start: after.end, end: after.end } };
  return {
    text: cells
      .map((cell) => cell.text)
      .join(' | ')
      .trim(),
    position: spanOf(first.position, last.position),
  };
}

/** Read a `Name | Value | |` enum table; returns the index after it. */
function readEnumTable(context: ReadContext, start: number, named: { heading?: Heading }): number {
  const { file, lines, rowAt, blocks } = context;
  let index = start + 1;
  const delimiter = rowAt(index);
  if (delimiter && isDelimiterRow(delimiter)) index++;
  const rows: EnumTableRow[] = [];
  while (index < lines.length) {
    const row = rowAt(index);
    if (!row || isDtoHeader(row) || isEnumHeader(row) || isDelimiterRow(row)) break;
    const [name, value, label] = row.cells;
    if (!name || !value || value.text === '') break; // `Member | |`: an enum list begins
    if (row.cells.length > 3 && row.cells.slice(3).some((cell) => cell.text !== '')) {
      report(
        file,
        'malformed-row',
        `Unexpected ${row.cells.length} cells in \`${clip(row.line.text.trim())}\`, expected 2 or 3 (Name | Value | Label)`,
        lineSpan(row.line),
      );
    }
    rows.push({
      name,
      value,
      ...(label && label.text !== '' ? { label } : {}),
      position: lineSpan(row.line),
    });
    index++;
  }
  const position = spanOf(lineSpan(lines[start]!), lineSpan(lines[index - 1] ?? lines[start]!));
  if (rows.length === 0) {
    const reason = 'Unexpected enum table header with no rows, expected `Member | Value |` rows';
    if (index >= lines.length) cutAt(context, reason, position);
    else report(file, 'empty-table', reason, position);
    return index;
  }
  blocks.push({ kind: 'enum-table', ...named, rows, position } satisfies EnumTable);
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
  const { file, lines, rowAt, blocks } = context;
  const members: EnumListMember[] = [];
  let index = start;
  let closed = false;
  while (index < lines.length) {
    const row = rowAt(index);
    if (!row) {
      // Without trailing pipes the last member is a bare identifier line.
      const line = lines[index];
      const bare = line?.text.trim() ?? '';
      if (
        line &&
        line.heading === undefined &&
        members.length > 0 &&
        /^[A-Za-z_][A-Za-z0-9_]*$/.test(bare)
      ) {
        const column = line.text.indexOf(bare) + 1;
        const position: Position = {
          start: { line: line.line, column, offset: line.offset + column - 1 },
          end: {
            line: line.line,
            column: column + bare.length,
            offset: line.offset + column - 1 + bare.length,
          },
        };
        members.push({ name: { text: bare, position }, position: lineSpan(line) });
        index++;
        closed = true;
      }
      break;
    }
    const [name, second] = row.cells;
    if (!name || row.cells.length > 2 || isDelimiterRow(row)) break;
    if (isRouteRow(row) || ROLES_LINE.test(name.text)) break;
    members.push({
      name,
      ...(second && second.text !== '' ? { description: second } : {}),
      position: lineSpan(row.line),
    });
    index++;
    const continues = context.trailingPipes ? second !== undefined : row.trailingPipe;
    if (!continues) {
      closed = true;
      break;
    }
  }
  const last = lines[index - 1] ?? lines[start]!;
  const position = spanOf(lineSpan(lines[start]!), lineSpan(last));
  if (!closed && index >= lines.length) {
    cutAt(
      context,
      'Unexpected end of page inside an enum list, expected its last member written `Member |`',
      lineSpan(last),
    );
  }
  if (members.length > 0)
    blocks.push({ kind: 'enum-list', ...named, members, position } satisfies EnumList);
  return Math.max(index, start + 1);
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
