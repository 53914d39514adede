/**
 * The generated fetch client (`<package>/client`) against a loopback server, for the Evo Voice
 * page and every shared page that reaches its sample section: each operation is called with its
 * page's sample request, and the server checks what arrives (verb, path, query string, body,
 * headers); the answer comes back typed and checked, ServiceStack error bodies become an
 * `ApiError` carrying the ResponseStatus, and a response that does not match its type a
 * `ResponseValidationError` (or, with validation off, the body as it came).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Model, Operation } from '../src/model/model.js';
import {
  apiFixtures,
  sampleRequest,
  sampleResponse,
  importBuilt,
  writeFixturePackage,
  type WrittenPackage,
} from './helpers/api-package.js';
import {
  serviceStackError,
  startApiServer,
  type ApiServer,
  type RecordedCall,
} from './helpers/api-server.js';
import { ROOT } from './helpers/pages-run.js';

interface Issue {
  path: (string | number)[];
  message: string;
}

interface OperationInfo {
  name: string;
  method: string;
  routes: { verbs: string[]; path: string }[];
  request: string;
  response?: string;
  parameters: { name: string; wireName: string; in: 'path' | 'query' | 'header' }[];
}

type Method = (request?: object, options?: object) => Promise<unknown>;

interface ClientModule {
  createClient(options: {
    baseUrl: string;
    headers?: Record<string, string> | (() => Promise<Record<string, string>>);
    validate?: boolean;
  }): Record<string, Method>;
  operations: Record<string, OperationInfo>;
  ApiError: abstract new (...args: never[]) => Error & {
    operation: string;
    status: number;
    body: unknown;
    responseStatus: { errorCode?: string; message?: string; errors?: unknown[] };
    errorCode: string;
    errorMessage: string;
    errors: { fieldName?: string; errorCode?: string; message?: string }[];
    fieldError(name: string): { fieldName?: string; message?: string } | undefined;
  };
  ResponseValidationError: abstract new (...args: never[]) => Error & {
    operation: string;
    issues: Issue[];
    body: unknown;
  };
}

type Validate = (value: unknown) => { success: boolean; issues?: Issue[] };

const WORK = path.join(ROOT, 'test', 'tmp', `client-fetch-${process.pid}`);
const BODILESS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

let server: ApiServer;

beforeAll(async () => {
  server = await startApiServer();
});

afterAll(async () => {
  await server.close();
  const { rm } = await import('node:fs/promises');
  await rm(WORK, { recursive: true, force: true });
});

/** The `{Name}` variables of a path template. */
function variables(template: string): string[] {
  return [...template.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1]!.replace(/\*$/, ''));
}

/** The request key a path variable names (ServiceStack compares without case). */
function keyFor(info: OperationInfo, request: object, variable: string): string | undefined {
  const parameter = info.parameters.find((p) => p.name.toLowerCase() === variable.toLowerCase());
  if (parameter) return parameter.wireName;
  return Object.keys(request).find((key) => key.toLowerCase() === variable.toLowerCase());
}

/** A request that fills every path variable of every route, with characters to encode. */
function requestFor(info: OperationInfo, operation: Operation): Record<string, unknown> {
  const request = sampleRequest(operation);
  for (const route of info.routes) {
    for (const variable of variables(route.path)) {
      const key =
        keyFor(info, request, variable) ?? variable.charAt(0).toLowerCase() + variable.slice(1);
      request[key] = `a b/${variable}?`;
    }
  }
  return request;
}

/** What a value becomes in a query string or path (lists of scalars comma-separated, else JSON). */
function text(value: unknown): string {
  const scalar = (item: unknown): boolean => item === null || typeof item !== 'object';
  if (Array.isArray(value) && value.every(scalar)) return value.map(String).join(',');
  return scalar(value) ? String(value) : JSON.stringify(value);
}

/**
 * Check a recorded call against the operation's routes, independently of the client's code: the
 * path is one of the routes with its variables filled (or `/json/reply/{Name}` when no route can
 * be filled), no route the request fills has more variables, and every field arrives where its
 * verb and Parameter column put it.
 */
function checkCall(
  info: OperationInfo,
  request: Record<string, unknown>,
  call: RecordedCall,
): void {
  const given = (key: string | undefined): boolean =>
    key !== undefined && request[key] !== undefined && request[key] !== null && request[key] !== '';
  const usable = info.routes.filter((route) =>
    variables(route.path).every((variable) => given(keyFor(info, request, variable))),
  );
  const used = new Set<string>();
  if (usable.length === 0) {
    expect(call.path).toBe(`/json/reply/${encodeURIComponent(info.name)}`);
  } else {
    const matched = usable.filter((route) => {
      let expected = route.path;
      for (const variable of variables(route.path)) {
        const key = keyFor(info, request, variable)!;
        expected = expected.replace(/\{[^{}]+\}/, encodeURIComponent(text(request[key])));
      }
      return expected === call.path;
    });
    expect(matched.length, `${call.method} ${call.path} is one of the routes`).toBeGreaterThan(0);
    const route = matched[0]!;
    const most = Math.max(...usable.map((candidate) => variables(candidate.path).length));
    expect(variables(route.path).length).toBe(most);
    for (const variable of variables(route.path)) used.add(keyFor(info, request, variable)!);
    const verbs = route.verbs.map((verb) => verb.toUpperCase());
    expect(verbs.includes('ANY') || verbs.includes(call.method)).toBe(true);
  }
  const kind = new Map(info.parameters.map((p) => [p.wireName, p.in]));
  const present = Object.entries(request).filter(([, value]) => value !== undefined);
  const headers = present.filter(([key]) => kind.get(key) === 'header');
  for (const [key, value] of headers) {
    const name = info.parameters.find((p) => p.wireName === key)!.name.toLowerCase();
    expect(call.headers[name]).toBe(text(value));
  }
  if (BODILESS.has(call.method)) {
    const expected = present
      .filter(([key, value]) => kind.get(key) !== 'header' && !used.has(key) && value !== null)
      .map(([key, value]) => [key, text(value)]);
    expect(call.query).toEqual(expected);
    expect(call.body).toBe('');
  } else {
    const query = present
      .filter(([key, value]) => kind.get(key) === 'query' && value !== null)
      .map(([key, value]) => [key, text(value)]);
    expect(call.query).toEqual(query);
    const body = Object.fromEntries(
      present.filter(([key]) => kind.get(key) !== 'header' && kind.get(key) !== 'query'),
    );
    expect(JSON.parse(call.body)).toEqual(body);
    expect(call.headers['content-type']).toBe('application/json');
  }
  expect(call.headers['accept']).toBe('application/json');
}

describe.each(apiFixtures().map((fixture) => [fixture.name, fixture] as const))(
  'the fetch client of %s',
  (name, fixture) => {
    let written: WrittenPackage;
    let client: ClientModule;
    let guards: Record<string, unknown>;

    beforeAll(async () => {
      written = await writeFixturePackage(fixture, path.join(WORK, name));
      client = await importBuilt<ClientModule>(written.dir, 'client');
      guards = await importBuilt<Record<string, unknown>>(written.dir, 'index');
    });

    /** The operations of the model, with their entry in `operations`. */
    function operations(model: Model): [Operation, OperationInfo][] {
      return model.operations.map((operation) => [operation, client.operations[operation.name]!]);
    }

    it('describes every operation in `operations`, as the page does', () => {
      expect(Object.keys(client.operations)).toEqual(written.model.operations.map((op) => op.name));
      for (const [operation, info] of operations(written.model)) {
        expect(info.method).toBe(operation.method);
        expect(info.routes).toEqual(
          operation.routes.map(({ verbs, path: p }) => ({ verbs, path: p })),
        );
        expect(info.request).toBe(operation.request);
        expect(info.response).toBe(operation.response);
      }
    });

    it('sends each request where its route, verb and Parameter column say, and returns the checked response', async () => {
      for (const [operation, info] of operations(written.model)) {
        const request = requestFor(info, operation);
        const reply = sampleResponse(operation);
        server.calls.length = 0;
        server.reply = () => ({ body: reply });
        const api = client.createClient({ baseUrl: `${server.url}/` });
        const validator = guards[`validate${info.response ?? ''}`] as Validate | undefined;
        const verdict = validator?.(reply);
        const call = api[operation.name]!(request);
        if (verdict && !verdict.success) {
          const error = await call.then(
            () => undefined,
            (failure: unknown) => failure,
          );
          expect(error).toBeInstanceOf(client.ResponseValidationError);
          expect((error as { issues: Issue[] }).issues).toEqual(verdict.issues);
        } else {
          expect(await call).toEqual(reply);
        }
        expect(server.calls).toHaveLength(1);
        checkCall(info, request, server.calls[0]!);
      }
    });

    it('leaves out the fields that fill no route variable and sends the pre-defined route when no route fits', async () => {
      for (const [operation, info] of operations(written.model)) {
        server.calls.length = 0;
        server.reply = () => ({ body: sampleResponse(operation) });
        const api = client.createClient({ baseUrl: server.url, validate: false });
        await api[operation.name]!({});
        checkCall(info, {}, server.calls[0]!);
      }
    });

    it('throws an ApiError carrying the ServiceStack ResponseStatus of an error body (validation failure)', async () => {
      const body = serviceStackError('NotEmpty', "'Number' must not be empty.", [
        { fieldName: 'Number', errorCode: 'NotEmpty', message: "'Number' must not be empty." },
        { fieldName: 'AccountId', errorCode: 'NotNull', message: "'Account Id' must not be null." },
      ]);
      server.reply = () => ({ status: 400, body });
      const api = client.createClient({ baseUrl: server.url });
      for (const operation of written.model.operations) {
        const error = await api[operation.name]!({}).then(
          () => undefined,
          (failure: unknown) => failure,
        );
        expect(error).toBeInstanceOf(client.ApiError);
        const apiError = error as InstanceType<ClientModule['ApiError']>;
        expect(apiError.operation).toBe(operation.name);
        expect(apiError.status).toBe(400);
        expect(apiError.responseStatus).toEqual(body.responseStatus);
        expect(apiError.errorCode).toBe('NotEmpty');
        expect(apiError.errors.map((e: { fieldName?: string }) => e.fieldName)).toEqual([
          'Number',
          'AccountId',
        ]);
        expect(apiError.fieldError('number')?.message).toBe("'Number' must not be empty.");
        expect(apiError.fieldError('Missing')).toBeUndefined();
        expect(apiError.message).toContain("AccountId: NotNull 'Account Id' must not be null.");
      }
    });

    it('makes a ResponseStatus from the HTTP status when the error body has none', async () => {
      const api = client.createClient({ baseUrl: server.url });
      const name = written.model.operations[0]!.name;
      server.reply = () => ({ status: 503, body: '<html>down</html>', contentType: 'text/html' });
      const html = (await api[name]!({}).catch((failure: unknown) => failure)) as InstanceType<
        ClientModule['ApiError']
      >;
      expect(html).toBeInstanceOf(client.ApiError);
      expect(html.responseStatus).toEqual({ errorCode: '503', message: 'Service Unavailable' });
      expect(html.body).toBe('<html>down</html>');
      // Note: a responseStatus that is no ResponseStatus is not passed off as one.
      server.reply = () => ({ status: 404, body: { responseStatus: { errorCode: 42 } } });
      const odd = (await api[name]!({}).catch((failure: unknown) => failure)) as InstanceType<
        ClientModule['ApiError']
      >;
      expect(odd.responseStatus).toEqual({ errorCode: '404', message: 'Not Found' });
      expect(odd.body).toEqual({ responseStatus: { errorCode: 42 } });
      // A success whose body is not JSON is an error too: the client cannot type it.
      server.reply = () => ({ status: 200, body: 'OK', contentType: 'text/plain' });
      const text = (await api[name]!({}).catch((failure: unknown) => failure)) as InstanceType<
        ClientModule['ApiError']
      >;
      expect(text).toBeInstanceOf(client.ApiError);
      expect([text.status, text.errorCode, text.body]).toEqual([200, 'InvalidResponse', 'OK']);
    });

    it('rejects a response that does not match its type, unless validation is off', async () => {
      for (const [operation, info] of operations(written.model)) {
        const validator = guards[`validate${info.response ?? ''}`] as Validate | undefined;
        if (info.response === undefined || validator === undefined) continue;
        for (const wrong of [[], 'text', 42, null]) {
          server.reply = () => ({ body: JSON.stringify(wrong) });
          const checked = client.createClient({ baseUrl: server.url });
          const error = await checked[operation.name]!({}).catch((failure: unknown) => failure);
          expect(error).toBeInstanceOf(client.ResponseValidationError);
          const failure = error as InstanceType<ClientModule['ResponseValidationError']>;
          expect(failure.issues).toEqual(validator(wrong).issues);
          expect(failure.operation).toBe(operation.name);
          expect(failure.body).toEqual(wrong);
          const unchecked = client.createClient({ baseUrl: server.url, validate: false });
          expect(await unchecked[operation.name]!({})).toEqual(wrong);
          expect(await checked[operation.name]!({}, { validate: false })).toEqual(wrong);
        }
      }
    });

    it('sends the client’s headers (from a function, per call) and the call’s own', async () => {
      const name = written.model.operations[0]!.name;
      let token = 0;
      const api = client.createClient({
        baseUrl: server.url,
        validate: false,
        headers: async () => ({ Authorization: `Bearer t${++token}`, 'X-Tenant': 'a' }),
      });
      server.calls.length = 0;
      server.reply = () => ({ body: {} });
      await api[name]!({});
      await api[name]!({}, { headers: { 'X-Tenant': 'b' } });
      expect(
        server.calls.map((call) => [call.headers['authorization'], call.headers['x-tenant']]),
      ).toEqual([
        ['Bearer t1', 'a'],
        ['Bearer t2', 'b'],
      ]);
    });
  },
);
