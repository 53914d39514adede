/**
 * Every command and every exit code of `dtoforge`, run in-process (`main()` with captured
 * output) with a fake emitter; test/cli-spawn.test.ts runs the real binary.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPageFiles } from '../src/pipeline.js';
import type { Emitter } from '../src/pipeline.js';
import {
  BROKEN_PAGE,
  GOOD_PAGE,
  configText,
  makeProject,
  runCli,
  snapshotFolder,
} from './cli-helpers.js';

const repo = path.resolve(import.meta.dirname, '..');
const version = (
  JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

/** A project with one good page in pages/ and output in out/. */
function project(extra: Record<string, string> = {}): Promise<string> {
  return makeProject({
    'dtoforge.config.json': configText({ input: ['pages'], output: 'out' }),
    'pages/GetThing.txt': GOOD_PAGE,
    ...extra,
  });
}

describe('dtoforge --help, --version and usage errors', () => {
  it.each([[[]], [['generate']], [['inspect']], [['validate']]])(
    '%j --help teaches the usage with examples (exit 0)',
    async (command) => {
      const root = await project();
      const run = await runCli([...command, '--help'], { cwd: root });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: dtoforge/);
      expect(run.stdout).toContain('Examples:');
      expect(run.stdout).toMatch(/\$ dtoforge \w+/);
      expect(run.stdout).toContain('Exit codes:');
    },
  );

  it('prints the version (exit 0)', async () => {
    const run = await runCli(['--version'], { cwd: repo });
    expect(run).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it.each([
    ['no command', []],
    ['an unknown command', ['generat']],
    ['an unknown option', ['generate', '--chek']],
    ['--check with --watch', ['generate', '--check', '--watch']],
    ['a missing argument', ['validate', 'EndpointInfo']],
  ])('exits 2 on %s', async (_, argv) => {
    const root = await project();
    const run = await runCli(argv, { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).not.toBe('');
  });
});

describe('config errors exit 2 and name the key or path', () => {
  it.each([
    ['an unknown key', { inptu: ['pages'] }, /dtoforge\.config\.json\n\s*2:3.*unknown key "inptu"/],
    [
      'a wrong type',
      { package: { name: 'x', version: 1 } },
      /dtoforge\.config\.json\n\s*4:16.*\/package\/version must be string/,
    ],
    ['a missing input folder', { input: ['nope'] }, /3:5.*missing input "nope".*missing-input/],
  ])('%s', async (_, config, expected) => {
    const root = await project({ 'dtoforge.config.json': configText(config) });
    for (const command of [['generate'], ['generate', '--check'], ['inspect']]) {
      const run = await runCli(command, { cwd: root });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(expected);
      expect(run.stdout).toBe('');
    }
  });

  it('a --config file that does not exist', async () => {
    const root = await project();
    const run = await runCli(['generate', '--config', 'other.json'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('other.json');
  });

  it('an inspect path that does not exist', async () => {
    const root = await project();
    const run = await runCli(['inspect', 'pages/Nope.txt'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('pages/Nope.txt');
    expect(run.stderr).toContain('missing-input');
  });
});

describe('dtoforge inspect', () => {
  it('prints the model as stable JSON (exit 0)', async () => {
    const root = await project();
    const first = await runCli(['inspect'], { cwd: root });
    expect(first.code).toBe(0);
    const model = JSON.parse(first.stdout);
    expect(model.types.map((type: { name: string }) => type.name)).toEqual(['GetThing']);
    expect(first.stdout).toBe(`${JSON.stringify(model, null, 2)}\n`);
    expect((await runCli(['inspect'], { cwd: root })).stdout).toBe(first.stdout);
    expect(first.stderr).toMatch(
      /^Inspected 1 operation, 1 type from 1 page in \d+ ms \(0 errors, 0 warnings\)$/m,
    );
  });

  it('takes files, folders and globs instead of the config inputs', async () => {
    const root = await project({
      'more/a/GetOther.md': GOOD_PAGE,
      'more/b/notes.json': '{}',
    });
    const byGlob = await runCli(['inspect', 'more/**/*.md', 'pages/GetThing.txt'], { cwd: root });
    expect(byGlob.code).toBe(0);
    const names = JSON.parse(byGlob.stdout).operations.map((op: { name: string }) => op.name);
    expect(names).toEqual(['GetOther', 'GetThing']);
    const byFolder = await runCli(['inspect', 'more'], { cwd: root });
    expect(JSON.parse(byFolder.stdout).operations).toHaveLength(1);
  });

  it('never reads pages from the output folder', async () => {
    const root = await project({
      'dtoforge.config.json': configText({ input: ['pages'], output: 'pages/out' }),
      'pages/out/README.md': BROKEN_PAGE,
    });
    const run = await runCli(['inspect'], { cwd: root });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).operations).toHaveLength(1);
  });

  it('exits 1 with file:line:col and the rule id on a malformed row', async () => {
    const root = await project({ 'pages/GetThing.txt': BROKEN_PAGE });
    const run = await runCli(['inspect'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /pages\/GetThing\.txt\n\s*4:\d+(-\d+:\d+)?\s+error .*Maybe.*bad-required/,
    );
    expect(run.stderr).toMatch(/first error at pages\/GetThing\.txt:4:\d+/);
  });

  it('--quiet prints errors only', async () => {
    const root = await project();
    const quiet = await runCli(['inspect', '--quiet'], { cwd: root });
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
  });
});

describe('dtoforge generate', () => {
  it('writes the package and a summary line (exit 0), then is up to date', async () => {
    const root = await project();
    const run = await runCli(['generate'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /^Generated 1 operation, 1 type from 1 page in \d+ ms \(0 errors, 0 warnings\); wrote out \(4 files changed\)$/m,
    );
    expect(Object.keys(await snapshotFolder(path.join(root, 'out'))).sort()).toEqual([
      '.dtoforge-manifest.json',
      'dist/esm/index.js',
      'package.json',
      'src/types.ts',
    ]);
    const again = await runCli(['generate'], { cwd: root });
    expect(again.stderr).toContain('out already up to date');
  });

  it('--out overrides the output folder; --quiet prints nothing on success', async () => {
    const root = await project();
    const run = await runCli(['generate', '--out', 'elsewhere', '--quiet'], { cwd: root });
    expect(run).toMatchObject({ code: 0, stderr: '', stdout: '' });
    expect(await snapshotFolder(path.join(root, 'elsewhere'))).toHaveProperty('package.json');
  });

  it('exits 1 and writes nothing when a page has errors', async () => {
    const root = await project();
    await runCli(['generate'], { cwd: root });
    const before = await snapshotFolder(path.join(root, 'out'));
    await writeFile(path.join(root, 'pages/GetThing.txt'), BROKEN_PAGE);
    const run = await runCli(['generate'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bad-required');
    expect(run.stderr).toMatch(
      /Not generated: .*\(1 error, 0 warnings\) \(first error at pages\/GetThing\.txt:4:\d+\); out left as it was/,
    );
    expect(await snapshotFolder(path.join(root, 'out'))).toEqual(before);
  });

  it('exits 1 on errors the emit stage reports (sample self-check)', async () => {
    const root = await project({ 'pages/GetThing.txt': `${GOOD_PAGE}\nEMIT-ERROR\n` });
    const run = await runCli(['generate'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('sample-invalid');
    expect(await snapshotFolder(path.join(root, 'out'))).toEqual({});
  });

  it('--check exits 1 before generating, 0 after, 1 after a generated file is edited', async () => {
    const root = await project();
    const never = await runCli(['generate', '--check'], { cwd: root });
    expect(never.code).toBe(1);
    expect(never.stderr).toMatch(/added\s+out\/package\.json/);
    expect(await snapshotFolder(path.join(root, 'out'))).toEqual({});

    await runCli(['generate'], { cwd: root });
    const clean = await runCli(['generate', '--check'], { cwd: root });
    expect(clean.code).toBe(0);
    expect(clean.stderr).toMatch(/^Up to date: out matches/m);

    await writeFile(path.join(root, 'out', 'by-hand.md'), 'mine\n');
    expect((await runCli(['generate', '--check'], { cwd: root })).code).toBe(0);

    await writeFile(path.join(root, 'out', 'src', 'types.ts'), '// edited\n');
    const drift = await runCli(['generate', '--check'], { cwd: root });
    expect(drift.code).toBe(1);
    expect(drift.stderr).toMatch(/changed\s+out\/src\/types\.ts/);
    expect(drift.stderr).toContain('Out of date: 1 file in out would change');
    expect(await readFile(path.join(root, 'out', 'src', 'types.ts'), 'utf8')).toBe('// edited\n');
  });

  it('an emit stage that crashes exits 1 and leaves the previous package', async () => {
    const root = await project();
    await runCli(['generate'], { cwd: root });
    const before = await snapshotFolder(path.join(root, 'out'));
    const crash: Emitter = async () => {
      throw new Error('boom');
    };
    const run = await runCli(['generate'], { cwd: root, emit: crash });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('internal error');
    expect(await snapshotFolder(path.join(root, 'out'))).toEqual(before);
  });

  it('--verify asks the emit stage to type-check the package, and only then', async () => {
    const root = await project();
    const seen: (boolean | undefined)[] = [];
    const { emitPackage } = await import('../src/emit/index.js');
    const spy: Emitter = async (input) => {
      seen.push(input.verify);
      return emitPackage(input);
    };
    expect((await runCli(['generate', '--verify'], { cwd: root, emit: spy })).code).toBe(0);
    expect((await runCli(['generate', '--check'], { cwd: root, emit: spy })).code).toBe(0);
    expect(seen).toEqual([true, undefined]);
  });

  it('draws a progress line only on a TTY and clears it', async () => {
    const root = await project();
    const tty = await runCli(['generate'], { cwd: root, tty: true });
    expect(tty.stderr).toContain('\r\u001B[K');
    expect(tty.stderr).toMatch(/Emitting 1 type from 1 page/);
    const plain = await runCli(['generate'], { cwd: root });
    expect(plain.stderr).not.toContain('\r');
  });
});

describe('dtoforge validate', () => {
  async function generated(): Promise<string> {
    const root = await project();
    expect((await runCli(['generate'], { cwd: root })).code).toBe(0);
    return root;
  }

  it('exits 0 on a valid document', async () => {
    const root = await generated();
    await writeFile(path.join(root, 'ok.json'), '{ "id": "a", "count": 2 }\n');
    const run = await runCli(['validate', 'GetThing', 'ok.json'], { cwd: root });
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(run.stderr).toBe('Valid GetThing: ok.json\n');
  });

  it('exits 1 printing every issue with its path and place', async () => {
    const root = await generated();
    await writeFile(path.join(root, 'bad.json'), '{\n  "id": 5,\n  "count": 1.5\n}\n');
    const run = await runCli(['validate', 'GetThing', 'bad.json'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/2:9.*at id: Expected string.*invalid-document/);
    expect(run.stderr).toMatch(/3:12.*at count: Expected integer/);
    expect(run.stderr).toContain('Invalid GetThing: 2 issues in bad.json');
  });

  it('reads the document from stdin with -', async () => {
    const root = await generated();
    const run = await runCli(['validate', 'GetThing', '-'], { cwd: root, stdin: '{"id":"x"}' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('at count: Required');
    const ok = await runCli(['validate', 'GetThing', '-'], { cwd: root, stdin: '{"count":1}' });
    expect(ok.code).toBe(0);
  });

  it('exits 1 on a document that is not JSON', async () => {
    const root = await generated();
    const run = await runCli(['validate', 'GetThing', '-'], { cwd: root, stdin: '{"id": }' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/1:8.*Unexpected `}`, expected a value/);
  });

  it('exits 2 on an unknown type, listing close names', async () => {
    const root = await generated();
    const run = await runCli(['validate', 'Getthing', '-'], { cwd: root, stdin: '{}' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unexpected type "Getthing"');
    expect(run.stderr).toContain('did you mean GetThing?');
  });

  it('exits 2 when the document or the package is missing', async () => {
    const root = await generated();
    const noDoc = await runCli(['validate', 'GetThing', 'nope.json'], { cwd: root });
    expect(noDoc.code).toBe(2);
    expect(noDoc.stderr).toContain('nope.json');
    const fresh = await project();
    const noPackage = await runCli(['validate', 'GetThing', '-'], { cwd: fresh, stdin: '{}' });
    expect(noPackage.code).toBe(2);
    expect(noPackage.stderr).toContain('run `dtoforge generate` first');
  });
});

describe('reading pages', () => {
  it('turns an unreadable page into an unreadable-file error, not a crash', async () => {
    const root = await project();
    const [file] = await readPageFiles([path.join(root, 'pages', 'Gone.txt')], root);
    expect(file?.messages.map((message) => [message.ruleId, message.fatal])).toEqual([
      ['unreadable-file', true],
    ]);
    expect(String(file?.messages[0]?.reason)).toContain('ENOENT');
  });
});
