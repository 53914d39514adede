/**
 * What reaches the terminal, from the user's side: documents of any depth for `validate`, page
 * text escaped, a cap on messages per file, pages in other encodings or line endings, and
 * messages that say what is true.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGES_PER_FILE } from '../src/cli/report.js';
import { GOOD_PAGE, configText, pagesProject, runCli } from './cli-helpers.js';

const HEADER = `Name | Parameter | Data Type | Required | Description |
---|---|---|---|---|
`;

/** A project with one good page in pages/ and output in out/, plus `extra` files. */
const project = (extra: Record<string, string> = {}): Promise<string> => pagesProject({}, extra);

describe('dtoforge validate reads documents of any depth', () => {
  it.each([10_000, 100_000])(
    '%i levels of [ : an issue at 1:1, exit 1, no internal error',
    async (depth) => {
      const root = await project();
      expect((await runCli(['generate'], { cwd: root })).code).toBe(0);
      const stdin = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      const run = await runCli(['validate', 'GetThing', '-'], { cwd: root, stdin });
      expect(run.stderr).not.toContain('internal error');
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/1:1-1:\d+\s+error\s+at \$: Expected object\s+invalid-document/);
      const unclosed = await runCli(['validate', 'GetThing', '-'], {
        cwd: root,
        stdin: '['.repeat(depth),
      });
      expect(unclosed.code).toBe(1);
      expect(unclosed.stderr).toContain('Unexpected end of file, expected `]`');
    },
  );
});

describe('page text on the terminal', () => {
  it('control characters of a page are printed as escapes (an OSC title sequence cannot reach the terminal)', async () => {
    const evil = 'Maybe\u001B]0;pwned\u0007\u009B2J\u202E';
    const root = await project({
      'pages/GetThing.txt': `${HEADER}Id | body | string | ${evil} | The id |\n`,
    });
    const run = await runCli(['inspect'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Maybe\\x1B]0;pwned\\x07\\x9B2J\\u202E');
    expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202E]/);
  });

  it(`prints at most ${MAX_MESSAGES_PER_FILE} messages per file and counts the rest`, async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `F${i} | body | int | Maybe | x |`);
    const root = await project({ 'pages/GetThing.txt': `${HEADER}${rows.join('\n')}\n` });
    const run = await runCli(['inspect'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr.match(/bad-required/g)).toHaveLength(MAX_MESSAGES_PER_FILE);
    expect(run.stderr).toContain(
      `… 150 more messages in pages/GetThing.txt not shown (150 errors, 0 warnings; at most ${MAX_MESSAGES_PER_FILE} are printed per file)`,
    );
    expect(run.stderr).toMatch(/\n✖ 200 errors\n/);
    expect(run.stderr).toMatch(/\(200 errors, 0 warnings\)/);
  });
});

describe('pages that are not plain UTF-8 with LF or CRLF', () => {
  const fields = async (root: string): Promise<string[]> => {
    const run = await runCli(['inspect'], { cwd: root });
    expect(run.code, run.stderr).toBe(0);
    const model = JSON.parse(run.stdout) as { types: { fields: { name: string }[] }[] };
    return model.types[0]?.fields.map((field) => field.name) ?? [];
  };

  it('CR-only line endings are read', async () => {
    const root = await project({ 'pages/GetThing.txt': GOOD_PAGE.replaceAll('\n', '\r') });
    expect(await fields(root)).toEqual(['Id', 'Count']);
  });

  it('UTF-16 with a byte-order mark is read, with a warning saying so', async () => {
    for (const [encoding, bytes] of [
      ['LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD_PAGE, 'utf16le')])],
      [
        'BE',
        Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(GOOD_PAGE, 'utf16le').swap16()]),
      ],
    ] as const) {
      const root = await project();
      await writeFile(path.join(root, 'pages/GetThing.txt'), bytes);
      expect(await fields(root)).toEqual(['Id', 'Count']);
      const run = await runCli(['inspect'], { cwd: root });
      expect(run.stderr).toContain(
        `Unexpected UTF-16 ${encoding} text (byte-order mark), expected UTF-8; read as UTF-16 ${encoding}`,
      );
      expect(run.stderr).toContain('page-encoding');
    }
  });

  it('a binary file (or UTF-16 without a mark) is one clear error at its first NUL, not thousands', async () => {
    const binary = Buffer.alloc(1 << 20);
    for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919 + 13) % 251;
    binary.write('text first\nthen ', 0, 'latin1');
    const root = await project({ 'pages/Blob.txt': '' });
    await writeFile(path.join(root, 'pages/Blob.txt'), binary);
    await writeFile(path.join(root, 'pages/Wide.txt'), Buffer.from(GOOD_PAGE, 'utf16le'));
    const run = await runCli(['inspect'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /pages\/Blob\.txt\n\s*\d+:\d+\s+error\s+Unexpected NUL byte \(a binary file, or UTF-16 without a byte-order mark\), expected UTF-8 text; the page was not read\s+bad-encoding/,
    );
    expect(run.stderr).toMatch(/pages\/Wide\.txt\n\s*1:2\s+error\s+Unexpected NUL byte/);
    expect(run.stderr).toMatch(/\n✖ 2 errors\n/);
    expect(run.stderr.length).toBeLessThan(2_000);
  });

  it('bytes that are not UTF-8 are a warning at their place', async () => {
    const root = await project();
    await writeFile(
      path.join(root, 'pages/GetThing.txt'),
      Buffer.from(GOOD_PAGE.replace('The id', 'L\u00e9 id'), 'latin1'),
    );
    const run = await runCli(['inspect'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/3:\d+\s+warning\s+Unexpected bytes that are not UTF-8/);
  });
});

describe('pages that are not there', () => {
  it('a symbolic link to a missing page is reported, not skipped silently', async () => {
    const root = await project();
    await symlink(path.join(root, 'gone.txt'), path.join(root, 'pages/Gone.txt'));
    const run = await runCli(['inspect'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /pages\/Gone\.txt\n\s*error\s+Unexpected symbolic link to the missing file .*gone\.txt, expected a page file\s+unreadable-file/,
    );
  });

  it('an old output folder inside the input folder is not read as pages', async () => {
    const root = await project({
      'dtoforge.config.json': configText({ input: ['pages'], output: 'pages/gen' }),
    });
    expect((await runCli(['generate'], { cwd: root })).code).toBe(0);
    await mkdir(path.join(root, 'pages/gen/src'), { recursive: true });
    await writeFile(path.join(root, 'pages/gen/src/Notes.md'), 'not a page\n');
    const moved = configText({ input: ['pages'], output: 'out' });
    await writeFile(path.join(root, 'dtoforge.config.json'), moved);
    const run = await runCli(['inspect'], { cwd: root });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).operations).toHaveLength(1);
  });
});

describe('the progress line', () => {
  it('moves during the emit: each step of the emit stage is shown as it starts', async () => {
    const root = await project();
    const run = await runCli(['generate'], { cwd: root, tty: true, emit: 'real' });
    expect(run.code, run.stderr).toBe(0);
    const steps = [...run.stderr.matchAll(/Emitting 1 type from 1 page: ([a-z ]+) · /g)].map(
      (match) => match[1],
    );
    expect([...new Set(steps)]).toEqual([
      'writing the sources',
      'compiling',
      'formatting',
      'checking the samples',
    ]);
  });
});
