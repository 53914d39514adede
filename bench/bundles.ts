/**
 * What a consumer ships: esbuild bundles (minified, ESM) of an emitted package's sources that
 * import only some exports (`isTag`; `isEndpointInfo` + `validateEndpointInfo`; everything), and
 * ajv's standalone code for the same JSON Schema definition, bundled the same way. Used by the
 * bench (bench/main.ts) and by test/guards-bundle.test.ts.
 */
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standalone from 'ajv/dist/standalone/index.js';
import { build, type Plugin } from 'esbuild';

/** One bundle: its minified size and that size gzipped, in bytes, and its code. */
export interface BundleSize {
  bytes: number;
  gzip: number;
  text: string;
}

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Serve the package's `src/` files from memory: `./guards.js` → `guards.ts` (NodeNext imports).
 *
 * @param files
 *   The package's sources by name (`guards.ts`, `runtime.ts`, …).
 */
function memoryPackage(files: Readonly<Record<string, string>>): Plugin {
  return {
    name: 'dtoforge-package',
    setup(b) {
      b.onResolve({ filter: /^\.\// }, (args) => ({
        path: args.path.slice(2).replace(/\.js$/, '.ts'),
        namespace: 'package',
      }));
      b.onLoad({ filter: /.*/, namespace: 'package' }, (args) => {
        const contents = files[args.path];
        if (contents === undefined) throw new Error(`The package has no src/${args.path}`);
        return { contents, loader: 'ts' };
      });
    },
  };
}

async function bundle(
  contents: string,
  options: { files?: Readonly<Record<string, string>>; loader?: 'ts' | 'js' },
): Promise<BundleSize> {
  const result = await build({
    stdin: { contents, loader: options.loader ?? 'ts', resolveDir: ROOT, sourcefile: 'entry.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins: options.files === undefined ? [] : [memoryPackage(options.files)],
  });
  const output = result.outputFiles[0]!;
  return {
    bytes: output.contents.length,
    gzip: gzipSync(output.contents).length,
    text: output.text,
  };
}

/**
 * The minified bundle of an entry that re-exports `names` from one module of the package.
 *
 * @param files
 *   The package's sources (`emitSources(…).files`).
 * @param module
 *   The module: `guards`, `index`.
 * @param names
 *   The exports to keep, or `'*'` for all of them.
 */
export function bundleExports(
  files: Readonly<Record<string, string>>,
  module: string,
  names: readonly string[] | '*',
): Promise<BundleSize> {
  const what = names === '*' ? '*' : `{ ${names.join(', ')} }`;
  return bundle(`export ${what} from './${module}.js';\n`, { files });
}

/**
 * ajv's standalone validation code for one definition of a JSON Schema document (`code.source`,
 * ESM), bundled with the ajv runtime pieces it requires.
 *
 * @param document
 *   The package's JSON Schema document (`$defs`).
 * @param definition
 *   The definition to validate.
 * @param allErrors
 *   ajv's `allErrors` (every error, as `validateX` reports them) or the first one only.
 */
export function bundleAjvStandalone(
  document: object,
  definition: string,
  allErrors: boolean,
): Promise<BundleSize> {
  const ajv = new Ajv2020({ allErrors, strict: false, code: { source: true, esm: true } });
  const validate = ajv.compile({ ...document, $ref: `#/$defs/${definition}` });
  // Note: a CommonJS module: its `default` property is the function (under any interop).
  return bundle(standalone.default(ajv, validate), { loader: 'js' });
}

/** The bundle figures of the bench report. */
export interface BundleResults {
  /** `src/guards.ts` of the package, bytes. */
  guardsSource: number;
  rows: { what: string; size: BundleSize; before?: BundleSize }[];
  /** ajv standalone for the same definition (first error / all errors). */
  ajv: { first: BundleSize; all: BundleSize };
  /** The commit the "before" figures come from, with its guards.ts size (or why there are none). */
  before: { commit: string; guardsSource?: number; missing?: string };
}

/**
 * The package before #11's guard redesign (258 KB guards.ts): its committed generated/src, read
 * from git history and bundled the same way.
 */
export const BEFORE_COMMIT = 'da2a53e';

async function sourcesAt(
  commit: string,
  names: readonly string[],
): Promise<Record<string, string>> {
  const { execFileSync } = await import('node:child_process');
  const files: Record<string, string> = {};
  for (const name of names) {
    files[name] = execFileSync('git', ['show', `${commit}:generated/src/${name}`], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  }
  return files;
}

/**
 * Measure the bundles of a package (and of the package before the redesign, when git has it).
 *
 * @param files
 *   The package's sources.
 * @param schemas
 *   Its JSON Schema document.
 * @param names
 *   The exported names of `Tag` and `EndpointInfo`.
 */
export async function benchBundles(
  files: Readonly<Record<string, string>>,
  schemas: object,
  names: { isTag: string; isInfo: string; validateInfo: string },
): Promise<BundleResults> {
  let old: Record<string, string> | undefined;
  let missing: string | undefined;
  try {
    old = await sourcesAt(BEFORE_COMMIT, Object.keys(files));
  } catch (error) {
    missing = `git show ${BEFORE_COMMIT} failed (a shallow clone?): ${String(error).split('\n')[0]}`;
  }
  const entries: [string, string, readonly string[] | '*'][] = [
    ['only isTag', 'guards', [names.isTag]],
    ['only isEndpointInfo + validateEndpointInfo', 'guards', [names.isInfo, names.validateInfo]],
    ['every guard (guards.ts)', 'guards', '*'],
    ['the whole package (index.ts)', 'index', '*'],
  ];
  const rows: BundleResults['rows'] = [];
  for (const [what, module, exported] of entries) {
    const size = await bundleExports(files, module, exported);
    const before = old === undefined ? undefined : await bundleExports(old, module, exported);
    rows.push({ what, size, ...(before === undefined ? {} : { before }) });
  }
  return {
    guardsSource: Buffer.byteLength(files['guards.ts'] ?? ''),
    rows,
    ajv: {
      first: await bundleAjvStandalone(schemas, 'EndpointInfo', false),
      all: await bundleAjvStandalone(schemas, 'EndpointInfo', true),
    },
    before: {
      commit: BEFORE_COMMIT,
      ...(old === undefined
        ? { missing: missing ?? 'not read' }
        : { guardsSource: Buffer.byteLength(old['guards.ts'] ?? '') }),
    },
  };
}
