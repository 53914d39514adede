/**
 * A 10 MB page ends with diagnostics, never an exception or a hang.
 *
 * At scale 1 the 10 MB sit in one Description cell and one unknown-type row (remark reads a long
 * line fast: ~1.5 s). From DTOFORGE_FUZZ_SCALE=10 the page is also 10 MB of table rows (about
 * 190,000 fields: ~23 s on a loaded 2-CPU machine, too long for every `npm test`).
 */
import { describe, expect, it } from 'vitest';
import { realSeed } from './arbitraries.js';
import { runPage } from './pipeline.js';
import { SCALE } from './scale.js';
import { saveStats } from './stats.js';

const TEN_MB = 10 * 1024 * 1024;
const real = realSeed();
const lines = real.text.split('\n');

function timed(text: string): { ms: number; run: ReturnType<typeof runPage> } {
  const start = performance.now();
  const run = runPage(real.path, text, real.config);
  return { ms: performance.now() - start, run };
}

describe('a 10 MB page', () => {
  it('with a 10 MB description cell and a bad row: diagnostics, no exception', () => {
    const piece = '*/ ${x} `\u2028 ';
    const huge = `Big | body | Nope<${'x'.repeat(64)} | No | ${piece.repeat(Math.ceil(TEN_MB / piece.length))} |`;
    const text = [...lines.slice(0, 15), huge, ...lines.slice(15)].join('\n');
    expect(text.length).toBeGreaterThan(TEN_MB);
    const { ms, run } = timed(text);
    expect(run.problems).toEqual([]);
    expect(run.file.messages.map((m) => m.ruleId)).toContain('malformed-type');
    saveStats('big-page-description', { bytes: text.length, ms: Math.round(ms) });
  }, 300_000);

  it.runIf(SCALE >= 10)(
    'with 10 MB of table rows: diagnostics, no exception',
    () => {
      const rows: string[] = [];
      for (let size = 0, i = 0; size < TEN_MB; i++) {
        const row = `Field${i} | form | ${i % 97 === 0 ? 'Unknown' + i : 'string'} | No | Field number ${i} |`;
        rows.push(row);
        size += row.length + 1;
      }
      const text = [...lines.slice(0, 15), ...rows, ...lines.slice(15)].join('\n');
      const { ms, run } = timed(text);
      expect(run.problems).toEqual([]);
      expect(run.file.messages.map((m) => m.ruleId)).toContain('unknown-type');
      saveStats('big-page-rows', { bytes: text.length, rows: rows.length, ms: Math.round(ms) });
    },
    3_600_000,
  );
});
