/**
 * What consumers ship (#11): each type's guards shake out of an esbuild bundle on their own (every
 * top-level call of guards.ts is pure-marked), and the guards of the Evo Voice response cost less
 * than half of ajv's standalone code for the same JSON Schema definition. Sizes are bytes of
 * minified output (deterministic for one esbuild version), not time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { bundleAjvStandalone, bundleExports } from '../bench/bundles.js';
import { resolveConfig, type DtoforgeConfig } from '../src/config/config.js';
import { emitSources } from '../src/emit/index.js';
import { buildModel } from '../src/model/index.js';
import { readPage } from '../src/parse/index.js';

const ROOT = join(import.meta.dirname, '..');

/** The package `generate` writes for input/ (its sources, before formatting). */
function evoSources(): ReturnType<typeof emitSources> {
  const config = resolveConfig(
    JSON.parse(readFileSync(join(ROOT, 'dtoforge.config.json'), 'utf8')) as DtoforgeConfig,
  );
  const page = new VFile({
    path: 'input/BuyPhoneNumber.txt',
    value: readFileSync(join(ROOT, 'input', 'BuyPhoneNumber.txt'), 'utf8'),
  });
  return emitSources(buildModel([{ file: page, page: readPage(page) }], config), config);
}

const sources = evoSources();
const namesOf = (type: string) => {
  const names = sources.plan.names.get(type);
  if (names === undefined) throw new Error(`no type ${type}`);
  return names;
};

describe('guard bundles (esbuild, minified)', () => {
  it('importing only isTag ships Tag and its enum, under 2 KB', async () => {
    const tag = namesOf('Tag');
    const size = await bundleExports(sources.files, 'guards', [tag.is]);
    expect(size.bytes).toBeLessThanOrEqual(2048);
    const everything = await bundleExports(sources.files, 'guards', '*');
    expect(everything.bytes).toBeGreaterThan(size.bytes * 10);
  });

  it('only what a type reaches: isTag has no EndpointInfo field, no issue reporting', async () => {
    const { text } = await bundleExports(sources.files, 'guards', [namesOf('Tag').is]);
    expect(text).toContain('"color"');
    expect(text).not.toContain('accountId');
    expect(text).not.toContain('Unexpected');
  });

  it('isEndpointInfo + validateEndpointInfo: at most half of ajv standalone', async () => {
    const info = namesOf('EndpointInfo');
    const ours = await bundleExports(sources.files, 'guards', [info.is, info.validate]);
    // ajv compiles the package's own JSON Schema document (schemas.json).
    const ajvFirst = await bundleAjvStandalone(sources.schemas, 'EndpointInfo', false);
    const ajvAll = await bundleAjvStandalone(sources.schemas, 'EndpointInfo', true);
    // Note: the smaller of ajv's two builds is the bar (allErrors has no early exits to print).
    expect(ours.bytes * 2).toBeLessThanOrEqual(Math.min(ajvFirst.bytes, ajvAll.bytes));
  });

  it('the whole package (index.ts) is at least 3x smaller than before the redesign', async () => {
    // Note: 153,350 bytes, the same bundle of generated/src at da2a53e (before #11's guards; the
    // bench bundles it again from git history, bench/bundles.ts BEFORE_COMMIT).
    const before = 153_350;
    const whole = await bundleExports(sources.files, 'index', '*');
    expect(whole.bytes * 3).toBeLessThanOrEqual(before);
  });
});
