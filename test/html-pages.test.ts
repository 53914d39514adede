/**
 * Saved HTML pages: rendered the way ServiceStack renders its metadata page
 * (test/helpers/servicestack-html.ts) from three text pages and the true name of each table,
 * then read back: the same blocks as the text page, each named by its caption, every position
 * in the HTML file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { resolveConfig, type DtoforgeConfig } from '../src/config/config.js';
import { inspect } from '../src/index.js';
import { buildModel } from '../src/model/index.js';
import type { Model } from '../src/model/model.js';
import { readPage, type Block, type PageBlocks } from '../src/parse/index.js';
import { ROOT } from './helpers/pages-run.js';
import { renderMetadataPage } from './helpers/servicestack-html.js';

interface Case {
  /** The text page the HTML is rendered from, and its config (the true names). */
  text: string;
  config?: string;
  /** The rendered page. */
  html: string;
  title: string;
  operation: string;
}

const CASES: Case[] = [
  {
    text: 'input/BuyPhoneNumber.txt',
    config: 'dtoforge.config.json',
    html: 'test/fixtures/html/BuyPhoneNumber.html',
    title: 'Evo Voice',
    operation: 'BuyPhoneNumber',
  },
  {
    text: 'test/fixtures/autoquery/QueryCustomers.txt',
    config: 'test/fixtures/autoquery/dtoforge.config.json',
    html: 'test/fixtures/html/QueryCustomers.html',
    title: 'Customers API',
    operation: 'QueryCustomers',
  },
  {
    text: 'test/fixtures/parse/ttf-rest-input.tab-separated.txt',
    html: 'test/fixtures/html/Input.html',
    title: 'TTF',
    operation: 'Input',
  },
];

function readFile(relative: string): VFile {
  return new VFile({
    path: relative,
    cwd: ROOT,
    value: readFileSync(path.join(ROOT, relative), 'utf8'),
  });
}

function configOf(item: Case): DtoforgeConfig {
  return resolveConfig(
    item.config
      ? (JSON.parse(readFileSync(path.join(ROOT, item.config), 'utf8')) as Partial<DtoforgeConfig>)
      : {},
  );
}

/** The text page, its model with its config, and the true name of each of its blocks. */
function textPage(item: Case): { page: PageBlocks; model: Model; names: string[] } {
  const file = readFile(item.text);
  const page = readPage(file);
  const model = buildModel([{ page, file }], configOf(item));
  const names = page.blocks.map(
    (block) =>
      model.types.find(
        (type) =>
          type.source?.position.start.offset === block.position.start.offset &&
          type.source?.file === item.text,
      )?.name ?? '?',
  );
  return { page, model, names };
}

/** A block's cells as text, to compare pages of different formats. */
function blockCells(block: Block): string[][] {
  if (block.kind === 'dto') {
    return block.rows.map((row) => [
      row.name.text,
      row.in.text,
      row.type.text,
      row.required.text,
      row.description.text,
      ...(row.allowableValues ?? []).map((value) => `=${value.text}`),
    ]);
  }
  if (block.kind === 'enum-table') {
    return block.rows.map((row) => [row.name.text, row.value.text, row.label?.text ?? '']);
  }
  return block.members.map((member) => [member.name.text, member.description?.text ?? '']);
}

describe.each(CASES)('the HTML page of $operation', (item) => {
  const text = textPage(item);
  const html = readFile(item.html);
  const page = readPage(html);

  it('is the text page rendered as ServiceStack renders it', async () => {
    const rendered = renderMetadataPage(text.page, {
      title: item.title,
      operation: item.operation,
      names: text.names,
      format: 'json',
    });
    expect(text.names).not.toContain('?');
    await expect(rendered).toMatchFileSnapshot(path.join(ROOT, item.html));
  });

  it('reads as HTML, with no message and complete', () => {
    expect(page.format).toBe('html');
    expect(html.messages.map(String)).toEqual([]);
    expect(page.end.kind).toBe('complete');
  });

  it('has the text page’s blocks, each named by its caption', () => {
    expect(page.blocks.map((block) => block.kind)).toEqual(text.page.blocks.map((b) => b.kind));
    expect(page.blocks.map((block) => block.heading?.name)).toEqual(text.names);
    expect(page.blocks.map(blockCells)).toEqual(text.page.blocks.map(blockCells));
  });

  it('has the operation as its title', () => {
    expect(page.header.title?.text).toBe(item.operation);
  });

  it('has the text page’s routes, roles and samples', () => {
    const route = (blocks: PageBlocks) =>
      blocks.header.routes.map((r) => `${r.verbs.text} ${r.path.text}`);
    expect(route(page)).toEqual(route(text.page));
    expect(page.header.roles?.names.map((r) => r.text) ?? []).toEqual(
      text.page.header.roles?.names.map((r) => r.text) ?? [],
    );
    expect(page.samples.request?.startLine.text).toBe(text.page.samples.request?.startLine.text);
    expect(page.samples.request?.body?.text).toBe(text.page.samples.request?.body?.text);
    expect(page.samples.response?.body?.text).toBe(text.page.samples.response?.body?.text);
  });

  it('places every cell and sample value in the HTML file', () => {
    const source = String(html.value);
    for (const block of page.blocks) {
      for (const cells of block.kind === 'dto'
        ? block.rows.map((row) => [row.name, row.type])
        : []) {
        for (const cell of cells) {
          const at = cell.position.start.offset ?? -1;
          const written = cell.text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
          expect(source.slice(at, at + written.length)).toBe(written);
        }
      }
    }
    const body = page.samples.response?.body ?? page.samples.request?.body;
    if (body?.tree.kind === 'object') {
      const entry = body.tree.entries[0]!;
      const at = entry.keyPosition.start.offset ?? -1;
      // The key is written `&quot;key&quot;` in the file.
      expect(source.slice(at, at + entry.key.length + 12)).toBe(`&quot;${entry.key}&quot;`);
      expect(source.slice(body.position.start.offset ?? -1).startsWith('{')).toBe(true);
    }
  });
});

/** The model without where things came from (file, places, how names were found). */
function comparable(model: Model): unknown {
  return JSON.parse(
    JSON.stringify(model, (key, value: unknown) =>
      key === 'source' || key === 'nameSource' ? undefined : value,
    ),
  );
}

describe('inspect on the HTML page of BuyPhoneNumber', () => {
  const evo = CASES[0]!;

  it('gives exactly the text page’s model with the text page’s config, and no message', async () => {
    const fromHtml = await inspect({ cwd: ROOT, input: [evo.html] });
    expect(fromHtml.diagnostics.flatMap((file) => file.messages.map(String))).toEqual([]);
    expect(comparable(fromHtml.model)).toEqual(comparable(textPage(evo).model));
  });

  it('names every table by its caption with no config', async () => {
    const result = await inspect({ cwd: ROOT, config: {}, input: [evo.html] });
    const names = new Set(result.model.types.map((type) => type.name));
    for (const name of textPage(evo).names) expect(names).toContain(name);
  });

  // The captions name every table; what no caption shows (the response, EndpointInfo's base,
  // the dictionary subclasses Struct and EntityIntegrationData, which have no table) is
  // inferred from the page's order and samples, as the text page's config says it.
  it('gives the text page’s model (with its config) with no config at all', async () => {
    const fromHtml = await inspect({ cwd: ROOT, config: {}, input: [evo.html] });
    expect(fromHtml.diagnostics.flatMap((file) => file.messages.map(String))).toEqual([]);
    expect(comparable(fromHtml.model)).toEqual(comparable(textPage(evo).model));
  });
});
