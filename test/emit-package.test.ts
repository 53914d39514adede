/**
 * The emitted package works as a package: it type-checks with tsc, packs with `npm pack`, installs
 * into a consumer folder and is used from ESM and CommonJS, narrows types there (tsc over
 * test/consumer/narrowing.ts with NodeNext), and passes attw and publint.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/config.js';
import { emitPackage, type EmitResult } from '../src/emit/index.js';
import { buildSliceModel } from './fixtures/evo-slice/model.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'node_modules', '.bin');
const WORK = join(ROOT, 'test', 'tmp', `emit-package-${process.pid}`);
const PACKAGE = join(WORK, 'generated');
const CONSUMER = join(WORK, 'consumer');

const config = resolveConfig({
  package: {
    name: 'evo-voice-dtos',
    version: '1.2.3',
    description: 'Evo Voice DTOs (test)',
    license: 'MIT',
  },
});

let result: EmitResult;

/** Run a command; resolve with its output, reject with stdout and stderr in the message. */
async function exec(file: string, args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run(file, args, { cwd, env: { ...process.env, NO_COLOR: '1' } });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(' ')} failed:\n${stdout}\n${stderr}`);
  }
}

beforeAll(async () => {
  result = await emitPackage({ model: buildSliceModel(), config });
  await rm(WORK, { recursive: true, force: true });
  for (const file of result.files) {
    const path = join(PACKAGE, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
  }
  // The consumer: the fixture files, then the packed package installed from its tarball.
  await cp(join(ROOT, 'test', 'consumer'), CONSUMER, { recursive: true });
  const tarball = (await exec('npm', ['pack', '--pack-destination', WORK], PACKAGE)).trim();
  await exec(
    'npm',
    [
      'install',
      '--offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--no-package-lock',
      join(WORK, tarball.split('\n').at(-1) ?? ''),
    ],
    CONSUMER,
  );
});

afterAll(async () => {
  await rm(WORK, { recursive: true, force: true });
});

describe.concurrent('the emitted package', () => {
  it('has no compile problems and type-checks with tsc (strict, exactOptionalPropertyTypes)', async () => {
    expect(result.problems).toEqual([]);
    await exec(join(BIN, 'tsc'), ['--noEmit', '-p', 'tsconfig.json'], PACKAGE);
  });

  it('packs the compiled builds, the sources and the schemas, nothing else', async () => {
    const installed = join(CONSUMER, 'node_modules', 'evo-voice-dtos');
    const files = (await readdir(installed, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(installed.length + 1));
    expect(files).toContain('dist/esm/index.js');
    expect(files).toContain('dist/esm/index.d.ts');
    expect(files).toContain('dist/cjs/index.js');
    expect(files).toContain('dist/cjs/index.d.ts');
    expect(files).toContain('dist/cjs/package.json');
    expect(files).toContain('src/guards.ts');
    expect(files).toContain('schemas.json');
    expect(files).toContain('README.md');
    expect(files).not.toContain('tsconfig.json');
  });

  it('is usable from an ES module', async () => {
    expect((await exec('node', ['esm.mjs'], CONSUMER)).trim()).toBe('ok');
  });

  it('is usable from CommonJS', async () => {
    expect((await exec('node', ['cjs.cjs'], CONSUMER)).trim()).toBe('ok');
  });

  it('narrows types in a NodeNext consumer (ESM and CJS types)', async () => {
    await exec(join(BIN, 'tsc'), ['-p', 'tsconfig.json'], CONSUMER);
  });

  it('passes @arethetypeswrong/cli', async () => {
    const output = await exec(join(BIN, 'attw'), ['--pack', PACKAGE, '--format', 'json'], WORK);
    const report = JSON.parse(output) as { problems?: unknown[] | Record<string, unknown> };
    expect(Object.values(report.problems ?? {})).toEqual([]);
  });

  it('passes publint: no error or warning, and only the suggestion we know of', async () => {
    const { messages, pkg } = await publint({ pkgDir: PACKAGE, level: 'suggestion', pack: 'npm' });
    const text = (type: string) =>
      messages
        .filter((message) => message.type === type)
        .map((message) => `${message.code}: ${formatMessage(message, pkg, { color: false })}`);
    expect(text('error')).toEqual([]);
    expect(text('warning')).toEqual([]);
    // Note: the package states no `engines.node` (a choice of the template, not an oversight of
    // this test): any other suggestion fails here.
    expect(messages.filter((m) => m.type === 'suggestion').map((m) => m.code)).toEqual([
      'USE_ENGINES_NODE',
    ]);
  });
});
