/**
 * What a run keeps in memory (issue #11: the 1,000-page corpus in ≤ 1 GB). A page's blocks hold
 * every cell of the page with its positions, about 20 bytes of heap per byte of page; the model
 * needs a small part of that. So `modelPages` infers each page as soon as it is read and keeps
 * no page's blocks: the live heap while it runs, and after, follows the model, not the pages
 * read. Bytes of live heap after a full GC, not time.
 */
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../bench/corpus.js';
import { resolveConfig } from '../src/config/config.js';
import { readPage } from '../src/parse/index.js';
import { modelPages } from '../src/pipeline.js';
import { heapUsed } from './helpers/heap.js';

describe('memory of a run', () => {
  it('leaves no blocks on the page’s vfile (it outlives the run, for its messages)', () => {
    const [page] = generateCorpus({ pages: 1, seed: 5 }).pages;
    const file = new VFile({ path: page!.file, value: page!.text });
    expect(readPage(file).blocks.length).toBeGreaterThan(0);
    expect(file.data).toEqual({});
  });

  it('keeps a heap that follows the model, not the pages read (each page inferred as read)', () => {
    const corpus = generateCorpus({ pages: 60, seed: 5 });
    const config = resolveConfig(corpus.config);
    const files = corpus.pages.map((page) => new VFile({ path: page.file, value: page.text }));
    const before = heapUsed();
    // The live heap as each page is about to be read (after the previous pages' inference).
    const during: number[] = [];
    const run = modelPages(files, config, {
      onProgress: (progress) => {
        if (progress.phase === 'parse') during.push(heapUsed() - before);
      },
    });
    const after = heapUsed() - before;
    expect(run.model.operations).toHaveLength(60);
    expect(during).toHaveLength(60);
    // From the 10th page on (the first pages pay for compiled code and the run's caches): the
    // heap grows by what the model keeps of a page, about 2 bytes per page byte; holding the
    // pages' blocks would cost about 20.
    const from = 10;
    const bytes = corpus.pages.slice(from).reduce((sum, page) => sum + page.text.length, 0);
    const grown = Math.max(...during.slice(from), after) - during[from]!;
    expect(grown / bytes).toBeLessThan(6);
  });
});
