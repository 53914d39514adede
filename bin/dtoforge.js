#!/usr/bin/env node
// The `dtoforge` command: runs the compiled CLI in dist/ (built by `npm run build`, which
// `npm ci` runs through the `prepare` script). The code cache (dist/cli/compile-cache.js) is on
// in the command only, not when dtoforge is used as a library.
import { enableCompileCache } from '../dist/cli/compile-cache.js';

enableCompileCache();
const { main } = await import('../dist/cli/main.js');

process.exitCode = await main(process.argv.slice(2));
