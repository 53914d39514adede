#!/usr/bin/env node
// The `dtoforge` command: runs the compiled CLI (built by `npm run build`, which `npm ci` runs
// through the `prepare` script). The code cache (dist/cli/compile-cache.js) is on in the command
// only, not when dtoforge is used as a library.
//
// The CLI is bundled (scripts/bundle-cli.mjs: a few modules load faster than ~400); when the
// bundle is missing or older than dist/cli/main.js (`tsc` run on its own), dist/ runs as it is.
import { statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { enableCompileCache } from '../dist/cli/compile-cache.js';

function modified(url) {
  try {
    return statSync(url).mtimeMs;
  } catch {
    return -1;
  }
}

// V8's optimizing compiler without inlining, in the command only: a run is short and calls many
// large functions a few thousand times each, and TurboFan spent more CPU inlining them (on the
// other core, which esbuild also needs) than the inlined code saved. Measured on the bench's
// seeded corpora (processes alternated, same output): 1,000 pages 12.3 s → 11.1 s (user CPU
// 15.2 s → 12.5 s), 100 pages 2.57 s → 2.04 s, no change on input/ (0.86 s). Set before any code
// is loaded, so that every compile sees it (and the code cache's flag hash is the same in every
// run).
setFlagsFromString('--no-turbo-inlining');
enableCompileCache();
const bundle = new URL('../dist/bundle/main.js', import.meta.url);
const unbundled = new URL('../dist/cli/main.js', import.meta.url);
const { main } = await import((modified(bundle) >= modified(unbundled) ? bundle : unbundled).href);

process.exitCode = await main(process.argv.slice(2));
