/**
 * The CLI's code cache (src/cli/compile-cache.ts), in child processes as the command uses it: a
 * large CommonJS module compiles without a cache the first time and the process writes one at
 * exit; the next process loads the module from it, with the same exports; a damaged entry is
 * rejected by V8, the module still loads, and the entry is written again; the cache can be
 * turned off.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import module from 'node:module';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.join(import.meta.dirname, '..');
const work = mkdtempSync(path.join(tmpdir(), 'dtoforge-compile-cache-test-'));
const cache = path.join(work, 'cache');
const big = path.join(work, 'big.cjs');
// Note: over the cache's 512 KiB threshold, with code that runs.
writeFileSync(
  big,
  `${'// padding\n'.repeat(60_000)}exports.answer = (function () { return 6 * 7; })();\n`,
);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Load the big module in a fresh process with the cache on; what the cache did. */
function run(env: Record<string, string> = {}): { answer: number; stats: Record<string, number> } {
  const script = `
    import { createRequire } from 'node:module';
    const { enableCompileCache, compileCacheStats } = await import(${JSON.stringify(
      path.join(ROOT, 'dist/cli/compile-cache.js'),
    )});
    enableCompileCache(${JSON.stringify(cache)});
    const { answer } = createRequire(import.meta.url)(${JSON.stringify(big)});
    process.on('exit', () => console.log(JSON.stringify({ answer, stats: compileCacheStats })));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return JSON.parse(out) as { answer: number; stats: Record<string, number> };
}

// Note: Node 22.1+ has its own (module.enableCompileCache), which the CLI uses instead.
const builtIn =
  typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';

describe.skipIf(builtIn)('the code cache (Node 20)', () => {
  it('misses and writes, then hits with the same exports', () => {
    const first = run();
    expect(first.answer).toBe(42);
    expect(first.stats).toMatchObject({ hits: 0, misses: 1, written: 1 });
    expect(readdirSync(cache)).toHaveLength(1);
    const second = run();
    expect(second.answer).toBe(42);
    expect(second.stats).toMatchObject({ hits: 1, misses: 0, written: 0 });
  });

  it('rejects a damaged entry, still loads the module and writes the entry again', () => {
    run();
    const [entry] = readdirSync(cache);
    writeFileSync(path.join(cache, entry!), 'not a code cache');
    const damaged = run();
    expect(damaged.answer).toBe(42);
    expect(damaged.stats).toMatchObject({ hits: 0, rejected: 1, written: 1 });
    expect(run().stats).toMatchObject({ hits: 1 });
  });

  it('is off with DTOFORGE_COMPILE_CACHE=0', () => {
    expect(run({ DTOFORGE_COMPILE_CACHE: '0' }).stats).toEqual({
      hits: 0,
      misses: 0,
      rejected: 0,
      written: 0,
    });
  });
});
