/**
 * Inputs the fuzzers found bugs with, kept as fixtures (test/fixtures/regressions/<case>/).
 * A case whose bug is not fixed yet is `it.fails` with a `// BUG:` note and an entry in
 * known-bugs.ts; when it starts passing, it becomes a plain `it` and its entry leaves
 * known-bugs.ts. "Compiles" here means type-checks: every file of the package, with the house's
 * strict flags (test/helpers/package-sources.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/config.js';
import { emitPackage, emitSources } from '../../src/emit/index.js';
import { generate } from '../../src/index.js';
import { loadGuards } from '../helpers/guards-load.js';
import { typeCheckPackage } from '../helpers/package-sources.js';
import type { Model } from '../../src/model/model.js';
import { explainTypeErrors } from './known-bugs.js';
import { runPage } from './pipeline.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

function load(name: string) {
  const folder = path.join(FIXTURES, 'regressions', name);
  const text = readFileSync(path.join(folder, 'page.txt'), 'utf8');
  const config = resolveConfig(JSON.parse(readFileSync(path.join(folder, 'config.json'), 'utf8')));
  return { text, config, run: runPage(`${name}.txt`, text, config) };
}

describe('fuzz regressions', () => {
  // Was a bug: emitGuards (src/emit/guards.ts) threw "You must provide at least one declaration
  // when inserting a variable statement" for a model with no types (a page with only prose, or
  // truncated before its first table). Found by the page fuzzer (46 of 1,008 pages); fixed in
  // 73f4122 ("valid modules for empty and enum-only models").
  it('emits a package that type-checks for a page that yields no types (empty-page error)', async () => {
    const { config, run } = load('guards-empty-model');
    expect(run.problems).toEqual([]);
    expect(run.file.messages.map((m) => m.ruleId)).toContain('empty-page');
    expect(run.model.types).toEqual([]);
    expect((await emitPackage({ model: run.model, config })).problems).toEqual([]);
    expect(typeCheckPackage(emitSources(run.model, config).files)).toEqual([]);
  });

  // Was a bug (issue #12, fixed in 5f49833): a model without operations gave client modules
  // that import what they do not use (TS6133, TS6192, TS6196 under noUnusedLocals).
  it('emits client modules without unused imports for a model without operations', () => {
    const { config, run } = load('guards-empty-model');
    expect(typeCheckPackage(emitSources(run.model, config).files)).toEqual([]);
  });

  // Was a bug (issue #12, client.ts): an operation whose request is not an object type (a
  // broken page binds the request's name to an enum, with no error diagnostic) gave a client.ts
  // that did not type-check, and generate wrote it. Found by the page fuzzer (204 of 442
  // packages of one run). The clients now leave such an operation out, and the model stage
  // says so (`request-not-object`).
  it('emits a client that type-checks for an operation whose request is an enum', () => {
    const at = {
      file: 'p.txt',
      position: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    };
    const model: Model = {
      operations: [
        {
          name: 'Kind',
          nameSource: 'file',
          method: 'POST',
          paths: ['/kind'],
          routes: [{ verbs: ['POST'], path: '/kind', source: at }],
          roles: [],
          request: 'Kind',
          samples: {},
          source: at,
        },
      ],
      types: [
        {
          kind: 'enum',
          name: 'Kind',
          nameSource: 'file',
          valueKind: 'none',
          flags: false,
          members: [{ name: 'A', source: at }],
        },
      ],
    };
    const { files } = emitSources(model, resolveConfig({}));
    const diagnostics = typeCheckPackage(files);
    expect(explainTypeErrors(diagnostics, files).known).toEqual([]);
    expect(diagnostics).toEqual([]);
  });

  it('the empty-page case itself parses to an error diagnostic, not an exception', () => {
    const { run } = load('guards-empty-model');
    expect(run.problems).toEqual([]);
    expect(run.errors).toBeGreaterThan(0);
  });

  // Was a bug (issue #11, gone with the guards redesign f7933b4): an enum whose members are
  // `/*` and `\` gave a guards.ts that did not parse (a line `*/function $is_…` outside every
  // string). Found by the page fuzzer (a window of the real page, cells set to `\` and
  // `*/ export const pwned = 1; /*`). Its guards must accept exactly the members.
  it('emits a package that type-checks for enum members `/*` and `\\`, whose guards accept exactly them', async () => {
    const { config, run } = load('guards-comment-start-in-enum');
    expect(run.file.messages.map(String)).toEqual([]);
    const kind = run.model.types.find((type) => type.name === 'Kind');
    expect(kind?.kind === 'enum' ? kind.members.map((member) => member.name) : []).toEqual([
      '/*',
      '\\',
      'Last',
    ]);
    expect(typeCheckPackage(emitSources(run.model, config).files)).toEqual([]);
    const holder = (await loadGuards(run.model, config)).guards('Holder');
    for (const member of ['/*', '\\', 'Last'])
      expect(holder.is({ kind: member }), member).toBe(true);
    for (const other of ['*/', '/', '\\\\', 'last', ' /*']) {
      expect(holder.is({ kind: other }), other).toBe(false);
    }
  });

  // Was a bug (issue #11, src/emit/types.ts): AutoQuery's `QueryDb<T>` has no fields of its
  // own, so `interface QueryDb<T = unknown> extends QueryBase` failed noUnusedParameters
  // (TS6133), a flag the house holds the emitted code to. Found by the page fuzzer (the
  // type-forms fixture with its blocks swapped). An unused parameter is now declared `_T`.
  it('emits an AutoQuery package that type-checks under noUnusedParameters', async () => {
    const result = await generate({ cwd: path.join(FIXTURES, 'autoquery') });
    const sources = emitSources(result.model, result.config);
    expect(typeCheckPackage(sources.files)).toEqual([]);
  });

  it('warns that a page whose request reads as an enum has no client for it', async () => {
    const text = 'POST | /kind |\n---|\nA |\nB |\n';
    const run = runPage('Kind.txt', text, resolveConfig({}));
    expect(run.problems).toEqual([]);
    expect(run.file.messages.map((message) => message.ruleId)).toContain('request-not-object');
    const { files } = emitSources(run.model, resolveConfig({}));
    expect(typeCheckPackage(files)).toEqual([]);
    expect(files['client.ts']).not.toMatch(/\bKind\b/);
  });
});
