/**
 * Self-check: run the just-generated validators on every JSON sample body of the pages (request
 * body against the request type, response body against the response type) and report each issue
 * as a positioned `sample-invalid` diagnostic on the page.
 *
 * The validators are the compiled CommonJS build, evaluated in memory (`vm.compileFunction`, in
 * this realm so that the samples' plain objects are the objects the guards expect). JSV samples
 * are skipped: their scalars are untyped text, the guards would only report noise; so is
 * ServiceStack's placeholder `"String"` in a field restricted to its Allowable Values.
 */
import { compileFunction } from 'node:vm';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { formatPath } from '../json-path.js';
import type { Model, Position, SampleBody } from '../model/model.js';
import type { SampleNode } from '../parse/blocks.js';
import { createToPoint, locateSamplePath, parseJsonSample } from '../parse/sample-body.js';
import { ALLOWABLE_VALUES_EXPECTATION } from './checks.js';
import type { NamePlan } from './names.js';

/** One issue of a generated `validateX`, as the runtime template defines it. */
interface Issue {
  path: readonly (string | number)[];
  message: string;
  expected?: string;
  received?: string;
}

type Validate = (value: unknown) => { success: boolean; issues?: readonly Issue[] };

/**
 * True for ServiceStack's sample placeholder of a string field (`"Mode":"String"`) where the
 * field admits only its Allowable Values: the page shows no value there, nothing to report.
 */
function isPlaceholder(issue: Issue): boolean {
  return (
    issue.received === JSON.stringify('String') &&
    issue.expected?.startsWith(ALLOWABLE_VALUES_EXPECTATION) === true
  );
}

/**
 * Load a CommonJS module graph held in memory.
 *
 * @param files
 *   Path → source of every module (`dist/cjs/index.js`…).
 * @param entry
 *   The path of the entry module.
 */
export function loadCommonJs(
  files: ReadonlyMap<string, string>,
  entry: string,
): Record<string, unknown> {
  const cache = new Map<string, { exports: Record<string, unknown> }>();
  const load = (path: string): Record<string, unknown> => {
    const cached = cache.get(path);
    if (cached) return cached.exports;
    const code = files.get(path);
    if (code === undefined) throw new Error(`Cannot find generated module ${path}`);
    const module = { exports: {} as Record<string, unknown> };
    cache.set(path, module);
    const folder = path.slice(0, path.lastIndexOf('/') + 1);
    const require = (specifier: string) => {
      if (!specifier.startsWith('./')) throw new Error(`Unexpected import ${specifier}`);
      return load(folder + specifier.slice(2));
    };
    const run = compileFunction(code, ['exports', 'require', 'module'], { filename: path });
    run.call(module.exports, module.exports, require, module);
    return module.exports;
  };
  return load(entry);
}

/** The positioned tree of a sample, when its text sits at its source offset in the page. */
function readTree(file: VFile, sample: SampleBody): SampleNode | undefined {
  const start = sample.source.position.start.offset;
  if (start === undefined) return undefined;
  if (String(file.value).slice(start, start + sample.text.length) !== sample.text) return undefined;
  const result = parseJsonSample(sample.text, start, createToPoint(file));
  return result.ok ? result.node : undefined;
}

/**
 * Validate every JSON sample of the model and report each issue on its page.
 *
 * @param model
 *   The model (operations carry the samples).
 * @param plan
 *   The names of the generated validators.
 * @param cjs
 *   The compiled CommonJS build: path (`dist/cjs/index.js`…) → source.
 * @param pages
 *   Page path → vfile; samples of other pages are not checked.
 * @returns
 *   Problems of dtoforge itself (the generated code could not be loaded), for the caller.
 */
export function checkSamples(
  model: Model,
  plan: NamePlan,
  cjs: ReadonlyMap<string, string>,
  pages: ReadonlyMap<string, VFile>,
): string[] {
  let api: Record<string, unknown>;
  try {
    api = loadCommonJs(cjs, 'dist/cjs/index.js');
  } catch (error) {
    return [`The generated package could not be loaded: ${String(error)}`];
  }
  for (const operation of model.operations) {
    const checks = [
      { role: 'request', sample: operation.samples.request, type: operation.request },
      { role: 'response', sample: operation.samples.response, type: operation.response },
    ];
    for (const { role, sample, type } of checks) {
      if (sample === undefined || type === undefined || sample.format !== 'json') continue;
      const file = pages.get(sample.source.file);
      const validate = api[plan.names.get(type)?.validate ?? ''];
      if (file === undefined || typeof validate !== 'function') continue;
      let result: ReturnType<Validate>;
      try {
        result = (validate as Validate)(sample.value);
      } catch (error) {
        return [`The generated validator of ${type} threw: ${String(error)}`];
      }
      if (result.success) continue;
      const tree = readTree(file, sample);
      for (const issue of result.issues ?? []) {
        if (isPlaceholder(issue)) continue;
        const place: Position =
          (tree && locateSamplePath(tree, issue.path)) ?? sample.source.position;
        const received = issue.received ?? 'value';
        const expected = issue.expected ?? issue.message;
        report(
          file,
          'sample-invalid',
          `Unexpected ${received} at \`${formatPath(issue.path)}\` in the sample ${role}, expected ${expected} (type \`${type}\`)`,
          place,
        );
      }
    }
  }
  return [];
}
