/**
 * Stage 1: read a saved metadata page into {@link PageBlocks}.
 */
import type { VFile } from 'vfile';
import type { PageBlocks } from './blocks.js';
import { readPageBlocks } from './read-page.js';

export type * from './blocks.js';
export { pageTree } from './read-page.js';
export { remarkServiceStackBlocks, readPageTree } from './page-blocks.js';

/**
 * Read one page. Problems are reported on `file`; this never throws for bad input.
 *
 * @param file
 *   The page (`file.value` holds its text, `file.path` its path).
 */
export function readPage(file: VFile): PageBlocks {
  return readPageBlocks(file);
}
