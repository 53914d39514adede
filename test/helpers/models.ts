/**
 * The models the printing tests share: the real Evo Voice page with the project's config, and a
 * seeded bench corpus read and inferred as `generate` would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { generateCorpus } from '../../bench/corpus.js';
import { resolveConfig, type DtoforgeConfig } from '../../src/config/config.js';
import { buildModel } from '../../src/model/index.js';
import type { Model } from '../../src/model/model.js';
import { readPage } from '../../src/parse/index.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** input/BuyPhoneNumber.txt read with dtoforge.config.json. */
export function evoPageModel(): { model: Model; config: DtoforgeConfig } {
  const config = resolveConfig(
    JSON.parse(readFileSync(join(ROOT, 'dtoforge.config.json'), 'utf8')) as DtoforgeConfig,
  );
  const file = new VFile({
    path: 'input/BuyPhoneNumber.txt',
    value: readFileSync(join(ROOT, 'input', 'BuyPhoneNumber.txt'), 'utf8'),
  });
  return { model: buildModel([{ file, page: readPage(file) }], config), config };
}

/**
 * A bench corpus (bench/corpus.ts) read with its config.
 *
 * @param pages
 *   How many pages.
 * @param seed
 *   The corpus seed.
 */
export function corpusPageModel(
  pages: number,
  seed: number,
): { model: Model; config: DtoforgeConfig } {
  const corpus = generateCorpus({ pages, seed });
  const files = corpus.pages.map((page) => {
    const file = new VFile({ path: page.file, value: page.text });
    return { file, page: readPage(file) };
  });
  return { model: buildModel(files, corpus.config), config: corpus.config };
}
