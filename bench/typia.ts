/**
 * typia without a compiler plugin: `typia generate` (its CLI, TypeScript 5 from the bench's own
 * package) rewrites a template holding `typia.createIs<EndpointInfo>()` into plain code, over the
 * `types.ts` dtoforge emitted. The work folder lives in bench/node_modules/.cache (git-ignored,
 * and `typia/lib/internal/*` resolves from there).
 */
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);

export interface TypiaGuards {
  is: (value: unknown) => boolean;
  validate: (value: unknown) => { success: boolean };
  /** How long `typia generate` took (ms). */
  generateMs: number;
}

/**
 * Generate typia's `is` and `validate` for one type of the emitted `types.ts`.
 *
 * @param typesSource
 *   The package's `src/types.ts`.
 * @param typeName
 *   The exported type (`EndpointInfo`).
 */
export async function buildTypiaGuards(
  typesSource: string,
  typeName: string,
): Promise<TypiaGuards> {
  const work = path.join(here, 'node_modules', '.cache', 'dtoforge-typia');
  await rm(work, { recursive: true, force: true });
  await mkdir(path.join(work, 'in'), { recursive: true });
  await writeFile(path.join(work, 'package.json'), '{ "type": "module" }\n');
  await writeFile(
    path.join(work, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        exactOptionalPropertyTypes: true,
        skipLibCheck: true,
        noEmit: true,
      },
      include: ['in'],
    }),
  );
  await writeFile(path.join(work, 'in', 'types.ts'), typesSource);
  await writeFile(
    path.join(work, 'in', 'guards.ts'),
    [
      "import typia from 'typia';",
      `import type { ${typeName} } from './types.js';`,
      `export const is = typia.createIs<${typeName}>();`,
      `export const validate = typia.createValidate<${typeName}>();`,
      '',
    ].join('\n'),
  );
  const require = createRequire(path.join(here, 'package.json'));
  const cli = path.join(
    path.dirname(require.resolve('typia/package.json')),
    'lib/executable/typia.js',
  );
  const started = performance.now();
  await run(
    process.execPath,
    [cli, 'generate', '--input', 'in', '--output', 'out', '--project', 'tsconfig.json'],
    { cwd: work },
  );
  const generateMs = performance.now() - started;
  // Note: the output is TypeScript; tsx (which runs the bench) loads it.
  const module = (await import(pathToFileURL(path.join(work, 'out', 'guards.ts')).href)) as {
    is: TypiaGuards['is'];
    validate: TypiaGuards['validate'];
  };
  return { is: module.is, validate: module.validate, generateMs };
}
