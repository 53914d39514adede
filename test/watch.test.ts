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

/** The runs of a watcher, and a way to wait for the next ones (resolved by `onRun`, no polling). */
interface Runs {
  runs: WatchRun[];
  /** How many times the emit stage ran. */
  emitted: () => number;
  /** Resolve once `runs` holds `count` runs. */
  waitForRuns: (count: number) => Promise<void>;
}

async function startWatching(root: string, emit: Emitter = fakeEmit): Promise<Runs> {
  const runs: WatchRun[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  let count = 0;
  const counting: Emitter = async (input) => {
    count++;
    return emit(input);
  };
  const watcher = await watchGenerate({
    cwd: root,
    emit: counting,
    debounceMs: 50,
    onRun: (run) => {
      runs.push(run);
      for (const waiter of waiting.filter((w) => runs.length >= w.count)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
    },
  });
  open.push(watcher);
  return {
    runs,
    emitted: () => count,
    waitForRuns: (target) =>
      runs.length >= target
        ? Promise.resolve()
        : new Promise((resolve, reject) => {
            // Note: a bound on waiting (not a timing assertion), so a missing run fails clearly.
            const timer = setTimeout(() => {
              const seen = runs.map((run) => run.changed.join(',') || '(first)').join(' | ');
              reject(new Error(`Expected ${target} runs, got ${runs.length}: ${seen}`));
            }, 20_000);
            waiting.push({
              count: target,
              resolve: () => {
                clearTimeout(timer);
                resolve();
              },
            });
          }),
  };
}

/**
 * Prove that nothing else is on its way: change the page to a marker text and wait for the run
 * that reads it. Runs that should not happen would come before it (or carry other changes), so
 * the marker's run is run number `expected` and saw only the page change.
 */
async function expectNoOtherRun(root: string, watching: Runs, expected: number): Promise<void> {
  const page = path.join(root, 'pages', 'GetThing.txt');
  await writeFile(page, GOOD_PAGE.replace('Id |', 'Marker |'));
  await watching.waitForRuns(expected);
  const run = watching.runs[expected - 1];
  expect(run?.changed).toEqual([path.join('pages', 'GetThing.txt')]);
  const thing = run?.result?.model.types.find((type) => type.name === 'GetThing');
  expect(thing).toMatchObject({ fields: [{ name: 'Marker' }, {}] });
  await open.at(-1)?.idle();
  expect(watching.runs).toHaveLength(expected);
}

describe('watchGenerate', () => {
  const project = (): Promise<string> =>
    makeProject({
      'dtoforge.config.json': configText({ input: ['pages'], output: 'out' }),
      'pages/GetThing.txt': GOOD_PAGE,
    });

  it('generates once, then once per burst of changes to a page', async () => {
    const root = await project();
    const watching = await startWatching(root);
    const { runs, emitted } = watching;
    expect(runs).toHaveLength(1);
    expect(runs[0]?.changed).toEqual([]);
    expect(runs[0]?.result?.written).toBe(true);

    // A burst: two writes to one page (chokidar may report them as one change) and a new page.
    const page = path.join(root, 'pages', 'GetThing.txt');
    await writeFile(page, GOOD_PAGE.replace('Id |', 'Key |'));
    await writeFile(page, GOOD_PAGE.replace('Id |', 'Name2 |'));
    await writeFile(path.join(root, 'pages', 'GetOther.txt'), GOOD_PAGE);
    await watching.waitForRuns(2);
    expect(emitted()).toBe(2);
    expect(runs[1]?.changed).toEqual([
      path.join('pages', 'GetOther.txt'),
      path.join('pages', 'GetThing.txt'),
    ]);
    expect(runs[1]?.result?.failed).toBe(false);
    const out = await snapshotFolder(path.join(root, 'out'));
    expect(out['dist/esm/index.js']).toContain('"key":"name2"');
    // The burst was one run: the next change is run 3.
    await expectNoOtherRun(root, watching, 3);
    expect(emitted()).toBe(3);
  });

  it('keeps the last good package when a page breaks, and recovers', async () => {
    const root = await project();
    const { runs, waitForRuns } = await startWatching(root);
    const good = await snapshotFolder(path.join(root, 'out'));

    await writeFile(path.join(root, 'pages', 'GetThing.txt'), BROKEN_PAGE);
    await waitForRuns(2);
    expect(runs[1]?.result?.failed).toBe(true);
    expect(runs[1]?.result?.written).toBe(false);
    expect(await snapshotFolder(path.join(root, 'out'))).toEqual(good);

    await writeFile(path.join(root, 'pages', 'GetThing.txt'), GOOD_PAGE.replace('Id |', 'Key |'));
    await waitForRuns(3);
    expect(runs[2]?.result?.written).toBe(true);
  });

  it('regenerates on a config change and a new page; survives a broken config', async () => {
    const root = await project();
    const { runs, waitForRuns } = await startWatching(root);

    await writeFile(path.join(root, 'pages', 'GetOther.txt'), GOOD_PAGE);
    await waitForRuns(2);
    expect(runs[1]?.result?.model.operations.map((operation) => operation.name)).toEqual([
      'GetOther',
      'GetThing',
    ]);

    await writeFile(path.join(root, 'dtoforge.config.json'), '{ "input": [ }');
    await waitForRuns(3);
    expect(runs[2]?.error).toBeDefined();
    expect(runs[2]?.changed).toEqual(['dtoforge.config.json']);

    await writeFile(
      path.join(root, 'dtoforge.config.json'),
      configText({ input: ['pages/GetThing.txt'], output: 'out' }),
    );
    await waitForRuns(4);
    expect(runs[3]?.error).toBeUndefined();
    expect(runs[3]?.result?.model.operations).toHaveLength(1);
  });

  it('ignores files that are not pages', async () => {
    const root = await project();
    const watching = await startWatching(root);
    await writeFile(path.join(root, 'pages', 'notes.json'), '{}');
    // A run for notes.json would be run 2, or notes.json would be among run 2's changes.
    await expectNoOtherRun(root, watching, 2);
  });
});

describe('dtoforge generate --watch', () => {
  it('prints each run and exits 0 when stopped', async () => {
    const root = await makeProject({
      'dtoforge.config.json': configText({ input: ['pages'], output: 'out' }),
      'pages/GetThing.txt': GOOD_PAGE,
    });
    const stop = new AbortController();
    /** Resolves when stderr matches a pattern (checked on every write: no polling, no sleep). */
    const waiters: { pattern: RegExp; resolve: () => void }[] = [];
    const seen = (pattern: RegExp): Promise<void> =>
      new Promise((resolve) => waiters.push({ pattern, resolve }));
    const onStderr = (text: string): void => {
      for (const waiter of waiters.filter((w) => w.pattern.test(text))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    };
    const watching = seen(/Watching the pages/);
    const running = runCli(['generate', '--watch'], {
      cwd: root,
      signal: stop.signal,
      onStderr,
    });
    await watching;
    const rejected = seen(/changed; not generated/);
    await writeFile(path.join(root, 'pages', 'GetThing.txt'), BROKEN_PAGE);
    await rejected;
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
