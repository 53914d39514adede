/**
 * The generated README's examples of calling the API, one per client (the fetch client,
 * `@servicestack/client`, openapi-fetch over `openapi.json`), written for the package's first
 * operation with its page's sample request. Each is a whole module a consumer can run (a test
 * type-checks and runs them against a loopback server).
 */
import type { TypeRef } from '../model/model.js';
import { primitiveRule } from './checks.js';
import { documentPath } from './openapi.js';
import { clientVerb, sendsBody, type OperationPlan } from './operations.js';

/** The base URL the examples use (a test replaces it with its server's). */
export const EXAMPLE_BASE_URL = 'https://api.example.com';

/** The README's code blocks, or a sentence when the pages have no operation. */
export interface ClientExamples {
  fetch: string;
  servicestack: string;
  openapi: string;
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

/** A code block. */
function block(lines: readonly string[]): string {
  return ['```ts', ...lines, '```'].join('\n');
}

/**
 * The examples of calling the API.
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
    return { fetch: none, servicestack: none, openapi: none };
  }
  const { operation } = entry;
  const request = JSON.stringify(exampleRequest(entry));
  const method = /^[A-Za-z_$][\w$]*$/.test(operation.name)
    ? `.${operation.name}`
    : `[${JSON.stringify(operation.name)}]`;
  const className = entry.requestType;
  const responseNote = operation.response === undefined ? '' : ` // ${entry.responseType}`;
  const fetch = block([
    `import { ApiError, createClient, ResponseValidationError } from '${packageName}/client';`,
    '',
    `const api = createClient({ baseUrl: ${JSON.stringify(EXAMPLE_BASE_URL)} });`,
    '',
    'try {',
    `  const response = await api${method}(${request});${responseNote}`,
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
  ]);
  const servicestack = block([
    "import { JsonServiceClient } from '@servicestack/client';",
    `import { ${className} } from '${packageName}/servicestack';`,
    '',
    `const client = new JsonServiceClient(${JSON.stringify(EXAMPLE_BASE_URL)});`,
    `const api = await client.api(new ${className}(${request}));`,
    ...(operation.response === undefined ? [] : [`// api.response: ${entry.responseType}`]),
    'if (api.succeeded) console.log(api.response);',
    'else console.error(api.errorCode, api.errorMessage, api.errors);',
  ]);
  const route = operation.routes[0] ?? {
    verbs: [operation.method],
    path: `/json/reply/${operation.name}`,
  };
  const verb = route.verbs.some((v) => v.toUpperCase() === 'ANY')
    ? clientVerb(operation.method)
    : (route.verbs[0] ?? 'POST').toUpperCase();
  const path = documentPath(route, entry);
  const variables = [...path.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1] ?? '');
  const values = exampleRequest(entry);
  const pathParams =
    variables.length > 0
      ? `path: { ${variables.map((name) => `${JSON.stringify(name)}: ${JSON.stringify(values[name] ?? 'String')}`).join(', ')} }`
      : undefined;
  const bodiless = !sendsBody(verb);
  const queryValues = Object.fromEntries(
    Object.entries(values).filter(([key]) => !variables.includes(key)),
  );
  const query =
    bodiless && Object.keys(queryValues).length > 0
      ? `query: ${JSON.stringify(queryValues)}`
      : undefined;
  const params = [pathParams, query].filter((part) => part !== undefined);
  const init = [
    ...(bodiless ? [] : [`body: ${request}`]),
    ...(params.length > 0 ? [`params: { ${params.join(', ')} }`] : []),
  ];
  const openapi = block([
    "import createClient from 'openapi-fetch';",
    `// npx openapi-typescript node_modules/${packageName}/openapi.json -o api.ts`,
    "import type { paths } from './api.js';",
    '',
    'const client = createClient<paths>({',
    `  baseUrl: ${JSON.stringify(EXAMPLE_BASE_URL)},`,
    "  querySerializer: { array: { style: 'form', explode: false } }, // lists as ServiceStack reads them",
    '});',
    `const { data, error } = await client.${verb}(${JSON.stringify(path)}${init.length > 0 ? `, { ${init.join(', ')} }` : ''});`,
    ...(operation.response === undefined ? [] : [`// data: ${entry.responseType}`]),
    'if (error) console.error(error.responseStatus);',
    'else console.log(data);',
  ]);
  return { fetch, servicestack, openapi };
}
