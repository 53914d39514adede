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
  position: Position;
}

/** `Name | Parameter | Data Type | Required | Description` and its rows. */
export interface DtoTable {
  kind: 'dto';
  heading?: Heading;
  rows: DtoRow[];
  position: Position;
}

/** Header-less `Member | |` rows; the last member is written `Member |`. */
export interface EnumList {
  kind: 'enum-list';
  heading?: Heading;
  members: Cell[];
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

export interface PageBlocks {
  /** The file path as given. */
  file: string;
  header: PageHeader;
  blocks: Block[];
  samples: PageSamples;
}
