/**
 * Guard benchmarks: dtoforge's emitted `isEndpointInfo` / `validateEndpointInfo` against ajv 8
 * (compiled from dtoforge's own JSON Schema), zod 4, valibot 1 (schemas built from the same
 * model, bench/peers.ts) and typia (via `typia generate`), in one process, on the page's own
 * response sample, on 1,000 varied EndpointInfo values and on an invalid payload.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as v from 'valibot';
import { emitJsonSchemas } from '../src/emit/json-schema.js';
import type { GuardResults, GuardRow } from './guard-runs.js';
import { measure } from './harness.js';
import { breakEndpointInfo, createValueGenerator } from './payloads.js';
import { buildValibotSchemas, buildZodSchemas } from './peers.js';
import type { StageRun } from './stages.js';
import { buildTypiaGuards } from './typia.js';

type Check = (value: unknown) => unknown;

export type { GuardResults, GuardRow } from './guard-runs.js';

const TYPE = 'EndpointInfo';

/** Load the emitted ES modules (dist/esm) from a temp folder. */
async function loadGuards(run: StageRun): Promise<Record<string, unknown>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dtoforge-bench-guards-'));
  await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  for (const file of run.emitted.files) {
    if (!file.path.startsWith('dist/esm/') || !file.path.endsWith('.js')) continue;
    const target = path.join(dir, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }
  const module = (await import(pathToFileURL(path.join(dir, 'dist/esm/guards.js')).href)) as Record<
    string,
    unknown
  >;
  await rm(dir, { recursive: true, force: true });
  return module;
}

/**
 * Run the guard benchmarks.
 *
 * @param run
 *   The in-process stage run on input/ (its model and emitted package).
 * @param timeMs
 *   tinybench's time budget per task.
 */
export async function benchGuards(run: StageRun, timeMs: number): Promise<GuardResults> {
  const notes: string[] = [];
  const plan = run.emitted.plan;
  const names = plan?.names.get(TYPE);
  if (!plan || !names) throw new Error(`The model has no ${TYPE}`);
  const guards = await loadGuards(run);
  const is = guards[names.is] as Check;
  const validate = guards[names.validate] as (value: unknown) => {
    success: boolean;
    issues?: unknown[];
  };
  if (typeof is !== 'function' || typeof validate !== 'function')
    throw new Error(`guards.js exports no ${names.is} / ${names.validate}`);

  // ajv from dtoforge's own JSON Schema document.
  const guardOptions = { strict: run.config.strict, optional: run.config.optional };
  const document = emitJsonSchemas(run.model, plan, guardOptions);
  const schema = { ...document, $ref: `#/$defs/${names.type}` };
  const ajvFirst = new Ajv2020({ allErrors: false, strict: false }).compile(schema);
  const ajvAll = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

  const zod = buildZodSchemas(run.model, run.config.optional).get(TYPE)!;
  const valibot = buildValibotSchemas(run.model, run.config.optional).get(TYPE)!;
  let typia: Awaited<ReturnType<typeof buildTypiaGuards>> | undefined;
  try {
    const types = run.emitted.files.find((file) => file.path === 'src/types.ts');
    if (!types) throw new Error('no src/types.ts in the emitted package');
    typia = await buildTypiaGuards(types.content, names.type);
    notes.push(
      `typia ${typiaVersion()} set up without a compiler plugin: \`typia generate\` over the emitted src/types.ts (${Math.round(typia.generateMs)} ms). typia checks TypeScript types: \`number\` fields are not checked for integers (dtoforge, ajv, zod and valibot check them), so its work per value is smaller.`,
    );
  } catch (error) {
    notes.push(`typia could not be set up: ${String(error).split('\n')[0]}`);
  }

  // Payloads.
  const operation = run.model.operations.find((op) => op.response === TYPE);
  const sample = operation?.samples.response?.value as Record<string, unknown> | undefined;
  if (!sample) throw new Error(`No response sample for ${TYPE} on the page`);
  const next = createValueGenerator(run.model, 20240607);
  // Note: as real responses, the values come from JSON.parse (its objects, key order and strings).
  const items = Array.from(
    { length: 1000 },
    () => JSON.parse(JSON.stringify(next(TYPE))) as unknown,
  );
  const invalid = breakEndpointInfo(sample);

  // Every validator must agree before anything is timed.
  const disagreements: string[] = [];
  const verdicts: [string, (value: unknown) => boolean][] = [
    ['isEndpointInfo', (value) => is(value) === true],
    ['validateEndpointInfo', (value) => validate(value).success],
    ['ajv', (value) => ajvFirst(value) === true],
    ['ajv allErrors', (value) => ajvAll(value) === true],
    ['zod', (value) => zod.safeParse(value).success],
    ['valibot', (value) => v.is(valibot, value)],
  ];
  if (typia) verdicts.push(['typia', (value) => typia.is(value)]);
  const expectVerdict = (label: string, value: unknown, expected: boolean): void => {
    for (const [name, check] of verdicts) {
      const verdict = check(value);
      if (verdict !== expected) disagreements.push(`${name} says ${verdict} on ${label}`);
    }
  };
  expectVerdict('the page sample', sample, true);
  items.forEach((item, index) => {
    const before = disagreements.length;
    expectVerdict(`item ${index}`, item, true);
    if (disagreements.length > before && disagreements.length > 20) disagreements.length = 20;
  });
  expectVerdict('the invalid payload', invalid, false);
  const invalidIssues = validate(invalid).issues?.length ?? 0;

  const every =
    (check: Check): (() => boolean) =>
    () => {
      let ok = true;
      for (const item of items) ok = (check(item) as boolean) && ok;
      return ok;
    };
  const zodCheck: Check = (value) => zod.safeParse(value).success;
  const valibotIs: Check = (value) => v.is(valibot, value);
  const valibotParse: Check = (value) => v.safeParse(valibot, value).success;

  const rows: GuardRow[] = [];
  const scenario = async (
    name: string,
    ours: Check,
    peers: { peer: string; fn?: Check | undefined; note?: string }[],
    payload: unknown,
    many: boolean,
  ): Promise<void> => {
    const wrap = (fn: Check): (() => unknown) => (many ? every(fn) : () => fn(payload));
    const tasks = [
      { name: 'dtoforge', fn: wrap(ours) },
      ...peers.flatMap((peer) => (peer.fn ? [{ name: peer.peer, fn: wrap(peer.fn) }] : [])),
    ];
    const measures = await measure(tasks, timeMs);
    rows.push({
      scenario: name,
      dtoforge: measures[0]!,
      peers: peers.map((peer) => {
        const found = measures.find((m) => m.name === peer.peer && peer.fn);
        return {
          peer: peer.peer,
          ...(found ? { measure: found } : {}),
          ...(peer.note ? { note: peer.note } : {}),
        };
      }),
    });
  };
  const typiaIs = typia ? (value: unknown) => typia.is(value) : undefined;
  const typiaValidate = typia ? (value: unknown) => typia.validate(value).success : undefined;
  const isPeers = [
    { peer: 'ajv (allErrors: false)', fn: (value: unknown) => ajvFirst(value) },
    { peer: 'zod safeParse', fn: zodCheck },
    { peer: 'valibot is', fn: valibotIs },
    { peer: 'typia is', fn: typiaIs },
  ];
  const validatePeers = [
    { peer: 'ajv (allErrors: true)', fn: (value: unknown) => ajvAll(value) },
    { peer: 'zod safeParse', fn: zodCheck },
    { peer: 'valibot safeParse', fn: valibotParse },
    { peer: 'typia validate', fn: typiaValidate },
  ];
  await scenario(`${names.is}: page sample`, is, isPeers, sample, false);
  await scenario(`${names.is}: 1,000 values`, is, isPeers, items, true);
  await scenario(`${names.validate}: valid sample`, validate, validatePeers, sample, false);
  await scenario(`${names.validate}: invalid payload`, validate, validatePeers, invalid, false);
  await scenario(`${names.validate}: 1,000 values`, validate, validatePeers, items, true);

  return {
    rows,
    disagreements,
    notes,
    payload: {
      sampleBytes: JSON.stringify(sample).length,
      arrayBytes: JSON.stringify(items).length,
      invalidIssues,
    },
  };
}

function typiaVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('typia/package.json') as { version: string }).version;
}
