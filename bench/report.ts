/**
 * The benchmark report: Markdown tables (printed, and written to bench/results.md) with the
 * machine, every figure, the ratios and the targets.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { BundleResults } from './bundles.js';
import type { CliRuns, CorpusResult, GenerationResults } from './generation.js';
import { peerRatio, type GuardResults, type GuardRow } from './guard-runs.js';
import { formatBytes, formatNumber, formatRatio } from './harness.js';

export interface Machine {
  cpu: string;
  cores: number;
  memory: string;
  node: string;
  platform: string;
  date: string;
  load: string;
  /** Share of the CPU time the hypervisor gave other guests during the run (Linux), if known. */
  steal?: number;
  /** {@link referenceWorkMs} at the start and at the end of the run. */
  reference?: [number, number];
}

/**
 * A fixed CPU-bound task (sorting the same 500,000 pseudo-random numbers), fastest of 3, in ms:
 * how fast this machine runs JavaScript right now. Its figure at the start and the end of a run
 * tells two runs' absolute times apart when the host slows the VM without stealing time.
 */
export function referenceWorkMs(): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    let seed = 1;
    const values = Array.from({ length: 500_000 }, () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed;
    });
    const started = performance.now();
    values.sort((a, b) => a - b);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** The CPU counters of /proc/stat (jiffies): all of them and the stolen ones; undefined off Linux. */
export function cpuCounters(): { total: number; steal: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1);
    const numbers = fields.map(Number);
    return { total: numbers.reduce((sum, n) => sum + n, 0), steal: numbers[7] ?? 0 };
  } catch {
    return undefined;
  }
}

/**
 * The machine, and the CPU time stolen since `since` (from {@link cpuCounters} at the start).
 *
 * @param since
 *   The counters when the run started.
 */
export function describeMachine(
  since?: { total: number; steal: number },
  referenceAtStart?: number,
): Machine {
  const cpus = os.cpus();
  const now = cpuCounters();
  const steal =
    since && now && now.total > since.total
      ? (now.steal - since.steal) / (now.total - since.total)
      : undefined;
  return {
    ...(steal === undefined ? {} : { steal }),
    ...(referenceAtStart === undefined
      ? {}
      : { reference: [referenceAtStart, referenceWorkMs()] as [number, number] }),
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    load: os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' / '),
  };
}

interface Target {
  what: string;
  goal: string;
  actual: string;
  met: boolean | undefined;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [
    line(header),
    line(header.map((_, i) => (i === 0 ? '---' : '---:'))),
    ...rows.map(line),
  ].join('\n');
}

/** The lowest dtoforge/peer ratio over the rows whose scenario and peer match. */
function worstRatio(
  guards: GuardResults | undefined,
  scenario: RegExp,
  peer: RegExp,
): number | undefined {
  if (!guards) return undefined;
  const ratios = guards.rows
    .filter((row) => scenario.test(row.scenario))
    .flatMap((row) =>
      row.peers
        .filter((entry) => peer.test(entry.peer) && entry.measure)
        .map((entry) => row.dtoforge.hz / entry.measure!.hz),
    );
  return ratios.length > 0 ? Math.min(...ratios) : undefined;
}

/** The dtoforge/peer ratio of one scenario and peer (the first row that matches). */
function ratioOf(
  guards: GuardResults | undefined,
  scenario: RegExp,
  peer: RegExp,
): number | undefined {
  const row = guards?.rows.find((entry) => scenario.test(entry.scenario));
  const found = row?.peers.find((entry) => peer.test(entry.peer));
  return row && found ? peerRatio(row, found) : undefined;
}

/** A guard ratio: the median over processes and their range, or the one measured. */
function ratioCell(row: GuardRow, peer: GuardRow['peers'][number]): string {
  const ratio = peerRatio(row, peer);
  if (ratio === undefined) return peer.note ?? 'n/a';
  const ratios = peer.ratios ?? [];
  if (ratios.length < 2) return formatRatio(ratio);
  return `${formatRatio(ratio)} (${formatRatio(Math.min(...ratios))}–${formatRatio(Math.max(...ratios))})`;
}

function ratioTarget(what: string, ratio: number | undefined, goal: number): Target {
  return {
    what,
    goal: `≥ ${goal}×`,
    actual: ratio === undefined ? 'n/a' : formatRatio(ratio),
    met: ratio === undefined ? undefined : ratio >= goal,
  };
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** The bundles section (and its targets). */
function renderBundles(bundles: BundleResults, out: string[], targets: Target[]): void {
  const { before } = bundles;
  out.push(
    `esbuild (minified, ESM, bundled from the package's src/) of an entry that imports only some exports; "before" is the package at ${before.commit} (the guards before #11's redesign, read from git history), bundled the same way now. ajv: its standalone code (\`code.source\`, ESM) for the same EndpointInfo definition of the package's JSON Schema, bundled with the ajv runtime pieces it requires.`,
    '',
    `\`src/guards.ts\`: **${kb(bundles.guardsSource)}** (${bundles.guardsSource.toLocaleString('en-US')} bytes)${before.guardsSource === undefined ? '' : `; before: ${kb(before.guardsSource)}`}.`,
    '',
    table(
      ['Bundle', 'Minified', 'gzip', 'Before', 'Before gzip', 'Before / now'],
      [
        ...bundles.rows.map((row) => [
          row.what,
          kb(row.size.bytes),
          kb(row.size.gzip),
          row.before ? kb(row.before.bytes) : 'n/a',
          row.before ? kb(row.before.gzip) : 'n/a',
          row.before ? formatRatio(row.before.bytes / row.size.bytes) : 'n/a',
        ]),
        ...(
          [
            ['false', bundles.ajv.first],
            ['true', bundles.ajv.all],
          ] as const
        ).map(([allErrors, size]) => [
          `ajv standalone, EndpointInfo (allErrors: ${allErrors})`,
          kb(size.bytes),
          kb(size.gzip),
          '',
          '',
          '',
        ]),
      ],
    ),
    '',
  );
  if (before.missing !== undefined) out.push(`No "before" figures: ${before.missing}.`, '');
  const [tag, info, , whole] = bundles.rows;
  const ajv = Math.min(bundles.ajv.first.bytes, bundles.ajv.all.bytes);
  targets.push(
    {
      what: 'bundle: only isTag',
      goal: '≤ 2 KB',
      actual: tag ? kb(tag.size.bytes) : 'n/a',
      met: tag ? tag.size.bytes <= 2048 : undefined,
    },
    {
      what: 'bundle: isEndpointInfo + validateEndpointInfo vs ajv standalone (the smaller build)',
      goal: '≤ 0.5×',
      actual: info
        ? `${kb(info.size.bytes)} / ${kb(ajv)} = ${(info.size.bytes / ajv).toFixed(2)}×`
        : 'n/a',
      met: info ? info.size.bytes * 2 <= ajv : undefined,
    },
    {
      what: `bundle: whole package, before (${before.commit}) / now`,
      goal: '≥ 3×',
      actual: whole?.before ? formatRatio(whole.before.bytes / whole.size.bytes) : 'n/a',
      met: whole?.before ? whole.before.bytes >= 3 * whole.size.bytes : undefined,
    },
    {
      what: 'src/guards.ts',
      goal: '≤ 80 KB',
      actual: kb(bundles.guardsSource),
      met: bundles.guardsSource <= 80 * 1024,
    },
  );
}

/**
 * dtoforge's types per second ÷ openapi-typescript's, on the largest corpus (in-process): the
 * whole run (pages read, model inferred, package emitted and written), or only its declarations
 * (`types.ts` from the model, the job openapi-typescript does with a document).
 */
function typesPerSecondRatio(
  generation: GenerationResults | undefined,
  what: 'whole' | 'declarations' | 'cli' = 'whole',
): number | undefined {
  const largest = generation?.corpora[generation.corpora.length - 1];
  if (what === 'cli') return largest ? cliRatio(corpusPair(largest)) : undefined;
  if (!largest?.stages) return undefined;
  const ms = what === 'whole' ? largest.stagesMs : largest.stages.declarations;
  const ours = largest.types / (ms / 1000);
  return ours / (largest.openapi.schemas / (largest.openapi.ms / 1000));
}

/**
 * Both command lines on one type universe: dtoforge's types and runs, openapi-typescript's
 * schemas and runs (input/, or a corpus).
 */
interface CommandPair {
  types: number;
  cli: CliRuns;
  schemas: number;
  openapiCli: CliRuns;
}

function corpusPair(c: CorpusResult): CommandPair {
  return { types: c.types, cli: c.cli, schemas: c.openapi.schemas, openapiCli: c.openapiCli };
}

/**
 * dtoforge's types per second ÷ openapi-typescript's, both as command-line processes; undefined
 * when either failed.
 */
function cliRatio(pair: CommandPair): number | undefined {
  if (pair.cli.failure || pair.openapiCli.failure) return undefined;
  return pair.types / pair.cli.medianMs / (pair.schemas / pair.openapiCli.medianMs);
}

/** A row of the command-line table. */
function cliRow(label: string, types: string, pair: CommandPair): string[] {
  const ratio = cliRatio(pair);
  return [
    label,
    types,
    `${formatNumber(pair.openapiCli.medianMs, 0)} ms${pair.openapiCli.failure ? ` (${pair.openapiCli.failure})` : ''}`,
    formatNumber(pair.schemas / (pair.openapiCli.medianMs / 1000), 0),
    `${formatNumber(pair.cli.medianMs, 0)} ms`,
    formatNumber(pair.types / (pair.cli.medianMs / 1000), 0),
    ratio === undefined ? 'n/a' : formatRatio(ratio),
  ];
}

/** The figures of the run before #11 (bench/baseline.json). */
interface Baseline {
  what: string;
  commit: string;
  date: string;
  isSampleVsAjv: number;
  isValuesVsAjv: number;
  validateInvalidVsAjvAll: number;
  cliInputMedianMs: number;
  cliInputRssMb: number;
  emitInputMs: number;
  corpus1000CliMs: number;
  corpus1000RssMb: number;
  growthExponent: number;
  typesPerSecondVsOpenapiTs: number;
}

/** Before (bench/baseline.json) and after (this run), for #11's figures. */
function renderBeforeAfter(
  guards: GuardResults | undefined,
  generation: GenerationResults | undefined,
  out: string[],
): void {
  const base = JSON.parse(
    readFileSync(new URL('baseline.json', import.meta.url), 'utf8'),
  ) as Baseline;
  const ratio = (value: number | undefined): string =>
    value === undefined ? 'n/a' : formatRatio(value);
  const big = generation?.corpora.find((c) => c.pages === 1000);
  const typesRatio = typesPerSecondRatio(generation);
  out.push(
    `Before: ${base.what}`,
    '',
    table(
      ['Figure', `Before (${base.commit})`, 'Now'],
      [
        [
          'isEndpointInfo / ajv, page sample',
          formatRatio(base.isSampleVsAjv),
          ratio(ratioOf(guards, /^isEndpointInfo: page sample/, /^ajv/)),
        ],
        [
          'isEndpointInfo / ajv, 1,000 values',
          `${formatRatio(base.isValuesVsAjv)} (not JSON.parse'd)`,
          `${ratio(ratioOf(guards, /^isEndpointInfo: 1,000 values/, /^ajv/))} (JSON.parse'd)`,
        ],
        [
          'validateEndpointInfo / ajv allErrors, invalid payload',
          formatRatio(base.validateInvalidVsAjvAll),
          ratio(ratioOf(guards, /^validateEndpointInfo: invalid payload/, /^ajv/)),
        ],
        [
          'generate on input/ (CLI, cold, median)',
          `${formatNumber(base.cliInputMedianMs, 0)} ms`,
          generation ? `${formatNumber(generation.input.cli.medianMs, 0)} ms` : 'n/a',
        ],
        [
          'generate on input/: peak RSS',
          `${base.cliInputRssMb} MB`,
          generation ? formatBytes(generation.input.cli.maxRssBytes) : 'n/a',
        ],
        [
          'emit stage on input/ (in-process)',
          `${formatNumber(base.emitInputMs, 0)} ms`,
          generation ? `${formatNumber(generation.input.stages.emit, 0)} ms` : 'n/a',
        ],
        [
          '1,000 pages: CLI wall',
          `${formatNumber(base.corpus1000CliMs, 0)} ms`,
          big ? `${formatNumber(big.cli.medianMs, 0)} ms` : 'n/a',
        ],
        [
          '1,000 pages: peak RSS',
          `${base.corpus1000RssMb} MB`,
          big ? formatBytes(big.cli.maxRssBytes) : 'n/a',
        ],
        [
          'growth exponent 100 → 1,000 pages',
          base.growthExponent.toFixed(2),
          generation?.growth ? generation.growth.exponent.toFixed(2) : 'n/a',
        ],
        [
          'types/s, dtoforge / openapi-typescript (largest corpus, whole run)',
          formatRatio(base.typesPerSecondVsOpenapiTs),
          ratio(typesRatio),
        ],
      ],
    ),
    '',
    'Bundle sizes before and after are in the Bundles section (the package before is bundled again in this run).',
    '',
  );
}

/**
 * Render the report.
 *
 * @param input
 *   The machine, the mode and the results of each part (a part that failed has an error).
 */
export function renderReport(input: {
  machine: Machine;
  quick: boolean;
  guards?: GuardResults;
  guardsError?: string;
  bundles?: BundleResults;
  bundlesError?: string;
  generation?: GenerationResults;
  generationError?: string;
  totalMs: number;
}): string {
  const { machine, guards, generation } = input;
  const out: string[] = [];
  out.push(
    '# dtoforge benchmarks',
    '',
    `Run with \`npm run bench${input.quick ? ' -- --quick' : ''}\` (${input.quick ? 'quick: short timings, small corpora' : 'full run'}), ${Math.round(input.totalMs / 1000)} s in all.`,
    '',
    table(
      ['Machine', ''],
      [
        ['CPU', machine.cpu],
        ['Cores', String(machine.cores)],
        ['Memory', machine.memory],
        ['Node', machine.node],
        ['OS', machine.platform],
        ['Date', machine.date],
        ['Load average at the end (1 / 5 / 15 min)', machine.load],
        ...(machine.steal === undefined
          ? []
          : [
              [
                'CPU time stolen by the host during the run (other guests of the hypervisor)',
                `${(100 * machine.steal).toFixed(1)}%`,
              ],
            ]),
        ...(machine.reference === undefined
          ? []
          : [
              [
                'Reference task (sort 500,000 numbers, fastest of 3) at the start / the end',
                machine.reference.map((ms) => `${ms.toFixed(0)} ms`).join(' / '),
              ],
            ]),
      ],
    ),
    '',
    "The machine is shared and noisy: absolute figures drift between runs (compare the reference task's time), ratios measured in the same process hold better.",
    '',
  );

  const targets: Target[] = [];
  out.push('## Guards', '');
  if (guards) {
    out.push(
      `Payloads: the page's own EndpointInfo response sample (${guards.payload.sampleBytes.toLocaleString('en-US')} bytes of JSON), 1,000 seeded EndpointInfo values with realistic variation (${guards.payload.arrayBytes.toLocaleString('en-US')} bytes; each validator loops over the items), and the sample with 5 errors (validateEndpointInfo reports ${guards.payload.invalidIssues} issues). ops/s = 1 / mean time per call (tinybench), the median of 6 rounds in which the validators take turns (bench/harness.ts, measure); ratio = dtoforge ops/s ÷ peer ops/s (> 1: dtoforge is faster).${(guards.processes ?? 1) > 1 ? ` Every scenario ran in ${guards.processes} separate processes (V8 compiles the same checks differently from one process to the next, which moves a ratio more than the noise within one): the ratio is the median of the ratios measured in each process, their range in parentheses; the ops/s are those of the process with the median ratio against ajv.` : ''}`,
      '',
    );
    const rows: string[][] = [];
    for (const row of guards.rows) {
      for (const peer of row.peers) {
        rows.push([
          row.scenario,
          `${formatNumber(row.dtoforge.hz)} ±${row.dtoforge.rme.toFixed(1)}%`,
          peer.peer,
          peer.measure
            ? `${formatNumber(peer.measure.hz)} ±${peer.measure.rme.toFixed(1)}%`
            : 'n/a',
          ratioCell(row, peer),
        ]);
      }
    }
    out.push(
      table(['Scenario', 'dtoforge ops/s', 'Peer', 'Peer ops/s', 'dtoforge / peer'], rows),
      '',
    );
    if (guards.disagreements.length > 0) {
      out.push(
        '**Verdicts disagree** (the figures compare validators that do not check the same thing):',
        '',
        ...guards.disagreements.map((line) => `- ${line}`),
        '',
      );
    } else {
      out.push(
        'Every validator accepts the sample and the 1,000 values and rejects the invalid payload (checked before timing).',
        '',
      );
    }
    for (const note of guards.notes) out.push(`- ${note}`);
    out.push('');
    const validateAjv = worstRatio(guards, /^validate/, /^ajv/);
    const zod = worstRatio(guards, /./, /^zod/);
    targets.push(
      ratioTarget(
        'isEndpointInfo vs ajv (allErrors: false), page sample',
        ratioOf(guards, /^isEndpointInfo: page sample/, /^ajv/),
        1.5,
      ),
      ratioTarget(
        'isEndpointInfo vs ajv (allErrors: false), 1,000 values from JSON.parse',
        ratioOf(guards, /^isEndpointInfo: 1,000 values/, /^ajv/),
        1.2,
      ),
      ratioTarget(
        'validateEndpointInfo vs ajv (allErrors: true), invalid payload',
        ratioOf(guards, /^validateEndpointInfo: invalid payload/, /^ajv/),
        1,
      ),
      {
        what: 'validateEndpointInfo vs ajv (allErrors: true), every payload',
        goal: '≥ 1×',
        actual: validateAjv === undefined ? 'n/a' : `${formatRatio(validateAjv)} (worst payload)`,
        met: validateAjv === undefined ? undefined : validateAjv >= 1,
      },
      {
        what: 'dtoforge vs zod 4 safeParse',
        goal: '≥ 20×',
        actual: zod === undefined ? 'n/a' : `${formatRatio(zod)} (worst scenario)`,
        met: zod === undefined ? undefined : zod >= 20,
      },
    );
  } else {
    out.push(`Not measured: ${input.guardsError ?? 'skipped'}`, '');
  }

  out.push('## Bundles', '');
  if (input.bundles) renderBundles(input.bundles, out, targets);
  else out.push(`Not measured: ${input.bundlesError ?? 'skipped'}`, '');

  out.push('## Generation', '');
  if (generation) {
    const { input: onInput, corpora, growth } = generation;
    const inputPair: CommandPair = {
      types: onInput.types,
      cli: onInput.cli,
      schemas: onInput.openapiSchemas,
      openapiCli: onInput.openapiCli,
    };
    out.push(
      `**CLI on input/** (\`node bin/dtoforge.js generate\` as a whole process, cold start, output to an empty temp folder): median **${formatNumber(onInput.cli.medianMs, 0)} ms** of ${onInput.cli.runs.length} runs (${onInput.cli.runs.map((run) => formatNumber(run.wallMs, 0)).join(', ')} ms), peak RSS ${formatBytes(onInput.cli.maxRssBytes)}, ${onInput.types} types.`,
      '',
      `Stages in-process on input/ (ms): read ${formatNumber(onInput.stages.read)}, infer ${formatNumber(onInput.stages.infer)}, emit ${formatNumber(onInput.stages.emit)} (declarations alone ${formatNumber(onInput.stages.declarations)}), write ${formatNumber(onInput.stages.write)}.`,
      '',
      '**Seeded corpora** (bench/corpus.ts, seed 1: scraped layout, shared type universe; the CLI as a process, peak RSS from `/usr/bin/time -v`):',
      '',
      table(
        [
          'Pages',
          'Blocks',
          'Types',
          'Input',
          'CLI wall (median)',
          'Runs',
          'Peak RSS',
          'ms / page',
          'ms / type',
          'Errors',
        ],
        corpora.map((c) => [
          c.pages.toLocaleString('en-US'),
          c.blocks.toLocaleString('en-US'),
          c.types.toLocaleString('en-US'),
          `${(c.inputBytes / 1024).toFixed(0)} KiB`,
          c.cli.failure
            ? `≥ ${formatNumber(c.cli.medianMs, 0)} ms (${c.cli.failure})`
            : `${formatNumber(c.cli.medianMs, 0)} ms`,
          String(c.cli.runs.length),
          formatBytes(c.cli.maxRssBytes),
          formatNumber(c.cli.medianMs / c.pages),
          formatNumber(c.cli.medianMs / c.types),
          String(c.errors),
        ]),
      ),
      '',
      'Time per stage, in-process, in a process of its own (ms; the sources run through tsx, all pages read before the model is built). (declarations) is `types.ts` alone from the model, timed on its own before emit (which does it again; not in the total): the job openapi-typescript does with a document.',
      '',
      table(
        ['Pages', 'read', 'infer', '(declarations)', 'emit', 'write', 'total', 'slowest'],
        corpora.map((c) => {
          const times = c.stages;
          if (!times) {
            return [
              c.pages.toLocaleString('en-US'),
              ...['—', '—', '—', '—', '—'],
              `≥ ${formatNumber(c.stagesMs, 0)}`,
              `failed: ${c.stagesFailure ?? '?'}, peak ${formatBytes(c.stagesRssBytes)}`,
            ];
          }
          const stages: [string, number][] = [
            ['read', times.read],
            ['infer', times.infer],
            ['emit', times.emit],
            ['write', times.write],
          ];
          const slowest = stages.reduce((a, b) => (b[1] > a[1] ? b : a));
          return [
            c.pages.toLocaleString('en-US'),
            formatNumber(times.read, 0),
            formatNumber(times.infer, 0),
            formatNumber(times.declarations, 0),
            formatNumber(times.emit, 0),
            formatNumber(times.write, 0),
            formatNumber(c.stagesMs, 0),
            `${slowest[0]} (${Math.round((100 * slowest[1]) / c.stagesMs)}%)`,
          ];
        }),
      ),
      '',
      "The same type universe as an OpenAPI 3.1 document through openapi-typescript 7 (in-process, from the parsed document to the printed declarations). It prints declarations only; dtoforge's whole run also reads the pages, infers the model, emits guards, JSON Schema, clients and an OpenAPI document, compiles and writes; its declarations alone (model → `types.ts`) are the same job:",
      '',
      table(
        [
          'Pages',
          'Schemas',
          'openapi-typescript',
          'types/s',
          'dtoforge, whole run',
          'types/s',
          'ratio',
          'dtoforge, declarations',
          'types/s',
          'ratio',
        ],
        corpora.map((c) => {
          const theirs = c.openapi.schemas / (c.openapi.ms / 1000);
          const ours = c.types / (c.stagesMs / 1000);
          const declarations = c.stages?.declarations;
          const declared = declarations === undefined ? undefined : c.types / (declarations / 1000);
          return [
            c.pages.toLocaleString('en-US'),
            c.openapi.schemas.toLocaleString('en-US'),
            `${formatNumber(c.openapi.ms, 0)} ms`,
            formatNumber(theirs, 0),
            `${formatNumber(c.stagesMs, 0)} ms`,
            formatNumber(ours, 0),
            formatRatio(ours / theirs),
            declarations === undefined ? 'n/a' : `${formatNumber(declarations, 0)} ms`,
            declared === undefined ? 'n/a' : formatNumber(declared, 0),
            declared === undefined ? 'n/a' : formatRatio(declared / theirs),
          ];
        }),
      ),
      '',
      "Both as command-line processes, as a user runs them (cold start, the input read from files, the output written; the medians of the same number of runs, the two commands run in turn so that a host that speeds up or slows down weighs on both alike; dtoforge's are the CLI column of the corpus table). On input/, openapi-typescript reads the package's own openapi.json (as generate writes it; its schema count is that document's):",
      '',
      table(
        ['Pages', 'Types', 'openapi-typescript CLI', 'types/s', 'dtoforge CLI', 'types/s', 'ratio'],
        [
          cliRow('input/', `${onInput.types} (${onInput.openapiSchemas} schemas)`, inputPair),
          ...corpora.map((c) =>
            cliRow(c.pages.toLocaleString('en-US'), c.types.toLocaleString('en-US'), corpusPair(c)),
          ),
        ],
      ),
      '',
    );
    if (growth) {
      out.push(
        `Growth exponent ${growth.from} → ${growth.to} pages: **${growth.exponent.toFixed(2)}** (CLI wall time), ${growth.stagesExponent.toFixed(2)} (in-process stages); 1.00 is linear.`,
        '',
      );
    }
    const big = corpora.find((c) => c.pages === 1000);
    const largest = corpora[corpora.length - 1];
    const typesRatio = typesPerSecondRatio(generation);
    const declarationsRatio = typesPerSecondRatio(generation, 'declarations');
    const cliTypesRatio = typesPerSecondRatio(generation, 'cli');
    const inputRatio = cliRatio(inputPair);
    targets.push(
      {
        what: 'generate on input/, CLI cold, median',
        goal: '≤ 1 s',
        actual: `${formatNumber(onInput.cli.medianMs / 1000)} s`,
        met: onInput.cli.medianMs <= 1000,
      },
      {
        what: `types/s vs openapi-typescript, dtoforge's whole run${largest ? ` (${largest.pages.toLocaleString('en-US')} pages)` : ''}`,
        goal: '≥ 1×',
        actual: typesRatio === undefined ? 'n/a' : formatRatio(typesRatio),
        met: typesRatio === undefined ? undefined : typesRatio >= 1,
      },
      {
        what: "types/s vs openapi-typescript, both as command-line processes (input/'s universe)",
        goal: '≥ 1×',
        actual: inputRatio === undefined ? 'n/a' : formatRatio(inputRatio),
        met: inputRatio === undefined ? undefined : inputRatio >= 1,
      },
      {
        what: `types/s vs openapi-typescript, both as command-line processes${largest ? ` (${largest.pages.toLocaleString('en-US')} pages)` : ''}`,
        goal: '≥ 1×',
        actual: cliTypesRatio === undefined ? 'n/a' : formatRatio(cliTypesRatio),
        met: cliTypesRatio === undefined ? undefined : cliTypesRatio >= 1,
      },
      {
        what: `types/s vs openapi-typescript, dtoforge's declarations only (the same job)${largest ? ` (${largest.pages.toLocaleString('en-US')} pages)` : ''}`,
        goal: '≥ 1×',
        actual: declarationsRatio === undefined ? 'n/a' : formatRatio(declarationsRatio),
        met: declarationsRatio === undefined ? undefined : declarationsRatio >= 1,
      },
      {
        what: '1,000 pages: wall time',
        goal: '≤ 15 s',
        actual: big
          ? `${big.cli.failure ? '≥ ' : ''}${formatNumber(big.cli.medianMs / 1000)} s${big.cli.failure ? ` (${big.cli.failure})` : ''}`
          : 'not run (quick)',
        met: big ? !big.cli.failure && big.cli.medianMs <= 15_000 : undefined,
      },
      {
        what: '1,000 pages: peak memory',
        goal: '≤ 1 GB',
        actual: big ? formatBytes(big.cli.maxRssBytes) : 'not run (quick)',
        met: big ? !big.cli.failure && big.cli.maxRssBytes <= 1e9 : undefined,
      },
      {
        what: `growth exponent${growth ? ` ${growth.from} → ${growth.to}` : ''}`,
        goal: '≤ 1.1 (100 → 1,000)',
        actual: growth ? growth.exponent.toFixed(2) : 'n/a',
        met: growth && growth.to === 1000 ? growth.exponent <= 1.1 : undefined,
      },
    );
  } else {
    out.push(`Not measured: ${input.generationError ?? 'skipped'}`, '');
  }

  out.push('## Before and after (#11)', '');
  renderBeforeAfter(guards, generation, out);

  out.push(
    '## Targets',
    '',
    table(
      ['Target', 'Goal', 'Measured', 'Met'],
      targets.map((t) => [
        t.what,
        t.goal,
        t.actual,
        t.met === undefined ? '—' : t.met ? 'yes' : '**no**',
      ]),
    ),
    '',
  );
  return out.join('\n');
}
