/**
 * Emit `servicestack.ts` of the generated package (the `<package>/servicestack` entry): one
 * request class per operation, as ServiceStack's "Add ServiceStack Reference" writes them, so
 * that `@servicestack/client` takes them as they are:
 *
 * ```ts
 * const api = await client.api(new BuyPhoneNumber({ number: '+15551234567' }));
 * api.response; // EndpointInfo | undefined
 * ```
 *
 * Each class is merged with an interface that extends the wire type of `types.ts` (so it has the
 * request's fields and declares no field of its own: an instance holds exactly what its
 * constructor was given) and adds `getTypeName()`, `getMethod()` and `createResponse()` (typed
 * with the response, which is what `IReturn<T>` asks of it). The wire interfaces and the guards
 * stay as they are: an instance passes `isX` exactly when the plain object of its fields does.
 */
import type {
  ClassDeclarationStructure,
  FunctionDeclarationStructure,
  InterfaceDeclarationStructure,
  OptionalKind,
} from 'ts-morph';
import type { Model } from '../model/model.js';
import { stringLiteral, toIdentifier, type NamePlan } from './names.js';
import {
  clientVerb,
  describeOperationRoutes,
  importOf,
  printModule,
  stringExpr,
  type OperationPlan,
} from './operations.js';
import {
  printClass,
  printFunction,
  printInterface,
  stmtWriter,
  typeWriter,
} from './print-declarations.js';
import { indexedType, stringType, typeRef, unionType, type TypeNode } from './print-types.js';
import { call, id, type Printable } from './printer.js';

/** The module's helper that copies a request's fields onto an instance. */
function assignHelper(assign: string): OptionalKind<FunctionDeclarationStructure> {
  return {
    name: assign,
    docs: [
      'Copy the own enumerable fields of `init` onto `target` (as properties, so that no key, `__proto__` included, sets a prototype).',
    ],
    parameters: [
      { name: 'target', type: 'object' },
      { name: 'init', type: typeWriter(unionType(typeRef('object'), typeRef('undefined'))) },
    ],
    returnType: 'void',
    // Note: the same code whatever the model, written as prettier formats it.
    statements: [
      'if (init === undefined) return;',
      'for (const key of Object.keys(init)) {',
      '  const value: unknown = (init as Record<string, unknown>)[key];',
      '  Object.defineProperty(target, key, {',
      '    value,',
      '    enumerable: true,',
      '    writable: true,',
      '    configurable: true,',
      '  });',
      '}',
    ],
  };
}

/** A name not in `taken` (the first of `base`, `base_`, `base__`…), then taken. */
function freshName(base: string, taken: Set<string>): string {
  let name = base;
  while (taken.has(name)) name += '_';
  taken.add(name);
  return name;
}

/**
 * Emit the source of `servicestack.ts`.
 *
 * @param model
 *   The model.
 * @param plan
 *   The names of its types.
 * @param operations
 *   The operations, from `planOperations`.
 */
export function emitServiceStack(
  model: Model,
  plan: NamePlan,
  operations: readonly OperationPlan[],
): { text: string; unsure: boolean } {
  const byName = new Map(model.types.map((type) => [type.name, type]));
  const classNames = operations.map(
    (entry) => plan.types.get(entry.operation.request) ?? toIdentifier(entry.operation.request),
  );
  // Note: the module's own names must not be a request class's name.
  const taken = new Set([...classNames, 'OperationTypes']);
  const dto = freshName('dto', taken);
  const assign = freshName('assignFields', taken);
  const emitted = new Set<string>();
  let hasWireTypes = false;

  const declarations: Printable[] = [];
  operations.forEach((entry, index) => {
    const className = classNames[index]!;
    if (emitted.has(className)) return;
    emitted.add(className);
    const { operation } = entry;
    const type = byName.get(operation.request);
    const typeParameters =
      type?.kind === 'object' ? type.typeParameters.map((name) => toIdentifier(name)) : [];
    const wire: TypeNode | undefined =
      type?.kind === 'object'
        ? typeRef(`${dto}.${className}`, ...typeParameters.map((name) => typeRef(name)))
        : undefined;
    const key = stringExpr(operation.name);
    const response = indexedType(
      indexedType(typeRef('OperationTypes'), stringType(stringLiteral(operation.name))),
      stringType(stringLiteral('response')),
    );
    const verb = clientVerb(operation.method);
    const docs = [
      `${describeOperationRoutes(operation)} A ServiceStack request DTO: \`client.api(new ${className}({ … }))\`.`,
    ];
    if (wire !== undefined) {
      const merged: OptionalKind<InterfaceDeclarationStructure> = {
        name: className,
        isExported: true,
        docs: [`The fields of the request: those of the wire type \`${className}\`.`],
        typeParameters: typeParameters.map((name) => ({ name, default: 'unknown' })),
        extends: [typeWriter(wire)],
      };
      declarations.push(printInterface(merged));
      hasWireTypes = true;
    }
    const returnsVoid = operation.response === undefined;
    const requestClass: OptionalKind<ClassDeclarationStructure> = {
      name: className,
      isExported: true,
      docs,
      typeParameters: typeParameters.map((name) => ({ name, default: 'unknown' })),
      ctors: [
        {
          docs: ["@param init\n  The request's fields (copied onto the new instance)."],
          parameters: [
            {
              name: 'init',
              hasQuestionToken: true,
              type: typeWriter(
                wire === undefined
                  ? typeRef('Readonly', typeRef('Record', typeRef('string'), typeRef('unknown')))
                  : typeRef('Partial', wire),
              ),
            },
          ],
          statements: [stmtWriter({ kind: 'expr', expr: call(assign, id('this'), id('init')) })],
        },
      ],
      methods: [
        {
          name: 'getTypeName',
          docs: ["The request DTO's name on the server (`/api/{name}`, `/json/reply/{name}`)."],
          returnType: typeWriter(stringType(stringLiteral(operation.name))),
          statements: [stmtWriter({ kind: 'return', expr: key })],
        },
        {
          name: 'getMethod',
          docs: ["The HTTP verb ServiceStack's clients send this request with."],
          returnType: typeWriter(stringType(stringLiteral(verb))),
          statements: [stmtWriter({ kind: 'return', expr: stringExpr(verb) })],
        },
        {
          name: 'createResponse',
          docs: [
            returnsVoid
              ? 'The operation has no response type (`IReturnVoid`).'
              : "An empty response object, as ServiceStack's own DTOs give: its type is what `client.api()` and `client.send()` resolve to.",
          ],
          returnType: returnsVoid ? 'void' : typeWriter(response),
          statements: returnsVoid
            ? []
            : [
                stmtWriter({
                  kind: 'return',
                  expr: { kind: 'as', expr: { kind: 'object', properties: [] }, type: response },
                }),
              ],
        },
      ],
    };
    declarations.push(printClass(requestClass));
  });

  return printModule(
    [
      ...importOf(
        './operations.js',
        operations.some((entry) => entry.operation.response !== undefined)
          ? ['OperationTypes']
          : [],
        true,
      ),
      ...(hasWireTypes
        ? [{ isTypeOnly: true, moduleSpecifier: './types.js', namespaceImport: dto }]
        : []),
    ],
    [...(declarations.length > 0 ? [printFunction(assignHelper(assign))] : []), ...declarations],
  );
}
