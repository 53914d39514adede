/**
 * Fault injection: `generate` is killed after every hooked step of the write (in its own
 * process: test/helpers/write-child.mjs), then the next run must leave the old or the new
 * package byte for byte, with the user's files and `node_modules`, and no temporary folder,
 * journal or lock. Also two runs on one output folder at once (the lock).
 */
import { spawn } from 'node:child_process';
import { cp, lstat, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { generate } from '../src/index.js';
import type { OutputFile } from '../src/pipeline.js';
import { OutputError, WRITE_STEPS } from '../src/write.js';
import {
  GOOD_PAGE,
  configText,
  fakeEmit,
  makeProject,
  snapshotFolder,
  writeFiles,
  writeLeftovers,
} from './cli-helpers.js';

const child = path.join(import.meta.dirname, 'helpers', 'write-child.mjs');

const v1: OutputFile[] = [
  { path: 'package.json', content: '{ "name": "x", "version": "1.0.0" }\n' },
  { path: 'src/types.ts', content: 'export interface A {}\n' },
  { path: 'src/old.ts', content: 'export {};\n' },
];
const v2: OutputFile[] = [
  { path: 'package.json', content: '{ "name": "x", "version": "2.0.0" }\n' },
  { path: 'src/types.ts', content: 'export interface A { b: string }\n' },
  { path: 'src/new.ts', content: 'export const n = 1;\n' },
  { path: 'dist/esm/index.js', content: 'export const n = 1;\n' },
];

/** The user's own files and node_modules folders in the output folder. */
const USER_FILES = {
  'out/my-notes.txt': 'mine\n',
  'out/src/custom.ts': 'export const mine = 1;\n',
  'out/node_modules/dep/index.js': 'module.exports = 1;\n',
  'out/tools/node_modules/x/i.js': 'module.exports = 2;\n',
};

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Run test/helpers/write-child.mjs (a generate in its own process). */
function runChild(
  root: string,
  packageFile: string,
  fault = '',
  onStdout?: (text: string) => void,
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const run = spawn(process.execPath, [child, root, packageFile, fault], { cwd: root });
    let stdout = '';
    let stderr = '';
    run.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout?.(stdout);
    });
    run.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    run.on('error', reject);
    run.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const leftovers = writeLeftovers;

const scratch: string[] = [];
afterAll(async () => {
  await Promise.all(scratch.map((folder) => rm(folder, { recursive: true, force: true })));
});

/** A copy of a project folder, removed after the file. */
async function cloneProject(template: string): Promise<string> {
  const copy = await mkdtemp(path.join(os.tmpdir(), 'dtoforge-fault-'));
  scratch.push(copy);
  await cp(template, copy, { recursive: true, verbatimSymlinks: true });
  return copy;
}

interface Scenario {
  /** The project before the run: v1 written with the user's files, or no output at all. */
  template: string;
  /** The output folder before the run (`{}` when absent). */
  before: Record<string, string>;
  /** The output folder after an uninterrupted run. */
  after: Record<string, string>;
  /** The hooked steps of an uninterrupted run, in order. */
  steps: string[];
}

async function scenario(existing: boolean): Promise<Scenario> {
  const template = await makeProject({
    'dtoforge.config.json': configText({ input: ['pages'], output: 'out' }),
    'pages/GetThing.txt': GOOD_PAGE,
    'v1.json': JSON.stringify(v1),
    'v2.json': JSON.stringify(v2),
  });
  if (existing) {
    const first = await runChild(template, path.join(template, 'v1.json'));
    expect(first.code, first.stderr).toBe(0);
    await writeFiles(template, USER_FILES);
  }
  const before = await snapshotFolder(path.join(template, 'out'));
  const reference = await cloneProject(template);
  const full = await runChild(reference, path.join(reference, 'v2.json'));
  expect(full.code, full.stderr).toBe(0);
  const steps = full.stdout
    .split('\n')
    .filter((line) => /^\d+ /.test(line))
    .map((line) => line.split(' ')[1] ?? '');
  return { template, before, after: await snapshotFolder(path.join(reference, 'out')), steps };
}

describe('a generate killed at every step of the write', () => {
  const scenarios: Record<string, Scenario> = {};
  beforeAll(async () => {
    scenarios['over an old package'] = await scenario(true);
    scenarios['into a new folder'] = await scenario(false);
  }, 120_000);

  it('hooks every step of the write, in order', () => {
    const steps = scenarios['over an old package']?.steps ?? [];
    expect(steps.filter((step, index) => steps[index - 1] !== step)).toEqual(WRITE_STEPS);
    expect(steps.filter((step) => step === 'file-written')).toHaveLength(v2.length + 1);
    expect(steps.filter((step) => step === 'node-modules-moved')).toHaveLength(2);
    const fresh = scenarios['into a new folder']?.steps ?? [];
    expect(fresh).not.toContain('old-moved-aside');
    expect(fresh).not.toContain('node-modules-moved');
  });

  it('keeps the user’s files and node_modules in the new package', () => {
    const { before, after } = scenarios['over an old package'] ?? ({} as Scenario);
    for (const [name, content] of Object.entries(USER_FILES)) {
      const inside = name.replace(/^out\//, '');
      expect(before[inside]).toBe(content);
      expect(after[inside]).toBe(content);
    }
    expect(after['package.json']).toContain('2.0.0');
    expect(after).not.toHaveProperty('src/old.ts');
  });

  for (const name of ['over an old package', 'into a new folder']) {
    it(`${name}: the next run finds the old or the new package and finishes the write`, async () => {
      const { template, before, after, steps } = scenarios[name] ?? ({} as Scenario);
      const outcomes: string[] = [];
      for (let index = 1; index <= steps.length; index++) {
        const root = await cloneProject(template);
        const out = path.join(root, 'out');
        const killed = await runChild(root, path.join(root, 'v2.json'), `kill:${index}:SIGTERM`);
        expect(killed.signal, `step ${index}: ${killed.stderr}`).toBe('SIGTERM');

        // The next run that looks at the folder (here --check) finishes or rolls back.
        const check = await generate({
          cwd: root,
          check: true,
          emit: async () => ({ files: v2 }),
        });
        const now = await snapshotFolder(out);
        const state = JSON.stringify(now) === JSON.stringify(after) ? 'new' : 'old';
        expect(now, `killed after step ${index} (${steps[index - 1]})`).toEqual(
          state === 'new' ? after : before,
        );
        expect(await leftovers(root), `step ${index}`).toEqual([]);
        outcomes.push(`${steps[index - 1]}:${state}:${check.recovered?.swap ?? '-'}`);

        // And the run after writes the new package with the user's files.
        await generate({ cwd: root, write: true, emit: async () => ({ files: v2 }) });
        expect(await snapshotFolder(out), `step ${index}, rewritten`).toEqual(after);
        expect(await leftovers(root)).toEqual([]);
      }
      // Before the swap the old package stays; from the moment the new one is in, it stays.
      const swapAt = steps.indexOf('new-moved-in');
      expect(outcomes.slice(0, swapAt).every((outcome) => outcome.includes(':old:'))).toBe(true);
      expect(outcomes.slice(swapAt).every((outcome) => outcome.includes(':new:'))).toBe(true);
      if (name === 'over an old package') {
        expect(outcomes).toContain('old-moved-aside:old:rolled-back');
        expect(outcomes).toContain('new-moved-in:new:finished');
      }
    }, 240_000);
  }

  it('a SIGKILL (no clean-up at all) between the two renames: the lock is taken over, the old package restored', async () => {
    const { template, before, after, steps } = scenarios['over an old package'] ?? ({} as Scenario);
    for (const step of ['node-modules-moved', 'old-moved-aside']) {
      const root = await cloneProject(template);
      const index = steps.indexOf(step) + 1;
      const killed = await runChild(root, path.join(root, 'v2.json'), `kill:${index}:SIGKILL`);
      expect(killed.signal).toBe('SIGKILL');
      expect(await leftovers(root)).toEqual(
        expect.arrayContaining(['.dtoforge-journal-out.json', '.dtoforge-lock-out']),
      );
      // The next process waits for the dead run's lock to go stale (2 s here), then recovers.
      const next = await runChild(root, path.join(root, 'v2.json'));
      expect(next.code, next.stderr).toBe(0);
      expect(await snapshotFolder(path.join(root, 'out'))).toEqual(after);
      expect(await leftovers(root)).toEqual([]);
      expect(before['my-notes.txt']).toBe('mine\n');
    }
  }, 60_000);
});

describe('an output folder reached through a symbolic link', () => {
  it('killed between the renames (the link points at nothing): the next run restores it', async () => {
    const root = await cloneProject(await projectWithPackage());
    await rename(path.join(root, 'out'), path.join(root, 'real-out'));
    await symlink('real-out', path.join(root, 'out'));
    const before = await snapshotFolder(path.join(root, 'out'));
    const steps = (await runChild(await cloneProject(root), path.join(root, 'v2.json'))).stdout;
    const index = steps.split('\n').findIndex((line) => line.includes('old-moved-aside')) + 1;
    const killed = await runChild(root, path.join(root, 'v2.json'), `kill:${index}:SIGTERM`);
    expect(killed.signal).toBe('SIGTERM');
    await expect(lstat(path.join(root, 'real-out'))).rejects.toThrow('ENOENT');
    const check = await generate({ cwd: root, check: true, emit: async () => ({ files: v2 }) });
    expect(check.recovered?.swap).toBe('rolled-back');
    expect(await snapshotFolder(path.join(root, 'out'))).toEqual(before);
    expect((await lstat(path.join(root, 'out'))).isSymbolicLink()).toBe(true);
  }, 60_000);
});

describe('two runs on one output folder', () => {
  it('the second waits for the first; both write whole packages and the user’s files survive', async () => {
    const { template } = { template: await projectWithPackage() };
    const root = await cloneProject(template);
    const go = path.join(root, 'go');
    let paused!: () => void;
    const reached = new Promise<void>((resolve) => (paused = resolve));
    const first = runChild(
      root,
      path.join(root, 'v2.json'),
      `pause:old-moved-aside:${go}`,
      (out) => {
        if (out.includes('old-moved-aside')) paused();
      },
    );
    await reached;

    // The first run has moved the old package aside and holds the lock: the CLI waits.
    let stderr = '';
    let waiting!: () => void;
    const waited = new Promise<void>((resolve) => (waiting = resolve));
    const second = main(['generate'], {
      cwd: root,
      stdout: { write: () => true },
      stderr: {
        write: (text: string) => {
          stderr += text;
          if (stderr.includes('Waiting for another dtoforge run')) waiting();
          return true;
        },
      },
      stdin: (async function* () {})(),
      env: {},
      emit: fakeEmit,
    });
    await waited;
    await writeFile(go, '');
    expect((await first).code).toBe(0);
    expect(await second, stderr).toBe(0);
    const files = await snapshotFolder(path.join(root, 'out'));
    expect(files['my-notes.txt']).toBe('mine\n');
    expect(files['node_modules/dep/index.js']).toBe('module.exports = 1;\n');
    expect(files['package.json']).toContain('fake-dtos');
    expect(files).not.toHaveProperty('src/new.ts');
    expect(await leftovers(root)).toEqual([]);
  }, 60_000);

  it('a run that cannot get the lock in time exits 2 naming the lock', async () => {
    const root = await cloneProject(await projectWithPackage());
    const go = path.join(root, 'go');
    let paused!: () => void;
    const reached = new Promise<void>((resolve) => (paused = resolve));
    const first = runChild(root, path.join(root, 'v2.json'), `pause:file-written:${go}`, (out) => {
      if (out.includes('file-written')) paused();
    });
    await reached;
    const second = generate({
      cwd: root,
      write: true,
      emit: fakeEmit,
      writeOptions: { lockWaitMs: 300 },
    });
    await expect(second).rejects.toThrow(OutputError);
    await expect(second).rejects.toThrow(
      /Another dtoforge run is writing .*out \(it holds the lock .*\.dtoforge-lock-out\); waited \d+ s/,
    );
    await writeFile(go, '');
    expect((await first).code).toBe(0);
    expect((await snapshotFolder(path.join(root, 'out')))['package.json']).toContain('2.0.0');
  }, 60_000);
});

let packaged: string | undefined;

/** A project whose output holds v1 and the user's files (made once). */
async function projectWithPackage(): Promise<string> {
  if (packaged) return packaged;
  const root = await makeProject({
    'dtoforge.config.json': configText({ input: ['pages'], output: 'out' }),
    'pages/GetThing.txt': GOOD_PAGE,
    'v1.json': JSON.stringify(v1),
    'v2.json': JSON.stringify(v2),
  });
  const first = await runChild(root, path.join(root, 'v1.json'));
  expect(first.code, first.stderr).toBe(0);
  await writeFiles(root, USER_FILES);
  packaged = root;
  return root;
}
