import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/config/config.js';
import { ConfigError, findConfig, loadConfig } from '../src/config/load.js';
import { configText, makeProject } from './cli-helpers.js';

const repo = path.resolve(import.meta.dirname, '..');
const schema = JSON.parse(readFileSync(path.join(repo, 'config.schema.json'), 'utf8')) as {
  properties: Record<string, { default?: unknown; properties?: Record<string, unknown> }>;
};

/** The messages of a ConfigError, as `file:line:col: reason` strings. */
async function configErrors(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).files.flatMap((file) =>
    file.messages.map(
      (message) => `${file.path}:${message.line}:${message.column}: ${message.reason}`,
    ),
  );
}

describe('config.schema.json', () => {
  it('accepts the repository’s own dtoforge.config.json', () => {
    const validate = new Ajv({ allErrors: true }).compile(schema);
    const config = JSON.parse(readFileSync(path.join(repo, 'dtoforge.config.json'), 'utf8'));
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it('documents every key of the config type, with the defaults of resolveConfig', () => {
    expect(
      Object.keys(schema.properties)
        .filter((key) => key !== '$schema')
        .sort(),
    ).toEqual(Object.keys(DEFAULT_CONFIG).sort());
    for (const [key, value] of Object.entries(DEFAULT_CONFIG)) {
      if (key === 'package') continue;
      expect(schema.properties[key]?.default, key).toEqual(value);
    }
    const packageKeys = Object.keys(schema.properties['package']?.properties ?? {});
    expect(packageKeys).toEqual(expect.arrayContaining(Object.keys(DEFAULT_CONFIG.package)));
  });
});

describe('loadConfig', () => {
  it('reads the repository config and resolves paths from its folder', async () => {
    const loaded = await loadConfig({ cwd: path.join(repo, 'src') });
    expect(loaded.path).toBe(path.join(repo, 'dtoforge.config.json'));
    expect(loaded.root).toBe(repo);
    expect(loaded.config.package.name).toBe('evo-voice-dtos');
    expect(loaded.config.optional).toBe('optional');
  });

  it('uses the defaults when there is no config up to the project root', async () => {
    const root = await makeProject({});
    expect(findConfig(root)).toBeUndefined();
    const loaded = await loadConfig({ cwd: root });
    expect(loaded.config).toEqual(DEFAULT_CONFIG);
    expect(loaded.root).toBe(root);
  });

  it('finds the config in a parent folder', async () => {
    const root = await makeProject({
      'dtoforge.config.json': configText({ output: 'out' }),
      'pages/x.txt': '',
    });
    const loaded = await loadConfig({ cwd: path.join(root, 'pages') });
    expect(loaded.root).toBe(root);
    expect(loaded.config.output).toBe('out');
  });

  it('names an unknown key, where it is and what was meant', async () => {
    const root = await makeProject({
      'dtoforge.config.json': configText({ inptu: ['pages'], output: 'out' }),
    });
    expect(await configErrors(loadConfig({ cwd: root }))).toEqual([
      expect.stringMatching(
        /^dtoforge\.config\.json:2:3: Unexpected unknown key "inptu", expected one of input, .*\(did you mean "input"\?\)$/,
      ),
    ]);
  });

  it('names nested unknown keys and wrong types by their path', async () => {
    const root = await makeProject({
      'dtoforge.config.json': configText({
        package: { name: 'x', version: 1 },
        operations: { Buy: { respone: 'X' } },
        optional: 'maybe',
        strict: 'yes',
      }),
    });
    const errors = await configErrors(loadConfig({ cwd: root }));
    expect(errors).toHaveLength(4);
    expect(errors).toEqual(
      expect.arrayContaining([
        'dtoforge.config.json:4:16: /package/version must be string',
        expect.stringContaining('Unexpected unknown key "respone" in /operations/Buy'),
        expect.stringContaining(
          '/optional must be equal to one of the allowed values: "optional", "optional-or-null"',
        ),
        expect.stringContaining('/strict must be boolean'),
      ]),
    );
  });

  it('reports a JSON syntax error with its place', async () => {
    const root = await makeProject({ 'dtoforge.config.json': '{\n  "input": ["a"],\n}\n' });
    expect(await configErrors(loadConfig({ cwd: root }))).toEqual([
      'dtoforge.config.json:3:1: Unexpected `}`, expected a property name in double quotes',
    ]);
  });

  it('reports a config file given with --config that does not exist', async () => {
    const root = await makeProject({});
    const errors = await configErrors(loadConfig({ cwd: root, config: 'nope.json' }));
    expect(errors[0]).toContain('nope.json');
    expect(errors[0]).toContain('ENOENT');
  });

  it('validates a config object (API) with the same schema', async () => {
    const root = await makeProject({});
    const loaded = await loadConfig({ cwd: root, config: { output: 'dist-dtos' } });
    expect(loaded.config.output).toBe('dist-dtos');
    expect(loaded.config.input).toEqual(['input']);
    const errors = await configErrors(
      loadConfig({ cwd: root, config: { output: 3 } as unknown as { output: string } }),
    );
    expect(errors[0]).toContain('/output must be string');
  });

  it('rejects type and base names that are not identifiers', async () => {
    const root = await makeProject({
      'dtoforge.config.json': configText({ types: { 'Not-A-Name': 'string' } }),
    });
    expect(await configErrors(loadConfig({ cwd: root }))).toEqual([
      expect.stringContaining('Unexpected key "Not-A-Name" in /types, expected an identifier'),
    ]);
  });
});

describe('config names', () => {
  it('takes any type expression in types and fields, and rejects one that does not parse', async () => {
    const root = await makeProject({
      'dtoforge.config.json': configText({
        input: ['pages'],
        types: { Struct: 'List<Value>', Code: 'string', Bad: 'Dictionary<string' },
        fields: { 'AuditsResponse.Results': 'List<Audit>', 'Page.Rows': 'List<' },
        bases: { Page: null },
      }),
      'pages/Page.txt': 'x',
    });
    const errors = await configErrors(loadConfig({ cwd: root }));
    expect(errors).toHaveLength(2);
    expect(errors.join('\n')).toMatch(/type expression "Dictionary<string" for types\.Bad/);
    expect(errors.join('\n')).toMatch(/type expression "List<" for fields\.Page\.Rows/);
  });

  it('rejects a fields key that is not Type.Field', async () => {
    const root = await makeProject({
      'dtoforge.config.json': configText({ input: ['pages'], fields: { Results: 'List<Audit>' } }),
      'pages/Page.txt': 'x',
    });
    const errors = await configErrors(loadConfig({ cwd: root }));
    expect(errors.join('\n')).toMatch(/fields/);
  });

  it('warns about config names that no page uses, at the key', async () => {
    const { inspect } = await import('../src/index.js');
    const root = await makeProject({
      'dtoforge.config.json': configText({
        input: ['pages'],
        types: { Struct: 'Dictionary<string, Value>', Strcut: 'Dictionary<string, Value>' },
        bases: { Missing: 'EntityInfo' },
        operations: { Nope: { response: 'X' } },
      }),
      'pages/BuyPhoneNumber.txt': readFileSync('input/BuyPhoneNumber.txt', 'utf8'),
    });
    const result = await inspect({ cwd: root });
    const config = result.diagnostics.find((file) => file.path.endsWith('dtoforge.config.json'));
    expect(config?.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([
      '7:5 config-name-unused',
      '10:5 config-name-unused',
      '13:5 config-name-unused',
    ]);
    expect(result.stats.warnings).toBeGreaterThanOrEqual(3);
    expect(result.failed).toBe(false);
  });
});
