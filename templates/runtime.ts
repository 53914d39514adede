/**
 * Runtime helpers of a dtoforge-generated package: the result and issue types of the guards, the
 * `ValidationError` of `assertX`, the Standard Schema v1 interface, and the small functions the
 * generated `guards.ts` calls on its slow (issue-reporting) path.
 *
 * This file is copied verbatim into every generated package; it has no imports and no
 * dependencies. The fast path of the guards (`isX`) uses nothing from here but the limits.
 */

/** The deepest nesting of named types a guard follows before it gives up with an issue. */
export const MAX_DEPTH = 512;

/**
 * How many values (objects, array items, dictionary entries) one check may visit. It bounds the
 * time a check can take on values with shared references (a DAG that unfolds to a huge tree).
 */
export const MAX_VALUES = 10_000_000;

/** How many issues `validateX` reports before it stops. */
export const MAX_ISSUES = 1000;

/** One problem found in a value. */
export interface ValidationIssue {
  /** Where: wire property names and array indices from the checked value, e.g. `['tags', 0]`. */
  path: (string | number)[];
  /** `Unexpected <received>, expected <expected>`. */
  message: string;
  /** What the type admits there. */
  expected: string;
  /** What was found there. */
  received: string;
}

/** The result of `validateX`. */
export type ValidationResult<T> =
  { success: true; value: T } | { success: false; issues: ValidationIssue[] };

/** Options of `validateX` / `assertX`. */
export interface ValidateOptions {
  /** Reject properties the type does not declare (default: the package's `strict` setting). */
  strict?: boolean | undefined;
}

/**
 * The Standard Schema v1 interface (https://standardschema.dev), copied as its authors intend
 * so that the package needs no dependency.
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The Standard Schema properties. */
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}

// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace StandardSchemaV1 {
  /** The Standard Schema properties interface. */
  export interface Props<Input = unknown, Output = Input> {
    /** The version number of the standard. */
    readonly version: 1;
    /** The vendor name of the schema library. */
    readonly vendor: string;
    /** Validates unknown input values. */
    readonly validate: (
      value: unknown,
      options?: StandardSchemaV1.Options | undefined,
    ) => Result<Output> | Promise<Result<Output>>;
    /** Inferred types associated with the schema. */
    readonly types?: Types<Input, Output> | undefined;
  }
  /** The result interface of the validate function. */
  export type Result<Output> = SuccessResult<Output> | FailureResult;
  /** The result interface if validation succeeds. */
  export interface SuccessResult<Output> {
    /** The typed output value. */
    readonly value: Output;
    /** A falsy value for `issues` indicates success. */
    readonly issues?: undefined;
  }
  /** Options of the validate function. */
  export interface Options {
    /** Explicit support for additional vendor-specific parameters, if needed. */
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }
  /** The result interface if validation fails. */
  export interface FailureResult {
    /** The issues of failed validation. */
    readonly issues: ReadonlyArray<Issue>;
  }
  /** The issue interface of the failure output. */
  export interface Issue {
    /** The error message of the issue. */
    readonly message: string;
    /** The path of the issue, if any. */
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  /** The path segment interface of the issue. */
  export interface PathSegment {
    /** The key representing a path segment. */
    readonly key: PropertyKey;
  }
  /** The Standard types interface. */
  export interface Types<Input = unknown, Output = Input> {
    /** The input type of the schema. */
    readonly input: Input;
    /** The output type of the schema. */
    readonly output: Output;
  }
  /** Infers the input type of a Standard Schema. */
  export type InferInput<Schema extends StandardSchemaV1> = NonNullable<
    Schema['~standard']['types']
  >['input'];
  /** Infers the output type of a Standard Schema. */
  export type InferOutput<Schema extends StandardSchemaV1> = NonNullable<
    Schema['~standard']['types']
  >['output'];
}

/**
 * A null-prototype `name → position` object for the generated checkers (any key, `__proto__`
 * included, is an own property).
 *
 * @param names
 *   The property names, in order.
 */
export function keyIndex(names: readonly string[]): { readonly [key: string]: number | undefined } {
  const index: { [key: string]: number | undefined } = Object.create(null);
  names.forEach((name, position) => {
    Object.defineProperty(index, name, { value: position, enumerable: true });
  });
  return index;
}

/** Format a path as `a.b[0]["c-d"]` (empty for the root). */
export function formatPath(path: readonly (string | number)[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) text += text === '' ? key : `.${key}`;
    else text += `[${JSON.stringify(key)}]`;
  }
  return text;
}

/** Thrown by `assertX`: the issues of the value, listed in the message. */
export class ValidationError extends Error {
  /** Every issue found (at most {@link MAX_ISSUES}). */
  readonly issues: ValidationIssue[];

  /**
   * @param typeName
   *   The name of the expected type, for the message.
   * @param issues
   *   The issues `validateX` found.
   */
  constructor(typeName: string, issues: ValidationIssue[]) {
    const shown = issues.slice(0, 20).map((issue) => {
      const where = formatPath(issue.path);
      return `  - ${where === '' ? '(root)' : where}: ${issue.message}`;
    });
    if (issues.length > shown.length) shown.push(`  … and ${issues.length - shown.length} more`);
    super(`Invalid ${typeName}:\n${shown.join('\n')}`);
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

/**
 * A short, safe description of any value for an issue: never throws, never calls user code
 * (`"text"`, `12`, `null`, `undefined`, `an array`, `an object`, …).
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string': {
      const text = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
      return text;
    }
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return `${value.toString()}n`;
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      if (value === null) return 'null';
      return Array.isArray(value) ? 'an array' : 'an object';
  }
}

/** The state of one `validateX` call: the current path, the issues, the budget. */
export interface CheckContext {
  /** The path of the value being checked (pushed and popped as the check descends). */
  path: (string | number)[];
  issues: ValidationIssue[];
  /** Values left to visit (see {@link MAX_VALUES}); negative stops the check. */
  budget: number;
  /** True once the check stopped (budget spent or too many issues): nothing more is reported. */
  stopped: boolean;
  /** The key being read and checked below `path` (for exceptions), if any. */
  key: string | number | undefined;
}

function addIssue(c: CheckContext, message: string, expected: string, received: string): void {
  if (c.stopped) return;
  if (c.issues.length >= MAX_ISSUES) {
    c.stopped = true;
    c.budget = Number.NEGATIVE_INFINITY;
    c.issues.push({
      path: [],
      message: `Unexpected more than ${MAX_ISSUES} issues, expected fewer (the check stopped)`,
      expected: `at most ${MAX_ISSUES} issues`,
      received: 'more issues',
    });
    return;
  }
  c.issues.push({ path: c.path.slice(), message, expected, received });
}

/** Report a value of the wrong type at the current path. */
export function reportValue(c: CheckContext, expected: string, value: unknown): void {
  if (c.stopped) return;
  const received = describeValue(value);
  addIssue(c, `Unexpected ${received}, expected ${expected}`, expected, received);
}

/** Report a required property that is absent. */
export function reportMissing(c: CheckContext, key: string, expected: string): void {
  if (c.stopped) return;
  c.path.push(key);
  addIssue(
    c,
    `Unexpected missing property ${JSON.stringify(key)}, expected ${expected}`,
    expected,
    'nothing',
  );
  c.path.pop();
}

/** Report a property the type does not declare (strict checks). */
export function reportUnknownKey(c: CheckContext, key: string, typeName: string): void {
  if (c.stopped) return;
  c.path.push(key);
  const expected = `only the properties of ${typeName}`;
  addIssue(
    c,
    `Unexpected property ${JSON.stringify(key)}, expected ${expected}`,
    expected,
    'an unknown property',
  );
  c.path.pop();
}

/** Report a dictionary key the key type does not admit. */
export function reportKey(c: CheckContext, key: string, expected: string): void {
  if (c.stopped) return;
  c.path.push(key);
  const received = `the key ${JSON.stringify(key)}`;
  addIssue(
    c,
    `Unexpected key ${JSON.stringify(key)}, expected a key that is ${expected}`,
    `a key that is ${expected}`,
    received,
  );
  c.path.pop();
}

/** Report a value nested deeper than {@link MAX_DEPTH}. */
export function reportTooDeep(c: CheckContext, expected: string): void {
  if (c.stopped) return;
  addIssue(
    c,
    `Unexpected nesting deeper than ${MAX_DEPTH} levels (a cyclic or too deeply nested value), expected ${expected} nested at most ${MAX_DEPTH} levels deep`,
    `${expected} nested at most ${MAX_DEPTH} levels deep`,
    'deeper nesting',
  );
}

/** Report that the value has more than {@link MAX_VALUES} values to visit; stops the check. */
export function reportExhausted(c: CheckContext): void {
  const expected = `at most ${MAX_VALUES} values`;
  addIssue(
    c,
    `Unexpected more than ${MAX_VALUES} values to check (shared or cyclic references?), expected ${expected}`,
    expected,
    'more values',
  );
  c.stopped = true;
  c.budget = Number.NEGATIVE_INFINITY;
}

/** The message of anything thrown, without trusting it. */
function errorText(error: unknown): string {
  try {
    if (error instanceof Error) return `${error.name}: ${error.message}`;
    return describeValue(error);
  } catch {
    return 'an unreadable error';
  }
}

/**
 * Run the slow, issue-collecting check of a value whose fast check failed.
 *
 * @param value
 *   The value.
 * @param strict
 *   Whether undeclared properties are issues.
 * @param check
 *   The generated checker of the type.
 */
export function collectIssues(
  value: unknown,
  strict: boolean,
  check: (v: unknown, s: boolean, d: number, c: CheckContext) => void,
): ValidationIssue[] {
  const c: CheckContext = {
    path: [],
    issues: [],
    budget: MAX_VALUES,
    stopped: false,
    key: undefined,
  };
  try {
    check(value, strict, 0, c);
  } catch (error) {
    // Note: a getter or Proxy trap threw, or the stack overflowed; the path is where it happened.
    if (c.key !== undefined) c.path.push(c.key);
    const received = `an exception (${errorText(error)})`;
    addIssue(
      c,
      `Unexpected ${received}, expected a value that can be read`,
      'a value that can be read',
      received,
    );
  }
  if (c.issues.length === 0) {
    // Note: the fast check said no, but the value read differently this time (getters, Proxies).
    c.issues.push({
      path: [],
      message: 'Unexpected value that changed while it was checked, expected a plain, stable value',
      expected: 'a plain, stable value',
      received: 'a changing value',
    });
  }
  return c.issues;
}

/**
 * A Standard Schema v1 object around a generated `validateX`. `libraryOptions.strict` overrides
 * the package's strictness for one call.
 *
 * @param validate
 *   The generated `validateX`.
 */
export function standardSchema<T>(
  validate: (value: unknown, options?: ValidateOptions) => ValidationResult<T>,
): StandardSchemaV1<T, T> {
  return {
    '~standard': {
      version: 1,
      vendor: 'dtoforge',
      validate(value, options) {
        const strict = options?.libraryOptions?.['strict'];
        const result = validate(value, typeof strict === 'boolean' ? { strict } : undefined);
        return result.success ? { value: result.value } : { issues: result.issues };
      },
    },
  };
}

/** A JSON Schema document of the package: `$defs` holds one schema per type. */
export interface JsonSchemaDocument {
  $schema: string;
  $defs: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * A standalone JSON Schema for one type of a document: `{ $schema, $ref, $defs }` with only the
 * definitions the type reaches.
 *
 * @param doc
 *   The package's JSON Schema document.
 * @param typeId
 *   The type's name in `$defs`.
 */
export function jsonSchemaFor(doc: JsonSchemaDocument, typeId: string): Record<string, unknown> {
  const defs: Record<string, unknown> = {};
  const todo = [typeId];
  while (todo.length > 0) {
    const id = todo.pop()!;
    if (Object.prototype.hasOwnProperty.call(defs, id)) continue;
    if (!Object.prototype.hasOwnProperty.call(doc.$defs, id)) continue;
    const schema = doc.$defs[id];
    Object.defineProperty(defs, id, {
      value: schema,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    collectRefs(schema, todo);
  }
  return { $schema: doc.$schema, $ref: `#/$defs/${typeId}`, $defs: defs };
}

function collectRefs(schema: unknown, into: string[]): void {
  if (typeof schema !== 'object' || schema === null) return;
  if (Array.isArray(schema)) {
    for (const item of schema) collectRefs(item, into);
    return;
  }
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/$defs/')) {
      into.push(value.slice('#/$defs/'.length));
    } else {
      collectRefs(value, into);
    }
  }
}
