/**
 * The dtoforge config (`dtoforge.config.json`): where the pages are, where the package goes, and
 * the names a page cannot carry.
 */

/** Names for one operation's page, keyed in {@link DtoforgeConfig.operations} by operation name
 * (or by the page's file name without extension). */
export interface OperationConfig {
  /** The request DTO's name, when neither the sample path nor the file name gives it. */
  request?: string;
  /** The response type (the page never says it): a DTO name, possibly generic
   * (`QueryResponse<Customer>`), or any type expression (`List<Customer>`, `string`). */
  response?: string;
}

export interface PackageConfig {
  name: string;
  version: string;
  description?: string;
  license?: string;
}

/** How optional (Required: No) and nullable (`T?`) fields are typed. */
export type OptionalPolicy = 'optional' | 'optional-or-null';

export type EnumStyle = 'enum' | 'union';

/** `closed`: an enum admits its members only; `open`: also any other string (servers add members). */
export type EnumPolicy = 'closed' | 'open';

export interface DtoforgeConfig {
  $schema?: string;
  /** Page files, folders or globs, relative to the config file. */
  input: string[];
  /** The generated package's folder, relative to the config file. */
  output: string;
  /** Allow an output folder outside the project (the folder holding package.json or .git). */
  allowOutsideProject: boolean;
  package: PackageConfig;
  operations: Record<string, OperationConfig>;
  /** Subclass → base class name, when a base table follows its subclass's table; `null`: the
   * type has no base (settles an ambiguous reading). */
  bases: Record<string, string | null>;
  /** Type aliases the pages cannot show: `"Struct": "Dictionary<string, Value>"`, `"X": "string"`. */
  types: Record<string, string>;
  /** Data Types a page does not say (`Type.Field` → type expression), e.g. the element type of
   * an `array` field: `"AuditsResponse.Results": "List<Audit>"`. */
  fields: Record<string, string>;
  /** `optional`: Required No → `?`; `optional-or-null`: also admits `null` (servers that send it). */
  optional: OptionalPolicy;
  /** Reject unknown properties in guards (default: accept them, servers add fields). */
  strict: boolean;
  /** `enum`: TypeScript enums; `union`: string/number literal unions plus a const object. */
  enumStyle: EnumStyle;
  /** `open`: where an enum is expected, the guards also accept an unknown string (`E | (string & {})`). */
  enums: EnumPolicy;
  /** Pages larger than this many bytes are not read (a `page-too-large` error): memory stays bounded. */
  maxPageBytes: number;
}

export const DEFAULT_CONFIG: DtoforgeConfig = {
  input: ['input'],
  output: 'generated',
  allowOutsideProject: false,
  package: { name: 'dtos', version: '0.0.0', license: 'UNLICENSED' },
  operations: {},
  bases: {},
  types: {},
  fields: {},
  optional: 'optional',
  strict: false,
  enumStyle: 'enum',
  enums: 'closed',
  maxPageBytes: 4 * 1024 * 1024,
};

/** Fill defaults into a partial config (already validated). */
export function resolveConfig(partial: Partial<DtoforgeConfig>): DtoforgeConfig {
  return {
    ...DEFAULT_CONFIG,
    ...partial,
    package: { ...DEFAULT_CONFIG.package, ...partial.package },
    operations: { ...partial.operations },
    bases: { ...partial.bases },
    types: { ...partial.types },
    fields: { ...partial.fields },
  };
}
