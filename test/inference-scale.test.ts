/**
 * A page's inference cost grows linearly with its tables: the search and the quick reading are
 * counted in readings advanced by one step (work, not wall time), on generated pages of a chain
 * of referenced types, some of them with no table (each such type is a fork the search weighs).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/config.js';
import { readFacts } from '../src/model/facts.js';
import {
  quickReading,
  searchHypotheses,
  takenTables,
  type SearchWork,
} from '../src/model/hypotheses.js';
import { rank } from '../src/model/infer.js';
import { buildModel } from '../src/model/index.js';
import { readPage } from '../src/parse/index.js';
import { ROOT } from './helpers/pages-run.js';

const HEADER = 'Name | Parameter | Data Type | Required | Description |\n---|---|---|---|---|';

/** A complete page: request `Chain` → `Link1` → … → `LinkN`, every third link with a `Blob`. */
function chainPage(links: number): string {
  const table = (rows: string[]) =>
    [HEADER, ...rows.map((row, i) => (i === rows.length - 1 ? `${row} |` : `${row} | |`))].join(
      '\n',
    );
  const lines = ['POST | /chain |', '---|'];
  lines.push(table(['Id | body | string | No', 'Next | body | Link1 | No']));
  let sample = '{"name":"String"}';
  for (let i = links; i >= 1; i--) {
    const blob = i % 3 === 0 ? `,"blob${i}":{}` : '';
    sample = i === links ? `{"name":"String"${blob}}` : `{"name":"String"${blob},"next":${sample}}`;
  }
  for (let i = 1; i <= links; i++) {
    const rows = ['Name | form | string | No'];
    if (i % 3 === 0) rows.push(`Blob${i} | form | Blob${i} | No`);
    if (i < links) rows.push(`Next | form | Link${i + 1} | No`);
    lines.push(table(rows));
  }
  lines.push(table(['Ok | form | bool | No']));
  lines.push(
    'The following are sample HTTP requests and responses. The placeholders shown need to be replaced with actual values.',
    'POST /json/reply/Chain HTTP/1.1',
    'Host: api.example.com',
    'Content-Type: application/json',
    `{"id":"String","next":${sample}}`,
    'HTTP/1.1 200 OK Content-Type: application/json Content-Length: length {"ok":false}',
  );
  return lines.join('\n');
}

function measure(links: number): { search: number; quick: number; bound: number; tables: number } {
  const file = new VFile({ path: 'Chain.txt', value: chainPage(links) });
  const facts = readFacts(file, readPage(file), resolveConfig({}));
  const search: SearchWork = { steps: 0 };
  const { best } = rank(searchHypotheses(facts, { work: search }));
  const quick: SearchWork = { steps: 0 };
  quickReading(facts, quick);
  return {
    search: search.steps,
    quick: quick.steps,
    bound: best ? takenTables(best).length : 0,
    tables: facts.tables.length,
  };
}

describe('inference cost', () => {
  it('reads the generated pages whole', () => {
    const file = new VFile({ path: 'Chain.txt', value: chainPage(12) });
    const model = buildModel([{ file, page: readPage(file) }], resolveConfig({}));
    expect(file.messages.filter((m) => m.fatal === true)).toEqual([]);
    for (const name of ['Chain', 'Link1', 'Link12', 'ChainResponse'])
      expect(
        model.types.some((t) => t.name === name),
        name,
      ).toBe(true);
  });

  it('binds every table of a page whose request uses 150 types it does not list', () => {
    // Each such type is evidence against the reading that the page shows all its tables, but
    // only a few count: 150 of them must not make leaving every table unbound the best reading.
    // The Evo Voice page with 150 more request rows, as a page of an API whose types live
    // elsewhere.
    const page = readFileSync(path.join(ROOT, 'input/BuyPhoneNumber.txt'), 'utf8');
    const config = resolveConfig(
      JSON.parse(readFileSync(path.join(ROOT, 'dtoforge.config.json'), 'utf8')) as object,
    );
    const unlisted = Array.from(
      { length: 150 },
      (_, i) => `Field${i} | body | Unlisted${i} | No | x |`,
    );
    const lines = page.split('\n');
    const header = lines.findIndex((line) => line.startsWith('Name | Parameter'));
    lines.splice(header + 2, 0, ...unlisted);
    const read = (text: string) => {
      const file = new VFile({ path: 'BuyPhoneNumber.txt', value: text });
      return { file, model: buildModel([{ file, page: readPage(file) }], config) };
    };
    const before = read(page).model.types.map((type) => type.name);
    const { file, model } = read(lines.join('\n'));
    expect(file.messages.filter((m) => m.fatal === true).map(String)).toEqual([]);
    const after = new Set(model.types.map((type) => type.name));
    expect(before.filter((name) => !after.has(name))).toEqual([]);
    expect(before.length).toBeGreaterThan(40);
  });

  it('grows linearly with the tables, for the search and the quick reading', () => {
    const small = measure(20);
    const large = measure(160);
    expect(small.bound).toBe(small.tables);
    expect(large.bound).toBe(large.tables);
    const tables = large.tables / small.tables;
    // Linear up to a constant: 8 times the tables may cost at most 1.25 times 8 times the work.
    expect(large.search / small.search).toBeLessThanOrEqual(tables * 1.25);
    expect(large.quick / small.quick).toBeLessThanOrEqual(tables * 1.25);
    // Not vacuous: the search weighs more than one reading per table.
    expect(large.search).toBeGreaterThan(large.quick);
  });
});
