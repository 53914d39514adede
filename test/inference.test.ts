/**
 * Name inference on evidence, one page per situation (test/fixtures/inference/<case>/: a page
 * named as a user saves it, an optional `config.json`, and `expect.json` with what it says).
 *
 * For each page: the tables bind to the expected types in page order, the messages are the
 * expected ones, and the ranking holds: the right reading wins by at least `margin` points over
 * the best reading that binds the tables differently, or (`ambiguous`) the runner-up is close
 * and an `ambiguous-binding` warning names both readings.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { resolveConfig, type DtoforgeConfig } from '../src/config/config.js';
import { readFacts } from '../src/model/facts.js';
import { lead } from '../src/model/evidence.js';
import { quickReading, searchHypotheses, takenTables } from '../src/model/hypotheses.js';
import { AMBIGUITY_MARGIN, rank, signature } from '../src/model/infer.js';
import { buildModel } from '../src/model/index.js';
import type { ModelType } from '../src/model/model.js';
import { formatTypeRef } from '../src/model/type-expression.js';
import { readPage } from '../src/parse/index.js';
import { ROOT } from './helpers/pages-run.js';

interface Expected {
  about: string;
  /** The type each table binds to, in page order. */
  tables: string[];
  response?: string;
  noResponse?: boolean;
  /** The rule ids of the warnings, sorted. */
  warnings: string[];
  /** The rule ids of the errors (default: none). */
  errors?: string[];
  /** The least lead of the right reading over the runner-up. */
  margin?: number;
  /** The runner-up is within the ambiguity margin, and the page says so. */
  ambiguous?: boolean;
  /** `Type.Field` → the field's type, as `formatTypeRef` prints it. */
  fieldTypes?: Record<string, string>;
  allowableValues?: Record<string, string[]>;
  wireNames?: Record<string, string>;
  memberDescriptions?: Record<string, string>;
  /** Dictionary type → its value type's name. */
  dictionaries?: Record<string, string>;
}

const DIR = path.join(ROOT, 'test/fixtures/inference');

function loadCase(name: string): {
  expected: Expected;
  file: VFile;
  config: DtoforgeConfig;
} {
  const dir = path.join(DIR, name);
  const page = readdirSync(dir).find((file) => file.endsWith('.txt'));
  if (!page) throw new Error(`no page in ${name}`);
  const configFile = path.join(dir, 'config.json');
  const config = resolveConfig(
    existsSync(configFile)
      ? (JSON.parse(readFileSync(configFile, 'utf8')) as Partial<DtoforgeConfig>)
      : {},
  );
  return {
    expected: JSON.parse(readFileSync(path.join(dir, 'expect.json'), 'utf8')) as Expected,
    file: new VFile({ path: page, value: readFileSync(path.join(dir, page), 'utf8') }),
    config,
  };
}

function field(types: readonly ModelType[], key: string) {
  const [owner, name] = key.split('.');
  const type = types.find((t) => t.name === owner);
  if (type?.kind !== 'object') return undefined;
  return type.fields.find((f) => f.name === name);
}

const cases = readdirSync(DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('inference on evidence', () => {
  it('has a case for every class of the issue and the decision points', () => {
    for (const prefix of [
      'class1',
      'class2',
      'class3',
      'class4',
      'class5',
      'class6',
      'class7',
      'class8',
      'class9',
      'point',
    ]) {
      expect(
        cases.some((name) => name.startsWith(prefix)),
        prefix,
      ).toBe(true);
    }
  });

  for (const name of cases) {
    describe(name, () => {
      const { expected, file, config } = loadCase(name);
      const page = readPage(file);
      const model = buildModel([{ file, page }], config);

      it('binds each table to the expected type', () => {
        const facts = readFacts(new VFile({ path: file.path, value: file.value }), page, config);
        const { best } = rank(searchHypotheses(facts));
        expect(best).toBeDefined();
        if (!best) return;
        const renames = new Map<string, string>();
        for (const binding of best.bound.values()) {
          if (binding.kind === 'same') renames.set(binding.as, binding.name);
        }
        expect(takenTables(best).map(([, owner]) => renames.get(owner) ?? owner)).toEqual(
          expected.tables,
        );
        for (const table of expected.tables) {
          expect(
            model.types.some((type) => type.name === table),
            table,
          ).toBe(true);
        }
      });

      it('says what it had to guess, and nothing more', () => {
        const warnings = file.messages
          .filter((message) => message.fatal === false)
          .map((message) => message.ruleId ?? '')
          .sort();
        const errors = file.messages
          .filter((message) => message.fatal === true)
          .map((message) => message.ruleId ?? '');
        expect(warnings).toEqual([...expected.warnings].sort());
        expect(errors).toEqual(expected.errors ?? []);
        const operation = model.operations[0];
        if (expected.response) expect(operation?.response).toBe(expected.response);
        if (expected.noResponse) expect(operation?.response).toBeUndefined();
      });

      it(
        expected.ambiguous
          ? 'warns that another reading comes close'
          : `wins by at least ${expected.margin ?? 0} points`,
        () => {
          const facts = readFacts(new VFile({ path: file.path, value: file.value }), page, config);
          const { best, runnerUp } = rank(searchHypotheses(facts));
          if (!best) throw new Error('no reading');
          const ahead = runnerUp ? lead(best.score, runnerUp.score) : Infinity;
          if (expected.ambiguous) {
            expect(ahead).toBeLessThan(AMBIGUITY_MARGIN);
            expect(file.messages.some((m) => m.ruleId === 'ambiguous-binding')).toBe(true);
          } else {
            expect(ahead).toBeGreaterThanOrEqual(expected.margin ?? 0);
            expect(file.messages.some((m) => m.ruleId === 'ambiguous-binding')).toBe(false);
          }
        },
      );

      it('types the fields as the page and its samples say', () => {
        for (const [key, type] of Object.entries(expected.fieldTypes ?? {})) {
          const found = field(model.types, key);
          expect(found && formatTypeRef(found.type), key).toBe(type);
        }
        for (const [key, values] of Object.entries(expected.allowableValues ?? {})) {
          expect(field(model.types, key)?.allowableValues, key).toEqual(values);
        }
        for (const [key, wire] of Object.entries(expected.wireNames ?? {})) {
          expect(field(model.types, key)?.wireName, key).toBe(wire);
        }
        for (const [key, description] of Object.entries(expected.memberDescriptions ?? {})) {
          const [owner, member] = key.split('.');
          const type = model.types.find((t) => t.name === owner);
          const found =
            type?.kind === 'enum' ? type.members.find((m) => m.name === member) : undefined;
          expect(found?.description, key).toBe(description);
        }
        for (const [name, value] of Object.entries(expected.dictionaries ?? {})) {
          const type = model.types.find((t) => t.name === name);
          expect(type?.kind === 'dictionary' ? formatTypeRef(type.value) : undefined, name).toBe(
            value,
          );
        }
      });
    });
  }
});

/** Every `.txt` page under `dir`. */
function pagesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.txt'))
    .map((name) => path.join(dir, name))
    .sort();
}

describe('the quick reading', () => {
  // The quick reading skips the search; it may only do so when the search would read the page
  // the same way and find no reading close enough to warn about.
  const pages = [
    ...cases.map((name) => {
      const { file, config } = loadCase(name);
      return { file, config };
    }),
    ...pagesUnder(path.join(ROOT, 'test/fixtures/shared-pages')).map((page) => ({
      file: new VFile({ path: page, value: readFileSync(page, 'utf8') }),
      config: resolveConfig({}),
    })),
  ];

  it("is the search's best reading, with no close runner-up, wherever it is sure", () => {
    let sure = 0;
    for (const { file, config } of pages) {
      const facts = readFacts(file, readPage(file), config);
      const quick = quickReading(facts);
      if (!quick) continue;
      sure++;
      const { best, runnerUp } = rank(searchHypotheses(facts));
      expect(best && signature(best), file.path).toBe(signature(quick));
      if (best && runnerUp)
        expect(lead(best.score, runnerUp.score), file.path).toBeGreaterThanOrEqual(
          AMBIGUITY_MARGIN,
        );
    }
    // These pages are the hard ones by design (cut, without samples, ambiguous), so most go to
    // the search; if the quick reading read none of them, the loop above proved nothing.
    expect(sure).toBeGreaterThan(0);
  });
});

describe('hints that stay right once applied', () => {
  it('keys the response hint by the file name when the request name is derived', () => {
    const text = readFileSync(
      path.join(ROOT, 'test/fixtures/pages/real-page-renamed/page.txt'),
      'utf8',
    );
    const run = (config: Partial<DtoforgeConfig>) => {
      const file = new VFile({ path: 'page.txt', value: text });
      buildModel([{ file, page: readPage(file) }], resolveConfig(config));
      return file.messages.filter((m) => m.ruleId === 'guessed-name').map((m) => m.reason);
    };
    const hints = run({});
    expect(
      hints.find((reason) => reason.includes('named it `PostEndpointsPhoneNumbers`')),
    ).toContain('"operations": { "page": { "request": "…" } }');
    expect(hints.find((reason) => reason.includes('unnamed response'))).toContain(
      '"operations": { "page": { "response": "…" } }',
    );
    // Both hints applied, as written: neither name is guessed any more.
    const after = run({
      operations: { page: { request: 'BuyPhoneNumber', response: 'EndpointInfo' } },
    });
    expect(
      after.filter((reason) => /named it `(?:BuyPhoneNumber|PostEndpoints)/.test(reason)),
    ).toEqual([]);
    expect(after.filter((reason) => reason.includes('unnamed response'))).toEqual([]);
  });
});
