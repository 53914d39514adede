/**
 * Real saved pages of other operations and APIs, and pages rendered from real APIs' DTOs
 * (test/fixtures/shared-pages, a copy of the team's shared sample with each page's true tables in
 * `<page>.expect.json`), read with no config as a new user would: every table bound to a type
 * with exactly its fields or members, every name the page can know (the operation, names written
 * in Data Type cells) on the right table, complete pages without errors, pages cut short with
 * one `truncated-page` error and nothing else.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/config.js';
import { buildModel } from '../src/model/index.js';
import type { ModelType } from '../src/model/model.js';
import { readPage } from '../src/parse/index.js';
import { ROOT } from './helpers/pages-run.js';

interface Expected {
  page: string;
  operation: string;
  complete: boolean;
  response?: string;
  tables: { name: string | null; kind: 'object' | 'enum'; fields?: string[]; members?: string[] }[];
}

const DIR = 'test/fixtures/shared-pages';

function listExpectations(): { dir: string; expected: Expected }[] {
  return [DIR, `${DIR}/rendered`].flatMap((dir) =>
    readdirSync(path.join(ROOT, dir))
      .filter((file) => file.endsWith('.expect.json'))
      .sort()
      .map((file) => ({
        dir,
        expected: JSON.parse(readFileSync(path.join(ROOT, dir, file), 'utf8')) as Expected,
      })),
  );
}

/** `o:A,B` for an object's fields, `e:X,Y` for an enum's members. */
function signature(type: ModelType): string {
  if (type.kind === 'object') return `o:${type.fields.map((field) => field.name).join(',')}`;
  if (type.kind === 'enum') return `e:${type.members.map((member) => member.name).join(',')}`;
  return '';
}

/** The names a page can know: its operation and every name its Data Type cells write. */
function knowableNames(text: string, operation: string): Set<string> {
  const names = new Set([operation]);
  for (let line of text.split(/\r?\n/)) {
    line = line.replace(/\s+$/, '');
    if (line.startsWith('|')) line = line.slice(1);
    const cells = line.split(/\||\t/).map((cell) => cell.trim());
    if (cells.length >= 4 && /^(?:body|form|query|path|header)$/.test(cells[1] ?? '')) {
      for (const name of (cells[2] ?? '').match(/[A-Za-z_]\w*/g) ?? []) names.add(name);
    }
  }
  return names;
}

describe('real pages read with no config', () => {
  for (const { dir, expected } of listExpectations()) {
    describe(expected.page, () => {
      const text = readFileSync(path.join(ROOT, dir, expected.page), 'utf8');
      // Saved as a user saves it: the operation's name as the file name.
      const file = new VFile({ path: `${expected.operation}.txt`, value: text });
      const model = buildModel([{ file, page: readPage(file) }], resolveConfig({}));
      const signatures = new Set(model.types.map(signature));

      it('binds every table to a type with exactly its fields or members', () => {
        expected.tables.forEach((table, i) => {
          const items = table.fields ?? table.members ?? [];
          const prefix = table.fields ? 'o:' : 'e:';
          const wants = [prefix + items.join(',')];
          // A page cut short may lose the last row of its last table.
          if (!expected.complete && i === expected.tables.length - 1) {
            wants.push(prefix + items.slice(0, -1).join(','));
          }
          expect(
            wants.some((want) => signatures.has(want)),
            `${table.name ?? '?'}: ${wants[0]}`,
          ).toBe(true);
        });
        expect(file.messages.filter((m) => m.ruleId === 'unbound-block').map(String)).toEqual([]);
      });

      it('gives every table whose name the page can know that name', () => {
        const knowable = knowableNames(text, expected.operation);
        for (const [i, table] of expected.tables.entries()) {
          const bare = table.name?.replace(/<.*>$/, '');
          if (!bare || !knowable.has(bare)) continue;
          const type = model.types.find((t) => t.name === bare);
          const items = table.fields ?? table.members ?? [];
          const full = (table.fields ? 'o:' : 'e:') + items.join(',');
          const cut = (table.fields ? 'o:' : 'e:') + items.slice(0, -1).join(',');
          const last = !expected.complete && i === expected.tables.length - 1;
          expect(type && signature(type), bare).toSatisfy(
            (actual: string | undefined) => actual === full || (last && actual === cut),
          );
        }
        expect(model.operations[0]?.name).toBe(expected.operation);
      });

      it(
        expected.complete
          ? 'has no errors (a complete page)'
          : 'reports the cut once and nothing else',
        () => {
          const errors = file.messages.filter((m) => m.fatal === true);
          if (expected.complete) expect(errors.map(String)).toEqual([]);
          else expect(errors.every((m) => m.ruleId === 'truncated-page')).toBe(true);
          expect(errors.length).toBeLessThanOrEqual(1);
        },
      );
    });
  }
});
