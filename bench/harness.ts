/**
 * The measuring helpers shared by the benchmarks: tinybench for hot functions, wall clock and
 * peak memory for whole processes, and the numbers' formatting.
 */
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Bench } from 'tinybench';

// Note: the measure type and the median live with the results (bench/guard-runs.ts), which the
// root's tests read without bench/'s packages.
import { median, type Measure } from './guard-runs.js';

export { median, type Measure };

/**
 * Measure hot functions with tinybench, interleaved: `rounds` rounds, each giving every task a
 * share of its time budget, in the order given and then reversed; a task's ops/s is the median of
 * its rounds. A machine whose speed drifts over seconds (a shared host) then slows every task of
 * a round alike, instead of the tasks measured during a slow stretch only.
 *
 * @param tasks
 *   Name and function of each task.
 * @param timeMs
 *   The time budget of each task (its first warm-up gets a quarter of it).
 * @param rounds
 *   How many rounds share it.
 */
export async function measure(
  tasks: readonly { name: string; fn: () => unknown }[],
  timeMs: number,
  rounds = 6,
): Promise<Measure[]> {
  const results = new Map<string, { hz: number[]; rme: number[]; samples: number }>(
    tasks.map((task) => [task.name, { hz: [], rme: [], samples: 0 }]),
  );
  for (let round = 0; round < rounds; round++) {
    // Note: tinybench runs a task at least `iterations` times: its default (64) in every round
    // made the slow tasks (zod over 1,000 values, ~0.1 s a call) take minutes.
    const bench = new Bench({
      time: timeMs / rounds,
      iterations: 4,
      warmupTime: round === 0 ? Math.max(20, timeMs / 4) : 10,
      warmupIterations: round === 0 ? 4 : 1,
    });
    const order = round % 2 === 0 ? tasks : [...tasks].reverse();
    for (const task of order) bench.add(task.name, task.fn);
    await bench.run();
    for (const task of bench.tasks) {
      const result = task.result;
      if (result.state !== 'completed') {
        const reason = result.state === 'errored' ? String(result.error) : result.state;
        throw new Error(`Benchmark task ${task.name} did not complete: ${reason}`);
      }
      const entry = results.get(task.name)!;
      entry.hz.push(1000 / result.period);
      entry.rme.push(result.latency.rme);
      entry.samples += result.latency.samples?.length ?? 0;
    }
  }
  return tasks.map((task) => {
    const entry = results.get(task.name)!;
    return {
      name: task.name,
      hz: median(entry.hz),
      rme: median(entry.rme),
      samples: entry.samples,
    };
  });
}

export interface ProcessRun {
  /** Wall time, ms. */
  wallMs: number;
  /** Peak resident set size, bytes (from `/usr/bin/time -v`, else the child's own report). */
  maxRssBytes: number;
  code: number;
  /** True when the run was killed for taking longer than its time limit. */
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

const TIME_BIN = '/usr/bin/time';

/**
 * Run a command as a whole process and measure its wall time and peak memory.
 *
 * @param command
 *   The executable (e.g. `process.execPath`).
 * @param args
 *   Its arguments.
 * @param cwd
 *   Its working folder.
 */
export async function runProcess(
  command: string,
  args: readonly string[],
  cwd: string,
  timeoutMs = 30 * 60_000,
): Promise<ProcessRun> {
  const useTime = await readFile(TIME_BIN).then(
    () => true,
    () => false,
  );
  const report = path.join(os.tmpdir(), `dtoforge-bench-time-${process.pid}-${Date.now()}.txt`);
  const [bin, argv] = useTime
    ? [TIME_BIN, ['-v', '-o', report, command, ...args]]
    : [command, [...args]];
  const started = performance.now();
  // Its own process group, so that a timeout ends the command and everything it started.
  const child = spawn(bin, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }, timeoutMs);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exit) => resolve(exit ?? 1));
  });
  clearTimeout(timer);
  const wallMs = performance.now() - started;
  if (timedOut) stderr += `\n[bench] killed after ${timeoutMs} ms`;
  let maxRssBytes = 0;
  if (useTime) {
    const text = await readFile(report, 'utf8').catch(() => '');
    const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(text)?.[1];
    maxRssBytes = kb ? Number(kb) * 1024 : 0;
    await rm(report, { force: true });
  }
  return { wallMs, maxRssBytes, code, timedOut, stdout, stderr };
}

/** `12,345` (integers) or `1.23` (small values), for tables. */
export function formatNumber(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(digits);
}

export function formatRatio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';
}

export function formatBytes(bytes: number): string {
  return bytes > 0 ? `${(bytes / 1024 / 1024).toFixed(0)} MB` : 'n/a';
}
