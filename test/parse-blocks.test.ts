/**
 * The parse stage's contract with inference: how a page ends (`end`) and enum members with a
 * description cell.
 */
import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { PageBlocks } from '../src/parse/index.js';
import { readPage, remarkServiceStackBlocks } from '../src/parse/index.js';

function read(text: string): { page: PageBlocks; messages: string[] } {
  const file = new VFile({ path: 'Page.txt', value: text });
  const page = readPage(file);
  return { page, messages: file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`) };
}

const HEADER = 'Name | Parameter | Data Type | Required | Description |\n---|---|---|---|---|\n';

describe('page end', () => {
  it('is complete when the notes after the tables are there', () => {
    const { page } = read(
      `${HEADER}Id | body | int | No | |\nTo override the Content-type in your clients, use the HTTP Accept Header\n`,
    );
    expect(page.end.kind).toBe('complete');
    expect(page.end.position.start.line).toBe(1);
  });

  it('is complete when the page reaches its sample section', () => {
    const { page } = read(
      `${HEADER}Id | body | int | No |\nThe following are sample HTTP requests and responses.\nPOST /json/reply/Page HTTP/1.1\n\n{"id":1}\n`,
    );
    expect(page.end.kind).toBe('complete');
  });

  it('is open when the page stops after a whole row', () => {
    const { page, messages } = read(`${HEADER}Id | body | int | No | |\n`);
    expect(page.end.kind).toBe('open');
    expect(messages).toEqual([]);
  });

  it('is cut, reported once at its place, when the page stops inside a row', () => {
    const { page, messages } = read(`${HEADER}Id | body | int | No | |\nName | body\n`);
    expect(page.end).toMatchObject({ kind: 'cut', position: { start: { line: 4 } } });
    expect(messages).toEqual(['4:1 truncated-page']);
    expect(page.blocks).toHaveLength(1);
  });

  it('is cut when the page stops inside an enum list', () => {
    const { page, messages } = read(`${HEADER}Kind | body | Kinds | No |\nA | |\nB | |\n`);
    expect(page.end.kind).toBe('cut');
    expect(messages).toEqual(['5:1 truncated-page']);
  });
});

describe('enum lists', () => {
  it('keep a description cell per member', () => {
    const { page, messages } = read(
      `${HEADER}Tier | body | Tier | No |\nProgrammingLanguage | Programming Languages |\nClient | Client Libraries |\n${HEADER}Id | form | int | No |\nTo override the Content-type\n`,
    );
    expect(messages).toEqual([]);
    const list = page.blocks[1];
    expect(list?.kind).toBe('enum-list');
    if (list?.kind !== 'enum-list') return;
    expect(list.members.map((m) => [m.name.text, m.description?.text])).toEqual([
      ['ProgrammingLanguage', 'Programming Languages'],
      ['Client', 'Client Libraries'],
    ]);
    expect(page.blocks.map((b) => b.kind)).toEqual(['dto', 'enum-list', 'dto']);
  });

  it('have no description for `Member | |` rows', () => {
    const { page } = read(`${HEADER}Kind | body | Kinds | No |\nA | |\nB |\n`);
    const list = page.blocks[1];
    if (list?.kind !== 'enum-list') throw new Error('expected an enum list');
    expect(list.members.map((m) => [m.name.text, m.description])).toEqual([
      ['A', undefined],
      ['B', undefined],
    ]);
    expect(page.end.kind).toBe('open');
  });
});

describe('the older tab-separated layout', () => {
  const value = readFileSync(
    new URL('fixtures/parse/ttf-rest-input.tab-separated.txt', import.meta.url),
    'utf8',
  );
  const file = new VFile({ path: 'ttf.txt', value });
  const page = readPage(file);

  it('reads its route, its headed tables and reports nothing', () => {
    expect(file.messages.map(String)).toEqual([]);
    expect(page.header.routes.map((r) => [r.verbs.text, r.path.text])).toEqual([
      ['All Verbs', '/ttf/{MappingType}'],
    ]);
    expect(page.blocks.map((b) => [b.kind, b.heading?.name])).toEqual([
      ['dto', 'Input'],
      ['dto', 'Output'],
    ]);
    const input = page.blocks[0];
    if (input?.kind !== 'dto') throw new Error('expected a DTO table');
    expect(input.rows.map((r) => [r.name.text, r.in.text, r.type.text, r.required.text])).toEqual([
      ['A', 'query', 'bool', 'No'],
      ['B', 'query', 'bool', 'No'],
      ['C', 'query', 'bool', 'No'],
      ['D', 'query', 'int', 'No'],
      ['E', 'query', 'int', 'No'],
      ['F', 'query', 'int', 'No'],
      ['MappingType', 'path', 'string', 'Yes'],
    ]);
    expect(input.rows[6]?.description.text).toBe('Mapping algorithm to be used');
    expect(page.end.kind).toBe('complete');
    expect(Object.keys(page.samples)).toEqual(['request', 'response']);
  });

  it('puts the `Allowable Values` under the row above, with their places', () => {
    const input = page.blocks[0];
    if (input?.kind !== 'dto') throw new Error('expected a DTO table');
    const values = input.rows[6]?.allowableValues ?? [];
    expect(values.map((v) => v.text)).toEqual(['Base', 'Specialized1', 'Specialized2']);
    const lines = value.split('\n');
    expect(values.map((v) => v.position.start.line)).toEqual(
      ['Base', 'Specialized1', 'Specialized2'].map((v) => lines.indexOf(v) + 1),
    );
    expect(input.rows.slice(0, 6).some((r) => r.allowableValues)).toBe(false);
  });

  it('reads a cell position inside a tab-separated row', () => {
    const output = page.blocks[1];
    if (output?.kind !== 'dto') throw new Error('expected a DTO table');
    const type = output.rows[1]?.type;
    const line = value.split('\n').indexOf('Y\tform\tdouble\tNo\t') + 1;
    expect(type?.position.start).toMatchObject({ line, column: 8 });
    expect(type?.position.end).toMatchObject({ line, column: 14 });
  });
});

describe('allowable values', () => {
  it('are read in the pipe layout too, a value keeping its trailing `|`', () => {
    const { page, messages } = read(
      `${HEADER}Kind | query | string | Yes | The kind |\nAllowable Values\nBase\nSpecial |\n${HEADER}Id | form | int | No |\nTo override the Content-type\n`,
    );
    expect(messages).toEqual([]);
    const table = page.blocks[0];
    if (table?.kind !== 'dto') throw new Error('expected a DTO table');
    expect(table.rows[0]?.allowableValues?.map((v) => v.text)).toEqual(['Base', 'Special']);
    expect(page.blocks).toHaveLength(2);
  });

  it('are reported when no field row is right above them', () => {
    const { messages } = read(`Allowable Values\nBase\n${HEADER}Id | form | int | No |\n`);
    expect(messages).toEqual(['1:1 unexpected-line']);
  });
});

describe('enum members with descriptions (a rendered page)', () => {
  it('keep each description', () => {
    const value = readFileSync(
      new URL('fixtures/parse/techstacks.CreateTechnology.txt', import.meta.url),
      'utf8',
    );
    const file = new VFile({ path: 'techstacks.txt', value });
    const page = readPage(file);
    expect(file.messages.map(String)).toEqual([]);
    const list = page.blocks.find((b) => b.kind === 'enum-list');
    if (list?.kind !== 'enum-list') throw new Error('expected an enum list');
    expect(list.members).toHaveLength(9);
    expect(list.members[0]?.name.text).toBe('ProgrammingLanguage');
    expect(list.members[0]?.description?.text).toBe('Programming Languages');
    expect(list.members[8]?.description?.text).toBe('3rd Party APIs/Services');
    expect(page.blocks.map((b) => b.kind)).toEqual(['dto', 'enum-list', 'dto', 'dto']);
    expect(page.end.kind).toBe('complete');
  });
});

describe('remarkServiceStackBlocks, the block reader as a unified plugin', () => {
  it('reads the blocks of any mdast: remark-gfm’s own tables of a markdown page', () => {
    const value = readFileSync(
      new URL('fixtures/pages/headings-markdown/page.md', import.meta.url),
      'utf8',
    );
    const processor = unified().use(remarkParse).use(remarkGfm).use(remarkServiceStackBlocks);
    const file = new VFile({ path: 'page.md', value });
    processor.runSync(processor.parse(file), file);
    const page = file.data.pageBlocks;
    expect(file.messages.map(String)).toEqual([]);
    expect(page?.header.title?.text).toBe('UpdateCustomer');
    expect(page?.blocks.map((block) => [block.kind, block.heading?.name])).toEqual([
      ['dto', 'UpdateCustomer'],
      ['enum-list', 'CustomerStatus'],
      ['dto', 'Address'],
      ['dto', 'CustomerDetails'],
    ]);
    expect(page?.header.routes.map((route) => route.path.text)).toEqual(['/customers/{Id}']);
    expect(Object.keys(page?.samples ?? {})).toEqual(['request', 'response']);
    // The same blocks as the page reader's.
    const again = readPage(new VFile({ path: 'page.md', value }));
    expect(again.blocks).toEqual(page?.blocks);
  });

  it('is exported by the programmatic API', async () => {
    const api = await import('../src/index.js');
    expect(api.remarkServiceStackBlocks).toBe(remarkServiceStackBlocks);
    const file = new VFile({ path: 'page.txt', value: `${HEADER}Id | body | int | No | |\n` });
    const tree = api.pageTree(file);
    expect(tree.children.map((node) => node.type)).toEqual(['table']);
  });
});

describe('cells as markdown reads them', () => {
  it('reads escapes and code, keeps angle brackets and formatting markup as written', () => {
    const { page, messages } = read(
      `${HEADER}\`Id\` | body | List<string> | No | The \\| pipe, *emphasis*, [a link](x) |\n__proto__ | form | int | No |\nTo override the Content-type\n`,
    );
    expect(messages).toEqual([]);
    const table = page.blocks[0];
    if (table?.kind !== 'dto') throw new Error('expected a DTO table');
    const row = table.rows[0]!;
    expect([row.name.text, row.type.text, row.description.text]).toEqual([
      'Id',
      'List<string>',
      'The | pipe, *emphasis*, [a link](x)',
    ]);
    // Not strong emphasis of `proto`: a name as written.
    expect(table.rows[1]?.name.text).toBe('__proto__');
    // Spans of the written text, markup included.
    expect(row.name.position.start.column).toBe(1);
    expect(row.name.position.end.column).toBe(5);
  });
});

describe('how an HTML page ends', () => {
  const table = (rows: string) =>
    `<table class='params'><caption><b>Ping</b> Parameters:</caption><thead><tr><th>Name</th><th>Parameter</th><th>Data Type</th><th>Required</th><th>Description</th></tr></thead><tbody>${rows}`;
  const row = '<tr><td>Id</td><td>body</td><td>int</td><td>No</td><td></td></tr>';
  const readHtml = (value: string) => {
    const file = new VFile({ path: 'Ping.html', value });
    return {
      page: readPage(file),
      messages: file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`),
    };
  };

  it('is complete with its closing markup, even with no notes or samples', () => {
    const { page, messages } = readHtml(`<html><body>${table(row)}</tbody></table></body></html>`);
    expect(messages).toEqual([]);
    expect(page.format).toBe('html');
    expect(page.blocks.map((b) => b.heading?.name)).toEqual(['Ping']);
    expect(page.end.kind).toBe('complete');
  });

  it('is open when the file stops after a whole row', () => {
    const { page, messages } = readHtml(`<html><body>${table(row)}`);
    expect(messages).toEqual([]);
    expect(page.end.kind).toBe('open');
  });

  it('is cut, reported once, when the file stops inside a row', () => {
    const value = `<html><body>${table(`${row}<tr><td>Name</td><td>body`)}`;
    const { page, messages } = readHtml(value);
    expect(page.end.kind).toBe('cut');
    // At the cut row's `<tr>` (hast-util-to-mdast pads it with cells the file does not have).
    expect(messages).toEqual([`1:${value.lastIndexOf('<tr>') + 1} truncated-page`]);
    const block = page.blocks[0];
    expect(block?.kind === 'dto' && block.rows.map((r) => r.name.text)).toEqual(['Id']);
  });
});
