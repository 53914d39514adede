/**
 * The read stage alone (every page → mdast → page blocks) on the seeded corpus, so that a change
 * to the page reader can be measured without the whole bench (emit dominates it), against its
 * peer: remark-parse + remark-gfm reading the same pages with their tables separated (what the
 * fast table reader stands in for; proved equal by test/parse-differential.test.ts).
 *
 * Usage: node --import tsx bench/read.ts [pages] [peer pages]   (default 1000 and 20)
 */
import { VFile } from 'vfile';
import { gfmProcessor } from '../src/parse/gfm-processor.js';
import { readMarkdownPage, separate } from '../src/parse/markdown-page.js';
import { readPage } from '../src/parse/index.js';
import { generateCorpus } from './corpus.js';
import { median } from './harness.js';

const size = Number(process.argv[2] ?? 1000);
const peerSize = Number(process.argv[3] ?? 20);
const corpus = generateCorpus({ pages: size });
const bytes = corpus.pages.reduce((sum, page) => sum + page.text.length, 0);

const runs: number[] = [];
for (let run = 0; run < 5; run++) {
  const started = performance.now();
  for (const page of corpus.pages) readPage(new VFile({ path: page.file, value: page.text }));
  runs.push(performance.now() - started);
}
const ms = median(runs);
const perByte = ms / bytes;

// The peer, on the first pages only: it is two orders of magnitude slower.
const peerPages = corpus.pages.slice(0, peerSize).map((page) => {
  const read = readMarkdownPage(page.text);
  return separate(read.lines, read.regions, read.samplesLine).text;
});
const peerBytes = peerPages.reduce((sum, text) => sum + text.length, 0);
const peerRuns: number[] = [];
for (let run = 0; run < 3; run++) {
  const started = performance.now();
  for (const text of peerPages) gfmProcessor.parse(text);
  peerRuns.push(performance.now() - started);
}
const peerPerByte = median(peerRuns) / peerBytes;

const mib = (count: number, time: number): string =>
  (count / 1024 / 1024 / (time / 1000)).toFixed(2);
process.stdout.write(
  [
    `read stage, ${size} pages (${(bytes / 1024).toFixed(0)} KiB): median ${ms.toFixed(0)} ms of ${runs.length} (${runs.map((r) => r.toFixed(0)).join(', ')}), ${mib(bytes, ms)} MiB/s`,
    `remark-gfm on ${peerSize} of them, tables separated (tables and text before the samples, ${(peerBytes / 1024).toFixed(0)} KiB): ${mib(peerBytes, median(peerRuns))} MiB/s`,
    `read stage per byte vs remark-gfm per byte: ${(peerPerByte / perByte).toFixed(1)}x faster (the read stage also reads the samples and the blocks)`,
    '',
  ].join('\n'),
);
