/**
 * Run the in-process stages on one project folder in a process of its own (a big corpus may
 * exhaust the heap; the benchmark must survive it) and print the figures as JSON.
 *
 * Usage: node --import tsx bench/stages-child.ts <project folder>
 */
import { runStages } from './stages.js';

const dir = process.argv[2];
if (dir === undefined) throw new Error('Usage: stages-child.ts <project folder>');
const run = await runStages(dir);
process.stdout.write(
  `${JSON.stringify({
    times: run.times,
    pages: run.pages,
    blocks: run.blocks,
    types: run.types,
    errors: run.errors.slice(0, 20),
    errorCount: run.errors.length,
    problems: run.problems.slice(0, 5),
    inputBytes: run.inputBytes,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  })}\n`,
);
