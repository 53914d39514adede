/**
 * The OpenAPI 3.1 document (`openapi.json` in the package, `dtoforge openapi`) for the Evo Voice
 * page and every shared page that reaches its sample section:
 *
 * - it is valid: Redocly's linter (`@redocly/openapi-core`, rules `recommended-strict`) finds no
 *   problem, and it describes every operation, route, verb, parameter and role of the model;
 * - openapi-typescript turns it into types whose request and response types are mutually
 *   assignable with the package's own for every operation (checked with tsc, strict);
 * - openapi-fetch calls an operation of the loopback server with those types (the call is
 *   type-checked, then run).
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { astToString, openapiTS } from 'dtoforge-openapi-peers';
import { transformSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitOpenApiDocument } from '../src/emit/index.js';
import type { Operation } from '../src/model/model.js';
import {
  apiFixtures,
  sampleRequest,
  sampleResponse,
  typeCheckFolder,
  writeFixturePackage,
  type ApiFixture,
  type WrittenPackage,
} from './helpers/api-package.js';
import { startApiServer, type ApiServer } from './helpers/api-server.js';
import { ROOT } from './helpers/pages-run.js';

const WORK = path.join(ROOT, 'test', 'tmp', `openapi-${process.pid}`);

type Json = Record<string, unknown>;

interface OpenApiOperation {
  operationId: string;
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: { required: boolean; content: Record<string, { schema: Json }> };
  responses: Record<string, Json>;
  'x-servicestack-request': string;
  'x-servicestack-roles'?: string[];
  'x-servicestack-verbs'?: string[];
}

interface Document {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, Json> };
}

/** Every operation of a document: path, method and the operation object. */
function operationsOf(
  document: Document,
): { path: string; method: string; op: OpenApiOperation }[] {
  return Object.entries(document.paths).flatMap(([p, item]) =>
    Object.entries(item).map(([method, op]) => ({ path: p, method, op })),
  );
}

/** A TypeScript string literal. */
const lit = (text: string): string => JSON.stringify(text);

/**
 * The tsc check of one fixture's package: for every operation of the document, the request (the
 * body, or for verbs without one the path and query parameters, path variables required) and the
 * 200 response of openapi-typescript's types, assigned both ways with the package's types
 * (`mutual`), or only the package's to openapi-typescript's (TypeScript enums are not assignable
 * from their values). openapi-typescript types an object with no properties as
 * `Record<string, never>`, to which no interface is assignable: there the package's type must
 * have no property either.
 */
function checkSource(document: Document, written: WrittenPackage, mutual: boolean): string {
  const lines = [
    "import type { operations } from './openapi.js';",
    `import type { OperationTypes } from './${path.basename(written.dir)}/src/operations.js';`,
    '',
    'type Group<P, K extends PropertyKey> = K extends keyof P',
    '  ? [NonNullable<P[K]>] extends [never] ? {} : NonNullable<P[K]>',
    '  : {};',
    'type Present<T, K extends PropertyKey> = Omit<T, K & keyof T> & Required<Pick<T, K & keyof T>>;',
    '/** `Ours`, or `Theirs` when `Ours` has no property and `Theirs` is `Record<string, never>`. */',
    'type Same<Ours, Theirs> = [keyof Ours] extends [never]',
    '  ? [Theirs] extends [Record<string, never>] ? Theirs : Ours',
    '  : Ours;',
    '',
  ];
  operationsOf(document).forEach(({ method, op }, index) => {
    const operation = written.model.operations.find(
      (candidate) => candidate.request === op['x-servicestack-request'],
    );
    if (!operation) return;
    const ours = `OperationTypes[${lit(operation.name)}]`;
    const theirs = `operations[${lit(op.operationId)}]`;
    const pathKeys = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => lit(p.name));
    const request = written.model.types.find((type) => type.name === operation.request);
    const headerKeys =
      request?.kind === 'object'
        ? request.fields
            .filter((field) => field.in === 'header')
            .map((field) => lit(field.wireName))
        : [];
    const pairs: [string, string, string][] = [];
    if (op.requestBody) {
      pairs.push([
        'request',
        `${ours}['request']`,
        `NonNullable<${theirs}['requestBody']>['content']['application/json']`,
      ]);
    } else {
      pairs.push([
        'request',
        `Omit<Present<${ours}['request'], ${pathKeys.join(' | ') || 'never'}>, ${headerKeys.join(' | ') || 'never'}>`,
        `Group<${theirs}['parameters'], 'path'> & Group<${theirs}['parameters'], 'query'>`,
      ]);
    }
    if (operation.response !== undefined) {
      pairs.push([
        'response',
        `${ours}['response']`,
        `${theirs}['responses'][200]['content']['application/json']`,
      ]);
    }
    lines.push(`// ${method.toUpperCase()} ${op.operationId}`);
    for (const [what, ourType, theirType] of pairs) {
      const id = `${what}${index}`;
      lines.push(
        `declare const theirs_${id}: ${theirType};`,
        `declare const ours_${id}: Same<${ourType}, typeof theirs_${id}>;`,
        `export const toTheirs_${id}: typeof theirs_${id} = ours_${id};`,
      );
      if (mutual) lines.push(`export const toOurs_${id}: typeof ours_${id} = theirs_${id};`);
    }
    lines.push('');
  });
  return lines.join('\n');
}

/** True for a schema of an object with no property (openapi-typescript: `Record<string, never>`). */
function isEmptyObject(schema: Json | undefined, document: Document): boolean {
  const ref = schema?.['$ref'];
  const target =
    typeof ref === 'string'
      ? document.components.schemas[ref.replace('#/components/schemas/', '')]
      : schema;
  return target?.['type'] === 'object' && Object.keys(target['properties'] ?? {}).length === 0;
}

/**
 * A typed openapi-fetch call of the fixture's first operation (on a route without path
 * variables when it has one): `run(baseUrl, request, path)` sends the request and returns `data`,
 * typed with the package's response type.
 */
function usageSource(document: Document, written: WrittenPackage): string | undefined {
  const operation = written.model.operations[0];
  if (!operation) return undefined;
  const candidates = operationsOf(document).filter(
    ({ op }) => op['x-servicestack-request'] === operation.request,
  );
  const chosen =
    candidates.find(({ op }) => !(op.parameters ?? []).some((p) => p.in === 'path')) ??
    candidates[0];
  if (!chosen) return undefined;
  const ours = `OperationTypes[${lit(operation.name)}]`;
  const verb = chosen.method.toUpperCase();
  const parameters = chosen.op.parameters ?? [];
  const params = [
    ...(parameters.some((p) => p.in === 'query') ? ['query: request'] : []),
    ...(parameters.some((p) => p.in === 'path') ? ['path'] : []),
  ];
  const empty = isEmptyObject(chosen.op.requestBody?.content['application/json']?.schema, document);
  const init = [
    ...(chosen.op.requestBody ? [`body: ${empty ? '{}' : 'request'}`] : []),
    ...(params.length > 0 ? [`params: { ${params.join(', ')} }`] : []),
  ];
  const pathType = `NonNullable<operations[${lit(chosen.op.operationId)}]['parameters']['path']>`;
  return [
    "import createClient from 'openapi-fetch';",
    "import type { operations, paths } from './openapi.js';",
    `import type { OperationTypes } from './${path.basename(written.dir)}/src/operations.js';`,
    '',
    `export const route = ${lit(`${verb} ${chosen.path}`)};`,
    `export const sendsRequest = ${String(!empty)};`,
    '',
    `export async function run(baseUrl: string, request: ${ours}['request'], path: ${pathType}): Promise<unknown> {`,
    '  const client = createClient<paths>({',
    '    baseUrl,',
    "    querySerializer: { array: { style: 'form', explode: false } },",
    '  });',
    `  const { data, error } = await client.${verb}(${lit(chosen.path)}${init.length > 0 ? `, { ${init.join(', ')} }` : ''});`,
    '  if (error !== undefined) throw new Error(JSON.stringify(error));',
    '  void request;',
    '  void path;',
    ...(operation.response === undefined
      ? ['  return data;']
      : [
          `  const response: ${empty ? 'unknown' : `${ours}['response']`} = data;`,
          '  return response;',
        ]),
    '}',
    '',
  ].join('\n');
}

const fixtures = apiFixtures();
const packages = new Map<string, WrittenPackage>();
const documents = new Map<string, Document>();
let tscOutput = '';
let server: ApiServer;

beforeAll(async () => {
  await rm(WORK, { recursive: true, force: true });
  server = await startApiServer();
  const checks: string[] = [];
  for (const fixture of fixtures) {
    const dir = path.join(WORK, fixture.name);
    // Note: with literal unions for enums the types can be compared both ways.
    const written = await writeFixturePackage(fixture, path.join(dir, 'unions'), {
      enumStyle: 'union',
    });
    const enums = await writeFixturePackage(fixture, path.join(dir, 'enums'));
    packages.set(fixture.name, written);
    const document = JSON.parse(
      await readFile(path.join(written.dir, 'openapi.json'), 'utf8'),
    ) as Document;
    documents.set(fixture.name, document);
    expect(await readFile(path.join(enums.dir, 'openapi.json'), 'utf8')).toBe(
      await readFile(path.join(written.dir, 'openapi.json'), 'utf8'),
    );
    const types = astToString(await openapiTS(document as never));
    await writeFile(path.join(dir, 'openapi.ts'), types);
    await writeFile(path.join(dir, 'check-unions.ts'), checkSource(document, written, true));
    await writeFile(path.join(dir, 'check-enums.ts'), checkSource(document, enums, false));
    checks.push(`${fixture.name}/check-unions.ts`, `${fixture.name}/check-enums.ts`);
    const usage = usageSource(document, written);
    if (usage !== undefined) {
      await writeFile(path.join(dir, 'usage.ts'), usage);
      await writeFile(
        path.join(dir, 'usage.mjs'),
        transformSync(usage, { loader: 'ts', format: 'esm', target: 'es2022' }).code,
      );
      checks.push(`${fixture.name}/usage.ts`);
    }
  }
  tscOutput = await typeCheckFolder(WORK, checks);
});

afterAll(async () => {
  await server.close();
  // Note: DTOFORGE_KEEP_TMP=1 keeps the packages, the types and the checks for a look.
  if (process.env['DTOFORGE_KEEP_TMP'] !== '1') await rm(WORK, { recursive: true, force: true });
});

/** The tsc errors in one fixture's files. */
function errorsIn(name: string): string[] {
  return tscOutput.split('\n').filter((line) => line.startsWith(`${name}/`));
}

describe.each(fixtures.map((fixture) => [fixture.name, fixture] as const))(
  'the OpenAPI document of %s',
  (name: string, fixture: ApiFixture) => {
    it('is what `dtoforge openapi` writes, with a generated mark', () => {
      const written = packages.get(name)!;
      const document = documents.get(name)! as unknown as Json;
      const { ['x-generated']: mark, ...rest } = document;
      expect(mark).toMatch(/^This file was generated by dtoforge from .*\. Do not edit\.$/);
      expect(rest).toEqual(emitOpenApiDocument(written.model, fixture.config));
    });

    it('passes the Redocly linter (recommended-strict)', async () => {
      const config = await createConfig({
        extends: ['recommended-strict'],
        rules: {
          // Note: an UNLICENSED package (the default) grants no license: the document has none.
          ...(fixture.config.package.license === 'UNLICENSED' ? { 'info-license': 'off' } : {}),
          // Note: the pages do not say how the API authenticates (roles are in x-servicestack-roles).
          'security-defined': 'off',
          // Note: every type of the package is a component, used by an operation or not (bases).
          'no-unused-components': 'off',
        },
      });
      const source = await readFile(path.join(packages.get(name)!.dir, 'openapi.json'), 'utf8');
      const problems = await lintFromString({
        source,
        absoluteRef: `${name}/openapi.json`,
        config,
      });
      expect(
        problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`),
      ).toEqual([]);
    });

    it('describes every operation, route, verb, role and parameter of the model', () => {
      const written = packages.get(name)!;
      const document = documents.get(name)!;
      expect(document.openapi).toBe('3.1.0');
      const all = operationsOf(document);
      for (const operation of written.model.operations) {
        const mine = all.filter(({ op }) => op['x-servicestack-request'] === operation.request);
        expect(mine.length).toBeGreaterThan(0);
        const routes =
          operation.routes.length > 0
            ? operation.routes
            : [{ verbs: [operation.method], path: `/json/reply/${operation.name}` }];
        for (const route of routes) {
          // The document's path is the route with its variables renamed (same URLs).
          const pattern = new RegExp(
            `^${route.path
              .split(/\{[^{}]*\}/)
              .map((part) => part.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&'))
              .join('\\{[^{}]+\\}')}$`,
          );
          const found = mine.filter(({ path: p }) => pattern.test(p));
          expect(found.length, `${route.path} is in the document`).toBeGreaterThan(0);
          for (const { op, path: p } of found) {
            const variables = [...p.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
            expect((op.parameters ?? []).filter((x) => x.in === 'path').map((x) => x.name)).toEqual(
              variables,
            );
            expect(op['x-servicestack-roles'] ?? []).toEqual(operation.roles);
            if (route.verbs.includes('ANY')) expect(op['x-servicestack-verbs']).toEqual(['ANY']);
          }
          const verbs = found.map(({ method }) => method.toUpperCase());
          for (const verb of route.verbs) {
            expect(verbs).toContain(
              verb === 'ANY' ? (operation.method === 'ANY' ? 'POST' : operation.method) : verb,
            );
          }
        }
        for (const { op } of mine) {
          expect(Object.keys(op.responses)).toEqual(
            operation.response === undefined ? ['204', '4XX', '5XX'] : ['200', '4XX', '5XX'],
          );
        }
      }
      const ids = all.map(({ op }) => op.operationId);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('gives openapi-typescript types assignable with the package’s (tsc, strict; both ways for literal unions)', () => {
      expect(errorsIn(name)).toEqual([]);
    });

    it('lets openapi-fetch call the loopback server with those types', async () => {
      const written = packages.get(name)!;
      const operation = written.model.operations[0];
      if (!operation) return;
      const usage = (await import(pathToFileURL(path.join(WORK, name, 'usage.mjs')).href)) as {
        route: string;
        sendsRequest: boolean;
        run(baseUrl: string, request: object, path: object): Promise<unknown>;
      };
      const reply = sampleResponse(operation);
      server.calls.length = 0;
      server.reply = () => ({ body: reply });
      const request = sampleRequest(operation);
      const [verb = '', route = ''] = usage.route.split(' ');
      const pathParams = Object.fromEntries(
        [...route.matchAll(/\{([^{}]+)\}/g)].map((match) => [match[1], `v ${match[1]}/1`]),
      );
      expect(await usage.run(server.url, request, pathParams)).toEqual(reply);
      const [call] = server.calls;
      expect(call?.method).toBe(verb);
      expect(call?.path).toBe(
        route.replace(/\{([^{}]+)\}/g, (_, name: string) => encodeURIComponent(`v ${name}/1`)),
      );
      if (verb === 'GET') {
        expect(Object.fromEntries(call?.query ?? [])).toEqual(
          Object.fromEntries(
            Object.entries(request).map(([k, v]) => [
              k,
              Array.isArray(v) ? v.join(',') : String(v),
            ]),
          ),
        );
      } else {
        expect(JSON.parse(call?.body ?? 'null')).toEqual(usage.sendsRequest ? request : {});
      }
    });
  },
);
