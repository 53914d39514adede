/**
 * The README teaches what the tool does: it opens with its name and one line, then the two commands a newcomer runs,
 * it documents every config key and command, and its rule table is RULES (UPDATE=1 rewrites it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/diagnostics.js';
import { WEIGHTS } from '../src/model/evidence.js';

const repo = path.resolve(import.meta.dirname, '..');
const readmePath = path.join(repo, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const schema = JSON.parse(readFileSync(path.join(repo, 'config.schema.json'), 'utf8')) as {
  properties: Record<string, { properties?: Record<string, unknown> }>;
};

/** The rule table, generated from RULES. */
function rulesTable(): string {
  const rows = Object.entries(RULES).map(
    ([id, rule]) => `| \`${id}\` | ${rule.severity} | ${rule.summary.replaceAll('|', '\\|')} |`,
  );
  return [
    '| Rule | Severity | What it means |',
    '| ---- | -------- | ------------- |',
    ...rows,
  ].join('\n');
}

describe('README.md', () => {
  it('opens with its name, one line on what it does, then the two commands a newcomer runs', () => {
    const lines = readme.split('\n');
    expect(lines[0]).toBe('# dtoforge');
    expect(lines[1]).toBe('');
    expect(lines[2]).toMatch(/^dtoforge \S.*\.$/);
    expect(lines.slice(3, 8)).toEqual([
      '',
      '```sh',
      'npm ci && npm run generate',
      'npm test',
      '```',
    ]);
  });

  it('lists every diagnostic rule of src/diagnostics.ts', () => {
    const pattern = /<!-- rules:start -->\n[\s\S]*?<!-- rules:end -->/;
    if (process.env['UPDATE']) {
      // Note: run `npx prettier --write README.md` after an update (it aligns the table).
      writeFileSync(
        readmePath,
        readme.replace(pattern, `<!-- rules:start -->\n${rulesTable()}\n<!-- rules:end -->`),
      );
    }
    const rows = (readme.match(pattern)?.[0] ?? '')
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) =>
        line.split(' | ').map((cell) => cell.replace(/^\|/, '').replace(/\|$/, '').trim()),
      );
    expect(rows).toEqual(
      Object.entries(RULES).map(([id, rule]) => [`\`${id}\``, rule.severity, rule.summary]),
    );
  });

  it('lists every evidence weight of src/model/evidence.ts', () => {
    const pattern = /<!-- weights:start -->\n[\s\S]*?<!-- weights:end -->/;
    const table = [
      '| Evidence | Weight | What it means |',
      '| -------- | ------ | ------------- |',
      ...Object.entries(WEIGHTS).map(
        ([rule, { weight, means }]) =>
          `| \`${rule}\` | ${weight > 0 ? '+' : ''}${weight} | ${means.replaceAll('|', '\\|')} |`,
      ),
    ].join('\n');
    if (process.env['UPDATE']) {
      const current = readFileSync(readmePath, 'utf8');
      writeFileSync(
        readmePath,
        current.replace(pattern, `<!-- weights:start -->\n${table}\n<!-- weights:end -->`),
      );
    }
    const rows = (readFileSync(readmePath, 'utf8').match(pattern)?.[0] ?? '')
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) =>
        line.split(' | ').map((cell) => cell.replace(/^\|/, '').replace(/\|$/, '').trim()),
      );
    expect(rows).toEqual(
      Object.entries(WEIGHTS).map(([rule, { weight, means }]) => [
        `\`${rule}\``,
        `${weight > 0 ? '+' : ''}${weight}`,
        means,
      ]),
    );
  });

  it('documents every config key', () => {
    const keys = Object.entries(schema.properties).flatMap(([key, value]) =>
      value.properties ? Object.keys(value.properties).map((child) => `${key}.${child}`) : [key],
    );
    for (const key of keys) expect(readme, key).toContain(`| \`${key}\``);
  });

  it('documents every command, option and exit code', () => {
    for (const heading of [
      '### `dtoforge generate`',
      '### `dtoforge inspect',
      '### `dtoforge validate',
      '### `dtoforge openapi',
    ]) {
      expect(readme).toContain(heading);
    }
    for (const option of [
      '--check',
      '--verify',
      '--force',
      '--allow-outside-project',
      '--watch',
      '--config',
      '--out',
      '--quiet',
      '--version',
      '--help',
    ]) {
      expect(readme).toContain(option);
    }
    expect(readme).toMatch(/\| 0 {4}\|[\s\S]*\| 1 {4}\|[\s\S]*\| 2 {4}\|/);
  });
});
