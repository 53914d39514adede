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
import { StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import { objectLiteralKey, propertyKey, stringLiteral } from './names.js';
import {
  accessOf,
  describeOperationRoutes,
  importOf,
  printModule,
  type OperationPlan,
} from './operations.js';

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

/**
 * Emit the source of `client.ts`.
 *
 * @param operations
 *   The operations, from `planOperations`.
 */
export function emitClient(operations: readonly OperationPlan[]): string {
  const validators = [
    ...new Set(operations.flatMap((entry) => (entry.validator ? [entry.validator.name] : []))),
  ].sort();
  const methods = operations.map((entry) => {
    const key = stringLiteral(entry.operation.name);
    const types = `OperationTypes[${key}]`;
    return {
      name: propertyKey(entry.operation.name),
      docs: [describeOperationRoutes(entry.operation)],
      parameters: [
        {
          name: 'request',
          type: `${types}['request']`,
          hasQuestionToken: entry.requestOptional,
        },
        { name: 'options', type: 'CallOptions', hasQuestionToken: true },
      ],
      returnType: `Promise<${types}['response']>`,
    };
  });
  const bindings = operations.map((entry) => {
    const key = stringLiteral(entry.operation.name);
    const validator = entry.validator;
    // Note: a generic response is checked as its plain type (see `planOperations`).
    const check =
      validator === undefined
        ? 'undefined'
        : `{ name: ${stringLiteral(validator.typeName)}, check: ${validator.name}${isGeneric(entry) ? ` as (value: unknown) => ValidationResult<OperationTypes[${key}]['response']>` : ''} }`;
    // Note: `request ?? {}`, not a `= {}` default: `{}` is no request whose field is called
    // like an Object member (`constructor`).
    const request = entry.requestOptional ? 'request ?? {}' : 'request';
    return `${objectLiteralKey(entry.operation.name)}: (request, call) => callOperation(options, operations${accessOf(entry.operation.name)}, ${request}, ${check}, call)`;
  });
  const statements: StatementStructures[] = [
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
    {
      kind: StructureKind.ExportDeclaration,
      moduleSpecifier: './client-runtime.js',
      namedExports: [
        ...CLIENT_RUNTIME_VALUES,
        ...CLIENT_RUNTIME_TYPES.map((name) => ({ name, isTypeOnly: true })),
      ],
    },
    {
      kind: StructureKind.ExportDeclaration,
      moduleSpecifier: './operations.js',
      namedExports: [
        'operations',
        { name: 'OperationName', isTypeOnly: true },
        { name: 'OperationTypes', isTypeOnly: true },
      ],
    },
    {
      kind: StructureKind.Interface,
      name: 'Client',
      isExported: true,
      docs: [
        "A client of the API: one method per operation. Each sends the request to the route its fields fill, and resolves with the response (checked by its `validateX` unless validation is off) or rejects with an `ApiError` (the server's ResponseStatus) or a `ResponseValidationError`.",
      ],
      methods,
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        'Create a client of the API on `fetch`.\n\n@param options\n  `baseUrl` (required), `fetch` (default: the global one), `headers` (an object, or a function that gives one for each call), `validate` (default: `true`).',
      ],
      declarations: [
        {
          name: 'createClient',
          type: '(options: ClientOptions) => Client',
          initializer:
            operations.length > 0 ? `(options) => ({\n${bindings.join(',\n')}\n})` : '() => ({})',
        },
      ],
    },
  ];
  return printModule(statements);
}
