/**
 * Page blocks: what the parse stage reads off one page, before any name is inferred.
 *
 * A page is an optional header (title, roles, routes), a run of blocks (DTO tables, enum lists,
 * enum tables) and an optional sample section. Blocks have no names unless the page kept its
 * headings (a markdown page's `### X`, an older page's `X Parameters:`, an HTML page's table
 * captions). Everything carries positions in the original file, whatever its format (1-based
 * line and column, 0-based offset): a text page's own, or the HTML file's.
 */
import type { Position } from '../model/model.js';

/** One table cell or one piece of text, trimmed, with its span. */
export interface Cell {
  /**
   * The text as the page shows it: markdown's escapes and inline markup read (`\|` is `|`,
   * `` `List<T>` `` is `List<T>`), HTML's references decoded and its whitespace collapsed.
   */
  text: string;
  /** The span of the text (an empty cell: where it would start). */
  position: Position;
}

/**
 * A heading the page kept (`X Parameters:`, `X Enum:`, `### X`, an HTML table's caption),
 * naming the next block.
 */
export interface Heading {
  /** The name, without its `Parameters:` / `Enum:` suffix (`QueryResponse<Poco>` stays so). */
  name: string;
  position: Position;
}

export interface DtoRow {
  /** The Name column: the property's name (`AccountId`). */
  name: Cell;
  /** The Parameter column: `body`, `form`, `query`, `path` or `header`, as written. */
  in: Cell;
  /** The Data Type column, as written (`List<string>`, `Dictionary<string, Value>`). */
  type: Cell;
  /** The Required column: `Yes` or `No`, as written. */
  required: Cell;
  /** Empty (with the position of the row's end) when the row dropped its Description cell. */
  description: Cell;
  /**
   * The values the page lists for a string field under `Allowable Values` (older layouts write
   * them in the lines after the row; HTML pages as an `<h4>` + `<ul>` inside the Description).
   */
  allowableValues?: Cell[];
  /** The row (a text page's line, an HTML `<tr>`). */
  position: Position;
}

/** `Name | Parameter | Data Type | Required | Description` and its rows. */
export interface DtoTable {
  kind: 'dto';
  /** The heading right before the table, when the page kept one. */
  heading?: Heading;
  /** At least one. */
  rows: DtoRow[];
  /** From the header row to the last row. */
  position: Position;
}

/** One member of a header-less enum list, with its description when the page shows one. */
export interface EnumListMember {
  /** The member's name (`PhoneNumber`). */
  name: Cell;
  /** `Member | Description |` rows (an enum whose members carry `[Description]`). */
  description?: Cell;
  /** The member's row. */
  position: Position;
}

/**
 * Header-less enum rows: `Member | |` (the last written `Member |`), or `Member | Description |`
 * when the members carry descriptions.
 */
export interface EnumList {
  kind: 'enum-list';
  /** The heading right before the list, when the page kept one. */
  heading?: Heading;
  /** At least one, in page order. */
  members: EnumListMember[];
  /** From the first member to the last. */
  position: Position;
}

/** A member with its value: `PCMU | 0 | |`. */
export interface EnumTableRow {
  /** The member's name (`PCMU`). */
  name: Cell;
  /** The Value column, as written (`0`, `-1`, or a string for a string-valued enum). */
  value: Cell;
  /** The third column when it is not empty. */
  label?: Cell;
  /** The member's row. */
  position: Position;
}

/** `Name | Value | |` and its rows. */
export interface EnumTable {
  kind: 'enum-table';
  /** The heading right before the table, when the page kept one. */
  heading?: Heading;
  /** At least one. */
  rows: EnumTableRow[];
  /** From the header row to the last row. */
  position: Position;
}

/** A table or list of the page, in page order. */
export type Block = DtoTable | EnumList | EnumTable;

/** One route: `POST | /endpoints/phone-numbers |` (an HTML `<tr><th>POST</th><th>/…</th>`). */
export interface RouteLine {
  /** `POST`, `GET`, `All Verbs`, or several (`GET,POST`), as written. */
  verbs: Cell;
  /** The path template, as written (`/phone-numbers/{EndpointId}`). */
  path: Cell;
  /** The route's row. */
  position: Position;
}

export interface PageHeader {
  /**
   * The page's title, when it reads as a type name: the last level-1 or level-2 heading before
   * the first row (ServiceStack's HTML page shows the operation's name as its `<h2>`; a markdown
   * page often starts `# Operation`). Scraped text pages lose it.
   */
  title?: Cell;
  /** `Requires any of the roles: | A, B |`: each role, and the row. */
  roles?: { names: Cell[]; position: Position };
  /** The routes before the first table, in page order (none when the page shows none). */
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

/** A sample message's body. */
export interface HttpSampleBody {
  /** As the Content-Type (or the `/json/`, `/jsv/` path) says, else whichever reads. */
  format: 'json' | 'jsv';
  /** The body as the page shows it (an HTML page's decoded). */
  text: string;
  /** The body read, every value and key with its span in the file. */
  tree: SampleNode;
  position: Position;
}

/** One sample HTTP message. */
export interface HttpSample {
  /** Request: `POST /path HTTP/1.1`; response: `HTTP/1.1 200 OK`. */
  startLine: Cell;
  /** A request's method (`POST`). */
  method?: string;
  /** A request's path (`/endpoints/phone-numbers`, `/json/reply/BuyPhoneNumber`). */
  path?: string;
  /** A response's status (`200`). */
  status?: number;
  /** The headers in order, as written. */
  headers: { name: string; value: string }[];
  /** The body, when the message has one and it reads. */
  body?: HttpSampleBody;
  /** From the start line to the end of the body (or of the last header). */
  position: Position;
}

/** The sample section (`The following are sample HTTP requests and responses …`). */
export interface PageSamples {
  request?: HttpSample;
  response?: HttpSample;
}

/**
 * How the page ends after its last table, which tells inference whether tables may be missing.
 *
 * - `complete`: the page goes on past its tables (the notes `To override the Content-type …`,
 *   the sample section, or an HTML page's closing `</body>` / `</html>`): every table the page
 *   has is there.
 * - `cut`: the page stops inside a table (a row with missing cells, an unfinished enum list, a
 *   heading with no table): the last block may be partial and later blocks are missing.
 * - `open`: the page stops right after a complete row: later tables may be missing.
 */
export interface PageEnd {
  kind: 'complete' | 'cut' | 'open';
  /** Where the tables end (the last block's end, or the cut row). */
  position: Position;
}

/** Everything the parse stage reads off one page. */
export interface PageBlocks {
  /** The file path as given. */
  file: string;
  /**
   * How the page is written: `text` (scraped, markdown or the older tab-separated layout) or
   * `html` (a saved page, whose headings name every table).
   */
  format: 'text' | 'html';
  /** Title, roles and routes. */
  header: PageHeader;
  /** The tables and lists, in page order. */
  blocks: Block[];
  /** The sample request and response, when the page reaches them. */
  samples: PageSamples;
  /** How the page ends after its last table. */
  end: PageEnd;
}
