/**
 * Vitest global setup: build src → dist once, so that tests spawning the real `dtoforge` binary
 * (bin/dtoforge.js runs dist/bundle/main.js) test the current sources; as `npm run build` does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The steps of `npm run build` (package.json), each with the file it must leave behind. */
const STEPS: { args: string[]; leaves: string }[] = [
  {
    args: ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'],
    leaves: 'dist/cli/main.js',
  },
  // The config validator, compiled from config.schema.json.
  { args: ['scripts/build-config-validator.mjs'], leaves: 'dist/config/config-validator.js' },
  // The command line's bundle, which bin/dtoforge.js runs.
  { args: ['scripts/bundle-cli.mjs'], leaves: 'dist/bundle/main.js' },
];

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  for (const { args, leaves } of STEPS) {
    const step = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    if (step.status !== 0 || !existsSync(path.join(root, leaves))) {
      throw new Error(`npm run build failed at ${args.join(' ')}:\n${step.stdout}${step.stderr}`);
    }
  }
}
