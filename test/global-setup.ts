/**
 * Vitest global setup: build src → dist once, so that tests spawning the real `dtoforge` binary
 * (bin/dtoforge.js runs dist/bundle/main.js) test the current sources; as `npm run build` does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (build.status !== 0 || !existsSync(path.join(root, 'dist', 'cli', 'main.js'))) {
    throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  }
  // The build's second step (package.json "build"): the config validator.
  const validator = spawnSync(
    process.execPath,
    [path.join(root, 'scripts', 'build-config-validator.mjs')],
    { cwd: root, encoding: 'utf8' },
  );
  if (validator.status !== 0) {
    throw new Error(`scripts/build-config-validator.mjs failed:\n${validator.stderr}`);
  }
  // The third: the command line's bundle, which bin/dtoforge.js runs.
  const bundle = spawnSync(process.execPath, [path.join(root, 'scripts', 'bundle-cli.mjs')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (bundle.status !== 0 || !existsSync(path.join(root, 'dist', 'bundle', 'main.js'))) {
    throw new Error(`scripts/bundle-cli.mjs failed:\n${bundle.stdout}${bundle.stderr}`);
  }
}
