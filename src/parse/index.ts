/**
 * Stage 1: read a saved metadata page into {@link PageBlocks}.
 */
import type { VFile } from 'vfile';
import type { PageBlocks } from './blocks.js';

export type * from './blocks.js';

/**
 * Read one page. Problems are reported on `file`; this never throws for bad input.
 *
 * @param file
 *   The page (`file.value` holds its text, `file.path` its path).
 */
export function readPage(file: VFile): PageBlocks {
  // To do: implemented in read-page.ts (in progress).
  return { file: file.path, header: { routes: [] }, blocks: [], samples: {} };
}
