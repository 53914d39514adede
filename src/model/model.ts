/**
 * The dtoforge model: plain, JSON-serialisable data that every stage after parsing works on.
 *
 * It is the contract between `src/model` (inference) and `src/emit` (code generation), and
 * what `dtoforge inspect` prints. Nothing in here may hold an mdast node, a ts-morph object or a
 * class instance: `JSON.parse(JSON.stringify(model))` must give the same model back.
 */
import type { ParameterKind } from './parameters.js';

/** A point in a source file: 1-based line and column, 0-based offset (unist). */
export interface Point {
  line: number;
  column: number;
  offset?: number;
}

/** A span in a source file (unist `Position`). */
export interface Position {
  start: Point;
  end: Point;
}

/** Where something came from: the page (file path as given) and the span in it. */
export interface Source {
  file: string;
  position: Position;
}

/** .NET / ServiceStack primitive types that map to a JSON scalar. */
export type PrimitiveName =
  | 'string'
  | 'bool'
  | 'byte'
  | 'sbyte'
  | 'short'
  | 'ushort'
  | 'int'
  | 'uint'
  | 'long'
  | 'ulong'
  | 'float'
  | 'double'
  | 'decimal'
  | 'char'
  | 'DateTime'
  | 'DateTimeOffset'
  | 'DateOnly'
  | 'TimeOnly'
  | 'TimeSpan'
  | 'Guid'
  | 'Uri'
  | 'object'
  | 'byte[]'
  | 'char[]';

/**
 * A parsed Data Type cell, e.g. `Dictionary<string, List<int?>>`.
 *
 * - `primitive`: a scalar from {@link PrimitiveName}.
 * - `nullable`: `T?` or `Nullable<T>`; admits `null` on the wire.
 * - `list`: `List<T>`, `T[]`, `IEnumerable<T>`, `HashSet<T>`, … (a JSON array).
 * - `dictionary`: `Dictionary<K, V>` and friends (a JSON object).
 * - `keyValuePair`: `KeyValuePair<K, V>` (a JSON object `{ key, value }`).
 * - `ref`: a named type (DTO, enum, alias, built-in), possibly generic (`QueryResponse<Poco>`).
 * - `typeParameter`: `T` inside a generic DTO's own fields.
 * - `literals`: a string that must be one of `values` — a `string` field whose page lists its
 *   `Allowable Values` (set by the model's build step, never parsed from a Data Type cell; inside
 *   `T?` and `List<T>` too), so that every emitter decides what it means in its own exhaustive
 *   switch: a literal union in the types, a closed check in the guards, `enum` in the schema.
 */
export type TypeRef =
  | { kind: 'primitive'; name: PrimitiveName }
  | { kind: 'nullable'; type: TypeRef }
  | { kind: 'list'; items: TypeRef }
  | { kind: 'dictionary'; key: TypeRef; value: TypeRef }
  | { kind: 'keyValuePair'; key: TypeRef; value: TypeRef }
  | { kind: 'ref'; name: string; args: TypeRef[] }
  | { kind: 'typeParameter'; name: string }
  | { kind: 'literals'; values: string[] };

/** Where a parameter travels in the request (the Parameter column: src/model/parameters.ts). */
export type ParameterIn = ParameterKind;

/** How a type's name was found; anything but `heading`, `reference`, `config` is a guess or hint. */
export type NameSource =
  'heading' | 'reference' | 'config' | 'file' | 'sample-path' | 'builtin' | 'derived';

export interface Field {
  /** The name as written on the page (`AccountId`). */
  name: string;
  /** The name on the wire (`accountId`): from the sample when it shows the key, else camelCase. */
  wireName: string;
  /** The Data Type cell as written. */
  typeText: string;
  type: TypeRef;
  required: boolean;
  in: ParameterIn;
  description: string;
  /** The values a string field accepts, when the page lists them (`Allowable Values`). */
  allowableValues?: string[];
  source: Source;
}

export interface ObjectType {
  kind: 'object';
  name: string;
  nameSource: NameSource;
  /** Type parameters of a generic DTO (`QueryResponse<T>`). */
  typeParameters: string[];
  /** The base class (fields inherited from it are not repeated in `fields`). */
  base?: TypeRef;
  /** The DTO's own fields, in page order. */
  fields: Field[];
  /** Where the table starts. Built-ins and config-only types have none. */
  source?: Source;
}

export interface EnumMember {
  /** The member name (`PCMU`). */
  name: string;
  /** The Value column when the page has one: an integer, or a string for string-valued enums. */
  value?: number | string;
  /** The third (label) column when the page has one. */
  label?: string;
  /** The member's description (`Member | Description |` rows), kept as JSDoc. */
  description?: string;
  source: Source;
}

export interface EnumType {
  kind: 'enum';
  name: string;
  nameSource: NameSource;
  /** `none`: a header-less member list; `int` / `string`: a `Name | Value` table. */
  valueKind: 'none' | 'int' | 'string';
  /** True for [Flags] enums (int values that are 0 or combinations of powers of two, ≥ 3 bits). */
  flags: boolean;
  members: EnumMember[];
  source?: Source;
}

/** A named dictionary type, e.g. `Struct = Dictionary<string, Value>`. */
export interface DictionaryType {
  kind: 'dictionary';
  name: string;
  nameSource: NameSource;
  key: TypeRef;
  value: TypeRef;
  /** Where the evidence came from (the sample map, or the first reference). */
  source?: Source;
}

/**
 * Every type of the model. .NET / ServiceStack built-ins that never get a table (DayOfWeek,
 * ResponseStatus, ResponseError, ErrorResponse) are ordinary enum / object types with
 * `nameSource: 'builtin'` and no `source`, added when a page references them (and ServiceStack's
 * error types by the emitter to every package).
 */
export type ModelType = ObjectType | EnumType | DictionaryType;

export interface Route {
  /** `POST`, `GET`, … or `ANY` for "All Verbs". */
  verbs: string[];
  path: string;
  source: Source;
}

/** A JSON (or JSV, read into JSON values) sample body from the page. */
export interface SampleBody {
  format: 'json' | 'jsv';
  /** The body as written on the page. */
  text: string;
  /** The body read into plain JSON values. */
  value: unknown;
  source: Source;
}

export interface Operation {
  name: string;
  nameSource: NameSource;
  /** The first route's verb (`POST`), for convenience. */
  method: string;
  paths: string[];
  routes: Route[];
  roles: string[];
  /** The request DTO's name (equal to `name`). */
  request: string;
  /** The response DTO's name, when there is one. */
  response?: string;
  samples: { request?: SampleBody; response?: SampleBody };
  source: Source;
}

export interface Model {
  operations: Operation[];
  /** Every type, in page order (pages in the order given), then config-only and built-ins. */
  types: ModelType[];
}
