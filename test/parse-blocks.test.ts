/**
 * The parse stage's contract with inference: how a page ends (`end`) and enum members with a
 * description cell.
 */
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import type { PageBlocks } from '../src/parse/index.js';
import { readPage } from '../src/parse/index.js';

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
