/**
 * Find, read and validate `dtoforge.config.json` against config.schema.json (ajv), then fill the
 * defaults ({@link resolveConfig}).
 *
 * Config problems are vfile messages on the config file (rule `bad-config`), with the place of
 * the bad key, thrown together as a {@link ConfigError} (the CLI exits 2).
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { readJsonDocument } from '../json-document.js';
import type { JsonDocument } from '../json-document.js';
import { closest } from '../suggest.js';
import { resolveConfig } from './config.js';
import type { DtoforgeConfig } from './config.js';
import { readDataType } from '../model/facts.js';
import { parseTypeExpression } from '../model/type-expression.js';

/** The config file's name, looked up from the working folder. */
export const CONFIG_FILE = 'dtoforge.config.json';

/** The JSON Schema of the config, shipped at the package root. */
export const CONFIG_SCHEMA_URL = new URL('../../config.schema.json', import.meta.url);

/** A config (or input) problem: the messages are on `files`; the CLI prints them and exits 2. */
export class ConfigError extends Error {
  /** Files with the messages (the config file, or the missing input paths). */
  readonly files: VFile[];

  /**
   * @param files
   *   Files holding one message or more.
   */
  constructor(files: VFile[]) {
    const reasons = files.flatMap((file) => file.messages.map(String));
    super(reasons.join('\n') || 'Invalid config');
    this.name = 'ConfigError';
    this.files = files;
  }
}

export interface LoadedConfig {
  config: DtoforgeConfig;
  /** The config file (absolute), when one was read. */
  path?: string;
  /** The folder that relative paths in the config are resolved from. */
  root: string;
  /** The config file as a vfile (for messages about it), when one was read. */
  file?: VFile;
  /** The config document with positions, when one was read. */
  document?: JsonDocument;
}

export interface LoadConfigOptions {
  /** The working folder (default: `process.cwd()`). */
  cwd?: string;
  /**
   * A config file path (relative to `cwd`), a config object (paths relative to `cwd`), or
   * nothing to look for `dtoforge.config.json` from `cwd` up to the project root.
   */
  config?: string | Partial<DtoforgeConfig>;
}

let schema: Record<string, unknown> | undefined;
let compiled: ValidateFunction | undefined;

/** The config schema (read once per process). */
function configSchema(): Record<string, unknown> {
  schema ??= JSON.parse(readFileSync(CONFIG_SCHEMA_URL, 'utf8')) as Record<string, unknown>;
  return schema;
}

/**
 * The compiled config schema: the one the build compiled (dist/config/config-validator.js, ajv
 * standalone code; see {@link loadConfigValidator}), else compiled now (once per process).
 */
function configValidator(): ValidateFunction {
  compiled ??= compileConfigSchema();
  return compiled;
}

/** Compile the config schema with ajv (when running from src/, or the build's file is missing). */
export function compileConfigSchema(): ValidateFunction {
  // Note: ajv is CommonJS; required here so that a run with the build's validator never loads it.
  const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
  return new Ajv({ allErrors: true, strict: true }).compile(configSchema());
}

/**
 * Load the validator the build compiled from config.schema.json (a fraction of the time ajv takes
 * to load and compile the schema at every start); nothing when there is none.
 */
export async function loadConfigValidator(): Promise<ValidateFunction | undefined> {
  try {
    const built = (await import(new URL('./config-validator.js', import.meta.url).href)) as {
      default: ValidateFunction;
    };
    return built.default;
  } catch {
    return undefined;
  }
}

/**
 * Look for the config file in `cwd` and its parents, stopping at the project root (the first
 * folder with a package.json or .git).
 *
 * @param cwd
 *   Where to start.
 */
export function findConfig(cwd: string): string | undefined {
  let folder = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(folder, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (isProjectRoot(folder)) return undefined;
    const parent = path.dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

/** A project root holds a package.json or a .git. */
function isProjectRoot(folder: string): boolean {
  return existsSync(path.join(folder, 'package.json')) || existsSync(path.join(folder, '.git'));
}

/**
 * The project a folder belongs to: the folder itself or its nearest parent holding a
 * package.json or a .git; the folder itself when there is none.
 *
 * @param start
 *   The config file's folder (or the working folder).
 */
export function findProjectRoot(start: string): string {
  let folder = path.resolve(start);
  for (;;) {
    if (isProjectRoot(folder)) return folder;
    const parent = path.dirname(folder);
    if (parent === folder) return path.resolve(start);
    folder = parent;
  }
}

/**
 * Load the config: read and validate the file (or object), fill defaults.
 *
 * @param options
 *   Where to look and what to load.
 * @throws {ConfigError}
 *   When the file cannot be read, is not JSON, or breaks the schema.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  compiled ??= await loadConfigValidator();
  const cwd = path.resolve(options.cwd ?? process.cwd());
  if (options.config !== undefined && typeof options.config !== 'string') {
    const file = new VFile({ path: '<config>', cwd });
    checkConfig(options.config, file, undefined);
    if (file.messages.length > 0) throw new ConfigError([file]);
    return { config: resolveConfig(options.config), root: cwd };
  }
  const configPath =
    options.config === undefined ? findConfig(cwd) : path.resolve(cwd, options.config);
  if (configPath === undefined) return { config: resolveConfig({}), root: cwd };

  const file = new VFile({ path: path.relative(cwd, configPath) || configPath, cwd });
  try {
    file.value = await readFile(configPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'an error';
    report(file, 'bad-config', `Unexpected ${code} reading the config file, expected a file`);
    throw new ConfigError([file]);
  }
  const document = readJsonDocument(file, 'bad-config');
  if (!document.ok) throw new ConfigError([file]);
  checkConfig(document.value, file, document);
  if (file.messages.length > 0) throw new ConfigError([file]);
  return {
    config: resolveConfig(document.value as Partial<DtoforgeConfig>),
    path: configPath,
    root: path.dirname(configPath),
    file,
    document,
  };
}

/**
 * Validate a config value against the schema; report each problem on `file`.
 *
 * @param value
 *   The parsed config.
 * @param file
 *   Where messages go.
 * @param document
 *   The document, for positions (optional).
 */
export function checkConfig(value: unknown, file: VFile, document: JsonDocument | undefined): void {
  const validate = configValidator();
  if (validate(value)) {
    checkTypeExpressions(value as Partial<DtoforgeConfig>, file, document);
    return;
  }
  const errors = (validate.errors ?? []).filter(isUsefulError);
  for (const error of errors) {
    const segments = pointerSegments(error.instancePath);
    if (error.keyword === 'additionalProperties') {
      const key = String(error.params['additionalProperty']);
      const known = knownKeys(error.schemaPath);
      const near = closest(key, known, 1)[0];
      const at = error.instancePath ? ` in ${error.instancePath}` : '';
      const expected = known.length > 0 ? `, expected one of ${known.join(', ')}` : '';
      report(
        file,
        'bad-config',
        `Unexpected unknown key "${key}"${at}${expected}${near ? ` (did you mean "${near}"?)` : ''}`,
        document?.place([...segments, key], { key: true }),
      );
      continue;
    }
    const where = error.instancePath || '/';
    if (error.propertyName !== undefined) {
      report(
        file,
        'bad-config',
        `Unexpected key "${error.propertyName}" in ${where}, expected an identifier (letters, digits, _)`,
        document?.place([...segments, error.propertyName], { key: true }),
      );
      continue;
    }
    let reason = `${where} ${error.message ?? 'is invalid'}`;
    if (error.keyword === 'enum') {
      const allowed = (error.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v));
      reason += `: ${allowed.join(', ')}`;
    }
    if (error.keyword === 'required')
      reason = `${where} must have key "${error.params['missingProperty']}"`;
    report(file, 'bad-config', reason, document?.place(segments));
  }
}

/**
 * The config's type expressions: every base a named type, possibly generic; every response,
 * `types` and `fields` entry a type expression that parses.
 */
function checkTypeExpressions(
  config: Partial<DtoforgeConfig>,
  file: VFile,
  document: JsonDocument | undefined,
): void {
  for (const [name, text] of Object.entries(config.bases ?? {})) {
    if (text === null) continue;
    const parsed = parseTypeExpression(text);
    if (!parsed.ok || parsed.type.kind !== 'ref') {
      report(
        file,
        'bad-config',
        `Unexpected "${text}" for bases.${name}, expected a type name such as "EntityInfo" or "QueryDb<Customer>"${parsed.ok ? '' : ` (${parsed.reason})`}`,
        document?.place(['bases', name]),
      );
    }
  }
  const expressions = [
    ...Object.entries(config.operations ?? {}).flatMap(([name, entry]) =>
      entry.response === undefined
        ? []
        : [[['operations', name, 'response'], entry.response] as const],
    ),
    ...Object.entries(config.types ?? {}).map(([name, text]) => [['types', name], text] as const),
    ...Object.entries(config.fields ?? {}).map(([name, text]) => [['fields', name], text] as const),
  ];
  for (const [key, text] of expressions) {
    const parsed = readDataType(text);
    if (!parsed.ok) {
      report(
        file,
        'bad-config',
        `Unexpected type expression "${text}" for ${key.join('.')}: ${parsed.reason}`,
        document?.place([...key]),
      );
    }
  }
}

/** Drop ajv's echo errors (`propertyNames` repeats the `pattern` error of the key). */
function isUsefulError(error: ErrorObject): boolean {
  return error.keyword !== 'propertyNames' && error.keyword !== 'if';
}

/** JSON pointer (`/package/version`) → path segments (`['package', 'version']`). */
function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** The keys an object schema allows, from the schema path of an `additionalProperties` error. */
function knownKeys(schemaPath: string): string[] {
  let node: unknown = configSchema();
  const segments = schemaPath.replace(/^#\//, '').split('/').slice(0, -1);
  for (const segment of segments) {
    if (node && typeof node === 'object') node = (node as Record<string, unknown>)[segment];
  }
  const properties = (node as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ? Object.keys(properties).filter((key) => key !== '$schema') : [];
}
