/**
 * An AutoQuery page (a layout of another ServiceStack API than Evo Voice): a GET request with
 * query parameters whose base is the empty generic `QueryDb<Customer>` (configured, with its own
 * base `QueryBase`, whose table follows), a generic response `QueryResponse<Customer>`
 * (configured), an enum-keyed dictionary, the ResponseStatus built-in and a 4-column route table.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../src/index.js';
import type { ModelType, ObjectType } from '../src/model/model.js';

const CASE = path.resolve(import.meta.dirname, 'fixtures/autoquery');

function object(types: ModelType[], name: string): ObjectType {
  const type = types.find((t) => t.name === name);
  if (type?.kind !== 'object') throw new Error(`no object type ${name}`);
  return type;
}

describe('an AutoQuery page with generic base and response', () => {
  it('binds the tables to the request, the base of its empty generic base, the response and its types', async () => {
    const result = await generate({ cwd: CASE, verify: true });
    expect(result.diagnostics.flatMap((file) => file.messages.map(String))).toEqual([]);
    expect(result.problems).toEqual([]);
    const { types, operations } = result.model;
    expect(types.map((type) => `${type.name}:${type.kind}`)).toEqual([
      'QueryCustomers:object',
      'QueryBase:object',
      'QueryResponse:object',
      'Customer:object',
      'CustomerTier:enum',
      'QueryDb:object',
      'ResponseStatus:object',
      'ResponseError:object',
    ]);
    expect(object(types, 'QueryCustomers').base).toEqual({
      kind: 'ref',
      name: 'QueryDb',
      args: [{ kind: 'ref', name: 'Customer', args: [] }],
    });
    expect(object(types, 'QueryDb')).toMatchObject({ typeParameters: ['T'], fields: [] });
    expect(object(types, 'QueryDb').base).toMatchObject({ name: 'QueryBase' });
    expect(object(types, 'QueryResponse').typeParameters).toEqual(['T']);
    expect(object(types, 'QueryResponse').fields.find((f) => f.name === 'Results')?.type).toEqual({
      kind: 'list',
      items: { kind: 'typeParameter', name: 'T' },
    });
    expect(operations[0]).toMatchObject({
      name: 'QueryCustomers',
      method: 'GET',
      paths: ['/customers', '/customers/search'],
      response: 'QueryResponse<Customer>',
    });
    const typesTs = result.files.find((file) => file.path === 'src/types.ts')?.content ?? '';
    expect(typesTs).toContain('export interface QueryCustomers extends QueryDb<Customer> {');
    expect(typesTs).toContain('export interface QueryResponse<T = unknown> {');
    expect(typesTs).toContain('tags?: Partial<Record<CustomerTier, string>>;');
  });
});
