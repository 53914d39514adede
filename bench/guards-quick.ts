/**
 * A quick guard micro-benchmark for working on the emitted guards (not part of `npm run bench`):
 * emits `guards.ts` from the working tree's `src/emit/guards.ts` (no formatting, no package),
 * transpiles it with esbuild, and times `isEndpointInfo` / `validateEndpointInfo` against ajv
 * (compiled from dtoforge's own JSON Schema, as bench/guards.ts does) and optionally zod and
 * valibot, on the same payloads and in the same order as bench/guards.ts (every validator sees
 * the sample, the 1,000 values and the invalid payload before anything is timed).
 *
 * Usage: `node --import tsx bench/guards-quick.ts [--rounds 3] [--time 300] [--peers]
 * [--guards file.ts] [--runtime file.ts] [--versus file.ts] [--only is-sample,validate-invalid,…]
 * [--cpu]`. Each round measures every scenario twice, in alternating orders (dtoforge first,
 * then the peer first); the printed ratio is the median over rounds.
 *
 * `--cpu` measures differently, for a loaded machine: many short batches (a few milliseconds of
 * process CPU time each, `process.cpuUsage`, so time spent waiting for a core does not count),
 * interleaved across the validators in alternating order, `--rounds` times (default 3 → 30
 * batches each); each validator's time is its fastest batch (interference only ever adds time),
 * and the ratio is that of the fastest batches.
 *
 * `--versus variant.ts` loads a second copy of the guards over another runtime source in the same
 * process, warmed up the same way, and measures it as the peer `variant` beside ajv (a ratio
 * below 1: the variant is faster). Ratios between two builds in one process spread about ±5%;
 * the same ratio from processes run in turn spreads several times more (each process's JIT
 * and property-load caches differ), so an A/B of the runtime is best read this way.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { transform } from 'esbuild';
import * as v from 'valibot';
import { VFile } from 'vfile';
import { resolveConfig, type DtoforgeConfig } from '../src/config/config.js';
import { emitGuards } from '../src/emit/guards.js';
import { emitJsonSchemas } from '../src/emit/json-schema.js';
import { planNames } from '../src/emit/names.js';
import { buildModel, type ReadPage } from '../src/model/index.js';
import { readPage } from '../src/parse/index.js';
import { measure } from './harness.js';
import { breakEndpointInfo, createValueGenerator } from './payloads.js';
import { buildValibotSchemas, buildZodSchemas } from './peers.js';

type Check = (value: unknown) => unknown;

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    time: { type: 'string', default: '300' },
    peers: { type: 'boolean', default: false },
    /** Fastest of many short batches of process CPU time instead of tinybench (see above). */
    cpu: { type: 'boolean', default: false },
    guards: { type: 'string' },
    /** Another runtime source than templates/runtime.ts (a variant being measured). */
    runtime: { type: 'string' },
    /**
     * A variant of the runtime measured in the same process as the peer `variant` (its own copy
     * of the module, warmed up the same way): ratios below 1 mean the variant is faster.
     */
    versus: { type: 'string' },
    only: { type: 'string' },
    /** Loop one scenario's dtoforge check for this many ms (for `node --cpu-prof`), no timing. */
    spin: { type: 'string' },
    /** With --spin: loop the first peer instead (ajv; the variant with --versus). */
    peer: { type: 'boolean', default: false },
  },
});
const root = path.resolve(import.meta.dirname, '..');
const TYPE = 'EndpointInfo';

const config = resolveConfig(
  JSON.parse(
    await readFile(path.join(root, 'dtoforge.config.json'), 'utf8'),
  ) as Partial<DtoforgeConfig>,
);
const inputDir = path.join(root, config.input[0] ?? 'input');
const { readdir } = await import('node:fs/promises');
const pages: ReadPage[] = [];
for (const name of (await readdir(inputDir)).filter((n) => /\.(txt|md)$/.test(n)).sort()) {
  const file = new VFile({ path: name, value: await readFile(path.join(inputDir, name), 'utf8') });
  pages.push({ file, page: readPage(file) });
}
const model = buildModel(pages, config);
const plan = planNames(model, ['schemas', 'ValidationError', 'jsonSchemaFor']);
const names = plan.names.get(TYPE)!;
const guardOptions = { strict: config.strict, optional: config.optional };

// The guards module: emitted (or given), transpiled, imported from a temp folder.
const dir = await mkdtemp(path.join(os.tmpdir(), 'dtoforge-guards-quick-'));
const source = args.guards
  ? await readFile(args.guards, 'utf8')
  : emitGuards(model, plan, guardOptions);
await writeFile(path.join(dir, 'guards.src.ts'), source);
const js = async (text: string): Promise<string> =>
  (await transform(text, { loader: 'ts', format: 'esm', target: 'es2022' })).code;
type Validate = (value: unknown) => { success: boolean; issues?: unknown[] };
/** The guards module over a runtime, in a folder of its own under `dir`. */
async function load(runtime: string, folder: string): Promise<[Check, Validate]> {
  const at = path.join(dir, folder);
  await mkdir(at, { recursive: true });
  await writeFile(path.join(at, 'package.json'), '{ "type": "module" }\n');
  await writeFile(path.join(at, 'guards.js'), await js(source));
  await writeFile(path.join(at, 'runtime.js'), await js(await readFile(runtime, 'utf8')));
  const guards = (await import(pathToFileURL(path.join(at, 'guards.js')).href)) as Record<
    string,
    unknown
  >;
  return [guards[names.is] as Check, guards[names.validate] as Validate];
}
const [is, validate] = await load(args.runtime ?? path.join(root, 'templates/runtime.ts'), 'a');
const variant = args.versus === undefined ? undefined : await load(args.versus, 'b');
process.stderr.write(`[guards-quick] modules in ${dir}\n`);

const document = emitJsonSchemas(model, plan, guardOptions);
const schema = { ...document, $ref: `#/$defs/${names.type}` };
const ajvFirst = new Ajv2020({ allErrors: false, strict: false }).compile(schema);
const ajvAll = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const zod = buildZodSchemas(model, config.optional).get(TYPE)!;
const valibot = buildValibotSchemas(model, config.optional).get(TYPE)!;

const operation = model.operations.find((op) => op.response === TYPE);
const sample = operation!.samples.response!.value as Record<string, unknown>;
const next = createValueGenerator(model, 20240607);
// Note: as real responses, the values come from JSON.parse (its objects, key order and strings).
const items = Array.from({ length: 1000 }, () => JSON.parse(JSON.stringify(next(TYPE))) as unknown);
const invalid = breakEndpointInfo(sample);

// Same verdict checks (and so the same warm-up of every validator) as bench/guards.ts.
const verdicts: [string, (value: unknown) => boolean][] = [
  ['is', (value) => is(value) === true],
  ['validate', (value) => validate(value).success],
  ...(variant === undefined
    ? []
    : ([
        ['variant is', (value) => variant[0](value) === true],
        ['variant validate', (value) => variant[1](value).success],
      ] as [string, (value: unknown) => boolean][])),
  ['ajv', (value) => ajvFirst(value) === true],
  ['ajv allErrors', (value) => ajvAll(value) === true],
  ['zod', (value) => zod.safeParse(value).success],
  ['valibot', (value) => v.is(valibot, value)],
];
const wrong: string[] = [];
const expect = (label: string, value: unknown, expected: boolean): void => {
  for (const [name, check] of verdicts) {
    if (check(value) !== expected) wrong.push(`${name} on ${label}`);
  }
};
expect('sample', sample, true);
items.forEach((item, index) => expect(`item ${index}`, item, true));
expect('invalid', invalid, false);
if (wrong.length > 0) throw new Error(`Verdicts disagree: ${wrong.slice(0, 10).join('; ')}`);
const issues = validate(invalid).issues!;
process.stderr.write(`[guards-quick] invalid payload: ${issues.length} issues\n`);
// Note: an upper bound (issues made free) reports other issues on purpose; a drop-in must not.
if (variant && JSON.stringify(variant[1](invalid).issues) !== JSON.stringify(issues)) {
  process.stderr.write('[guards-quick] warning: the variant reports other issues (no drop-in)\n');
}

const every =
  (check: Check): (() => boolean) =>
  () => {
    let ok = true;
    for (const item of items) ok = (check(item) as boolean) && ok;
    return ok;
  };
const zodCheck: Check = (value) => zod.safeParse(value).success;
const scenarios: {
  id: string;
  ours: Check;
  peers: [string, Check][];
  payload: unknown;
  many: boolean;
}[] = [
  {
    id: 'is-sample',
    ours: is,
    peers: [
      ['ajv', ajvFirst],
      ['zod', zodCheck],
      ['valibot', (x) => v.is(valibot, x)],
    ],
    payload: sample,
    many: false,
  },
  {
    id: 'is-1000',
    ours: is,
    peers: [
      ['ajv', ajvFirst],
      ['zod', zodCheck],
      ['valibot', (x) => v.is(valibot, x)],
    ],
    payload: items,
    many: true,
  },
  {
    id: 'validate-sample',
    ours: validate,
    peers: [
      ['ajv', ajvAll],
      ['zod', zodCheck],
      ['valibot', (x) => v.safeParse(valibot, x).success],
    ],
    payload: sample,
    many: false,
  },
  {
    id: 'validate-invalid',
    ours: validate,
    peers: [
      ['ajv', ajvAll],
      ['zod', zodCheck],
      ['valibot', (x) => v.safeParse(valibot, x).success],
    ],
    payload: invalid,
    many: false,
  },
  {
    id: 'validate-1000',
    ours: validate,
    peers: [
      ['ajv', ajvAll],
      ['zod', zodCheck],
      ['valibot', (x) => v.safeParse(valibot, x).success],
    ],
    payload: items,
    many: true,
  },
];
if (variant !== undefined) {
  for (const scenario of scenarios) {
    scenario.peers.unshift(['variant', scenario.ours === is ? variant[0] : variant[1]]);
  }
}
const only = args.only?.split(',');
if (args.spin !== undefined) {
  const scenario = scenarios.find((s) => s.id === (only?.[0] ?? 'is-sample'))!;
  const fn = args.peer ? scenario.peers[0]![1] : scenario.ours;
  const run = scenario.many ? every(fn) : () => fn(scenario.payload);
  const until = performance.now() + Number(args.spin);
  let calls = 0;
  while (performance.now() < until) for (let i = 0; i < 100; i++, calls++) run();
  console.log(`${scenario.id}: ${Math.round(calls / (Number(args.spin) / 1000))}/s`);
  process.exit(0);
}
const rounds = Number(args.rounds);
const time = Number(args.time);
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
/** Microseconds of CPU time this process has used. */
const cpuTime = (): number => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};

/**
 * The fastest batch of each task: batches of about `batchMs` of CPU time, `batches` of them per
 * task, interleaved (the order alternates), after one warm-up batch each. Calls per second.
 */
function fastestBatches(
  tasks: readonly { name: string; fn: () => unknown }[],
  batches: number,
  batchMs: number,
): Map<string, number> {
  // Note: calls per batch from a first estimate, so that every batch takes about batchMs.
  const calls = new Map<string, number>();
  for (const task of tasks) {
    let n = 0;
    const start = cpuTime();
    while (cpuTime() - start < batchMs * 1000) {
      task.fn();
      n++;
    }
    calls.set(task.name, Math.max(1, n));
  }
  const best = new Map<string, number>();
  for (let batch = 0; batch < batches; batch++) {
    const order = batch % 2 === 0 ? tasks : [...tasks].reverse();
    for (const task of order) {
      const n = calls.get(task.name)!;
      const start = cpuTime();
      for (let i = 0; i < n; i++) task.fn();
      const hz = (n * 1e6) / Math.max(1, cpuTime() - start);
      best.set(task.name, Math.max(best.get(task.name) ?? 0, hz));
    }
  }
  return best;
}

for (const scenario of scenarios) {
  if (only && !only.includes(scenario.id)) continue;
  const wrap = (fn: Check): (() => unknown) =>
    scenario.many ? every(fn) : () => fn(scenario.payload);
  const peers = args.peers ? scenario.peers : scenario.peers.slice(0, variant ? 2 : 1);
  if (args.cpu) {
    const tasks = [
      { name: 'dtoforge', fn: wrap(scenario.ours) },
      ...peers.map(([name, fn]) => ({ name, fn: wrap(fn) })),
    ];
    const best = fastestBatches(tasks, rounds * 10, scenario.many ? 60 : 5);
    const mine = best.get('dtoforge')!;
    const text = peers.map(([name]) => `${name} ${(mine / best.get(name)!).toFixed(2)}x`);
    console.log(
      `${scenario.id.padEnd(17)} ${Math.round(mine).toString().padStart(8)}/s  ${text.join('  ')}`,
    );
    continue;
  }
  const ratios = new Map<string, number[]>(peers.map(([name]) => [name, []]));
  const ours: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const reversed of [false, true]) {
      const tasks = [
        { name: 'dtoforge', fn: wrap(scenario.ours) },
        ...peers.map(([name, fn]) => ({ name, fn: wrap(fn) })),
      ];
      if (reversed) tasks.reverse();
      const measures = await measure(tasks, time);
      const mine = measures.find((m) => m.name === 'dtoforge')!.hz;
      ours.push(mine);
      for (const m of measures) if (m.name !== 'dtoforge') ratios.get(m.name)!.push(mine / m.hz);
    }
  }
  const text = [...ratios]
    .map(
      ([name, rs]) =>
        `${name} ${median(rs).toFixed(2)}x [${rs.map((r) => r.toFixed(2)).join(' ')}]`,
    )
    .join('  ');
  console.log(
    `${scenario.id.padEnd(17)} ${Math.round(median(ours)).toString().padStart(8)}/s  ${text}`,
  );
}
await rm(dir, { recursive: true, force: true });
