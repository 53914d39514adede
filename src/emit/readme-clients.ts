/**
 * The generated README's code examples: the guards and the JSON Schema of one type, and calling
 * the API with each client (the fetch client, `@servicestack/client`, openapi-fetch over
 * `openapi.json`), written for the package's first operation with its page's sample request.
 * Each client example is a whole module a consumer can run (a test type-checks and runs them
 * against a loopback server). Every block is printed as prettier prints it (readme-code.ts).
 */
import type { TypeRef } from '../model/model.js';
import { primitiveRule } from './checks.js';
import { documentPath } from './openapi.js';
import { clientVerb, sendsBody, type OperationPlan } from './operations.js';
import {
  awaited,
  call,
  CodeBlock,
  construct,
  json,
  name,
  object,
  type Code,
} from './readme-code.js';

/** The base URL the examples use (a test replaces it with its server's). */
export const EXAMPLE_BASE_URL = 'https://api.example.com';

/** The README's code blocks, or a sentence when the pages have no operation. */
export interface ClientExamples {
  fetch: string;
  servicestack: string;
  openapi: string;
  /** True when prettier may print a block otherwise (see readme-code.ts). */
  unsure: boolean;
}

/** True when a sample value fits a primitive field type (so that the example type-checks). */
function fits(type: TypeRef, value: unknown): boolean {
  const ref = type.kind === 'nullable' ? type.type : type;
  // Note: closed Allowable Values (the README's examples are type-checked under the defaults).
  if (ref.kind === 'literals') return typeof value === 'string' && ref.values.includes(value);
  if (ref.kind !== 'primitive') return false;
  const rule = primitiveRule(ref.name);
  switch (rule.kind) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
    case 'number':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'any':
      return false;
  }
}

/** A value of a required field the sample does not give. */
function placeholder(type: TypeRef): unknown {
  const ref = type.kind === 'nullable' ? type.type : type;
  if (ref.kind === 'list') return [];
  if (ref.kind === 'literals') return ref.values[0] ?? '';
  if (ref.kind !== 'primitive') return {};
  if (fits(ref, 0)) return 0;
  if (fits(ref, false)) return false;
  return 'String';
}

/**
 * The example request: the sample request's values of the request's scalar fields, and a
 * placeholder for each required field the sample does not give.
 */
function exampleRequest(entry: OperationPlan): Record<string, unknown> {
  const sample = entry.operation.samples.request;
  const value = sample?.format === 'json' ? sample.value : undefined;
  const given =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  const request: Record<string, unknown> = {};
  for (const field of entry.fields) {
    const sampleValue = Object.hasOwn(given, field.wireName) ? given[field.wireName] : undefined;
    if (fits(field.type, sampleValue)) request[field.wireName] = sampleValue;
    else if (field.required) request[field.wireName] = placeholder(field.type);
  }
  return request;
}

/**
 * The examples of calling the API, printed as prettier prints them (see readme-code.ts).
 *
 * @param operations
 *   The operations, from `planOperations`.
 * @param packageName
 *   The package's npm name.
 */
export function describeClientExamples(
  operations: readonly OperationPlan[],
  packageName: string,
): ClientExamples {
  const entry = operations.find((candidate) => candidate.requestType !== 'unknown');
  if (entry === undefined) {
    const none = 'No operation was found on the pages.';
    return { fetch: none, servicestack: none, openapi: none, unsure: false };
  }
  const { operation } = entry;
  const values = exampleRequest(entry);
  const request = json(values);
  const className = entry.requestType;
  const fetch = new CodeBlock()
    .import(['ApiError', 'createClient', 'ResponseValidationError'], `${packageName}/client`)
    .text('')
    .constant('api', call('createClient', json({ baseUrl: EXAMPLE_BASE_URL })))
    .text('', 'try {')
    .constant('response', awaited(call({ object: 'api', method: operation.name }, request)), {
      indent: 1,
      ...(operation.response === undefined ? {} : { comment: entry.responseType }),
    })
    .text(
      '  console.log(response);',
      '} catch (error) {',
      '  if (error instanceof ApiError) {',
      '    // The server answered 4xx/5xx: its ResponseStatus (errorCode, message, per-field errors).',
      '    console.error(error.status, error.errorCode, error.errorMessage, error.errors);',
      '  } else if (error instanceof ResponseValidationError) {',
      `    // The response is no ${entry.responseType}: every issue, with its path.`,
      '    console.error(error.issues);',
      '  } else {',
      '    throw error;',
      '  }',
      '}',
    );
  const servicestack = new CodeBlock()
    .text("import { JsonServiceClient } from '@servicestack/client';")
    .import([className], `${packageName}/servicestack`)
    .text('')
    .constant('client', construct('JsonServiceClient', json(EXAMPLE_BASE_URL)))
    .constant(
      'api',
      awaited(call({ object: 'client', method: 'api' }, construct(className, request))),
    )
    .text(
      ...(operation.response === undefined ? [] : [`// api.response: ${entry.responseType}`]),
      'if (api.succeeded) console.log(api.response);',
      'else console.error(api.errorCode, api.errorMessage, api.errors);',
    );
  const route = operation.routes[0] ?? {
    verbs: [operation.method],
    path: `/json/reply/${operation.name}`,
  };
  const verb = route.verbs.some((v) => v.toUpperCase() === 'ANY')
    ? clientVerb(operation.method)
    : (route.verbs[0] ?? 'POST').toUpperCase();
  const path = documentPath(route, entry);
  const variables = [...path.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1] ?? '');
  const params: Record<string, Code> = {};
  if (variables.length > 0) {
    params['path'] = json(
      Object.fromEntries(
        variables.map((variable) => [
          variable,
          Object.hasOwn(values, variable) ? values[variable] : 'String',
        ]),
      ),
    );
  }
  const bodiless = !sendsBody(verb);
  const query = Object.entries(values).filter(([key]) => !variables.includes(key));
  if (bodiless && query.length > 0) params['query'] = json(Object.fromEntries(query));
  const init: Record<string, Code> = {
    ...(bodiless ? {} : { body: request }),
    ...(Object.keys(params).length > 0 ? { params: object(params) } : {}),
  };
  const openapi = new CodeBlock()
    .text(
      "import createClient from 'openapi-fetch';",
      `// npx openapi-typescript node_modules/${packageName}/openapi.json -o api.ts`,
      "import type { paths } from './api.js';",
      '',
      'const client = createClient<paths>({',
      `  baseUrl: '${EXAMPLE_BASE_URL}',`,
      "  querySerializer: { array: { style: 'form', explode: false } }, // lists as ServiceStack reads them",
      '});',
    )
    .constant(
      ['data', 'error'],
      awaited(
        call(
          { object: 'client', method: verb },
          json(path),
          ...(Object.keys(init).length > 0 ? [object(init)] : []),
        ),
      ),
    )
    .text(
      ...(operation.response === undefined ? [] : [`// data: ${entry.responseType}`]),
      'if (error) console.error(error.responseStatus);',
      'else console.log(data);',
    );
  return {
    fetch: fetch.toString(),
    servicestack: servicestack.toString(),
    openapi: openapi.toString(),
    unsure: fetch.unsure || servicestack.unsure || openapi.unsure,
  };
}

/** The README's usage examples: the guards, and the JSON Schema with ajv. */
export interface UsageExamples {
  guards: string;
  schema: string;
  /** True when prettier may print a block otherwise (see readme-code.ts). */
  unsure: boolean;
}

/**
 * The examples of the guards and the schemas for one type, printed as prettier prints them.
 *
 * @param names
 *   The type's exported names.
 * @param packageName
 *   The package's npm name.
 */
export function describeUsageExamples(
  names: { type: string; is: string; validate: string; assert: string },
  packageName: string,
): UsageExamples {
  const { type, is, validate, assert } = names;
  const guards = new CodeBlock()
    .import([is, validate, assert, `type ${type}`], packageName)
    .text('', 'const body: unknown = await response.json();')
    .fits(`if (${is}(body)) {`)
    .text(`  // \`body\` is typed as ${type} here.`, '}', '')
    .constant('result', call(validate, name('body')))
    .text('if (!result.success) console.error(result.issues);', '')
    .fits(`${assert}(body);`, `Throws when \`body\` is not a valid ${type}.`);
  const schema = new CodeBlock()
    .text("import { Ajv2020 } from 'ajv/dist/2020.js';")
    .import(['jsonSchemaFor', 'schemas'], packageName)
    .text(
      '',
      '// A standalone schema of one type: `{ $schema, $ref, $defs }` with the definitions it reaches.',
    )
    .constant(
      'validate',
      call(
        { object: construct('Ajv2020'), method: 'compile' },
        call('jsonSchemaFor', name('schemas'), json(type)),
      ),
    );
  return {
    guards: guards.toString(),
    schema: schema.toString(),
    unsure: guards.unsure || schema.unsure,
  };
}
