/**
 * Inputs the fuzzers found bugs with, kept as fixtures (test/fixtures/regressions/<case>/).
 * A case whose bug is not fixed yet is `it.fails` with a `// BUG:` note; when it starts passing,
 * it becomes a plain `it` and its entry leaves known-bugs.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/config.js';
import { emitPackage } from '../../src/emit/index.js';
import { runPage } from './pipeline.js';

const DIR = path.resolve(import.meta.dirname, '../fixtures/regressions');

function load(name: string) {
  const folder = path.join(DIR, name);
  const text = readFileSync(path.join(folder, 'page.txt'), 'utf8');
  const config = resolveConfig(JSON.parse(readFileSync(path.join(folder, 'config.json'), 'utf8')));
  return { text, config, run: runPage(`${name}.txt`, text, config) };
}

describe('fuzz regressions', () => {
  // Was a bug: emitGuards (src/emit/guards.ts) threw "You must provide at least one declaration
  // when inserting a variable statement" for a model with no types (a page with only prose, or
  // truncated before its first table). Found by the page fuzzer (46 of 1,008 pages); fixed in
  // 73f4122 ("valid modules for empty and enum-only models").
  it('emits a package for a page that yields no types (empty-page error)', async () => {
    const { config, run } = load('guards-empty-model');
    expect(run.problems).toEqual([]);
    expect(run.file.messages.map((m) => m.ruleId)).toContain('empty-page');
    expect(run.model.types).toEqual([]);
    const result = await emitPackage({ model: run.model, config });
    expect(result.problems).toEqual([]);
  });

  it('the empty-page case itself parses to an error diagnostic, not an exception', () => {
    const { run } = load('guards-empty-model');
    expect(run.problems).toEqual([]);
    expect(run.errors).toBeGreaterThan(0);
  });
});
