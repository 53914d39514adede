// Build step (after tsc and the config validator): bundle the command line into dist/bundle/, so
// that `dtoforge` starts by loading a few ES modules instead of ~400 (unified, micromark, mdast
// utilities, commander, immutable and dist/ itself). On Node 20, resolving, reading and linking
// each module costs more than parsing its code: the bundle cuts a cold `generate` on input/ by
// about a quarter (bench/results.md). What the CLI imports lazily stays lazy (code splitting: one
// chunk per `await import()`), so `inspect` does not load the emitters and `generate` does not
// load `watch`.
//
// Left outside the bundle, loaded from node_modules at run time as before:
// - esbuild (a native binary beside its JavaScript), ts-morph and TypeScript (12 MB, loaded only
//   when needed), prettier's parsers (loaded only for a file a printer was not sure of);
// - what the sources load through createRequire (ajv's fallback, the HTML readers);
// - dist/cli/compile-cache.js, which bin/dtoforge.js loads before the bundle.
//
// dist/bundle/ sits two folders below the package root like every dist/<stage>/ module, so the
// paths the sources build from import.meta.url (../../templates/, ../../package.json,
// ../../config.schema.json) point at the same files; the config validator the bundle imports by
// a relative URL (./config-validator.js) is copied beside it. bin/dtoforge.js runs
// dist/cli/main.js instead when the bundle is missing or older than it (a bare `tsc` rebuild).
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;
const outdir = `${dist}/bundle`;

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: [`${dist}/cli/main.js`],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Packages' ES builds when they have one (jsonc-parser's CommonJS build requires its parts by
  // computed names, which a bundle cannot follow; ES builds also shake out what is not used).
  mainFields: ['module', 'main'],
  external: ['esbuild', 'ts-morph', 'typescript', 'prettier', 'ajv'],
  // Bundled CommonJS modules call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __dtoforgeCreateRequire } from 'node:module';\nconst require = __dtoforgeCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
});

const validator = `${dist}/config/config-validator.js`;
if (!existsSync(validator)) {
  throw new Error(`${validator} is missing: run scripts/build-config-validator.mjs first`);
}
copyFileSync(validator, `${outdir}/config-validator.js`);
