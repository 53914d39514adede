/**
 * .NET and ServiceStack types that pages reference but never describe with a table.
 *
 * They are ordinary model types with `nameSource: 'builtin'` and no `source`; the inferer adds
 * one when a page's Data Type names it and no table, config entry or page defines it, and the
 * emitter adds ServiceStack's error types to every package ({@link withServiceStackTypes}).
 */
import type { EnumType, Field, Model, ModelType, ObjectType, Source, TypeRef } from './model.js';

/** The `source` of built-in fields and members: they come from no page (a new one each). */
function builtinSource(): Source {
  return {
    file: '<builtin>',
    position: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
  };
}

const STRING: TypeRef = { kind: 'primitive', name: 'string' };

/** `Dictionary<string, string>`, the type of `Meta`. */
const META: TypeRef = { kind: 'dictionary', key: STRING, value: STRING };

/** The days of `System.DayOfWeek`, in the CLR's order (Sunday = 0). */
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** An optional body field with the wire name ServiceStack's JSON serializer gives it. */
function field(name: string, typeText: string, type: TypeRef, description: string): Field {
  return {
    name,
    wireName: toCamelCase(name),
    typeText,
    type,
    required: false,
    in: 'body',
    description,
    source: builtinSource(),
  };
}

const BUILDERS: Record<string, () => ModelType> = {
  DayOfWeek: (): EnumType => ({
    kind: 'enum',
    name: 'DayOfWeek',
    nameSource: 'builtin',
    valueKind: 'none',
    flags: false,
    members: DAYS.map((name) => ({ name, source: builtinSource() })),
  }),
  ResponseStatus: (): ObjectType => ({
    kind: 'object',
    name: 'ResponseStatus',
    nameSource: 'builtin',
    typeParameters: [],
    fields: [
      field(
        'ErrorCode',
        'string',
        STRING,
        'The error code: the custom ErrorCode of a validation exception, else the name of the exception type. Set when the service failed.',
      ),
      field('Message', 'string', STRING, 'A human friendly error message.'),
      field('StackTrace', 'string', STRING, 'The server stack trace, when debug mode is on.'),
      field(
        'Errors',
        'List<ResponseError>',
        { kind: 'list', items: { kind: 'ref', name: 'ResponseError', args: [] } },
        'Detailed errors, e.g. one validation error for each named field.',
      ),
      field(
        'Meta',
        'Dictionary<string, string>',
        META,
        'Additional custom metadata about the error.',
      ),
    ],
  }),
  ResponseError: (): ObjectType => ({
    kind: 'object',
    name: 'ResponseError',
    nameSource: 'builtin',
    typeParameters: [],
    fields: [
      field('ErrorCode', 'string', STRING, 'The error code of this error.'),
      field('FieldName', 'string', STRING, 'The name of the field the error is about.'),
      field('Message', 'string', STRING, 'A human friendly error message.'),
      field(
        'Meta',
        'Dictionary<string, string>',
        META,
        'Additional custom metadata about the error.',
      ),
    ],
  }),
  ErrorResponse: (): ObjectType => ({
    kind: 'object',
    name: 'ErrorResponse',
    nameSource: 'builtin',
    typeParameters: [],
    fields: [
      field(
        'ResponseStatus',
        'ResponseStatus',
        { kind: 'ref', name: 'ResponseStatus', args: [] },
        'What went wrong: the body ServiceStack sends with an error status (4xx, 5xx).',
      ),
    ],
  }),
};

/**
 * ServiceStack's error types, shared by every API: the body of an error response
 * (`ErrorResponse`) and what it holds. Every generated package has them (its clients type their
 * errors with them), whether a page references them or not.
 */
export const SERVICESTACK_TYPE_NAMES: readonly string[] = Object.freeze([
  'ResponseStatus',
  'ResponseError',
  'ErrorResponse',
]);

/**
 * The model with ServiceStack's error types ({@link SERVICESTACK_TYPE_NAMES}) appended, each
 * one only when no type of that name is in the model already (a page's own table wins).
 *
 * @param model
 *   The model (not changed).
 * @returns
 *   The same model when nothing is missing, else a copy with the built-ins after its own types.
 */
export function withServiceStackTypes(model: Model): Model {
  const names = new Set(model.types.map((type) => type.name));
  const missing = SERVICESTACK_TYPE_NAMES.filter((name) => !names.has(name));
  if (missing.length === 0) return model;
  return {
    ...model,
    types: [...model.types, ...missing.flatMap((name) => builtinType(name) ?? [])],
  };
}

/** The names {@link builtinType} knows, in a stable order. */
export const BUILTIN_TYPE_NAMES: readonly string[] = Object.freeze(Object.keys(BUILDERS));

/**
 * A built-in type by name.
 *
 * @param name
 *   The name as written in a Data Type cell (`DayOfWeek`, `ResponseStatus`, `ResponseError`,
 *   `ErrorResponse`).
 * @returns
 *   A fresh copy of the type (callers may change it), or `undefined` for other names.
 */
export function builtinType(name: string): ModelType | undefined {
  return Object.hasOwn(BUILDERS, name) ? BUILDERS[name]?.() : undefined;
}

/**
 * ServiceStack.Text's `ToCamelCase`: lower-case the leading run of upper-case letters, but keep
 * the last letter of the run upper-case when a lower-case letter follows it (and it is not the
 * first character). `DTMFMethod` → `dtmfMethod`, `LocalIP` → `localIP`, `ID` → `id`.
 *
 * @param name
 *   A C# property name.
 */
export function toCamelCase(name: string): string {
  const chars = [...name];
  let firstPart = true;
  for (let index = 0; index < chars.length; index++) {
    const c0 = chars[index]!;
    const c1 = index < chars.length - 1 ? chars[index + 1]! : 'A';
    if (firstPart && isUpper(c0) && (isUpper(c1) || index === 0)) {
      chars[index] = c0.toLowerCase();
    } else {
      firstPart = false;
    }
  }
  return chars.join('');
}

/** C#'s `char.IsUpper`, close enough: a letter whose lower case differs. */
function isUpper(char: string): boolean {
  return char !== char.toLowerCase() && char === char.toUpperCase();
}
