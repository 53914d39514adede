/**
 * Big pages in memory linear in the page (issue #14): a page of 1 MB and one of 20 MB of DTO rows
 * (the real Evo Voice page with rows added to its request table) go through the read stage (the
 * mdast tree, then the page blocks) and inference; the live heap per byte of page must not grow
 * with the page, nor the tree's nodes per row. Counts, not time (heap after a full GC, nodes).
 *
 * Scale-gated: a 20 MB page takes about a minute and 2 GB on a loaded 2-CPU machine, so it runs
 * from `DTOFORGE_FUZZ_SCALE=10` on (as the other big-page test).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Nodes } from 'mdast';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { resolveConfig, type DtoforgeConfig } from '../src/config/config.js';
import { buildModel } from '../src/model/index.js';
import { readMarkdownPage } from '../src/parse/markdown-page.js';
import { readPage } from '../src/parse/index.js';
import { SCALE } from './fuzz/scale.js';
import { ROOT } from './helpers/pages-run.js';
import { heapUsed } from './helpers/heap.js';

const MB = 1024 * 1024;
const real = readFileSync(path.join(ROOT, 'input/BuyPhoneNumber.txt'), 'utf8').split('\n');
const config = resolveConfig(
  JSON.parse(
    readFileSync(path.join(ROOT, 'dtoforge.config.json'), 'utf8'),
  ) as Partial<DtoforgeConfig>,
);

/** The request's fields on the real page. */
function ownFields(): number {
  const file = new VFile({ path: 'input/BuyPhoneNumber.txt', cwd: ROOT, value: real.join('\n') });
  const request = buildModel([{ page: readPage(file), file }], config).types.find(
    (type) => type.name === 'BuyPhoneNumber',
  );
  return request?.kind === 'object' ? request.fields.length : 0;
}

/** The real page with `bytes` of rows added to its request table (after its 15th line). */
function bigPage(bytes: number): { text: string; rows: number } {
  const rows: string[] = [];
  for (let size = 0, i = 0; size < bytes; i++) {
    const row = `Field${i} | body | ${i % 3 === 0 ? 'List<string>' : 'string'} | No | Field number ${i} |`;
    rows.push(row);
    size += row.length + 1;
  }
  return { text: [...real.slice(0, 15), ...rows, ...real.slice(15)].join('\n'), rows: rows.length };
}

function countNodes(node: Nodes): number {
  let count = 1;
  if ('children' in node) for (const child of node.children) count += countNodes(child);
  return count;
}

interface Measure {
  bytes: number;
  rows: number;
  /** Live heap of the page's mdast tree (the read stage's largest structure), per page byte. */
  treePerByte: number;
  nodesPerRow: number;
  /** Live heap of the page blocks and the model, per page byte. */
  blocksAndModelPerByte: number;
  fields: number;
  errors: string[];
}

function measure(bytes: number): Measure {
  const { text, rows } = bigPage(bytes);
  const base = heapUsed();
  let read: ReturnType<typeof readMarkdownPage> | undefined = readMarkdownPage(text);
  const tree = heapUsed() - base;
  const nodes = countNodes(read.tree);
  read = undefined;

  const file = new VFile({ path: 'input/BuyPhoneNumber.txt', cwd: ROOT, value: text });
  const page = readPage(file);
  const model = buildModel([{ page, file }], config);
  const kept = heapUsed() - base;
  const request = model.types.find((type) => type.name === 'BuyPhoneNumber');
  return {
    bytes: text.length,
    rows,
    treePerByte: tree / text.length,
    nodesPerRow: nodes / rows,
    blocksAndModelPerByte: kept / text.length,
    fields: request?.kind === 'object' ? request.fields.length : 0,
    errors: file.messages.filter((m) => m.fatal === true).map(String),
  };
}

describe('a page of 20 MB of rows', () => {
  it.runIf(SCALE >= 10)(
    'is read and inferred in memory linear in the page',
    () => {
      const small = measure(1 * MB);
      const big = measure(20 * MB);
      console.log(JSON.stringify({ small, big }));
      const own = ownFields();
      expect(own).toBeGreaterThan(0);
      for (const run of [small, big]) {
        expect(run.errors).toEqual([]);
        // Every row is a field of the request, with its own.
        expect(run.fields).toBe(run.rows + own);
      }
      // The same nodes per row, and no more heap per byte at 20 MB than at 1 MB (a fifth more
      // for the collector's slack); a bound in absolute terms too: the tree of a 20 MB page in
      // 1.3 GB.
      expect(big.nodesPerRow).toBeLessThanOrEqual(small.nodesPerRow * 1.01);
      expect(big.treePerByte).toBeLessThanOrEqual(small.treePerByte * 1.2);
      expect(big.blocksAndModelPerByte).toBeLessThanOrEqual(small.blocksAndModelPerByte * 1.2);
      expect(big.treePerByte).toBeLessThan(64);
    },
    1_800_000,
  );
});
