/**
 * Stage 2: infer the named, typed {@link Model} from the pages' blocks.
 */
import type { VFile } from 'vfile';
import type { DtoforgeConfig } from '../config/config.js';
import type { PageBlocks } from '../parse/blocks.js';
import type { Model } from './model.js';

export type * from './model.js';

/** One page read by the parse stage, with the vfile its diagnostics go to. */
export interface ReadPage {
  page: PageBlocks;
  file: VFile;
}

/**
 * Build one model from several pages: name every block, parse every type, merge the pages.
 * Problems are reported on the pages' vfiles; this never throws for bad input.
 */
export function buildModel(pages: readonly ReadPage[], config: DtoforgeConfig): Model {
  // To do: implemented in infer-names.ts and merge.ts (in progress).
  void pages;
  void config;
  return { operations: [], types: [] };
}
