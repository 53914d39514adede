/**
 * The model of the project's own page is the contract between the stages: its reviewable
 * projection (every table → type name, kind, base, wire names; test/fixtures/evo-voice/model.txt)
 * is a file snapshot, so that any change to it shows up in review as a short diff. The JSON that
 * `inspect` prints is pinned on a small page (test/pages.test.ts, `fullJson`).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspect } from '../src/index.js';
import type { ModelType } from '../src/model/model.js';
import { modelProjection } from './helpers/pages-run.js';

const ROOT = path.resolve(import.meta.dirname, '..');

describe('dtoforge inspect on input/ with the committed config', () => {
  it('gives the model of the reviewed snapshot', async () => {
    const result = await inspect({ cwd: ROOT });
    expect(result.failed).toBe(false);
    expect(result.diagnostics.flatMap((file) => file.messages.map(String))).toEqual([]);
    await expect(modelProjection(result.model)).toMatchFileSnapshot(
      path.join(ROOT, 'test/fixtures/evo-voice/model.txt'),
    );
  });

  it('gives every field a wire name the sample shows where the sample shows it', async () => {
    const { model } = await inspect({ cwd: ROOT });
    const response = model.operations[0]?.samples.response?.value as Record<string, unknown>;
    const byName = new Map<string, ModelType>(model.types.map((type) => [type.name, type]));
    const endpoint = byName.get('EndpointInfo');
    const entity = byName.get('EntityInfo');
    if (endpoint?.kind !== 'object' || entity?.kind !== 'object') throw new Error('missing types');
    const wire = [...endpoint.fields, ...entity.fields].map((field) => field.wireName);
    // Every key of the sample response is a field of EndpointInfo or its base, by wire name.
    expect(Object.keys(response).filter((key) => !wire.includes(key))).toEqual([]);
  });
});
