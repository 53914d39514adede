/**
 * The generated request classes (`<package>/servicestack`) with ServiceStack's own client,
 * `@servicestack/client` (pinned), against a loopback server, for the Evo Voice page and every
 * shared page that reaches its sample section: `client.api()`, `post()`, `send()`, `get()` send
 * each request to ServiceStack's pre-defined routes (`/api/{Name}`, `/json/reply/{Name}`) with
 * the request's verb, the fields as the body (or the query string), and resolve with the
 * response; an error body becomes the ApiResult's error. The classes do not change what the
 * guards accept.
 */
import path from 'node:path';
import { JsonServiceClient } from '@servicestack/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Operation } from '../src/model/model.js';
import {
  apiFixtures,
  sampleRequest,
  sampleResponse,
  importBuilt,
  writeFixturePackage,
  type WrittenPackage,
} from './helpers/api-package.js';
import { serviceStackError, startApiServer, type ApiServer } from './helpers/api-server.js';
import { ROOT } from './helpers/pages-run.js';

/** A generated request class, as @servicestack/client sees it. */
interface RequestClass {
  new (init?: object): {
    getTypeName(): string;
    getMethod(): string;
    createResponse(): unknown;
  };
}

type Guard = (value: unknown) => boolean;
type Validate = (value: unknown) => { success: boolean; issues?: unknown[] };

const WORK = path.join(ROOT, 'test', 'tmp', `client-servicestack-${process.pid}`);

let server: ApiServer;

beforeAll(async () => {
  server = await startApiServer();
});

afterAll(async () => {
  await server.close();
  const { rm } = await import('node:fs/promises');
  await rm(WORK, { recursive: true, force: true });
});

/** The verb ServiceStack's clients use: the operation's, `POST` for all verbs. */
function verbOf(operation: Operation): string {
  return operation.method === 'ANY' ? 'POST' : operation.method;
}

/** What @servicestack/client puts in a query string: each own field, `encodeURIComponent(String(v))`. */
function queryOf(request: Record<string, unknown>): [string, string][] {
  return Object.entries(request).map(([key, value]) => [key, String(value)]);
}

describe.each(apiFixtures().map((fixture) => [fixture.name, fixture] as const))(
  'the ServiceStack request classes of %s',
  (name, fixture) => {
    let written: WrittenPackage;
    let classes: Record<string, RequestClass>;
    let guards: Record<string, unknown>;

    beforeAll(async () => {
      written = await writeFixturePackage(fixture, path.join(WORK, name));
      classes = await importBuilt<Record<string, RequestClass>>(written.dir, 'servicestack');
      guards = await importBuilt<Record<string, unknown>>(written.dir, 'index');
    });

    /** The request class of an operation. */
    function classOf(operation: Operation): RequestClass {
      const id = written.emitted.plan.types.get(operation.request) ?? operation.request;
      const found = classes[id];
      if (found === undefined) throw new Error(`No request class ${id}`);
      return found;
    }

    it('name the operation and its verb as ServiceStack’s own DTOs do', () => {
      for (const operation of written.model.operations) {
        const request = new (classOf(operation))();
        expect(request.getTypeName()).toBe(operation.name);
        expect(request.getMethod()).toBe(verbOf(operation));
        expect(request.createResponse()).toEqual(operation.response === undefined ? undefined : {});
        expect(Object.keys(request)).toEqual([]);
      }
    });

    it('hold exactly the fields they are given, so the guards accept what they accept of the plain object', () => {
      for (const operation of written.model.operations) {
        const id = written.emitted.plan.types.get(operation.request) ?? operation.request;
        const is = guards[`is${id}`] as Guard | undefined;
        const validate = guards[`validate${id}`] as Validate | undefined;
        const sample = sampleRequest(operation);
        const values: Record<string, unknown>[] = [
          sample,
          {},
          ...Object.keys(sample).map((key) => ({ ...sample, [key]: Symbol.for('wrong') })),
          { ...sample, extra: 1 },
          JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>,
        ];
        for (const value of values) {
          const instance = new (classOf(operation))(value);
          expect(Object.keys(instance)).toEqual(Object.keys(value));
          expect(Object.getPrototypeOf(instance)).toBe(classOf(operation).prototype);
          if (is === undefined || validate === undefined) continue;
          expect(is(instance)).toBe(is(value));
          expect(validate(instance).issues).toEqual(validate(value).issues);
        }
        expect(JSON.stringify(new (classOf(operation))(sample))).toBe(JSON.stringify(sample));
      }
    });

    it('are sent by client.api() to /api/{Name} and resolve with the typed response', async () => {
      for (const operation of written.model.operations) {
        const sample = sampleRequest(operation);
        const reply = sampleResponse(operation);
        server.calls.length = 0;
        server.reply = () => ({ body: reply });
        const client = new JsonServiceClient(server.url);
        const api = await client.api(new (classOf(operation))(sample));
        expect(api.succeeded).toBe(true);
        expect(api.response).toEqual(reply);
        const [call] = server.calls;
        expect(call?.method).toBe(verbOf(operation));
        expect(call?.path).toBe(`/api/${operation.name}`);
        if (verbOf(operation) === 'GET' || verbOf(operation) === 'DELETE') {
          expect(call?.query).toEqual(queryOf(sample));
        } else {
          expect(JSON.parse(call?.body ?? '')).toEqual(sample);
        }
      }
    });

    it('are sent by post(), send() and get() to the pre-defined /json/reply/{Name} route', async () => {
      const client = new JsonServiceClient(server.url).useBasePath();
      for (const operation of written.model.operations) {
        const sample = sampleRequest(operation);
        server.calls.length = 0;
        server.reply = () => ({ body: sampleResponse(operation) });
        const request = new (classOf(operation))(sample);
        expect(await client.post(request)).toEqual(sampleResponse(operation));
        expect(await client.send(request)).toEqual(sampleResponse(operation));
        expect(await client.get(request)).toEqual(sampleResponse(operation));
        expect(server.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
          `POST /json/reply/${operation.name}`,
          `${verbOf(operation)} /json/reply/${operation.name}`,
          `GET /json/reply/${operation.name}`,
        ]);
        expect(JSON.parse(server.calls[0]!.body)).toEqual(sample);
        expect(server.calls[2]!.query).toEqual(queryOf(sample));
      }
    });

    it('give a ServiceStack error body to the ApiResult as its error', async () => {
      const body = serviceStackError('ValidationException', 'Validation failed', [
        { fieldName: 'Number', errorCode: 'NotEmpty', message: "'Number' must not be empty." },
      ]);
      server.reply = () => ({ status: 400, body });
      const client = new JsonServiceClient(server.url);
      for (const operation of written.model.operations) {
        const api = await client.api(new (classOf(operation))());
        expect(api.failed).toBe(true);
        expect(api.error).toEqual(body.responseStatus);
        expect(api.errorCode).toBe('ValidationException');
        expect(api.fieldErrorMessage('Number')).toBe("'Number' must not be empty.");
        const isStatus = guards['isResponseStatus'] as Guard;
        const isError = guards['isErrorResponse'] as Guard;
        expect(isStatus(api.error)).toBe(true);
        expect(isError(body)).toBe(true);
      }
    });
  },
);
