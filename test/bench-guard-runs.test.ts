/**
 * The bench runs the guard benchmarks in several processes and reports the median ratio (a
 * process's JIT choices move a ratio more than the noise within it): bench/guard-runs.ts.
 */
import { describe, expect, it } from 'vitest';
import { combineGuardRuns, peerRatio, type GuardResults } from '../bench/guard-runs.js';

const measure = (name: string, hz: number) => ({ name, hz, rme: 1, samples: 10 });

/** One process's results: ours and ajv's ops/s per scenario, zod's fixed. */
function run(ours: number[], ajv: number[], disagreements: string[] = []): GuardResults {
  return {
    rows: ours.map((hz, i) => ({
      scenario: `scenario ${i}`,
      dtoforge: measure('dtoforge', hz),
      peers: [
        { peer: 'ajv', measure: measure('ajv', ajv[i]!) },
        { peer: 'zod', measure: measure('zod', 10) },
        { peer: 'typia', note: 'not set up' },
      ],
    })),
    disagreements,
    notes: [],
    payload: { sampleBytes: 1, arrayBytes: 2, invalidIssues: 5 },
  };
}

describe('combining guard runs', () => {
  it('states the median ratio of the processes and keeps every ratio', () => {
    const combined = combineGuardRuns([
      run([100, 50], [100, 100]), // ratios vs ajv 1.0, 0.5
      run([300, 90], [100, 100]), // 3.0, 0.9
      run([150, 60], [100, 100]), // 1.5, 0.6
    ]);
    expect(combined.processes).toBe(3);
    const [first, second] = combined.rows;
    // The figures shown are those of the median process (by the ratio against ajv).
    expect(first!.dtoforge.hz).toBe(150);
    expect(second!.dtoforge.hz).toBe(60);
    expect(first!.peers[0]!.ratios).toEqual([1, 3, 1.5]);
    expect(peerRatio(first!, first!.peers[0]!)).toBe(1.5);
    expect(peerRatio(second!, second!.peers[0]!)).toBe(0.6);
    // Each peer's ratio is its own median, not the ajv process's.
    expect(peerRatio(first!, first!.peers[1]!)).toBe(15);
    expect(first!.peers[2]).toEqual({ peer: 'typia', note: 'not set up' });
    expect(peerRatio(first!, first!.peers[2]!)).toBeUndefined();
  });

  it('keeps one process as it is and every disagreement once', () => {
    const single = combineGuardRuns([run([120], [100], ['zod on the sample'])]);
    expect(peerRatio(single.rows[0]!, single.rows[0]!.peers[0]!)).toBeCloseTo(1.2);
    const both = combineGuardRuns([run([1], [1], ['a']), run([1], [1], ['a', 'b'])]);
    expect(both.disagreements).toEqual(['a', 'b']);
    expect(peerRatio(both.rows[0]!, both.rows[0]!.peers[0]!)).toBe(1);
  });

  it('refuses to combine nothing', () => {
    expect(() => combineGuardRuns([])).toThrow(/No guard results/);
  });
});
