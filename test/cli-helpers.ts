/**
 * Shared helpers for the CLI, config, write and watch tests: throwaway projects in the OS temp
 * folder, an in-process `dtoforge` run with captured output, and a small fake emitter.
 */
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll } from 'vitest';
import { main } from '../src/cli/main.js';
import { report } from '../src/diagnostics.js';
import type { Emitter } from '../src/pipeline.js';

/** A valid one-table page: the request `GetThing` (named from the file name). */
export const GOOD_PAGE = `Name | Parameter | Data Type | Required | Description |
---|---|---|---|---|
Id | body | string | No | The id |
Count | body | int | Yes | How many |
`;

/** The same page with a malformed row on line 4 (Required is neither Yes nor No). */
export const BROKEN_PAGE = `Name | Parameter | Data Type | Required | Description |
---|---|---|---|---|
Id | body | string | No | The id |
Count | body | int | Maybe | How many |
`;

const created: string[] = [];
afterAll(async () => {
  await Promise.all(created.map((folder) => rm(folder, { recursive: true, force: true })));
});

/**
 * A project in a fresh temp folder: `files` (path → text) are written, with a package.json so
 * the config search stops there. Removed after the test file.
 */
export async function makeProject(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dtoforge-test-'));
  created.push(root);
  await writeFiles(root, { 'package.json': '{ "private": true }\n', ...files });
  return root;
}

/**
 * A project with one good page in pages/ and its output in out/: `config` overrides config keys,
 * `extra` adds files (path → text).
 */
export function pagesProject(
  config: Record<string, unknown> = {},
  extra: Record<string, string> = {},
): Promise<string> {
  return makeProject({
    'dtoforge.config.json': configText({ input: ['pages'], output: 'out', ...config }),
    'pages/GetThing.txt': GOOD_PAGE,
    ...extra,
  });
}

/** What a write leaves next to an output folder while it works (temp, journal, lock): none after. */
export async function writeLeftovers(folder: string): Promise<string[]> {
  return (await readdir(folder)).filter((name) => name.startsWith('.dtoforge-')).sort();
}

/** Write files (path → text) under `root`. */
export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(root, name);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

/** A config file's text. */
export function configText(config: Record<string, unknown>): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** Every file under a folder (`/`-separated) → its text; `{}` when the folder is missing. */
export async function snapshotFolder(folder: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(path.join(folder, relative), { withFileTypes: true }).catch(
      () => [],
    );
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else result[child] = await readFile(path.join(folder, child), 'utf8');
    }
  };
  await walk('');
  return result;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run `dtoforge <argv>` in-process with captured output (no colour, not a TTY).
 *
 * @param argv
 *   Arguments.
 * @param options
 *   Working folder, emitter (default: the fake one), stdin text, TTY, stop signal, a stderr
 *   listener.
 */
export async function runCli(
  argv: string[],
  options: {
    cwd: string;
    emit?: Emitter | 'real';
    stdin?: string;
    tty?: boolean;
    signal?: AbortSignal;
    /** Called after every write to stderr with all of stderr so far. */
    onStderr?: (stderr: string) => void;
  },
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd: options.cwd,
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: {
      write: (text: string) => {
        stderr += text;
        options.onStderr?.(stderr);
        return true;
      },
      isTTY: options.tty ?? false,
      columns: 120,
    },
    stdin: Readable.from([options.stdin ?? '']),
    env: {},
    ...(options.emit === 'real' ? {} : { emit: options.emit ?? fakeEmit }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { code, stdout, stderr };
}

/**
 * A small emitter standing in for src/emit in CLI tests: a package.json, a types file, and an
 * ESM build whose `validateX` checks each object type's fields (required present, primitive
 * string/int/bool types), reporting `{ path, message }` issues as the real guards do. A page
 * containing `EMIT-ERROR` gets an error message (as the emit stage's sample self-check would).
 */
export const fakeEmit: Emitter = async ({ model, pages }) => {
  for (const file of pages?.values() ?? []) {
    if (String(file.value).includes('EMIT-ERROR')) {
      report(file, 'sample-invalid', 'Unexpected sample, expected a valid one', {
        line: 1,
        column: 1,
      });
    }
  }
  const checks = model.types.flatMap((type) => {
    if (type.kind !== 'object') return [];
    const fields = type.fields.map((field) => ({
      key: field.wireName,
      required: field.required,
      type:
        field.type.kind === 'primitive'
          ? { string: 'string', int: 'integer', bool: 'boolean' }[field.type.name as string]
          : undefined,
    }));
    return [
      `export const validate${type.name} = (value) => check(value, ${JSON.stringify(fields)});`,
    ];
  });
  const runtime = `function check(value, fields) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { success: false, issues: [{ path: [], message: 'Expected object' }] };
  }
  const issues = [];
  for (const field of fields) {
    const item = value[field.key];
    if (item === undefined) {
      if (field.required) issues.push({ path: [field.key], message: 'Required' });
      continue;
    }
    const ok =
      field.type === undefined ||
      (field.type === 'integer' ? Number.isInteger(item) : typeof item === field.type);
    if (!ok) issues.push({ path: [field.key], message: 'Expected ' + field.type });
  }
  return issues.length ? { success: false, issues } : { success: true, value };
}
`;
  return {
    files: [
      {
        path: 'package.json',
        content: `${JSON.stringify({ name: 'fake-dtos', type: 'module', exports: { '.': { import: './dist/esm/index.js' } } }, null, 2)}\n`,
      },
      { path: 'dist/esm/index.js', content: `${runtime}${checks.join('\n')}\n` },
      {
        path: 'src/types.ts',
        content: model.types.map((type) => `export interface ${type.name} {}\n`).join(''),
      },
    ],
  };
};
