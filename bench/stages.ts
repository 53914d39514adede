/**
 * Run dtoforge's stages in-process on a folder of pages, with a timer around each: read (parse
 * each page), infer (build the model), declarations (`types.ts` alone from the model: the job
 * openapi-typescript does, measured on its own before emit, which does it again), emit
 * (`emitPackage`: every file of the package, compiled), write (the package to a temp folder with
 * `writeOutput`).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { VFile } from 'vfile';
import { resolveConfig, type DtoforgeConfig } from '../src/config/config.js';
import { emitPackage, type EmitResult } from '../src/emit/index.js';
import { planPackageNames } from '../src/emit/index.js';
import { withServiceStackTypes } from '../src/model/builtins.js';
import { emitTypes } from '../src/emit/types.js';
import { buildModel, type ReadPage } from '../src/model/index.js';
import type { Model } from '../src/model/model.js';
import { readPage } from '../src/parse/index.js';
import { writeOutput } from '../src/write.js';

export interface StageTimes {
  read: number;
  infer: number;
  /**
   * `types.ts` alone from the model (names planned, declarations printed): what openapi-typescript
   * does with a document. Not part of the total: emit does it again.
   */
  declarations: number;
  /** `emitPackage` as a whole. */
  emit: number;
  write: number;
}

export interface StageRun {
  times: StageTimes;
  pages: number;
  blocks: number;
  types: number;
  errors: string[];
  problems: string[];
  model: Model;
  emitted: EmitResult;
  config: DtoforgeConfig;
  /** Bytes of page text read. */
  inputBytes: number;
  /** `process.memoryUsage().rss` after the run, bytes. */
  rssAfter: number;
}

/**
 * Run the stages on a dtoforge project folder (its `dtoforge.config.json` and input pages).
 *
 * @param dir
 *   The project folder.
 * @param options
 *   `configFile`: another config than the folder's `dtoforge.config.json`.
 */
export async function runStages(
  dir: string,
  options: { configFile?: string } = {},
): Promise<StageRun> {
  const configPath = options.configFile ?? path.join(dir, 'dtoforge.config.json');
  const config = resolveConfig(
    JSON.parse(await readFile(configPath, 'utf8')) as Partial<DtoforgeConfig>,
  );
  const inputDir = path.resolve(path.dirname(configPath), config.input[0] ?? 'input');
  const { readdir } = await import('node:fs/promises');
  const names = (await readdir(inputDir)).filter((name) => /\.(txt|md)$/.test(name)).sort();
  const texts = await Promise.all(
    names.map(async (name) => ({
      path: path.join(path.relative(dir, inputDir), name),
      value: await readFile(path.join(inputDir, name), 'utf8'),
    })),
  );
  const inputBytes = texts.reduce((sum, text) => sum + text.value.length, 0);

  let started = performance.now();
  const pages: ReadPage[] = texts.map((text) => {
    const file = new VFile({ path: text.path, value: text.value });
    return { file, page: readPage(file) };
  });
  const read = performance.now() - started;

  started = performance.now();
  const model = buildModel(pages, config);
  const infer = performance.now() - started;

  started = performance.now();
  const full = withServiceStackTypes(model);
  const declared = emitTypes(full, planPackageNames(full), {
    optional: config.optional,
    enumStyle: config.enumStyle,
    enums: config.enums,
  });
  const declarations = performance.now() - started;
  if (declared.text.length === 0) throw new Error('types.ts is empty');
  started = performance.now();
  const emitted = await emitPackage({
    model,
    config,
    pages: new Map(pages.map(({ file }) => [file.path, file])),
  });
  const emit = performance.now() - started;

  const out = await mkdtemp(path.join(os.tmpdir(), 'dtoforge-bench-out-'));
  started = performance.now();
  await writeOutput(path.join(out, 'generated'), emitted.files);
  const write = performance.now() - started;
  await rm(out, { recursive: true, force: true });

  const errors = pages.flatMap(({ file }) =>
    file.messages.filter((message) => message.fatal === true).map(String),
  );
  return {
    times: { read, infer, declarations, emit, write },
    pages: pages.length,
    blocks: pages.reduce((sum, { page }) => sum + page.blocks.length, 0),
    types: model.types.length,
    errors,
    problems: emitted.problems,
    model,
    emitted,
    config,
    inputBytes,
    rssAfter: process.memoryUsage().rss,
  };
}
