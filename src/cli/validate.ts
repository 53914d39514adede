/**
 * `dtoforge validate <Type> <file.json|->`: check a JSON document with the GENERATED package's
 * own `validate<Type>` (its compiled ESM build in the output folder).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { formatPath } from '../json-path.js';
import { readJsonDocument } from '../json-document.js';
import { closest } from '../suggest.js';

/** One issue as the generated `validateX` reports it. */
export interface DocumentIssue {
  path: (string | number)[];
  message: string;
  expected?: unknown;
  received?: unknown;
}

/** The generated package's validators, by type name. */
export type Validators = Map<string, (value: unknown) => unknown>;

/** Why the validators could not be loaded (exit 2). */
export class PackageNotFoundError extends Error {
  override name = 'PackageNotFoundError';
}

/**
 * Find the generated package's ESM entry: its package.json `exports["."]` (`import`, then
 * `default`), else `dist/esm/index.js`.
 *
 * @param outDir
 *   The output folder.
 */
export async function findPackageEntry(outDir: string): Promise<string | undefined> {
  const candidates: string[] = [];
  try {
    const manifest = JSON.parse(await readFile(path.join(outDir, 'package.json'), 'utf8')) as {
      exports?: unknown;
      module?: unknown;
      main?: unknown;
    };
    const root = rootExport(manifest.exports);
    if (root) candidates.push(root);
    if (typeof manifest.module === 'string') candidates.push(manifest.module);
  } catch {
    // Note: no package.json yet; try the usual place.
  }
  candidates.push('dist/esm/index.js', 'dist/index.js');
  return candidates.map((entry) => path.resolve(outDir, entry)).find((entry) => existsSync(entry));
}

/** The ESM file of `exports["."]`, through `import` / `default` conditions. */
function rootExport(exports: unknown): string | undefined {
  const pick = (value: unknown): string | undefined => {
    if (typeof value === 'string') return value.endsWith('.d.ts') ? undefined : value;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const record = value as Record<string, unknown>;
    return pick(record['import']) ?? pick(record['node']) ?? pick(record['default']);
  };
  if (exports && typeof exports === 'object' && '.' in exports) {
    return pick((exports as Record<string, unknown>)['.']);
  }
  return pick(exports);
}

/**
 * Load the generated package's `validateX` functions.
 *
 * @param outDir
 *   The output folder.
 * @throws {PackageNotFoundError}
 *   When there is no built package.
 */
export async function loadValidators(outDir: string): Promise<Validators> {
  const entry = await findPackageEntry(outDir);
  if (!entry) {
    throw new PackageNotFoundError(
      `No generated package in ${outDir} (expected dist/esm/index.js); run \`dtoforge generate\` first`,
    );
  }
  const module = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  const validators: Validators = new Map();
  for (const [name, value] of Object.entries(module)) {
    const match = /^validate([A-Z_$].*)$/.exec(name);
    if (match?.[1] && typeof value === 'function') {
      validators.set(match[1], value as (value: unknown) => unknown);
    }
  }
  return validators;
}

/**
 * Names close to an unknown type name.
 *
 * @param name
 *   What the user wrote.
 * @param validators
 *   What exists.
 */
export function suggestTypes(name: string, validators: Validators): string[] {
  return closest(name, validators.keys(), 8);
}

/** Read `validateX`'s result: `{ success, value }` or `{ success: false, issues }`. */
function readIssues(result: unknown): DocumentIssue[] {
  if (!result || typeof result !== 'object') {
    return result === true ? [] : [{ path: [], message: 'Invalid document' }];
  }
  const record = result as { success?: unknown; issues?: unknown };
  if (record.success === true) return [];
  const issues = Array.isArray(record.issues) ? (record.issues as unknown[]) : [];
  if (issues.length === 0) return [{ path: [], message: 'Invalid document' }];
  return issues.map((issue) => {
    const item = (issue ?? {}) as Partial<DocumentIssue> & { path?: unknown };
    const segments = Array.isArray(item.path)
      ? item.path.map((segment: unknown) =>
          typeof segment === 'number'
            ? segment
            : typeof segment === 'object' && segment !== null && 'key' in segment
              ? String((segment as { key: unknown }).key)
              : String(segment),
        )
      : [];
    return { ...item, path: segments, message: String(item.message ?? 'Invalid value') };
  });
}

/**
 * Validate a document (its text in `file.value`) with `validate`; every issue becomes a message
 * on `file` at the value's place, reading `at <path>: <message>`.
 *
 * @param file
 *   The document.
 * @param validate
 *   The generated `validateX`.
 * @returns
 *   The issues (empty when valid); a JSON syntax error is one issue at the root.
 */
export function validateDocument(
  file: VFile,
  validate: (value: unknown) => unknown,
): DocumentIssue[] {
  const document = readJsonDocument(file, 'invalid-document');
  if (!document.ok) return [{ path: [], message: String(file.messages[0]?.reason ?? 'Not JSON') }];
  const issues = readIssues(validate(document.value));
  for (const issue of issues) {
    report(
      file,
      'invalid-document',
      `at ${formatPath(issue.path)}: ${issue.message}`,
      document.place(issue.path),
    );
  }
  return issues;
}

/**
 * Read a document from a file or from stdin (`-`).
 *
 * @param source
 *   The path (relative to `cwd`) or `-`.
 * @param cwd
 *   The working folder.
 * @param stdin
 *   Standard input.
 */
export async function readDocument(
  source: string,
  cwd: string,
  stdin: AsyncIterable<string | Uint8Array>,
): Promise<VFile> {
  if (source === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
    }
    return new VFile({ path: '<stdin>', value: Buffer.concat(chunks).toString('utf8') });
  }
  const absolute = path.resolve(cwd, source);
  const relative = path.relative(cwd, absolute);
  return new VFile({
    path: relative === '' || relative.startsWith('..') ? absolute : relative,
    cwd,
    value: await readFile(absolute, 'utf8'),
  });
}
