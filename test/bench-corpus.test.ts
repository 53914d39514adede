/**
 * The benchmark's corpus generator writes pages that dtoforge reads like real ones: every block
 * bound to a type, no error, and an emitted package that type-checks.
 */
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { typeErrorsBeyondKnownBugs } from './fuzz/known-bugs.js';
import { generateCorpus, typeText } from '../bench/corpus.js';
import { emitPackage } from '../src/emit/index.js';
import { buildModel, type ReadPage } from '../src/model/index.js';
import { readPage } from '../src/parse/index.js';

const corpus = generateCorpus({ pages: 10, seed: 7 });

function readCorpus(): ReadPage[] {
  return corpus.pages.map((page) => {
    const file = new VFile({ path: page.file, value: page.text });
    return { file, page: readPage(file) };
  });
}

function errorsOf(pages: readonly ReadPage[]): string[] {
  return pages.flatMap(({ file }) =>
    file.messages.filter((message) => message.fatal === true).map((message) => String(message)),
  );
}

describe('bench corpus', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const again = generateCorpus({ pages: 10, seed: 7 });
    expect(again.pages).toEqual(corpus.pages);
    expect(again.config).toEqual(corpus.config);
    expect(generateCorpus({ pages: 10, seed: 8 }).pages).not.toEqual(corpus.pages);
  });

  it('writes the scraped layout: no headings, no blank lines, a one-line response sample', () => {
    for (const page of corpus.pages) {
      const lines = page.text.split('\n');
      expect(lines.every((line) => line.trim() !== '')).toBe(true);
      expect(lines.some((line) => /^\s*#/.test(line))).toBe(false);
      expect(lines.at(-1)).toMatch(/^HTTP\/1\.1 200 OK Content-Type: application\/json .* \{/);
    }
    const all = corpus.pages.map((page) => page.text).join('\n');
    expect(all).toContain('Name | Value | |'); // valued enums
    expect(all).toMatch(/^\w+ \| \|$/m); // enum lists
    expect(Object.keys(corpus.config.bases).length).toBeGreaterThan(0);
    expect(corpus.config.types.Struct).toBe('Dictionary<string, Value>');
  });

  it('reads and infers with no error, binding every block of every page', () => {
    const pages = readCorpus();
    for (const { file, page } of pages) {
      // Each page on its own: every block is the source of one of the page's types.
      const model = buildModel([{ file, page }], corpus.config);
      const starts = new Set(
        model.types.flatMap((type) =>
          type.source?.file === page.file ? [type.source.position.start.line] : [],
        ),
      );
      expect(page.blocks.length).toBeGreaterThan(2);
      for (const block of page.blocks) expect(starts).toContain(block.position.start.line);
    }
    const model = buildModel(readCorpus(), corpus.config);
    expect(errorsOf(pages)).toEqual([]);
    // One model type per universe type (built-ins that pages reference come on top).
    const names = new Set(model.types.map((type) => type.name));
    for (const name of corpus.types.keys()) expect(names).toContain(name);
    expect(model.operations.map((operation) => operation.name)).toEqual(
      corpus.operations.map((operation) => operation.name),
    );
    // Fields keep their C# types through the page and back.
    for (const type of model.types) {
      const universe = corpus.types.get(type.name);
      if (type.kind !== 'object' || universe?.kind !== 'object') continue;
      expect(type.fields.map((field) => field.typeText)).toEqual(
        universe.fields.map((field) => typeText(field.type)),
      );
    }
  });

  it('emits a package whose sources type-check under strict settings', async () => {
    const pages = readCorpus();
    const model = buildModel(pages, corpus.config);
    const result = await emitPackage({
      model,
      config: corpus.config,
      pages: new Map(pages.map(({ file }) => [file.path, file])),
    });
    expect(result.problems).toEqual([]);
    expect(errorsOf(pages)).toEqual([]);
    const sources = Object.fromEntries(
      result.files
        .filter((file) => /^src\/[^/]+\.ts$/.test(file.path))
        .map((file) => [file.path.slice('src/'.length), file.content]),
    );
    expect(Object.keys(sources)).toContain('guards.ts');
    // Every source as written, with the house's strict flags (test/helpers/package-sources.ts).
    expect(typeErrorsBeyondKnownBugs([sources])).toEqual([[]]);
  });
});
