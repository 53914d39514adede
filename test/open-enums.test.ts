/**
 * `"enums": "open"`: servers add enum members, so where an enum is expected the guards, the JSON
 * Schema and the types also admit an unknown string (flags enums: any 32-bit integer); the default
 * (`closed`) admits the members only.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { resolveConfig, type EnumPolicy } from '../src/config/config.js';
import { checkConfig } from '../src/config/load.js';
import { emitSources } from '../src/emit/index.js';
import { buildSliceModel } from './fixtures/evo-slice/model.js';
import { loadModules, typeCheckPackage } from './helpers/package-sources.js';

type Guard = (value: unknown) => boolean;

/** The slice's package with an enum policy: its guards, its JSON Schema, its types. */
function packageWith(enums: EnumPolicy) {
  const sources = emitSources(buildSliceModel(), resolveConfig({ enums }));
  const modules = loadModules(sources.files, ['guards.ts']);
  const guards = modules['guards.ts']!;
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addSchema(sources.schemas, 'package');
  return {
    sources,
    is: (type: string): Guard => guards[`is${type}`] as Guard,
    schema: (type: string): Guard => {
      const validate = ajv.getSchema(`package#/$defs/${type}`);
      if (!validate) throw new Error(`no schema of ${type}`);
      return (value) => validate(value) as boolean;
    },
  };
}

const base = { id: 'String' };
const values: [string, unknown, boolean, boolean][] = [
  // [what, EndpointInfo value, closed verdict, open verdict]
  ['a member', { ...base, type: 'PhoneNumber' }, true, true],
  ['a string the page does not list', { ...base, type: 'Fax2000' }, false, true],
  ['a number where a string enum is expected', { ...base, type: 3 }, false, false],
  ['unknown members in a list', { ...base, audioCodecs: ['PCMU', 'AV1'] }, false, true],
  ['a flags value with an unknown bit', { ...base, permissions: 1 << 10 }, false, true],
  ['a flags value that is no integer', { ...base, permissions: 1.5 }, false, false],
  ['an unknown string enum value', { ...base, color: 'purple' }, false, true],
  ['an unknown enum key of a dictionary', { ...base, codecPreferences: { AV1: 1 } }, false, true],
];

describe('"enums": "open"', () => {
  it.each(values)('%s: guards and JSON Schema agree, closed vs open', (_, value, closed, open) => {
    for (const [policy, verdict] of [
      ['closed', closed],
      ['open', open],
    ] as const) {
      const pkg = packageWith(policy);
      expect(pkg.is('EndpointInfo')(value), policy).toBe(verdict);
      expect(pkg.schema('EndpointInfo')(value), policy).toBe(verdict);
    }
  });

  it('types an enum field `E | (string & {})` (members still complete) and type-checks', () => {
    const open = packageWith('open').sources.files;
    expect(open['types.ts']).toContain('type?: EndpointTypes | (string & {});');
    expect(open['types.ts']).toContain('audioCodecs?: (AudioCodecTypes | (string & {}))[];');
    const check = [
      "import { AudioCodecTypes, type EndpointInfo } from './types.js';",
      "export const known: EndpointInfo = { id: 'x', audioCodecs: [AudioCodecTypes.PCMU] };",
      "export const added: EndpointInfo = { id: 'x', audioCodecs: ['AV1'], type: 'Fax2000' };",
      '// @ts-expect-error: still no number where a string enum is expected',
      "export const wrong: EndpointInfo = { id: 'x', audioCodecs: [1] };",
      '',
    ].join('\n');
    expect(typeCheckPackage({ ...open, 'check.ts': check })).toEqual([]);
    const closed = packageWith('closed').sources.files;
    expect(closed['types.ts']).toContain('type?: EndpointTypes;');
    expect(typeCheckPackage({ ...closed, 'check.ts': check }).join('\n')).toMatch(
      /check\.ts:3:.*AV1/,
    );
  });

  it('is a config option: closed by default, open or closed, nothing else', () => {
    expect(resolveConfig({}).enums).toBe('closed');
    const file = new VFile({ path: 'dtoforge.config.json' });
    checkConfig({ enums: 'open' }, file, undefined);
    checkConfig({ enums: 'closed' }, file, undefined);
    expect(file.messages).toEqual([]);
    checkConfig({ enums: 'ajar' }, file, undefined);
    expect(file.messages.map(String)).toEqual([
      'dtoforge.config.json:1:1: /enums must be equal to one of the allowed values: "closed", "open"',
    ]);
  });
});
