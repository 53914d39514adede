/**
 * Emit the OpenAPI 3.1 document of the API (`openapi.json` in the package, `dtoforge openapi`):
 *
 * - `paths`: one path item per route (ServiceStack's pre-defined `/json/reply/{Name}` for an
 *   operation without a route), one operation per verb (`ANY` → `POST`, the verb ServiceStack's
 *   clients use, with `x-servicestack-verbs: ["ANY"]`); path variables are renamed to the
 *   request's wire names (`/customers/{Id}` → `/customers/{id}`: the same URLs);
 * - parameters from the Parameter column: `path` for the route's variables, `header`, and `query`
 *   (for verbs without a body, every other field); lists comma-separated (`style: form,
 *   explode: false`), as the fetch client sends lists of scalars. Note: ServiceStack reads an
 *   object in the query string as JSV/JSON (`?meta={"a":"b"}`), which OpenAPI can only say with
 *   `content`, and then openapi-typescript types it `string`: the parameter keeps its schema;
 * - the request body (verbs with one): the request DTO as JSON;
 * - responses: `200` with the response DTO (`204` when the operation has none), `4XX` and `5XX`
 *   with ServiceStack's `ErrorResponse`;
 * - `components.schemas`: the package's JSON Schema (draft 2020-12 is OpenAPI 3.1's dialect),
 *   enums as their wire values, generic responses instantiated (`QueryResponse_Customer`);
 * - what OpenAPI cannot say in `x-servicestack-*`: the roles (any of them is required), the
 *   request DTO's name on the server, all-verbs routes.
 */
import type { DtoforgeConfig, EnumPolicy } from '../config/config.js';
import type { Model, Route, TypeRef } from '../model/model.js';
import { emitJsonSchemaDocument, retargetRefs } from './json-schema.js';
import type { NamePlan } from './names.js';
import { clientVerb, sendsBody, type OperationPlan } from './operations.js';

type Json = Record<string, unknown>;

/** The OpenAPI version written. */
export const OPENAPI_VERSION = '3.1.0';

/** A `{Name}` or `{Name*}` path variable. */
const PLACEHOLDER = /\{([^{}]+)\}/g;

/** The name of the shared error response in `components.responses`. */
const ERROR_RESPONSE = 'ErrorResponse';

/** Component names: OpenAPI allows `^[a-zA-Z0-9.\-_]+$`; each `$defs` key gets one, unique. */
function componentNames(ids: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const id of ids) {
    const base = id.replace(/[^A-Za-z0-9._-]/g, '_') || '_';
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    names.set(id, name);
  }
  return names;
}

/** A schema with its `$ref` followed (one level). */
function resolve(schema: Json, components: Json): Json {
  const ref = schema['$ref'];
  if (typeof ref !== 'string') return schema;
  const name = ref.replace('#/components/schemas/', '');
  return (Object.hasOwn(components, name) ? components[name] : {}) as Json;
}

/** A parameter object; lists in the query string comma-separated, as the clients send them. */
function parameter(
  name: string,
  location: 'path' | 'query' | 'header',
  required: boolean,
  description: string,
  schema: Json,
  components: Json,
): Json {
  const list = location === 'query' && resolve(schema, components)['type'] === 'array';
  return {
    name,
    in: location,
    required,
    ...(description.trim() === '' ? {} : { description: description.trim() }),
    schema,
    ...(list ? { style: 'form', explode: false } : {}),
  };
}

/** The variables of a path template and the field each one fills. */
function routeVariables(
  route: Pick<Route, 'path'>,
  entry: OperationPlan,
): { text: string; name: string; field: number | undefined }[] {
  return [...route.path.matchAll(PLACEHOLDER)].map((match) => {
    const name = (match[1] ?? '').replace(/\*$/, '');
    const wanted = name.toLowerCase();
    const index = entry.fields.findIndex(
      ({ field, wireName }) =>
        field.name.toLowerCase() === wanted || wireName.toLowerCase() === wanted,
    );
    return { text: match[0], name, field: index < 0 ? undefined : index };
  });
}

/**
 * The path of a route in the document: its variables renamed to the request's wire names
 * (`/customers/{Id}` → `/customers/{id}`, `{Path*}` → `{path}`).
 *
 * @param route
 *   The route.
 * @param entry
 *   Its operation.
 */
export function documentPath(route: Pick<Route, 'path'>, entry: OperationPlan): string {
  let key = route.path;
  for (const variable of routeVariables(route, entry)) {
    const wire =
      variable.field === undefined ? variable.name : entry.fields[variable.field]!.wireName;
    key = key.replace(variable.text, `{${wire}}`);
  }
  return key;
}

/**
 * Emit the OpenAPI document.
 *
 * @param model
 *   The model (with ServiceStack's error types).
 * @param plan
 *   The names of its types.
 * @param config
 *   The package block (title, version, license) and the type options.
 * @param operations
 *   The operations, from `planOperations`.
 */
export function emitOpenApi(
  model: Model,
  plan: NamePlan,
  config: Pick<DtoforgeConfig, 'package' | 'strict' | 'optional'> & {
    enums?: EnumPolicy | undefined;
  },
  operations: readonly OperationPlan[],
): Json {
  // Note: one schema document for the components and every root (responses, parameters), so
  // that generic instantiations get a definition.
  const unknownRef: TypeRef = { kind: 'primitive', name: 'object' };
  const errorRef: TypeRef = { kind: 'ref', name: 'ErrorResponse', args: [] };
  const roots: TypeRef[] = [errorRef];
  for (const entry of operations) {
    const request: TypeRef = { kind: 'ref', name: entry.operation.request, args: [] };
    roots.push(entry.response ?? unknownRef, request);
    // A loop, not a spread: a request of 370,000 fields (a 20 MB page) overflows the stack.
    for (const field of entry.fields) roots.push(field.type);
  }
  const { document, roots: rootSchemas } = emitJsonSchemaDocument(model, plan, config, roots);
  const defs = document['$defs'] as Json;
  const names = componentNames(Object.keys(defs));
  const rename = (id: string): string => `#/components/schemas/${names.get(id) ?? id}`;
  const components: Json = {};
  for (const [id, schema] of Object.entries(defs)) {
    Object.defineProperty(components, names.get(id) ?? id, {
      value: retargetRefs(schema, rename),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  const schemas = rootSchemas.map((schema) => retargetRefs(schema, rename) as Json);

  const paths: Record<string, Record<string, Json>> = {};
  const operationIds = new Set<string>();
  let cursor = 1;
  for (const entry of operations) {
    const { operation } = entry;
    const responseSchema = schemas[cursor]!;
    const requestSchema = schemas[cursor + 1]!;
    const fieldSchemas = schemas.slice(cursor + 2, cursor + 2 + entry.fields.length);
    cursor += 2 + entry.fields.length;
    const routes: Route[] =
      operation.routes.length > 0
        ? operation.routes
        : [
            {
              verbs: [operation.method],
              path: `/json/reply/${operation.name}`,
              source: operation.source,
            },
          ];
    let emitted = 0;
    const emit = (route: Route, fallback: boolean): void => {
      const variables = routeVariables(route, entry);
      const key = documentPath(route, entry);
      const allVerbs = route.verbs.some((verb) => verb.toUpperCase() === 'ANY');
      const verbs = allVerbs
        ? [clientVerb(operation.method)]
        : [...new Set(route.verbs.map((verb) => verb.toUpperCase()))];
      for (const verb of verbs) {
        const method = verb.toLowerCase();
        const item = (paths[key] ??= {});
        if (Object.hasOwn(item, method)) continue;
        const parameters: Json[] = [];
        const inPath = new Set<number>();
        for (const variable of variables) {
          if (variable.field === undefined) {
            parameters.push(
              parameter(variable.name, 'path', true, '', { type: 'string' }, components),
            );
            continue;
          }
          inPath.add(variable.field);
          const { field, wireName } = entry.fields[variable.field]!;
          parameters.push(
            parameter(
              wireName,
              'path',
              true,
              field.description,
              fieldSchemas[variable.field]!,
              components,
            ),
          );
        }
        const hasBody = sendsBody(verb);
        entry.fields.forEach(({ field, wireName, required }, index) => {
          if (inPath.has(index)) return;
          const schema = fieldSchemas[index]!;
          if (field.in === 'header') {
            parameters.push(
              parameter(field.name, 'header', required, field.description, schema, components),
            );
          } else if (!hasBody || field.in === 'query') {
            parameters.push(
              parameter(wireName, 'query', required, field.description, schema, components),
            );
          }
        });
        let operationId = operation.name;
        for (let n = 2; operationIds.has(operationId); n++) operationId = `${operation.name}_${n}`;
        operationIds.add(operationId);
        const roles =
          operation.roles.length > 0
            ? `Requires any of the roles: ${operation.roles.join(', ')}.`
            : undefined;
        item[method] = {
          operationId,
          summary: operation.name,
          ...(roles === undefined ? {} : { description: roles }),
          ...(parameters.length > 0 ? { parameters } : {}),
          ...(hasBody
            ? {
                requestBody: {
                  required: !entry.requestOptional,
                  content: { 'application/json': { schema: requestSchema } },
                },
              }
            : {}),
          responses: {
            ...(operation.response === undefined
              ? { '204': { description: 'No content: the operation has no response DTO.' } }
              : {
                  '200': {
                    description: `The response: ${operation.response}.`,
                    content: { 'application/json': { schema: responseSchema } },
                  },
                }),
            '4XX': { $ref: `#/components/responses/${ERROR_RESPONSE}` },
            '5XX': { $ref: `#/components/responses/${ERROR_RESPONSE}` },
          },
          'x-servicestack-request': operation.request,
          ...(operation.roles.length > 0 ? { 'x-servicestack-roles': operation.roles } : {}),
          ...(allVerbs ? { 'x-servicestack-verbs': ['ANY'] } : {}),
          ...(fallback ? { 'x-servicestack-predefined-route': true } : {}),
        };
        emitted++;
      }
    };
    for (const route of routes) emit(route, operation.routes.length === 0);
    // Note: every route's path and verb already taken by another operation: the pre-defined
    // route still reaches it.
    if (emitted === 0) {
      emit(
        {
          verbs: [operation.method],
          path: `/json/reply/${operation.name}`,
          source: operation.source,
        },
        true,
      );
    }
  }

  const pkg = config.package;
  // Note: `UNLICENSED` (npm's word for "no license granted") gives no license object.
  const license =
    pkg.license === undefined || pkg.license === 'UNLICENSED'
      ? {}
      : { license: { name: pkg.license, identifier: pkg.license } };
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: pkg.name,
      version: pkg.version,
      ...(pkg.description === undefined ? {} : { description: pkg.description }),
      ...license,
    },
    // Note: the pages do not say where the API is; clients give their base URL.
    servers: [{ url: '/', description: 'The API (the pages do not give its address).' }],
    paths,
    components: {
      schemas: components,
      responses: {
        [ERROR_RESPONSE]: {
          description:
            'A ServiceStack error (4xx, 5xx): its responseStatus holds the error code, the message and the per-field errors.',
          content: { 'application/json': { schema: schemas[0] } },
        },
      },
    },
  };
}
