/**
 * Page blocks: what the parse stage reads off one page, before any name is inferred.
 *
 * A page is an optional header (roles, routes), a run of blocks (DTO tables, enum lists, enum
 * tables) and an optional sample section. Blocks have no names unless the page kept its
 * headings. Everything carries positions in the original file (1-based line and column).
 */
import type { Position } from '../model/model.js';

/** One table cell or one piece of text, trimmed, with its span. */
export interface Cell {
  text: string;
  position: Position;
}

/** A heading the page kept (`X Parameters:`, `X Enum:`, `### X`), naming the next block. */
export interface Heading {
  name: string;
  position: Position;
}

export interface DtoRow {
  name: Cell;
  in: Cell;
  type: Cell;
  required: Cell;
  /** Empty (with the position of the row's end) when the row dropped its Description cell. */
  description: Cell;
  /**
   * The values the page lists for a string field under `Allowable Values` (older layouts write
   * them in the lines after the row; HTML pages as an `<h4>` + `<ul>` inside the Description).
   */
  allowableValues?: Cell[];
  position: Position;
}

/** `Name | Parameter | Data Type | Required | Description` and its rows. */
export interface DtoTable {
  kind: 'dto';
  heading?: Heading;
  rows: DtoRow[];
  position: Position;
}

/** One member of a header-less enum list, with its description when the page shows one. */
export interface EnumListMember {
  name: Cell;
  /** `Member | Description |` rows (an enum whose members carry `[Description]`). */
  description?: Cell;
  position: Position;
}

/**
 * Header-less enum rows: `Member | |` (the last written `Member |`), or `Member | Description |`
 * when the members carry descriptions.
 */
export interface EnumList {
  kind: 'enum-list';
  heading?: Heading;
  members: EnumListMember[];
  position: Position;
}

export interface EnumTableRow {
  name: Cell;
  value: Cell;
  /** The third column when it is not empty. */
  label?: Cell;
  position: Position;
}

/** `Name | Value | |` and its rows. */
export interface EnumTable {
  kind: 'enum-table';
  heading?: Heading;
  rows: EnumTableRow[];
  position: Position;
}

export type Block = DtoTable | EnumList | EnumTable;

export interface RouteLine {
  /** `POST`, `GET`, `All Verbs`, or several (`GET,POST`), as written. */
  verbs: Cell;
  path: Cell;
  position: Position;
}

export interface PageHeader {
  roles?: { names: Cell[]; position: Position };
  routes: RouteLine[];
}

/** A value read from a sample body, with the span of each value and key. */
export type SampleNode =
  | {
      kind: 'object';
      entries: { key: string; keyPosition: Position; value: SampleNode }[];
      position: Position;
    }
  | { kind: 'array'; items: SampleNode[]; position: Position }
  | { kind: 'string'; value: string; position: Position }
  | { kind: 'number'; value: number; raw: string; position: Position }
  | { kind: 'boolean'; value: boolean; position: Position }
  | { kind: 'null'; position: Position };

export interface HttpSampleBody {
  format: 'json' | 'jsv';
  text: string;
  tree: SampleNode;
  position: Position;
}

export interface HttpSample {
  /** Request: `POST /path HTTP/1.1`; response: `HTTP/1.1 200 OK`. */
  startLine: Cell;
  method?: string;
  path?: string;
  status?: number;
  headers: { name: string; value: string }[];
  body?: HttpSampleBody;
  position: Position;
}

export interface PageSamples {
  request?: HttpSample;
  response?: HttpSample;
}

/**
 * How the page ends after its last table, which tells inference whether tables may be missing.
 *
 * - `complete`: the page goes on past its tables (the notes `To override the Content-type …`,
 *   the sample section, or an HTML page's end): every table the page has is there.
 * - `cut`: the page stops inside a table (a row with missing cells, an unfinished enum list, a
 *   heading with no table): the last block may be partial and later blocks are missing.
 * - `open`: the page stops right after a complete row: later tables may be missing.
 */
export interface PageEnd {
  kind: 'complete' | 'cut' | 'open';
  /** Where the tables end (the last block's end, or the cut row). */
  position: Position;
}

export interface PageBlocks {
  /** The file path as given. */
  file: string;
  header: PageHeader;
  blocks: Block[];
  samples: PageSamples;
  end: PageEnd;
}
