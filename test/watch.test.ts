import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Emitter } from '../src/pipeline.js';
import { watchGenerate } from '../src/watch.js';
import type { WatchRun, Watcher } from '../src/watch.js';
import {
  BROKEN_PAGE,
  GOOD_PAGE,
  configText,
  fakeEmit,
  makeProject,
  runCli,
  snapshotFolder,
} from './cli-helpers.js';

const open: Watcher[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((watcher) => watcher.close()));
});

/** Resolve once `runs` holds `count` runs (or fail after `ms`). */
async function waitForRuns(runs: WatchRun[], count: number, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (runs.length < count) {
    if (Date.now() > deadline) throw new Error(`Expected ${count} runs, got ${runs.length}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Wait long enough for a debounced run that should NOT happen to show up. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 400));

async function startWatching(
  root: string,
  emit: Emitter = fakeEmit,
): Promise<{ runs: WatchRun[]; emitted: () => number }> {
  const runs: WatchRun[] = [];
  let count = 0;
  const counting: Emitter = async (input) => {
    count++;
    return emit(input);
  };
  const watcher = await watchGenerate({
    cwd: root,
    emit: counting,
    debounceMs: 50,
    onRun: (run) => runs.push(run),
  });
  open.push(watcher);
  return { runs, emitted: () => count };
}

describe('watchGenerate', () => {
  const project = (): Promise<string> =>
    makeProject({
      'dtoforge.config.json': configText({ input: ['pages'], output: 'out' }),
      'pages/GetThing.txt': GOOD_PAGE,
    });

  it('generates once, then once per burst of changes to a page', async () => {
    const root = await project();
    const { runs, emitted } = await startWatching(root);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.changed).toEqual([]);
    expect(runs[0]?.result?.written).toBe(true);

    const page = path.join(root, 'pages', 'GetThing.txt');
    await writeFile(page, GOOD_PAGE.replace('Id |', 'Key |'));
    await writeFile(page, GOOD_PAGE.replace('Id |', 'Name2 |'));
    await waitForRuns(runs, 2);
    await settle();
    expect(runs).toHaveLength(2);
    expect(emitted()).toBe(2);
    expect(runs[1]?.changed).toEqual([path.join('pages', 'GetThing.txt')]);
    expect(runs[1]?.result?.failed).toBe(false);
    const out = await snapshotFolder(path.join(root, 'out'));
    expect(out['dist/esm/index.js']).toContain('"key":"name2"');
  });

  it('keeps the last good package when a page breaks, and recovers', async () => {
    const root = await project();
    const { runs } = await startWatching(root);
    const good = await snapshotFolder(path.join(root, 'out'));

    await writeFile(path.join(root, 'pages', 'GetThing.txt'), BROKEN_PAGE);
    await waitForRuns(runs, 2);
    expect(runs[1]?.result?.failed).toBe(true);
    expect(runs[1]?.result?.written).toBe(false);
    expect(await snapshotFolder(path.join(root, 'out'))).toEqual(good);

    await writeFile(path.join(root, 'pages', 'GetThing.txt'), GOOD_PAGE.replace('Id |', 'Key |'));
    await waitForRuns(runs, 3);
    expect(runs[2]?.result?.written).toBe(true);
  });

  it('regenerates on a config change and a new page; survives a broken config', async () => {
    const root = await project();
    const { runs } = await startWatching(root);

    await writeFile(path.join(root, 'pages', 'GetOther.txt'), GOOD_PAGE);
    await waitForRuns(runs, 2);
    expect(runs[1]?.result?.model.operations.map((operation) => operation.name)).toEqual([
      'GetOther',
      'GetThing',
    ]);

    await writeFile(path.join(root, 'dtoforge.config.json'), '{ "input": [ }');
    await waitForRuns(runs, 3);
    expect(runs[2]?.error).toBeDefined();
    expect(runs[2]?.changed).toEqual(['dtoforge.config.json']);

    await writeFile(
      path.join(root, 'dtoforge.config.json'),
      configText({ input: ['pages/GetThing.txt'], output: 'out' }),
    );
    await waitForRuns(runs, 4);
    expect(runs[3]?.error).toBeUndefined();
    expect(runs[3]?.result?.model.operations).toHaveLength(1);
  });

  it('ignores files that are not pages', async () => {
    const root = await project();
    const { runs } = await startWatching(root);
    await writeFile(path.join(root, 'pages', 'notes.json'), '{}');
    await settle();
    expect(runs).toHaveLength(1);
  });
});

describe('dtoforge generate --watch', () => {
  it('prints each run and exits 0 when stopped', async () => {
    const root = await makeProject({
      'dtoforge.config.json': configText({ input: ['pages'], output: 'out' }),
      'pages/GetThing.txt': GOOD_PAGE,
    });
    const stop = new AbortController();
    const running = runCli(['generate', '--watch'], { cwd: root, signal: stop.signal });
    const deadline = Date.now() + 10_000;
    while (!(await snapshotFolder(path.join(root, 'out')))['package.json']) {
      if (Date.now() > deadline) throw new Error('no first run');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    await writeFile(path.join(root, 'pages', 'GetThing.txt'), BROKEN_PAGE);
    await new Promise((resolve) => setTimeout(resolve, 600));
    stop.abort();
    const run = await running;
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/generated in \d+ ms \(wrote out\)/);
    expect(run.stderr).toMatch(
      /pages\/GetThing\.txt changed; not generated: .*first error at pages\/GetThing\.txt:4:\d+\); kept the last good out/,
    );
    expect(run.stderr).toContain('Stopped watching.');
  });
});
