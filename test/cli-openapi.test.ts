/**
 * `dtoforge openapi [paths…] [--out file]`: the package's `openapi.json` text on stdout or in a
 * file, nothing when a page has errors.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROKEN_PAGE, GOOD_PAGE, makeProject, runCli, snapshotFolder } from './cli-helpers.js';
import { ROOT } from './helpers/pages-run.js';

describe('dtoforge openapi', () => {
  it('prints the generated package’s openapi.json for the project’s pages', async () => {
    const run = await runCli(['openapi', '--quiet'], { cwd: ROOT });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(await readFile(path.join(ROOT, 'generated', 'openapi.json'), 'utf8'));
  });

  it('reads the pages given, and writes the document to --out (creating its folder)', async () => {
    const root = await makeProject({ 'pages/GetThing.txt': GOOD_PAGE });
    const run = await runCli(['openapi', 'pages', '--out', 'api/openapi.json'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^OpenAPI 3\.1 document of 1 operation, .* from 1 page .*; wrote api\/openapi\.json\n$/,
    );
    const document = JSON.parse(await readFile(path.join(root, 'api', 'openapi.json'), 'utf8')) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string; requestBody?: unknown }>>;
      components: { schemas: Record<string, { required?: string[] }> };
    };
    expect(document.openapi).toBe('3.1.0');
    expect(document.paths['/json/reply/GetThing']?.['post']?.operationId).toBe('GetThing');
    expect(document.components.schemas['GetThing']?.required).toEqual(['count']);
    expect(Object.keys(await snapshotFolder(path.join(root, 'api')))).toEqual(['openapi.json']);
  });

  it('writes nothing and exits 1 when a page has errors', async () => {
    const root = await makeProject({ 'GetThing.txt': BROKEN_PAGE });
    const run = await runCli(['openapi', 'GetThing.txt', '-o', 'openapi.json'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('bad-required');
    expect(run.stderr).toContain('Not written:');
    expect(Object.keys(await snapshotFolder(root)).sort()).toEqual([
      'GetThing.txt',
      'package.json',
    ]);
  });

  it('teaches itself in --help and in the program’s examples', async () => {
    const help = await runCli(['openapi', '--help'], { cwd: ROOT });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: dtoforge openapi [options] [paths...]');
    expect(help.stdout).toContain('-o, --out <file>');
    expect(help.stdout).toContain('$ dtoforge openapi --out api/openapi.json');
    expect((await runCli(['--help'], { cwd: ROOT })).stdout).toContain(
      'openapi [options] [paths...]',
    );
  });
});
