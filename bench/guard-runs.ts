/**
 * The guard benchmarks' results, and how the runs of several processes combine (no peer is
 * loaded here: the test suite reads this module without bench/'s packages).
 */

/** One validator's speed in a scenario (bench/harness.ts `measure`). */
export interface Measure {
  name: string;
  /** Operations per second (1000 / mean latency in ms). */
  hz: number;
  /** Relative margin of error of the mean latency, in percent. */
  rme: number;
  samples: number;
}

export interface GuardRow {
  scenario: string;
  dtoforge: Measure;
  /**
   * `ratios`: dtoforge ops/s ÷ the peer's in each process (see {@link combineGuardRuns}); the
   * measures are those of the process with the median ratio against the first peer.
   */
  peers: { peer: string; measure?: Measure; note?: string; ratios?: number[] }[];
}

export interface GuardResults {
  rows: GuardRow[];
  /** Verdicts that disagree between validators (each should be empty). */
  disagreements: string[];
  notes: string[];
  payload: { sampleBytes: number; arrayBytes: number; invalidIssues: number };
  /** How many processes ran the benchmarks (see {@link combineGuardRuns}). */
  processes?: number;
}

/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Combine the results of the same benchmarks run in several processes: for each scenario, the
 * figures of the process whose ratio against the first peer (ajv) is the median, and for each
 * peer the ratio in every process (the report shows their median and range).
 *
 * @param runs
 *   One result per process, same scenarios in the same order.
 */
export function combineGuardRuns(runs: readonly GuardResults[]): GuardResults {
  const [first] = runs;
  if (first === undefined) throw new Error('No guard results to combine');
  const ratio = (row: GuardRow, peer: number): number | undefined => {
    const hz = row.peers[peer]?.measure?.hz;
    return hz === undefined ? undefined : row.dtoforge.hz / hz;
  };
  const rows = first.rows.map((_, index) => {
    const all = runs.map((run) => run.rows[index]!);
    const byFirstPeer = [...all].sort((a, b) => (ratio(a, 0) ?? 0) - (ratio(b, 0) ?? 0));
    const chosen = byFirstPeer[Math.floor((byFirstPeer.length - 1) / 2)]!;
    return {
      ...chosen,
      peers: chosen.peers.map((peer, p) => {
        const ratios = all.flatMap((row) => {
          const value = ratio(row, p);
          return value === undefined ? [] : [value];
        });
        return ratios.length === 0 ? peer : { ...peer, ratios };
      }),
    };
  });
  return {
    rows,
    disagreements: [...new Set(runs.flatMap((run) => run.disagreements))],
    notes: first.notes,
    payload: first.payload,
    processes: runs.length,
  };
}

/** The ratio a report states for a peer: the median over processes, else the one measured. */
export function peerRatio(row: GuardRow, peer: GuardRow['peers'][number]): number | undefined {
  if (peer.ratios !== undefined && peer.ratios.length > 0) return median(peer.ratios);
  return peer.measure ? row.dtoforge.hz / peer.measure.hz : undefined;
}
