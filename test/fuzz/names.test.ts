/**
 * Name safety: pages whose type and member names collide or are JS globals, reserved words or
 * not identifiers give compiling, unambiguous output, with a `renamed-identifier` diagnostic
 * where a name changed (and `name-conflict` where two pages disagree).
 */
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { resolveConfig, type DtoforgeConfig } from '../../src/config/config.js';
import { emitPackage, emitSources } from '../../src/emit/index.js';
import { buildModel } from '../../src/model/index.js';
import type { Model } from '../../src/model/model.js';
import { readPage } from '../../src/parse/index.js';
import { HOSTILE_NAMES } from './arbitraries.js';
import { loadModules } from '../helpers/package-sources.js';
import { typeErrorsBeyondKnownBugs } from './known-bugs.js';

const DTO = 'Name | Parameter | Data Type | Required | Description |\n---|---|---|---|---|';

function build(
  pages: { path: string; text: string }[],
  config: DtoforgeConfig,
): { model: Model; files: VFile[] } {
  const files = pages.map((page) => new VFile({ path: page.path, value: page.text }));
  const model = buildModel(
    files.map((file) => ({ page: readPage(file), file })),
    config,
  );
  return { model, files };
}

/** Emit the whole package (with its rename diagnostics); it must compile. */
async function emitChecked(model: Model, config: DtoforgeConfig, files: VFile[]) {
  const result = await emitPackage({
    model,
    config,
    pages: new Map(files.map((file) => [file.path, file])),
  });
  expect(result.problems).toEqual([]);
  return result;
}

function messages(files: VFile[], rule: string): string[] {
  return files.flatMap((file) =>
    file.messages.filter((m) => m.ruleId === rule).map((m) => m.reason),
  );
}

describe('name safety', () => {
  it('renames types called like JS globals, unambiguously, and reports each rename', async () => {
    const text = [
      'POST | /x |',
      '---|',
      DTO,
      'Items | body | Array | No | |',
      'Map | body | Record | No | |',
      'Other | body | Object_ | No |',
      DTO,
      'Id | form | string | No |',
      'A | |',
      'class | |',
      '1abc | |',
      'a-b | |',
      '__proto__ | |',
      'constructor |',
      DTO,
      'Id | form | int | No |',
    ].join('\n');
    const config = resolveConfig({ operations: { Object: { response: 'Promise' } } });
    const { model, files } = build([{ path: 'Object.txt', text }], config);
    expect(model.types.map((type) => type.name)).toEqual([
      'Object',
      'Array',
      'Record',
      'Object_',
      'Promise',
    ]);
    const { plan } = await emitChecked(model, config, files);
    const ids = [...plan.types.values()];
    expect(new Set(ids).size).toBe(ids.length);
    for (const global of ['Object', 'Array', 'Record', 'Promise']) {
      expect(ids).not.toContain(global);
      expect(messages(files, 'renamed-identifier').some((m) => m.includes(`\`${global}\``))).toBe(
        true,
      );
    }
    expect(plan.types.get('Object_')).toBe('Object_');
    // The renamed guards check the right shapes; enum wire values are the page's names.
    const guards = loadModules(emitSources(model, config).files)['guards.ts']!;
    const is = (type: string, value: unknown): unknown =>
      (guards[plan.names.get(type)!.is] as (v: unknown) => boolean)(value);
    expect(is('Array', { id: 'x' })).toBe(true);
    expect(is('Object_', { id: 'x' })).toBe(false);
    expect(is('Object_', { id: 1 })).toBe(true);
    for (const member of ['A', 'class', '1abc', 'a-b', '__proto__', 'constructor'])
      expect(is('Record', member), member).toBe(true);
    expect(is('Record', 'toString')).toBe(false);
  });

  it('reports two pages that define the same type differently', () => {
    const page = (type: string) =>
      [DTO, 'Tags | body | List<Tag> | No |', DTO, `Id | form | ${type} | No |`].join('\n');
    const config = resolveConfig({});
    const { files } = build(
      [
        { path: 'A/GetTags.txt', text: page('string') },
        { path: 'B/GetTags2.txt', text: page('int') },
      ],
      config,
    );
    const conflicts = messages(files, 'name-conflict');
    expect(conflicts.length).toBeGreaterThanOrEqual(1);
    expect(conflicts.join('\n')).toMatch(/Tag/);
  });

  // Note: type-checks every file of ~80 packages in one program (a minute on a loaded machine).
  it(
    'emits compiling code for every hostile name as a type, a field and an enum member',
    { timeout: 300_000 },
    () => {
      const packages: Record<string, string>[] = [];
      const cases: string[] = [];
      for (const name of [...HOSTILE_NAMES, '123', '0', '1e3', '-1', 'Infinity', 'NaN', '']) {
        // As a field name and as an enum member (headings name the types, so any text can).
        const text = [
          '### Holder',
          DTO,
          `${name} | body | Kind | No | |`,
          `Other | body | ${/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : 'string'} | No |`,
          '### Kind',
          `${name} | |`,
          'Second |',
          ...(/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)
            ? [`### ${name}`, DTO, 'Id | form | string | No |']
            : []),
        ].join('\n');
        const config = resolveConfig({ operations: { Holder: {} } });
        const { model } = build([{ path: 'Holder.txt', text }], config);
        for (const enumStyle of ['enum', 'union'] as const) {
          const sources = emitSources(model, { ...config, enumStyle });
          packages.push(sources.files);
          cases.push(`${JSON.stringify(name)} (${enumStyle})`);
        }
      }
      const results = typeErrorsBeyondKnownBugs(packages);
      const failing = results.flatMap((diagnostics, i) =>
        diagnostics.length > 0 ? [`${cases[i]}: ${diagnostics[0]}`] : [],
      );
      expect(failing).toEqual([]);
    },
  );
});
