/**
 * remark-parse with remark-gfm, built once: every markdown reading of the parse stage goes
 * through it (a separated page, the text between tables, the cells the fast reader leaves to
 * GFM).
 */
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export const gfmProcessor = unified().use(remarkParse).use(remarkGfm).freeze();
