/**
 * Safe names and comments for emitted TypeScript: one module, used by every emitter (as
 * openapi-typescript's `src/lib/ts.ts`).
 *
 * The model keeps the page's names; the emitters never print a model name directly but go
 * through a {@link NamePlan}, so that reserved words, JS globals and collisions are handled in
 * one place and every rename is reported once.
 */
import type { Model } from '../model/model.js';

/** Words that cannot name a type, an interface or an enum in TypeScript, or would shadow a
 * global the generated code itself uses. */
const RESERVED_TYPE_NAMES = new Set([
  // ECMAScript reserved and strict-mode words.
  'break',
  'case',
  'catch',
  'class',
  'const',
  'continue',
  'debugger',
  'default',
  'delete',
  'do',
  'else',
  'enum',
  'export',
  'extends',
  'false',
  'finally',
  'for',
  'function',
  'if',
  'import',
  'in',
  'instanceof',
  'new',
  'null',
  'return',
  'super',
  'switch',
  'this',
  'throw',
  'true',
  'try',
  'typeof',
  'var',
  'void',
  'while',
  'with',
  'implements',
  'interface',
  'let',
  'package',
  'private',
  'protected',
  'public',
  'static',
  'yield',
  'await',
  'arguments',
  'eval',
  // TypeScript's own type names.
  'any',
  'unknown',
  'never',
  'object',
  'string',
  'number',
  'boolean',
  'symbol',
  'bigint',
  'undefined',
  'type',
  'namespace',
  'module',
  'declare',
  'abstract',
  'as',
  'asserts',
  'infer',
  'is',
  'keyof',
  'readonly',
  'unique',
  'global',
  'satisfies',
  'accessor',
  'out',
  'from',
  'of',
  // Globals the emitted code or its consumers rely on.
  'Object',
  'Array',
  'Promise',
  'Record',
  'Partial',
  'Required',
  'Readonly',
  'Pick',
  'Omit',
  'String',
  'Number',
  'Boolean',
  'Symbol',
  'BigInt',
  'Function',
  'Date',
  'RegExp',
  'Error',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'JSON',
  'Math',
  'Reflect',
  'Proxy',
  'Intl',
  'globalThis',
  'Exclude',
  'Extract',
  'NonNullable',
  'ReturnType',
  'Parameters',
  'InstanceType',
  'Awaited',
  'ArrayLike',
  'PropertyKey',
  'Uppercase',
  'Lowercase',
  'Capitalize',
  'Uncapitalize',
  'NaN',
  'Infinity',
  'StandardSchemaV1',
  'ValidationIssue',
  'ValidationResult',
  'ValidationError',
]);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** True when `name` can be written bare as a property key or member name. */
export function isIdentifierName(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** A property key for a type literal or object literal: bare when safe, else a quoted string. */
export function propertyKey(name: string): string {
  return isIdentifierName(name) ? name : JSON.stringify(name);
}

/**
 * A key of an object literal: as {@link propertyKey}, but `__proto__` computed (a plain
 * `__proto__:` in a literal would set the prototype instead of a property).
 */
export function objectLiteralKey(name: string): string {
  return name === '__proto__' ? '["__proto__"]' : propertyKey(name);
}

/** A string literal (double-quoted, with every special character escaped, U+2028/9 too). */
export function stringLiteral(value: string): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Text made safe for a JSDoc block: no comment terminator, no line breaks that would end the
 * block's `*` prefix, no stray `@` tags from descriptions.
 */
export function jsdocText(text: string): string {
  return text
    .replace(/\*\//g, '*\\/')
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ')
    .replace(/@/g, '\\@')
    .trim();
}

/** Turn any text into an identifier: invalid characters become `_`, a leading digit gets `_`. */
export function toIdentifier(text: string): string {
  let id = text.replace(/[^A-Za-z0-9_$]/g, '_');
  if (id === '' || /^[0-9]/.test(id)) id = `_${id}`;
  return id;
}

/** A rename the plan made, for a `renamed-identifier` diagnostic. */
export interface Rename {
  from: string;
  to: string;
  why: string;
}

/** The exported names that belong to one type. */
export interface TypeNames {
  /** The interface / enum / alias. */
  type: string;
  /** `isX(value): value is X`. */
  is: string;
  /** `validateX(value)` → result with issues. */
  validate: string;
  /** `assertX(value): asserts value is X`. */
  assert: string;
  /** The Standard Schema v1 object, `XSchema`. */
  schema: string;
}

/** The TypeScript names of every model type, decided once for all emitters. */
export interface NamePlan {
  /** Model type name → TypeScript identifier of the type. */
  types: Map<string, string>;
  /** Model type name → every exported name derived from it. */
  names: Map<string, TypeNames>;
  renames: Rename[];
}

/** The names derived from a type's identifier. */
export function deriveNames(id: string): TypeNames {
  return {
    type: id,
    is: `is${id}`,
    validate: `validate${id}`,
    assert: `assert${id}`,
    schema: `${id}Schema`,
  };
}

/**
 * Decide the TypeScript identifier of every model type: unchanged when safe, else made an
 * identifier and suffixed with `_` (then `_2`, `_3`…) until unique and not reserved.
 *
 * @param model
 *   The merged model.
 * @param taken
 *   Extra identifiers the emitters define themselves (helpers), never to be reused.
 */
export function planNames(model: Model, taken: Iterable<string> = []): NamePlan {
  const types = new Map<string, string>();
  const renames: Rename[] = [];
  const used = new Set<string>(taken);
  // A type may not be called like another type's guard or schema (`FooSchema` beside `Foo`).
  const derived = new Set<string>();
  for (const type of model.types) {
    const names = deriveNames(type.name);
    derived.add(names.is).add(names.validate).add(names.assert).add(names.schema);
  }
  for (const name of derived) used.add(name);
  // Reserve the unchanged names first, so that a renamed type never takes a page's real name.
  for (const type of model.types) {
    if (
      isIdentifierName(type.name) &&
      !RESERVED_TYPE_NAMES.has(type.name) &&
      !used.has(type.name)
    ) {
      used.add(type.name);
      types.set(type.name, type.name);
    }
  }
  for (const type of model.types) {
    if (types.has(type.name)) continue;
    const base = toIdentifier(type.name);
    let candidate = `${base}_`;
    for (let n = 2; used.has(candidate) || RESERVED_TYPE_NAMES.has(candidate); n++) {
      candidate = `${base}_${n}`;
    }
    used.add(candidate);
    types.set(type.name, candidate);
    renames.push({
      from: type.name,
      to: candidate,
      why: !isIdentifierName(type.name)
        ? 'it is not an identifier'
        : RESERVED_TYPE_NAMES.has(type.name)
          ? 'it is a reserved word or a global'
          : 'the name is already taken by another type or its guard',
    });
  }
  const names = new Map<string, TypeNames>();
  for (const [name, id] of types) names.set(name, deriveNames(id));
  return { types, names, renames };
}
