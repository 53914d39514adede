/**
 * Read a saved ServiceStack metadata page into {@link PageBlocks}: the page becomes mdast (a
 * text page through markdown-page.ts, an HTML page through html-page.ts), then the
 * {@link remarkServiceStackBlocks} plugin reads the blocks off the tree. A text page whose tables
 * the fast reader found has their rows read straight from its cells (the same blocks, tested).
 */
import type { Root } from 'mdast';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import type { PageBlocks } from './blocks.js';
import { readHtmlPage } from './html-page.js';
import { readMarkdownPage, readMarkdownParts } from './markdown-page.js';
import { pageFormat, readTablesBlocks, remarkServiceStackBlocks } from './page-blocks.js';

const blocksProcessor = unified().use(remarkServiceStackBlocks).freeze();

/**
 * A page as mdast, whatever its format: tables as `table` / `tableRow` / `tableCell`, headings
 * as `heading`, positions in the original file.
 *
 * @param file
 *   The page (`file.value` holds its text; `.html` / `.htm` or HTML markup reads as HTML).
 */
export function pageTree(file: VFile): Root {
  return pageFormat(file) === 'html'
    ? readHtmlPage(file)
    : readMarkdownPage(String(file.value ?? '')).tree;
}

/**
 * Read one page's blocks, header and samples. Never throws for bad input: problems are
 * reported on `file`.
 *
 * @param file
 *   The page (`file.value` holds its text; `file.path` names it in messages).
 */
export function readPageBlocks(file: VFile): PageBlocks {
  if (pageFormat(file) === 'text') {
    // Note: a page whose tables the fast reader found has them read straight into rows, not
    // built as mdast to be read back (the block reader's items are the same).
    const parts = readMarkdownParts(String(file.value ?? ''));
    if (parts.mode === 'tables') return readTablesBlocks(parts.read, file);
    blocksProcessor.runSync(parts.markdown.tree, file);
  } else {
    blocksProcessor.runSync(readHtmlPage(file), file);
  }
  const blocks = file.data.pageBlocks!;
  // The vfile outlives the run (its messages are reported after emit): it must not keep the
  // blocks, which hold every cell of the page (about 20 bytes of heap per byte of page).
  delete file.data.pageBlocks;
  return blocks;
}
