/**
 * The real `dtoforge` binary (bin/dtoforge.js → dist/, built by test/global-setup.ts), spawned
 * as a user runs it: help, exit codes, and `validate` against the package generated from the
 * repository's own page.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKEN_PAGE, GOOD_PAGE, configText, makeProject } from './cli-helpers.js';

const repo = path.resolve(import.meta.dirname, '..');
const bin = path.join(repo, 'bin', 'dtoforge.js');

/** Run `node bin/dtoforge.js …` and collect its output. */
function dtoforge(
  args: string[],
  options: { cwd?: string; input?: string } = {},
): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? repo,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    ...(options.input === undefined ? {} : { input: options.input }),
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the dtoforge binary', () => {
  it('teaches the usage: --help on the program and on generate', () => {
    const help = dtoforge(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: dtoforge [options] [command]');
    expect(help.stdout).toMatch(/generate .*\n[\s\S]*inspect .*\n[\s\S]*validate /);
    const generate = dtoforge(['generate', '--help']);
    expect(generate.code).toBe(0);
    expect(generate.stdout).toContain('--check');
    expect(generate.stdout).toContain('$ dtoforge generate --watch');
  });

  it('runs through npx from the repository (the package’s own bin)', () => {
    const run = spawnSync('npx', ['--no-install', 'dtoforge', '--version'], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 2 on a config error, naming the key', async () => {
    const root = await makeProject({
      'dtoforge.config.json': configText({ input: ['pages'], outptu: 'x' }),
      'pages/GetThing.txt': GOOD_PAGE,
    });
    const run = dtoforge(['generate'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown key "outptu"');
    expect(run.stderr).toContain('did you mean "output"?');
  });

  it('exits 1 on a malformed row, with file:line:col and the rule id', async () => {
    const root = await makeProject({ 'pages/GetThing.txt': BROKEN_PAGE });
    const run = dtoforge(['inspect', 'pages'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bad-required');
    expect(run.stderr).toMatch(/first error at pages\/GetThing\.txt:4:\d+/);
    expect(JSON.parse(run.stdout)).toHaveProperty('types');
  });

  it('inspect input/BuyPhoneNumber.txt exits 0 and prints the model', () => {
    const run = dtoforge(['inspect', 'input/BuyPhoneNumber.txt']);
    expect(run.code).toBe(0);
    const model = JSON.parse(run.stdout) as { operations: { name: string; response?: string }[] };
    expect(model.operations[0]).toMatchObject({ name: 'BuyPhoneNumber', response: 'EndpointInfo' });
  });
});

describe('dtoforge generate --watch', () => {
  it('exits 0 on SIGINT after generating', async () => {
    const root = await makeProject({
      'dtoforge.config.json': configText({ input: ['pages'], output: 'out' }),
      'pages/GetThing.txt': GOOD_PAGE,
    });
    const child = spawn(process.execPath, [bin, 'generate', '--watch'], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    const exited = new Promise<string>((resolve) =>
      child.on('exit', (code, signal) => resolve(`${code ?? signal}`)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('press Ctrl-C to stop')) resolve();
      });
      child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    child.kill('SIGINT');
    expect(await exited, JSON.stringify(stderr)).toBe('0');
    expect(stderr).toMatch(/generated in \d+ ms \(wrote out\)/);
    expect(stderr).toContain('Stopped watching.');
  });
});

describe('dtoforge validate against the package generated from input/', () => {
  let out: string;
  let sample: Record<string, unknown>;

  beforeAll(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'dtoforge-pkg-'));
    const generate = dtoforge(['generate', '--quiet', '--allow-outside-project', '--out', out]);
    expect(generate.stderr).toBe('');
    expect(generate.code).toBe(0);
    const model = JSON.parse(dtoforge(['inspect', '--quiet']).stdout) as {
      operations: { samples: { response?: { value: Record<string, unknown> } } }[];
    };
    sample = model.operations[0]?.samples.response?.value ?? {};
    await writeFile(path.join(out, 'sample.json'), JSON.stringify(sample, null, 2));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('accepts the page’s own sample response (exit 0)', () => {
    const run = dtoforge(['validate', 'EndpointInfo', path.join(out, 'sample.json'), '--out', out]);
    expect(run.stderr).toMatch(/^Valid EndpointInfo/);
    expect(run.code).toBe(0);
  });

  it('rejects a mutated response with the path of each issue (exit 1)', () => {
    const mutated = { ...sample, accountId: 42, customerBreadcrumb: 'nope' };
    const run = dtoforge(['validate', 'EndpointInfo', '-', '--out', out], {
      input: JSON.stringify(mutated, null, 2),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/at accountId: /);
    expect(run.stderr).toMatch(/at customerBreadcrumb: /);
  });

  it('prints what the README shows for a response with a wrong accountId', async () => {
    await writeFile(
      path.join(out, 'response.json'),
      JSON.stringify(Object.assign({ accountId: 42 }, sample, { accountId: 42 }), null, 2),
    );
    const run = dtoforge(['validate', 'EndpointInfo', 'response.json', '--out', '.'], { cwd: out });
    expect(run.code).toBe(1);
    const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
    const shown = /<!-- validate-example:start -->\s*```text\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(run.stderr).toBe(shown);
  });

  it('exits 2 on an unknown type with close names', () => {
    const run = dtoforge(['validate', 'EndpointInf', '-', '--out', out], { input: '{}' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('did you mean EndpointInfo');
  });
});
