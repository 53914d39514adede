/**
 * The corpus's type universe as an OpenAPI 3.1 document (components.schemas and one path item per
 * operation), and a timed run of openapi-typescript over it.
 */
import openapiTS, { astToString } from 'openapi-typescript';
import type { TypeRef } from '../src/model/model.js';
import type { Corpus, UniverseType } from './corpus.js';
import { toCamelCase } from '../src/model/builtins.js';

type Schema = Record<string, unknown>;

const INTEGERS = new Set(['byte', 'sbyte', 'short', 'ushort', 'int', 'uint', 'long', 'ulong']);
const FLOATS = new Set(['float', 'double', 'decimal']);

function schemaOf(type: TypeRef): Schema {
  switch (type.kind) {
    case 'primitive':
      if (type.name === 'bool') return { type: 'boolean' };
      if (INTEGERS.has(type.name)) return { type: 'integer' };
      if (FLOATS.has(type.name)) return { type: 'number' };
      if (type.name === 'object') return {};
      if (type.name === 'DateTime') return { type: 'string', format: 'date-time' };
      return { type: 'string' };
    case 'nullable': {
      const inner = schemaOf(type.type);
      return typeof inner.type === 'string'
        ? { ...inner, type: [inner.type, 'null'] }
        : { oneOf: [inner, { type: 'null' }] };
    }
    case 'list':
      return { type: 'array', items: schemaOf(type.items) };
    case 'dictionary':
      return {
        type: 'object',
        additionalProperties: schemaOf(type.value),
        ...(type.key.kind === 'ref' ? { propertyNames: schemaOf(type.key) } : {}),
      };
    case 'keyValuePair':
      return {
        type: 'object',
        properties: { key: schemaOf(type.key), value: schemaOf(type.value) },
      };
    case 'ref':
      return { $ref: `#/components/schemas/${type.name}` };
    case 'typeParameter':
      return {};
    case 'literals':
      return { enum: type.values };
  }
}

function definitionOf(type: UniverseType): Schema {
  if (type.kind === 'enum') {
    if (type.style === 'flags') return { type: 'integer' };
    return {
      type: 'string',
      enum: type.members.map((member) =>
        type.style === 'string' ? String(member.value) : member.name,
      ),
    };
  }
  if (type.kind === 'alias')
    return schemaOf({ kind: 'dictionary', key: type.key, value: type.value });
  const own: Schema = {
    type: 'object',
    properties: Object.fromEntries(
      type.fields.map((field) => [
        toCamelCase(field.name),
        {
          ...schemaOf(field.type),
          ...(field.description ? { description: field.description } : {}),
        },
      ]),
    ),
  };
  const required = type.fields
    .filter((field) => field.required)
    .map((field) => toCamelCase(field.name));
  if (required.length > 0) own.required = required;
  return type.base === undefined
    ? own
    : { allOf: [{ $ref: `#/components/schemas/${type.base}` }, own] };
}

/** The built-ins the pages use without a table. */
const BUILTINS: Record<string, Schema> = {
  DayOfWeek: {
    type: 'string',
    enum: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  },
  ResponseError: {
    type: 'object',
    properties: {
      errorCode: { type: 'string' },
      fieldName: { type: 'string' },
      message: { type: 'string' },
      meta: { type: 'object', additionalProperties: { type: 'string' } },
    },
  },
  ResponseStatus: {
    type: 'object',
    properties: {
      errorCode: { type: 'string' },
      message: { type: 'string' },
      stackTrace: { type: 'string' },
      errors: { type: 'array', items: { $ref: '#/components/schemas/ResponseError' } },
      meta: { type: 'object', additionalProperties: { type: 'string' } },
    },
  },
};

/**
 * The corpus as an OpenAPI 3.1 document.
 *
 * @param corpus
 *   From `generateCorpus`.
 */
export function corpusToOpenApi(corpus: Corpus): Schema {
  const schemas: Record<string, Schema> = { ...BUILTINS };
  for (const type of corpus.types.values()) schemas[type.name] = definitionOf(type);
  const paths: Record<string, Record<string, Schema>> = {};
  for (const operation of corpus.operations) {
    const item = (paths[operation.path] ??= {});
    const request = corpus.types.get(operation.request);
    const fields = request?.kind === 'object' ? request.fields : [];
    const parameters = fields
      .filter((field) => field.in === 'path' || field.in === 'query')
      .map((field) => ({
        name: toCamelCase(field.name),
        in: field.in,
        required: field.in === 'path' || field.required,
        schema: schemaOf(field.type),
      }));
    item[operation.verb.toLowerCase()] = {
      operationId: operation.name,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(operation.verb === 'POST' || operation.verb === 'PUT'
        ? {
            requestBody: {
              content: {
                'application/json': {
                  schema: { $ref: `#/components/schemas/${operation.request}` },
                },
              },
            },
          }
        : {}),
      responses: {
        '200': {
          description: 'OK',
          content: {
            'application/json': { schema: { $ref: `#/components/schemas/${operation.response}` } },
          },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'dtoforge benchmark corpus', version: '0.0.0' },
    paths,
    components: { schemas },
  };
}

export interface OpenApiRun {
  ms: number;
  schemas: number;
  outputBytes: number;
}

/**
 * Run openapi-typescript (in-process: parse, transform, print) over a document.
 *
 * @param document
 *   An OpenAPI 3.1 document.
 */
export async function runOpenApiTypescript(document: Schema): Promise<OpenApiRun> {
  const started = performance.now();
  // Note: openapi-typescript takes a parsed document (or a URL / string); a structured copy keeps
  // its in-place resolution away from the caller's object.
  const ast = await openapiTS(structuredClone(document) as never, { silent: true });
  const text = astToString(ast);
  const ms = performance.now() - started;
  const components = document.components as { schemas: Record<string, unknown> };
  return { ms, schemas: Object.keys(components.schemas).length, outputBytes: text.length };
}
