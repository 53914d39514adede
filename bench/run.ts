/**
 * `npm run bench [-- --quick]`: install the bench's own packages when they are missing (its
 * peers need TypeScript 5, kept apart from the root's TypeScript 7), then run the benchmarks.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

if (!existsSync(path.join(here, 'node_modules'))) {
  process.stderr.write('[bench] installing bench/ packages (npm ci --prefix bench)\n');
  execFileSync(
    process.platform === 'win32' ? 'npm.cmd' : 'npm',
    ['ci', '--prefix', here, '--no-audit', '--no-fund'],
    { stdio: 'inherit' },
  );
}

await import('./main.js');
