#!/usr/bin/env node
// The `dtoforge` command: runs the compiled CLI in dist/ (built by `npm run build`, which
// `npm ci` runs through the `prepare` script).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
