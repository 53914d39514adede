/**
 * A page larger than `maxPageBytes` is not read: an error on the page, nothing written, so
 * that memory stays bounded whatever the input (issue #14: a 20 MB page of rows took 10 GB).
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/config/config.js';
import { generate } from '../src/index.js';
import { ROOT } from './helpers/pages-run.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function project(maxPageBytes?: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dtoforge-size-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'input'));
  const page = readFileSync(path.join(ROOT, 'input/BuyPhoneNumber.txt'), 'utf8');
  writeFileSync(path.join(dir, 'input/BuyPhoneNumber.txt'), page);
  writeFileSync(path.join(dir, 'package.json'), '{}');
  const config = JSON.parse(
    readFileSync(path.join(ROOT, 'dtoforge.config.json'), 'utf8'),
  ) as Record<string, unknown>;
  if (maxPageBytes !== undefined) config['maxPageBytes'] = maxPageBytes;
  writeFileSync(path.join(dir, 'dtoforge.config.json'), JSON.stringify(config));
  return dir;
}

describe('page size limit', () => {
  it('defaults to 4 MiB, far above a real page', () => {
    expect(DEFAULT_CONFIG.maxPageBytes).toBe(4 * 1024 * 1024);
  });

  it('reports a page over the limit, unread, and writes nothing', async () => {
    const dir = project(1000);
    const result = await generate({ cwd: dir, write: true });
    expect(result.failed).toBe(true);
    expect(result.written).toBe(false);
    expect(existsSync(path.join(dir, 'generated'))).toBe(false);
    const page = result.diagnostics.find((file) => file.path.endsWith('BuyPhoneNumber.txt'));
    const messages = page?.messages ?? [];
    expect(messages.map((m) => m.ruleId)).toEqual(['page-too-large']);
    expect(messages[0]?.fatal).toBe(true);
    expect(messages[0]?.line).toBeUndefined();
    expect(messages[0]?.reason).toMatch(/page of 19 KB, expected at most 1 KB.*maxPageBytes/);
  });

  it('reads a page under the limit', async () => {
    const dir = project(1_000_000);
    const result = await generate({ cwd: dir });
    expect(result.diagnostics.flatMap((file) => file.messages).filter((m) => m.fatal)).toEqual([]);
    expect(result.model.types.length).toBeGreaterThan(40);
  });
});
