/**
 * The API fixtures of the client and OpenAPI tests, and their packages on disk.
 *
 * A fixture is a set of real pages and a config naming what the pages cannot know: the Evo Voice
 * page (`input/`, with the project's own config) and every shared page that reaches its sample
 * section (`test/fixtures/api-pages/<page>/`: the page saved as `<Operation>.txt`, and
 * `config.json`). The tests take the model the pages give as it is (the inference may still
 * bind a page wrongly) and check the clients and the OpenAPI document against that model.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveConfig, type DtoforgeConfig } from '../../src/config/config.js';
import { emitPackage, type EmitResult } from '../../src/emit/index.js';
import type { Model, Operation } from '../../src/model/model.js';
import { ROOT, runStages } from './pages-run.js';

/** The folder of the shared pages' fixtures, relative to the root. */
export const API_PAGES_DIR = 'test/fixtures/api-pages';

export interface ApiFixture {
  /** `evo-voice`, or the shared page's name (`send-message.team-json`). */
  name: string;
  /** Page files relative to the root. */
  pages: string[];
  config: DtoforgeConfig;
}

/** The Evo Voice fixture: input/ with the project's config. */
export function evoVoiceFixture(): ApiFixture {
  const config = JSON.parse(
    readFileSync(path.join(ROOT, 'dtoforge.config.json'), 'utf8'),
  ) as Partial<DtoforgeConfig>;
  return { name: 'evo-voice', pages: ['input/BuyPhoneNumber.txt'], config: resolveConfig(config) };
}

/** Every fixture: Evo Voice first, then the shared pages by name. */
export function apiFixtures(): ApiFixture[] {
  const shared = readdirSync(path.join(ROOT, API_PAGES_DIR), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name): ApiFixture => {
      const dir = path.join(API_PAGES_DIR, name);
      const files = readdirSync(path.join(ROOT, dir)).filter((file) => file.endsWith('.txt'));
      const config = JSON.parse(
        readFileSync(path.join(ROOT, dir, 'config.json'), 'utf8'),
      ) as Partial<DtoforgeConfig>;
      return {
        name,
        pages: files.sort().map((file) => `${dir}/${file}`),
        config: resolveConfig(config),
      };
    });
  return [evoVoiceFixture(), ...shared];
}

export interface WrittenPackage {
  fixture: ApiFixture;
  model: Model;
  emitted: Required<EmitResult>;
  /** The package's folder (absolute). */
  dir: string;
}

/**
 * Build the fixture's model (as `dtoforge inspect` does), emit its package with the product's
 * `emitPackage` and write it to `dir`. Errors on the pages do not stop it: the package of the
 * model the pages give is what the tests check.
 *
 * @param fixture
 *   The fixture.
 * @param dir
 *   The package's folder (replaced).
 * @param config
 *   Options over the fixture's config (`enumStyle`…).
 */
export async function writeFixturePackage(
  fixture: ApiFixture,
  dir: string,
  config: Partial<DtoforgeConfig> = {},
): Promise<WrittenPackage> {
  const merged = { ...fixture.config, ...config };
  const { model } = runStages(fixture.pages, merged);
  const emitted = await emitPackage({ model, config: merged });
  await rm(dir, { recursive: true, force: true });
  for (const file of emitted.files) {
    const target = path.join(dir, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }
  return { fixture: { ...fixture, config: merged }, model, emitted, dir };
}

/**
 * Import one module of a written package's ES module build.
 *
 * @param dir
 *   The package's folder.
 * @param name
 *   The module (`client`, `servicestack`, `index`).
 */
export async function importBuilt<T>(dir: string, name: string): Promise<T> {
  return (await import(pathToFileURL(path.join(dir, 'dist', 'esm', `${name}.js`)).href)) as T;
}

/** The files of a folder, recursively, relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

/** A written package's source file. */
export async function readSource(dir: string, file: string): Promise<string> {
  return readFile(path.join(dir, 'src', file), 'utf8');
}

/** The JSON sample request of an operation (a copy), or `{}`. */
export function sampleRequest(operation: Operation): Record<string, unknown> {
  const sample = operation.samples.request;
  const value = sample?.format === 'json' ? sample.value : undefined;
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? { ...(value as Record<string, unknown>) }
    : {};
}

/** The JSON sample response of an operation, or `{}`. */
export function sampleResponse(operation: Operation): unknown {
  const sample = operation.samples.response;
  return sample?.format === 'json' ? sample.value : {};
}

/**
 * Type-check files of a folder as a consumer's ES modules (strict, `exactOptionalPropertyTypes`,
 * NodeNext, DOM types) with the project's tsc.
 *
 * @param dir
 *   The folder (a `tsconfig.json` and a `package.json` are written there).
 * @param files
 *   The files, relative to it.
 * @returns
 *   tsc's output: empty when they type-check.
 */
export async function typeCheckFolder(dir: string, files: readonly string[]): Promise<string> {
  await writeFile(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022', 'DOM'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: true,
        noEmit: true,
        types: [],
      },
      files,
    }),
  );
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}
