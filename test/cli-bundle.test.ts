/**
 * The command line's bundle (scripts/bundle-cli.mjs → dist/bundle/, built by
 * test/global-setup.ts as by `npm run build`): bin/dtoforge.js runs it when it is fresh and
 * dist/cli/main.js when it is missing or stale, and both write the same package and print the
 * same report (markdown and HTML pages, the repository's config and a config with an error).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeProject } from './cli-helpers.js';

const repo = path.resolve(import.meta.dirname, '..');
const bin = path.join(repo, 'bin', 'dtoforge.js');
const unbundled = path.join(repo, 'dist', 'cli', 'main.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs dist/cli/main.js the way bin/dtoforge.js runs the bundle. */
const RUN_UNBUNDLED = `const { main } = await import(${JSON.stringify(pathToFileURL(unbundled).href)});
process.exitCode = await main(process.argv.slice(2));
`;

function run(args: string[], cwd: string, entry: 'bin' | 'unbundled'): Run {
  let script = bin;
  if (entry === 'unbundled') {
    script = path.join(cwd, 'run-unbundled.mjs');
    writeFileSync(script, RUN_UNBUNDLED);
  }
  const child = spawnSync(process.execPath, [script, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', DTOFORGE_COMPILE_CACHE: '0' },
  });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** Every file under `folder` (relative path → text), the run's manifest aside (it has times). */
function files(folder: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    found.set(path.relative(folder, file), readFileSync(file, 'utf8'));
  }
  return found;
}

describe('the bundled command line', () => {
  it('is a handful of modules that import only Node, esbuild, ts-morph, prettier and ajv', () => {
    const folder = path.join(repo, 'dist', 'bundle');
    const modules = readdirSync(folder).filter((name) => name.endsWith('.js'));
    expect(modules).toContain('main.js');
    expect(modules).toContain('config-validator.js');
    expect(modules.length).toBeLessThan(40);
    const imported = new Set<string>();
    for (const name of modules) {
      const code = readFileSync(path.join(folder, name), 'utf8');
      // Static imports open a line (esbuild prints one per line); dynamic ones are literal calls.
      for (const match of code.matchAll(
        /^import\b[^;\n]*?\bfrom\s*"([^"]+)";$|\bimport\("([^"]+)"\)/gm,
      )) {
        const specifier = match[1] ?? match[2] ?? '';
        const builtin = specifier.startsWith('node:') || builtinModules.includes(specifier);
        if (!specifier.startsWith('.') && !builtin) imported.add(specifier);
      }
    }
    expect(imported).toContain('prettier/doc'); // the scan finds imports
    const allowed = /^(esbuild|ts-morph|typescript|prettier(\/.*)?|ajv(\/.*)?)$/;
    expect([...imported].filter((specifier) => !allowed.test(specifier))).toEqual([]);
  });

  it('writes the same package as dist/cli/main.js, from markdown and HTML pages', async () => {
    const root = await makeProject({
      'dtoforge.config.json': readFileSync(path.join(repo, 'dtoforge.config.json'), 'utf8'),
      'input/BuyPhoneNumber.txt': readFileSync(
        path.join(repo, 'input', 'BuyPhoneNumber.txt'),
        'utf8',
      ),
      'input/QueryCustomers.html': readFileSync(
        path.join(repo, 'test', 'fixtures', 'html', 'QueryCustomers.html'),
        'utf8',
      ),
    });
    const bundled = run(['generate', '--out', 'bundled'], root, 'bin');
    const plain = run(['generate', '--out', 'plain'], root, 'unbundled');
    const timeless = (text: string): string =>
      text.replace(/ in \d+ ms/, '').replaceAll('plain', 'bundled');
    expect(timeless(bundled.stderr)).toBe(timeless(plain.stderr));
    expect(bundled.code).toBe(0);
    expect(plain.code).toBe(0);
    const written = files(path.join(root, 'bundled'));
    expect(written.get('src/types.ts')).toContain('export interface EndpointInfo');
    expect(written.get('src/types.ts')).toContain('export interface QueryCustomers');
    written.delete('.dtoforge-manifest.json');
    const expected = files(path.join(root, 'plain'));
    expected.delete('.dtoforge-manifest.json');
    expect(written).toEqual(expected);

    // The config validator (copied beside the bundle) reports the same error.
    writeFileSync(path.join(root, 'dtoforge.config.json'), '{ "input": ["input"], "outptu": 1 }');
    const badBundled = run(['inspect'], root, 'bin');
    expect(badBundled.code).toBe(2);
    expect(badBundled.stderr).toContain('unknown key "outptu"');
    expect(badBundled).toEqual(run(['inspect'], root, 'unbundled'));
  });

  it('runs dist/cli/main.js when the bundle is missing or older than it', async () => {
    // A copy of bin/dtoforge.js over a stand-in dist/ whose two entries say which one ran.
    const root = await makeProject({
      'bin/dtoforge.js': readFileSync(bin, 'utf8'),
      'dist/cli/compile-cache.js': 'export function enableCompileCache() {}\n',
      'dist/cli/main.js': 'export async function main() { console.log("unbundled"); return 0; }\n',
      'dist/bundle/main.js': 'export async function main() { console.log("bundle"); return 0; }\n',
    });
    const ran = (): string =>
      spawnSync(process.execPath, [path.join(root, 'bin', 'dtoforge.js')], {
        encoding: 'utf8',
      }).stdout.trim();
    const bundle = path.join(root, 'dist', 'bundle', 'main.js');
    const main = path.join(root, 'dist', 'cli', 'main.js');
    utimesSync(main, 1_000_000, 1_000_000);
    utimesSync(bundle, 2_000_000, 2_000_000);
    expect(ran()).toBe('bundle');
    utimesSync(bundle, 1_000_000, 1_000_000);
    expect(ran()).toBe('bundle');
    utimesSync(bundle, 500_000, 500_000);
    expect(ran()).toBe('unbundled');
    rmSync(bundle);
    expect(ran()).toBe('unbundled');
  });
});
