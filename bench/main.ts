/**
 * The benchmark run (started by bench/run.ts once bench/node_modules is installed): generation
 * first (its in-process run on input/ feeds the guards), then the guards, then the report.
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchBundles, type BundleResults } from './bundles.js';
import { benchGeneration, type GenerationResults } from './generation.js';
import { combineGuardRuns, type GuardResults } from './guard-runs.js';
import { runProcess } from './harness.js';
import { cpuCounters, describeMachine, referenceWorkMs, renderReport } from './report.js';
import { runStages } from './stages.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

const quick = process.argv.includes('--quick');
const log = (line: string): void => {
  process.stderr.write(`[bench] ${line}\n`);
};

const started = performance.now();
const counters = cpuCounters();
const reference = referenceWorkMs();
// The CLI runs dist/: build it from the current sources first (tsc 7, a few seconds).
log('building dist/ (npm run build)');
try {
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '--silent'], {
    cwd: root,
    stdio: 'inherit',
  });
} catch {
  log('build reported errors; measuring the dist/ it produced');
}

let generation: GenerationResults | undefined;
let generationError: string | undefined;
try {
  generation = await benchGeneration({
    sizes: quick ? [10, 50] : [10, 100, 1000],
    inputRuns: quick ? 3 : 5,
    corpusRuns: (pages) => (quick ? 1 : pages >= 100 ? 3 : 5),
    timeoutMs: (quick ? 3 : 30) * 60_000,
    log,
  });
} catch (error) {
  generationError = error instanceof Error ? error.message : String(error);
  log(`generation failed: ${generationError}`);
}

let guards: GuardResults | undefined;
let guardsError: string | undefined;
try {
  // Note: each in a process of its own, several times (see bench/guards-child.ts).
  const processes = quick ? 1 : 3;
  const runs: GuardResults[] = [];
  for (let i = 1; i <= processes; i++) {
    log(`guards, process ${i} of ${processes}`);
    const child = await runProcess(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'guards-child.ts'), root, String(quick ? 300 : 1500)],
      root,
    );
    if (child.code !== 0) throw new Error(`guards-child.ts exited ${child.code}: ${child.stderr}`);
    runs.push(JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as GuardResults);
  }
  guards = combineGuardRuns(runs);
} catch (error) {
  guardsError = error instanceof Error ? (error.stack ?? error.message) : String(error);
  log(`guards failed: ${guardsError}`);
}

let bundles: BundleResults | undefined;
let bundlesError: string | undefined;
try {
  log('bundles');
  const run = generation?.inputRun ?? (await runStages(root));
  // Note: the package as generate writes it (its src/ and schemas.json).
  const files = Object.fromEntries(
    run.emitted.files
      .filter((file) => file.path.startsWith('src/'))
      .map((file) => [file.path.slice('src/'.length), file.content]),
  );
  const schemas = run.emitted.files.find((file) => file.path === 'schemas.json');
  const names = (type: string) => run.emitted.plan?.names.get(type);
  const tag = names('Tag');
  const info = names('EndpointInfo');
  if (!schemas || !tag || !info)
    throw new Error('no schemas.json, Tag or EndpointInfo in the package');
  bundles = await benchBundles(files, JSON.parse(schemas.content) as object, {
    isTag: tag.is,
    isInfo: info.is,
    validateInfo: info.validate,
  });
} catch (error) {
  bundlesError = error instanceof Error ? (error.stack ?? error.message) : String(error);
  log(`bundles failed: ${bundlesError}`);
}

const report = renderReport({
  machine: describeMachine(counters, reference),
  quick,
  ...(guards ? { guards } : {}),
  ...(guardsError ? { guardsError } : {}),
  ...(bundles ? { bundles } : {}),
  ...(bundlesError ? { bundlesError } : {}),
  ...(generation ? { generation } : {}),
  ...(generationError ? { generationError } : {}),
  totalMs: performance.now() - started,
});
process.stdout.write(`${report}\n`);
await writeFile(path.join(here, 'results.md'), `${report}\n`);
log(`report written to bench/results.md`);
