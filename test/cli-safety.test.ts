/**
 * What reaches the terminal, from the user's side: documents of any depth for `validate`, page
 * text escaped, a cap on messages per file, pages in other encodings or line endings, and
 * messages that say what is true.
 */
import { describe, expect, it } from 'vitest';
import { GOOD_PAGE, configText, makeProject, runCli } from './cli-helpers.js';

/** A project with one good page in pages/ and output in out/. */
function project(extra: Record<string, string> = {}): Promise<string> {
  return makeProject({
    'dtoforge.config.json': configText({ input: ['pages'], output: 'out' }),
    'pages/GetThing.txt': GOOD_PAGE,
    ...extra,
  });
}

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
