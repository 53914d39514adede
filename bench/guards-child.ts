/**
 * The guard benchmarks in a process of their own (bench/main.ts runs several and takes the
 * median ratio: V8 compiles the same checks differently from one process to the next, which
 * moves a ratio more than the noise within one process). Prints the results as JSON.
 *
 * Usage: node --import tsx bench/guards-child.ts <project folder> <ms per task>
 */
import { benchGuards } from './guards.js';
import { runStages } from './stages.js';

const [dir, time] = process.argv.slice(2);
if (dir === undefined || time === undefined) {
  throw new Error('Usage: guards-child.ts <project folder> <ms per task>');
}
const results = await benchGuards(await runStages(dir), Number(time));
process.stdout.write(`${JSON.stringify(results)}\n`);
