/**
 * Emit `client.ts` of the generated package (the `<package>/client` entry): `createClient`, a
 * zero-dependency client on `fetch` with one method per operation, each bound to the runtime's
 * `callOperation` with the operation's entry of `operations` and its response's `validateX`.
 *
 * ```ts
 * const api = createClient({ baseUrl: 'https://api.example.com' });
 * const endpoint = await api.BuyPhoneNumber({ number: '+15551234567' }); // EndpointInfo, checked
 * ```
 *
 * The types come from `OperationTypes` (`operations.ts`), so this module imports no type by its
 * own name and cannot clash with one.
 */
import type { OptionalKind, MethodSignatureStructure } from 'ts-morph';
import { objectLiteralKey, propertyKey, stringLiteral } from './names.js';
import {
  accessOf,
  describeOperationRoutes,
  importOf,
  printModule,
  stringExpr,
  type OperationPlan,
} from './operations.js';
import {
  CONST,
  printExport,
  exprWriter,
  printInterface,
  typeWriter,
  printVariableStatement,
} from './print-declarations.js';
import { functionType, indexedType, stringType, typeRef, type TypeNode } from './print-types.js';
import { binary, call, id, type Expr } from './printer.js';

/** The public names of `templates/client-runtime.ts` the client entry re-exports. */
export const CLIENT_RUNTIME_VALUES = ['ApiError', 'ResponseValidationError', 'httpRequestOf'];
export const CLIENT_RUNTIME_TYPES = [
  'AbortSignalLike',
  'CallOptions',
  'ClientOptions',
  'FetchInit',
  'FetchLike',
  'FetchResponse',
  'HeaderMap',
  'HttpRequest',
  'OperationInfo',
  'ParameterInfo',
  'RouteInfo',
];

/** True when the operation's response has type arguments (`QueryResponse<Customer>`). */
function isGeneric(entry: OperationPlan): boolean {
  return entry.validator !== undefined && (entry.response?.args.length ?? 0) > 0;
}

/** `OperationTypes['Name']['request']` (or `…['response']`). */
function operationType(name: string, side: 'request' | 'response'): TypeNode {
  return indexedType(
    indexedType(typeRef('OperationTypes'), stringType(stringLiteral(name))),
    stringType(stringLiteral(side)),
  );
}

/**
 * Emit the source of `client.ts`.
 *
 * @param operations
 *   The operations, from `planOperations`.
 * @returns
 *   The module, formatted as prettier formats it, and whether the printer is sure of that.
 */
export function emitClient(operations: readonly OperationPlan[]): {
  text: string;
  unsure: boolean;
} {
  const validators = [
    ...new Set(operations.flatMap((entry) => (entry.validator ? [entry.validator.name] : []))),
  ].sort();
  const methods = operations.map((entry): OptionalKind<MethodSignatureStructure> => ({
    // Note: a bare `new(…)` in an interface is a construct signature, not a method.
    name:
      entry.operation.name === 'new'
        ? stringLiteral(entry.operation.name)
        : propertyKey(entry.operation.name),
    docs: [describeOperationRoutes(entry.operation)],
    parameters: [
      {
        name: 'request',
        type: typeWriter(operationType(entry.operation.name, 'request')),
        hasQuestionToken: entry.requestOptional,
      },
      { name: 'options', type: 'CallOptions', hasQuestionToken: true },
    ],
    returnType: typeWriter(typeRef('Promise', operationType(entry.operation.name, 'response'))),
  }));
  const bindings = operations.map((entry) => {
    const validator = entry.validator;
    // Note: a generic response is checked as its plain type (see `planOperations`).
    const checker: Expr =
      validator === undefined || !isGeneric(entry)
        ? id(validator?.name ?? 'undefined')
        : {
            kind: 'as',
            expr: id(validator.name),
            type: functionType(
              [{ name: 'value', type: typeRef('unknown') }],
              typeRef('ValidationResult', operationType(entry.operation.name, 'response')),
            ),
          };
    const check: Expr =
      validator === undefined
        ? checker
        : {
            kind: 'object',
            properties: [
              { key: 'name', value: stringExpr(validator.typeName) },
              { key: 'check', value: checker },
            ],
          };
    // Note: `request ?? {}`, not a `= {}` default: `{}` is no request whose field is called
    // like an Object member (`constructor`).
    const request: Expr = entry.requestOptional
      ? binary('??', id('request'), { kind: 'object', properties: [] })
      : id('request');
    return {
      key: objectLiteralKey(entry.operation.name),
      value: {
        kind: 'arrow',
        parameters: ['request', 'call'],
        body: call(
          'callOperation',
          id('options'),
          accessOf(id('operations'), entry.operation.name),
          request,
          check,
          id('call'),
        ),
      } satisfies Expr,
    };
  });
  const imports = [
    // Note: a model without operations gives a client without methods (and no unused import).
    ...importOf('./client-runtime.js', [
      ...(operations.length > 0
        ? ['callOperation', { name: 'CallOptions', isTypeOnly: true }]
        : []),
      { name: 'ClientOptions', isTypeOnly: true },
    ]),
    ...importOf('./guards.js', validators),
    ...importOf(
      './operations.js',
      operations.length > 0 ? ['operations', { name: 'OperationTypes', isTypeOnly: true }] : [],
    ),
    ...importOf('./runtime.js', operations.some(isGeneric) ? ['ValidationResult'] : [], true),
  ];
  return printModule(imports, [
    printExport({
      moduleSpecifier: './client-runtime.js',
      namedExports: [
        ...CLIENT_RUNTIME_VALUES,
        ...CLIENT_RUNTIME_TYPES.map((name) => ({ name, isTypeOnly: true })),
      ],
    }),
    printExport({
      moduleSpecifier: './operations.js',
      namedExports: [
        'operations',
        { name: 'OperationName', isTypeOnly: true },
        { name: 'OperationTypes', isTypeOnly: true },
      ],
    }),
    printInterface({
      name: 'Client',
      isExported: true,
      docs: [
        "A client of the API: one method per operation. Each sends the request to the route its fields fill, and resolves with the response (checked by its `validateX` unless validation is off) or rejects with an `ApiError` (the server's ResponseStatus) or a `ResponseValidationError`.",
      ],
      methods,
    }),
    printVariableStatement({
      isExported: true,
      declarationKind: CONST,
      docs: [
        'Create a client of the API on `fetch`.\n\n@param options\n  `baseUrl` (required), `fetch` (default: the global one), `headers` (an object, or a function that gives one for each call), `validate` (default: `true`).',
      ],
      declarations: [
        {
          name: 'createClient',
          type: typeWriter(
            functionType([{ name: 'options', type: typeRef('ClientOptions') }], typeRef('Client')),
          ),
          initializer: exprWriter({
            kind: 'arrow',
            parameters: operations.length > 0 ? ['options'] : [],
            body: { kind: 'object', properties: bindings, expanded: operations.length > 0 },
          }),
        },
      ],
    }),
  ]);
}
