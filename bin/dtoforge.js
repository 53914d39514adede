#!/usr/bin/env node
// The `dtoforge` command: runs the compiled CLI (built by `npm run build`, which `npm ci` runs
// through the `prepare` script). The code cache (dist/cli/compile-cache.js) is on in the command
// only, not when dtoforge is used as a library.
//
// The CLI is bundled (scripts/bundle-cli.mjs: a few modules load faster than ~400); when the
// bundle is missing or older than dist/cli/main.js (`tsc` run on its own), dist/ runs as it is.
import { statSync } from 'node:fs';
import { enableCompileCache } from '../dist/cli/compile-cache.js';

function modified(url) {
  try {
    return statSync(url).mtimeMs;
  } catch {
    return -1;
  }
}

enableCompileCache();
const bundle = new URL('../dist/bundle/main.js', import.meta.url);
const unbundled = new URL('../dist/cli/main.js', import.meta.url);
const { main } = await import((modified(bundle) >= modified(unbundled) ? bundle : unbundled).href);

process.exitCode = await main(process.argv.slice(2));
