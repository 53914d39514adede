import { createHash } from 'node:crypto';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../src/index.js';
import type { Emitter } from '../src/pipeline.js';
import { FsError } from '../src/fs-error.js';
import { MANIFEST_FILE, OutputError, diffOutput, writeOutput } from '../src/write.js';
import {
  GOOD_PAGE,
  configText,
  fakeEmit,
  makeProject,
  snapshotFolder,
  writeFiles,
  writeLeftovers,
} from './cli-helpers.js';

const v1 = [
  { path: 'package.json', content: '{ "name": "x" }\n' },
  { path: 'src/types.ts', content: 'export interface A {}\n' },
  { path: 'src/old.ts', content: 'export {};\n' },
];
const v2 = [
  { path: 'package.json', content: '{ "name": "x", "version": "2.0.0" }\n' },
  { path: 'src/types.ts', content: 'export interface A {}\n' },
  { path: 'src/new.ts', content: 'export const n = 1;\n' },
];

const leftovers = writeLeftovers;

describe('writeOutput', () => {
  it('writes the files and a manifest of their sha256', async () => {
    const root = await makeProject({});
    const out = path.join(root, 'out');
    const result = await writeOutput(out, v1);
    expect(result.changes.map((change) => `${change.kind} ${change.path}`)).toEqual([
      `added ${MANIFEST_FILE}`,
      'added package.json',
      'added src/old.ts',
      'added src/types.ts',
    ]);
    const manifest = JSON.parse(await readFile(path.join(out, MANIFEST_FILE), 'utf8'));
    expect(manifest.files['src/types.ts']).toBe(
      createHash('sha256').update('export interface A {}\n').digest('hex'),
    );
    expect(Object.keys(manifest.files)).toEqual(['package.json', 'src/old.ts', 'src/types.ts']);
    expect(await leftovers(root)).toEqual([]);
  });

  it('touches nothing when the package is unchanged', async () => {
    const root = await makeProject({});
    const out = path.join(root, 'out');
    await writeOutput(out, v1);
    const before = await stat(out);
    const result = await writeOutput(out, v1);
    expect(result.changes).toEqual([]);
    expect((await stat(out)).ino).toBe(before.ino);
  });

  it('keeps files it did not write, drops files it wrote before, moves node_modules over', async () => {
    const root = await makeProject({});
    const out = path.join(root, 'out');
    await writeOutput(out, v1);
    await writeFiles(out, {
      'NOTES.md': 'mine\n',
      'src/custom.ts': 'export const mine = 1;\n',
      'node_modules/dep/index.js': 'module.exports = 1;\n',
    });
    const result = await writeOutput(out, v2);
    expect(result.preserved).toEqual(['NOTES.md', 'src/custom.ts']);
    const files = await snapshotFolder(out);
    expect(Object.keys(files).sort()).toEqual([
      MANIFEST_FILE,
      'NOTES.md',
      'node_modules/dep/index.js',
      'package.json',
      'src/custom.ts',
      'src/new.ts',
      'src/types.ts',
    ]);
    expect(files['NOTES.md']).toBe('mine\n');
    expect(files['package.json']).toContain('2.0.0');
    expect(await leftovers(root)).toEqual([]);
  });

  it('refuses a folder that has no manifest, naming the files; force keeps all but the replaced', async () => {
    const root = await makeProject({ 'out/package.json': 'hand-written\n', 'out/a.txt': 'a\n' });
    const out = path.join(root, 'out');
    const before = await snapshotFolder(out);
    const refused = writeOutput(out, v1);
    await expect(refused).rejects.toThrow(OutputError);
    await expect(refused).rejects.toThrow(
      /Unexpected files in .*out, which dtoforge did not write \(it holds no \.dtoforge-manifest\.json\): a\.txt, package\.json\. The package would replace package\.json\.\n.*--force/,
    );
    expect(await snapshotFolder(out)).toEqual(before);
    expect(await leftovers(root)).toEqual([]);
    const result = await writeOutput(out, v1, { force: true });
    expect(result.preserved).toEqual(['a.txt']);
    expect(result.replaced).toEqual(['package.json']);
    expect(await readFile(path.join(out, 'a.txt'), 'utf8')).toBe('a\n');
  });

  it('refuses a file of the user’s where a new version of the package writes (a folder it owns)', async () => {
    const root = await makeProject({});
    const out = path.join(root, 'out');
    await writeOutput(out, v1);
    await writeFiles(out, { 'src/new.ts': 'mine\n' });
    await expect(writeOutput(out, v2)).rejects.toThrow(
      /Unexpected files of yours in .*out where the package writes: src\/new\.ts\.\nMove or rename them, or run with --force/,
    );
    expect(await readFile(path.join(out, 'src/new.ts'), 'utf8')).toBe('mine\n');
    expect((await writeOutput(out, v2, { force: true })).replaced).toEqual(['src/new.ts']);
  });

  it('keeps the output folder’s mode and its subfolders’ (not mkdtemp’s 0700)', async () => {
    const root = await makeProject({});
    const out = path.join(root, 'out');
    await writeOutput(out, v1);
    expect((await stat(out)).mode & 0o777).toBe(0o777 & ~process.umask());
    await chmod(out, 0o750);
    await chmod(path.join(out, 'src'), 0o711);
    await writeOutput(out, v2);
    expect((await stat(out)).mode & 0o777).toBe(0o750);
    expect((await stat(path.join(out, 'src'))).mode & 0o777).toBe(0o711);
  });

  it('names the path and the cause of a file-system error, and changes nothing', async () => {
    const root = await makeProject({});
    const out = path.join(root, 'out');
    await writeOutput(out, v1);
    await writeFiles(out, { 'node_modules/x/i.js': '1\n' });
    const before = await snapshotFolder(out);
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      syscall: 'write',
      path: path.join(out, 'src', 'new.ts'),
    });
    for (const failAt of ['file-written', 'node-modules-moved', 'old-moved-aside'] as const) {
      const failing = writeOutput(out, v2, {
        onStep: (step) => {
          if (step === failAt) throw full;
        },
      });
      await expect(failing).rejects.toThrow(FsError);
      await expect(failing).rejects.toThrow(
        /^Cannot write the package to .*out: no space left on the device \(ENOSPC\) writing .*out\/src\/new\.ts$/,
      );
      expect(await snapshotFolder(out), failAt).toEqual(before);
      expect(await leftovers(root)).toEqual([]);
    }
  });

  it('leaves the previous package untouched when writing fails half-way', async () => {
    const root = await makeProject({});
    const out = path.join(root, 'out');
    await writeOutput(out, v1);
    await writeFiles(out, { 'mine.txt': 'mine\n', 'node_modules/x/i.js': '1\n' });
    const before = await snapshotFolder(out);
    let written = 0;
    const failing = writeOutput(out, v2, {
      onStep: (step) => {
        if (step === 'file-written' && ++written === 2) throw new Error('disk full');
      },
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(await snapshotFolder(out)).toEqual(before);
    expect(await leftovers(root)).toEqual([]);
  });

  it('leaves the previous package untouched when the swap step fails', async () => {
    const root = await makeProject({});
    const out = path.join(root, 'out');
    await writeOutput(out, v1);
    await writeFiles(out, { 'node_modules/x/i.js': '1\n' });
    const before = await snapshotFolder(out);
    const failing = writeOutput(out, v2, {
      onStep: (step) => {
        if (step === 'old-moved-aside') throw new Error('interrupted');
      },
    });
    await expect(failing).rejects.toThrow('interrupted');
    expect(await snapshotFolder(out)).toEqual(before);
    expect(await leftovers(root)).toEqual([]);
  });
});

describe('diffOutput', () => {
  it('lists added, changed and removed files, not the user’s own', async () => {
    const root = await makeProject({});
    const out = path.join(root, 'out');
    expect((await diffOutput(out, v1)).map((change) => change.kind)).toEqual([
      'added',
      'added',
      'added',
      'added',
    ]);
    await writeOutput(out, v1);
    await writeFiles(out, { 'mine.txt': 'x\n' });
    expect(await diffOutput(out, v1)).toEqual([]);
    const changes = await diffOutput(out, v2);
    expect(changes).toEqual([
      { path: MANIFEST_FILE, kind: 'changed' },
      { path: 'package.json', kind: 'changed' },
      { path: 'src/new.ts', kind: 'added' },
      { path: 'src/old.ts', kind: 'removed' },
    ]);
  });
});

describe('generate (API) and safe writes', () => {
  const project = (): Promise<string> =>
    makeProject({
      'dtoforge.config.json': configText({ input: ['pages'], output: 'out' }),
      'pages/GetThing.txt': GOOD_PAGE,
    });

  it('touches no disk unless asked to write', async () => {
    const root = await project();
    const result = await generate({ cwd: root, emit: fakeEmit });
    expect(result.failed).toBe(false);
    expect(result.files.map((file) => file.path)).toContain('dist/esm/index.js');
    expect(result.model.types.map((type) => type.name)).toEqual(['GetThing']);
    expect(result.written).toBe(false);
    expect(await snapshotFolder(path.join(root, 'out'))).toEqual({});
  });

  it('leaves the previous package intact when the emit step fails', async () => {
    const root = await project();
    await generate({ cwd: root, emit: fakeEmit, write: true });
    await writeFiles(root, { 'out/by-hand.txt': 'keep me\n' });
    const before = await snapshotFolder(path.join(root, 'out'));
    const failingEmit: Emitter = async () => {
      throw new Error('emit crashed');
    };
    await writeFiles(root, { 'pages/GetThing.txt': GOOD_PAGE.replace('Id |', 'Key |') });
    await expect(generate({ cwd: root, emit: failingEmit, write: true })).rejects.toThrow(
      'emit crashed',
    );
    expect(await snapshotFolder(path.join(root, 'out'))).toEqual(before);
  });

  it('keeps a hand-added file across regenerations', async () => {
    const root = await project();
    await generate({ cwd: root, emit: fakeEmit, write: true });
    await writeFile(path.join(root, 'out', 'by-hand.txt'), 'keep me\n');
    await writeFiles(root, { 'pages/GetThing.txt': GOOD_PAGE.replace('Id |', 'Key |') });
    const result = await generate({ cwd: root, emit: fakeEmit, write: true });
    expect(result.written).toBe(true);
    expect(result.preserved).toEqual(['by-hand.txt']);
    expect(await readFile(path.join(root, 'out', 'by-hand.txt'), 'utf8')).toBe('keep me\n');
  });

  it('refuses an output folder that holds the project', async () => {
    const root = await makeProject({
      'dtoforge.config.json': configText({ input: ['pages'], output: '.' }),
      'pages/GetThing.txt': GOOD_PAGE,
    });
    await expect(generate({ cwd: root, emit: fakeEmit, write: true })).rejects.toThrow(
      /Unexpected output folder "\."/,
    );
  });
});
