/**
 * Emit `operations.ts` of the generated package: the `operations` export (per operation: its
 * name, verb, routes, roles, request and response type names, and the request fields that travel
 * outside the body), typed `as const`, and `OperationTypes`, the request and response type of
 * each operation.
 *
 * The operation facts are computed once here ({@link planOperations}) for every module that
 * calls the API: the fetch client, the ServiceStack request classes and the OpenAPI document.
 */
import type { ImportDeclarationStructure, ImportSpecifierStructure, OptionalKind } from 'ts-morph';
import type { DtoforgeConfig, EnumPolicy } from '../config/config.js';
import type { Model, Operation, ParameterIn, Route, TypeRef } from '../model/model.js';
import { collectRefNames, parseTypeExpression } from '../model/type-expression.js';
import { createCheckContext, fieldsOf, type ResolvedField } from './checks.js';
import {
  isIdentifierName,
  jsdocText,
  objectLiteralKey,
  propertyKey,
  stringLiteral,
  type NamePlan,
} from './names.js';
import {
  CONST,
  exprWriter,
  printImport,
  printInterface,
  printTypeAlias,
  typeWriter,
  printVariableStatement,
} from './print-declarations.js';
import { objectType, typeRef, typeText, type TypeNode } from './print-types.js';
import { array, ModuleWriter, type Expr, type Printable } from './printer.js';
import { typeRefNodes, type TypesOptions } from './types.js';

/** A request field that travels outside the body. */
export interface OperationParameter {
  /** The name as the page writes it (a header's name). */
  name: string;
  wireName: string;
  in: Exclude<ParameterIn, 'body' | 'form'>;
}

/** What every module that calls the API needs to know of one operation. */
export interface OperationPlan {
  operation: Operation;
  /** The request type as `types.ts` prints it. */
  requestType: string;
  /** The response type as `types.ts` prints it (`unknown` when the page names none). */
  responseType: string;
  /** The two types as trees, for the printers. */
  types: { request: TypeNode; response: TypeNode };
  /** The parsed response type, when there is one. */
  response?: TypeRef & { kind: 'ref' };
  /** The generated validator of the response and the type's name, when there is one. */
  validator?: { name: string; typeName: string };
  /** True when the request has no required field (the request argument may be left out). */
  requestOptional: boolean;
  /** The request's fields, base classes' included (empty when the request type is unknown). */
  fields: ResolvedField[];
  /** The request fields that travel in the path, the query string or a header. */
  parameters: OperationParameter[];
  /** The identifiers of `types.ts` the two printed types use. */
  typeIds: string[];
}

/** The options the operation plans depend on. */
export type OperationOptions = Pick<DtoforgeConfig, 'strict' | 'optional' | 'enumStyle'> & {
  enums?: EnumPolicy | undefined;
};

/**
 * The operations a client can call: the first of each name (a duplicate is a `name-conflict` of
 * the model stage) whose request is a DTO (an object type; else `request-not-object`).
 */
function callableOperations(model: Model): Operation[] {
  const seen = new Set<string>();
  const requests = new Map(model.types.map((type) => [type.name, type.kind]));
  return model.operations.filter((operation) => {
    if (seen.has(operation.name) || requests.get(operation.request) !== 'object') return false;
    seen.add(operation.name);
    return true;
  });
}

/**
 * Plan every operation of the model: its types as printed, its validator, its parameters.
 *
 * @param model
 *   The model.
 * @param plan
 *   The names of its types.
 * @param options
 *   The config's type and guard options.
 */
export function planOperations(
  model: Model,
  plan: NamePlan,
  options: OperationOptions,
): OperationPlan[] {
  const ctx = createCheckContext(model, plan, options);
  const typesOptions: TypesOptions = {
    optional: options.optional,
    enumStyle: options.enumStyle,
    enums: options.enums,
  };
  const print = typeRefNodes(model, plan, typesOptions);
  return callableOperations(model).map((operation) => {
    const requestRef: TypeRef = { kind: 'ref', name: operation.request, args: [] };
    const instance = ctx.byKey.get(operation.request);
    const fields = instance?.type.kind === 'object' ? fieldsOf(ctx, instance) : [];
    const parsed =
      operation.response === undefined ? undefined : parseTypeExpression(operation.response);
    const response = parsed?.ok && parsed.type.kind === 'ref' ? parsed.type : undefined;
    const names = response === undefined ? undefined : plan.names.get(response.name);
    const refs = [requestRef, ...(response === undefined ? [] : [response])];
    const types = {
      request: print(requestRef),
      response: response === undefined ? typeRef('unknown') : print(response),
    };
    return {
      operation,
      requestType: typeText(types.request),
      responseType: typeText(types.response),
      types,
      ...(response === undefined ? {} : { response }),
      // To do: a generic response (`QueryResponse<Customer>`) is checked as its plain type
      // (`QueryResponse<unknown>`) until the guards export its instantiation.
      ...(names === undefined ? {} : { validator: { name: names.validate, typeName: names.type } }),
      requestOptional: fields.every((field) => !field.required),
      fields,
      parameters: fields.flatMap(({ field, wireName }): OperationParameter[] =>
        field.in === 'path' || field.in === 'query' || field.in === 'header'
          ? [{ name: field.name, wireName, in: field.in }]
          : [],
      ),
      typeIds: [
        ...new Set(
          refs.flatMap((ref) => collectRefNames(ref)).flatMap((name) => plan.types.get(name) ?? []),
        ),
      ].sort(),
    };
  });
}

/** Verbs that send no body: their fields go to the query string. */
const BODILESS_VERBS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/**
 * True when a request with this verb has a body (`POST`, `PUT`, `PATCH`…); the fetch client's
 * runtime (`templates/client-runtime.ts`) decides the same.
 *
 * @param verb
 *   An upper-case HTTP verb.
 */
export function sendsBody(verb: string): boolean {
  return !BODILESS_VERBS.has(verb);
}

/**
 * The verb clients send an operation with: its own, `POST` for all verbs (`ANY`), as
 * ServiceStack's clients do; the fetch client's runtime decides the same.
 *
 * @param method
 *   The operation's method (`GET`, `ANY`…).
 */
export function clientVerb(method: string): string {
  const verb = method.toUpperCase();
  return verb === 'ANY' || verb === '' ? 'POST' : verb;
}

/** The one-line summary of an operation for JSDoc: routes and roles. */
export function describeOperationRoutes(operation: Operation): string {
  const routes = operation.routes.map((route) => `${route.verbs.join(',')} ${route.path}`);
  const parts = [
    `${operation.name}: ${routes.join('; ') || `${operation.method} /json/reply/${operation.name}`}.`,
  ];
  if (operation.roles.length > 0) {
    parts.push(`Requires any of the roles: ${operation.roles.join(', ')}.`);
  }
  return jsdocText(parts.join(' '));
}

/**
 * An import declaration, or none when it would import nothing.
 *
 * @param moduleSpecifier
 *   The module (`./types.js`).
 * @param names
 *   The names to import (strings are imported as values unless `typeOnly`).
 * @param typeOnly
 *   `import type { … }`.
 */
export function importOf(
  moduleSpecifier: string,
  names: readonly (string | OptionalKind<ImportSpecifierStructure>)[],
  typeOnly = false,
): OptionalKind<ImportDeclarationStructure>[] {
  if (names.length === 0) return [];
  return [{ isTypeOnly: typeOnly, moduleSpecifier, namedImports: [...names] }];
}

/**
 * Print a module: its imports together, then each declaration a blank line apart.
 *
 * @param imports
 *   The import declarations.
 * @param declarations
 *   The declarations' docs (print-declarations.ts).
 * @returns
 *   The module, formatted as prettier formats it, and whether the printer is sure of that.
 */
export function printModule(
  imports: readonly OptionalKind<ImportDeclarationStructure>[],
  declarations: readonly Printable[],
): { text: string; unsure: boolean } {
  const out = new ModuleWriter();
  imports.forEach((structure, index) => out.statement(printImport(structure), index === 0));
  for (const doc of declarations) out.statement(doc);
  return { text: out.toString(), unsure: out.unsure };
}

/** A string literal as the emitters write it (`stringLiteral`), as an expression. */
export function stringExpr(value: string): Expr {
  return { kind: 'string', value, raw: stringLiteral(value) };
}

/** `object.name`, or `object["name"]` when the name is no identifier: a property access. */
export function accessOf(object: Expr, name: string): Expr {
  return isIdentifierName(name)
    ? { kind: 'member', object, name }
    : { kind: 'index', object, key: stringExpr(name) };
}

/** An array literal of strings. */
function stringArray(values: readonly string[]): Expr {
  return array(values.map(stringExpr));
}

/** An object literal of named values. */
function objectOf(entries: [string, Expr][]): Expr {
  return { kind: 'object', properties: entries.map(([key, value]) => ({ key, value })) };
}

/** The object literal of a route. */
function routeLiteral(route: Route): Expr {
  return objectOf([
    ['verbs', stringArray(route.verbs)],
    ['path', stringExpr(route.path)],
  ]);
}

/** The object literal of one operation's entry. */
function operationLiteral(entry: OperationPlan): Expr {
  const { operation } = entry;
  return objectOf([
    ['name', stringExpr(operation.name)],
    ['method', stringExpr(operation.method)],
    ['routes', array(operation.routes.map(routeLiteral))],
    ['roles', stringArray(operation.roles)],
    ['request', stringExpr(operation.request)],
    ...(operation.response === undefined
      ? []
      : [['response', stringExpr(operation.response)] as [string, Expr]]),
    [
      'parameters',
      array(
        entry.parameters.map((parameter) =>
          objectOf([
            ['name', stringExpr(parameter.name)],
            ['wireName', stringExpr(parameter.wireName)],
            ['in', stringExpr(parameter.in)],
          ]),
        ),
      ),
    ],
  ]);
}

/**
 * Emit the source of `operations.ts`.
 *
 * @param plans
 *   The operations, from {@link planOperations}.
 * @returns
 *   The module, formatted as prettier formats it, and whether the printer is sure of that.
 */
export function emitOperations(plans: readonly OperationPlan[]): { text: string; unsure: boolean } {
  const ids = [...new Set(plans.flatMap((entry) => entry.typeIds))].sort();
  const entries: Expr = {
    kind: 'object',
    expanded: true,
    properties: plans.map((entry) => ({
      key: objectLiteralKey(entry.operation.name),
      value: operationLiteral(entry),
      docs: [describeOperationRoutes(entry.operation)],
    })),
  };
  return printModule(importOf('./types.js', ids, true), [
    printVariableStatement({
      isExported: true,
      declarationKind: CONST,
      docs: [
        'Every operation of the API as its pages describe it: the verb, the routes (path templates), the roles, the request and response DTO names on the server, and the request fields that travel in the path, the query string or a header (each entry is an `OperationInfo` of `<package>/client`).',
      ],
      declarations: [
        {
          name: 'operations',
          initializer: exprWriter({ kind: 'as', expr: entries, type: typeRef('const') }),
        },
      ],
    }),
    printTypeAlias({
      isExported: true,
      docs: ['The name of an operation.'],
      name: 'OperationName',
      type: typeWriter({ kind: 'keyof', type: { kind: 'typeof', name: 'operations' } }),
    }),
    printInterface({
      isExported: true,
      docs: [
        'The request and response type of every operation (`unknown` for a response the pages do not name).',
      ],
      name: 'OperationTypes',
      properties: plans.map((entry) => ({
        name: propertyKey(entry.operation.name),
        type: typeWriter(
          objectType(
            { kind: 'property', key: 'request', type: entry.types.request },
            { kind: 'property', key: 'response', type: entry.types.response },
          ),
        ),
      })),
    }),
  ]);
}
