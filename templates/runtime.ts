/**
 * Runtime helpers of a dtoforge-generated package: the result and issue types of the guards, the
 * `ValidationError` of `assertX`, the Standard Schema v1 interface, and the small functions the
 * generated `guards.ts` calls.
 *
 * This file is copied verbatim into every generated package; it has no imports and no
 * dependencies. The guards work in two passes:
 *
 * - the **fast check** (`isX`, and `validateX` first): one generated function per type that
 *   returns `false` at the first problem, with the primitive checks, list and dictionary loops and
 *   limits below;
 * - the **report** (`validateX` when the fast check failed): the functions below walk the value
 *   with a {@link Shape} per type (generated data: its fast check, its fields, what it expects)
 *   and report every issue with its path. Each value is checked with its fast check first; only a
 *   failing one is walked into. Values of recursive types are walked into at once, and the fast
 *   checks of a `validateX` note where they failed (`notes`) so that its report walks straight
 *   into that, instead of checking it again: a report reads each value a bounded number of
 *   times, however deep it nests.
 *
 * Limits, for any value (cyclic, shared, hostile): recursive types nest at most
 * {@link MAX_DEPTH} deep, one check visits at most {@link MAX_VALUES} values, `validateX` reports
 * at most {@link MAX_ISSUES} issues; getters and Proxy traps that throw give a verdict (`false`, or
 * an issue at their path), never an exception.
 */

/** The deepest nesting of recursive types a guard follows before it gives up with an issue. */
export const MAX_DEPTH = 512;

/**
 * How many values (objects of recursive types, array items, dictionary entries) one check may
 * visit. It bounds the time a check can take on values with shared references (a DAG that
 * unfolds to a huge tree).
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

/** An object that is not an array, read as a record of its properties. */
export type JsonRecord = { readonly [key: string]: unknown };

/** The state of one fast check. */
export interface Scan {
  /** Reject properties a type does not declare. */
  readonly strict: boolean;
  /** How many values of recursive types the check is inside (see {@link MAX_DEPTH}). */
  depth: number;
  /** Values the check may still visit (see {@link MAX_VALUES}); below 0 the check fails. */
  budget: number;
}

/** A fast check: true when `v` is a valid value of its type; false at the first problem. */
export type Check = (v: unknown, c: Scan) => boolean;

const has = Object.prototype.hasOwnProperty;

/** True when `v` is an object and not an array (a plain object, a null-prototype object…). */
export function isRecord(v: unknown): v is JsonRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when `key` is an own property of `o` (an inherited value is no property of a value). */
export function hasOwn(o: JsonRecord, key: string): boolean {
  return has.call(o, key);
}

/**
 * True when `x`, read from `o` at `keys[i]`, is the value of an own property: not `undefined` (an
 * optional property holding `undefined` is absent, as `JSON.stringify` sees it) and not
 * inherited. The fast checks ask it of a value that failed, to tell a wrong value from no value.
 *
 * @param o
 *   The record.
 * @param keys
 *   The wire names of its type's fields.
 * @param i
 *   The position of the field.
 * @param x
 *   `o[keys[i]]`.
 */
export function isOwnValue(o: JsonRecord, keys: readonly string[], i: number, x: unknown): boolean {
  if (x === undefined || !has.call(o, keys[i]!)) return false;
  note(o, keys, i);
  return true;
}

/**
 * True when the required field `keys[i]` of `o` is there (an own property, not `undefined`) and
 * `valid`: the fast checks ask it of every required field.
 *
 * @param o
 *   The record.
 * @param keys
 *   The wire names of its type's fields.
 * @param i
 *   The position of the field.
 * @param x
 *   `o[keys[i]]`.
 * @param valid
 *   Whether `x` passed the field's check.
 */
export function isOwnValid(
  o: JsonRecord,
  keys: readonly string[],
  i: number,
  x: unknown,
  valid: boolean,
): boolean {
  if (valid && x !== undefined && has.call(o, keys[i]!)) return true;
  note(o, keys, i);
  return false;
}

/**
 * Hints of the running `validateX` for its report: where its fast checks failed first in the
 * values they rejected most recently. Three slots per value: the value; for an object, its
 * type's wire names (`undefined` for a list or a dictionary); the position of the field, of the
 * item, or of the entry (counted in the order the dictionary holds its keys). Only checks that
 * read in that order note (an object's generated check reads its fields in declaration order;
 * `walkFields`, in the record's key order, notes nothing), so what comes before a hint passed:
 * the report takes it as valid, and walks into what failed without checking it again, so that a
 * rejected value is read about once, not once per level above it. A hint never decides a
 * verdict: what it points at is still reported.
 *
 * `undefined` when no `validateX` runs (nothing is noted), `null` before the first note;
 * `validate` sets it and puts it back. At most {@link NOTES} values are remembered (older hints
 * are dropped: the report only walks slower without them).
 */
let notes: unknown[] | null | undefined;
let noted = 0;

/** How many values {@link notes} remembers. */
const NOTES = 16;

function note(o: object, owner: readonly string[] | undefined, at: number): void {
  if (notes === undefined) return;
  notes ??= new Array<unknown>(NOTES * 3);
  const slot = (noted++ % NOTES) * 3;
  notes[slot] = o;
  notes[slot + 1] = owner;
  notes[slot + 2] = at;
}

/**
 * True when `v` is one of `values` (an enum's wire values, a field's Allowable Values).
 *
 * @param v
 *   The value.
 * @param values
 *   The values.
 */
export function isOneOf(v: unknown, values: readonly unknown[]): boolean {
  return values.includes(v);
}

/** `string`, `DateTime`, `Guid`, `TimeSpan`… (sent as strings). */
export function isString(v: unknown): boolean {
  return typeof v === 'string';
}

/** `bool`. */
export function isBoolean(v: unknown): boolean {
  return typeof v === 'boolean';
}

/** `float`, `double`, `decimal`: a finite number. */
export function isNumber(v: unknown): boolean {
  return Number.isFinite(v);
}

/** `long`: an integer. */
export function isInteger(v: unknown): boolean {
  return Number.isInteger(v);
}

/** `ulong`: an integer ≥ 0. */
export function isUnsignedInteger(v: unknown): boolean {
  return Number.isInteger(v) && (v as number) >= 0;
}

/** `int`: an integer from -2^31 to 2^31 - 1. */
export function isInt32(v: unknown): boolean {
  return typeof v === 'number' && (v | 0) === v;
}

/** `uint`: an integer from 0 to 2^32 - 1. */
export function isUint32(v: unknown): boolean {
  return typeof v === 'number' && v >>> 0 === v;
}

/** `short`: an integer from -32768 to 32767. */
export function isInt16(v: unknown): boolean {
  return typeof v === 'number' && (v << 16) >> 16 === v;
}

/** `ushort`: an integer from 0 to 65535. */
export function isUint16(v: unknown): boolean {
  return typeof v === 'number' && (v & 0xffff) === v;
}

/** `sbyte`: an integer from -128 to 127. */
export function isInt8(v: unknown): boolean {
  return typeof v === 'number' && (v << 24) >> 24 === v;
}

/** `byte`: an integer from 0 to 255. */
export function isUint8(v: unknown): boolean {
  return typeof v === 'number' && (v & 0xff) === v;
}

/** `object` (any value), a type argument or a type the model does not define: anything. */
export function isDefined(v: unknown): boolean {
  return v !== undefined;
}

/**
 * A flags enum: an integer within `mask` (bit by bit up to 32 bits; beyond, only the range).
 *
 * @param v
 *   The value.
 * @param mask
 *   The OR of the members' values.
 */
export function isFlags(v: unknown, mask: number): boolean {
  return (
    Number.isInteger(v) &&
    (v as number) >= 0 &&
    (v as number) <= mask &&
    (mask > 0xffffffff || ((v as number) & ~mask) === 0)
  );
}

const INTEGER_KEY = /^-?(?:0|[1-9][0-9]*)$/;
const NUMBER_KEY = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/** A dictionary key of an integer type: an integer as JSON writes it. */
export function isIntegerKey(key: string): boolean {
  return INTEGER_KEY.test(key);
}

/** A dictionary key of a floating-point type: a number as JSON writes it. */
export function isNumberKey(key: string): boolean {
  return NUMBER_KEY.test(key);
}

/**
 * Enter a value of a recursive type (a type that can contain itself): false when the check is
 * too deep or out of budget. Pair it with {@link leave} when the value is valid.
 *
 * @param c
 *   The check.
 */
export function enter(c: Scan): boolean {
  return ++c.depth <= MAX_DEPTH && --c.budget >= 0;
}

/** Leave a valid value of a recursive type (see {@link enter}); returns `true`. */
export function leave(c: Scan): boolean {
  c.depth--;
  return true;
}

/**
 * True when every own property of `o` is one of `keys` (strict checks).
 *
 * @param o
 *   The record.
 * @param keys
 *   The wire names of its type's properties.
 */
export function onlyKeys(o: JsonRecord, keys: ReadonlySet<string>): boolean {
  for (const key in o) if (!keys.has(key) && has.call(o, key)) return false;
  return true;
}

/**
 * A list: an array whose every item passes `item` (holes of sparse arrays are `undefined`).
 *
 * @param v
 *   The value.
 * @param c
 *   The check.
 * @param item
 *   The fast check of the items.
 */
export function checkList(v: unknown, c: Scan, item: Check): boolean {
  if (!Array.isArray(v)) return false;
  const n = v.length;
  if ((c.budget -= n + 1) < 0) return false;
  for (let i = 0; i < n; i++) {
    if (!item(v[i], c)) {
      note(v, undefined, i);
      return false;
    }
  }
  return true;
}

/**
 * A dictionary: a record whose every own property passes `value` (and its key `key`).
 *
 * @param v
 *   The value.
 * @param c
 *   The check.
 * @param value
 *   The fast check of the values.
 * @param key
 *   The check of the keys (none: any key).
 */
export function checkRecord(
  v: unknown,
  c: Scan,
  value: Check,
  key?: (key: string) => boolean,
): boolean {
  if (!isRecord(v)) return false;
  let step = 0;
  for (const k in v) {
    if (!has.call(v, k)) continue;
    if (--c.budget < 0) return false;
    if ((key !== undefined && !key(k)) || !value(v[k], c)) {
      note(v, undefined, step);
      return false;
    }
    step++;
  }
  return true;
}

/**
 * A key/value pair: `{ key, value }`, both required.
 *
 * @param v
 *   The value.
 * @param c
 *   The check.
 * @param key
 *   The fast check of `key`.
 * @param value
 *   The fast check of `value`.
 */
export function checkPair(v: unknown, c: Scan, key: Check, value: Check): boolean {
  if (!isRecord(v)) return false;
  if (!key(v['key'], c) || !has.call(v, 'key')) return false;
  if (!value(v['value'], c) || !has.call(v, 'value')) return false;
  return !c.strict || onlyKeys(v, PAIR_KEYS);
}

const PAIR_KEY_LIST = ['key', 'value'];
const PAIR_KEYS: ReadonlySet<string> = /* @__PURE__ */ new Set(PAIR_KEY_LIST);

/**
 * Run a fast check from the start: the `isX` guards. Never throws (a throwing getter or Proxy
 * trap, a stack overflow: `false`).
 *
 * @param value
 *   The value.
 * @param check
 *   The type's fast check.
 * @param strict
 *   Reject undeclared properties.
 */
export function runCheck(value: unknown, check: Check, strict: boolean): boolean {
  if (notes === undefined) return runScan(value, check, newScan(strict));
  // Note: an `isX` called while a `validateX` runs (from a getter) leaves no hints for it.
  const running = notes;
  notes = undefined;
  try {
    return runScan(value, check, newScan(strict));
  } finally {
    notes = running;
  }
}

/** The state of a check from the start. */
function newScan(strict: boolean): Scan {
  return { strict, depth: 0, budget: MAX_VALUES };
}

function runScan(value: unknown, check: Check, scan: Scan): boolean {
  try {
    return check(value, scan);
  } catch {
    return false;
  }
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
  const type = typeof value;
  if (type === 'string') {
    const text = value as string;
    return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  }
  if (type === 'bigint') return `${value as bigint}n`;
  if (type === 'symbol' || type === 'function') return `a ${type}`;
  // Note: numbers, booleans, `undefined` and `null` as `String` writes them (no user code runs).
  if (type !== 'object' || value === null) return Object.is(value, -0) ? '-0' : String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

/** The state of one report: the slow pass of `validateX`, after its fast check failed. */
export interface Reporter {
  /** The path of the value being reported (pushed and popped as the report walks in). */
  path: (string | number)[];
  issues: ValidationIssue[];
  /** The state of the fast checks the report runs on each value (depth and budget shared). */
  scan: Scan;
  /** True once the report stopped (budget spent or too many issues): nothing more is added. */
  stopped: boolean;
  /** The key being read and checked below `path` (an exception is reported there), if any. */
  key: string | number | undefined;
  /**
   * Whether the fast checks may vouch for a value: not under a strict report of a lax package,
   * whose checks know no property lists (see {@link validator}).
   */
  checks: boolean;
}

/**
 * What the report needs to know of a type: its fast check, what it expects, and how to report
 * the issues of a value. The generated `guards.ts` builds one per type with the functions below.
 */
export interface Shape {
  /** The type's fast check (the one `isX` runs). */
  readonly check: Check;
  /** What a value of the type must be, for issues: `a string`, `Tag`, `Tag[]`. */
  readonly expected: string;
  /** True for types without structure to walk into (primitives, enums). */
  readonly leaf: boolean;
  /**
   * True for a type that can contain itself (`Struct`) and for lists, dictionaries… of one: its
   * values nest without a bound. The report walks into such a value at once, without its fast
   * check first: a check of each level from scratch would read a value once per level above it.
   */
  readonly deep: boolean;
  /**
   * Report every issue of `v` at `r.path` (none when `v` is valid).
   *
   * @param expected
   *   What to say when `v` is not even a record or an array (a nullable type says `| null`).
   */
  readonly report: (v: unknown, r: Reporter, expected: string) => void;
  /** Object types: their fields, laid out for the walks. */
  readonly table: (() => FieldTable) | undefined;
}

/**
 * Every shape is made here, so that all have one hidden class: the walks read `shape.check` at
 * one site for every type.
 */
function makeShape(
  check: Check,
  expected: string,
  leaf: boolean,
  deep: boolean,
  report: Shape['report'],
  table?: () => FieldTable,
): Shape {
  return { check, expected, leaf, deep, report, table };
}

function addIssue(r: Reporter, message: string, expected: string, received: string): void {
  if (r.stopped) return;
  if (r.issues.length >= MAX_ISSUES) {
    r.stopped = true;
    r.issues.push({
      path: [],
      message: `Unexpected more than ${MAX_ISSUES} issues, expected fewer (the check stopped)`,
      expected: `at most ${MAX_ISSUES} issues`,
      received: 'more issues',
    });
    return;
  }
  r.issues.push({ path: r.path.slice(), message, expected, received });
}

function reportValue(r: Reporter, expected: string, value: unknown): void {
  const received = describeValue(value);
  addIssue(r, `Unexpected ${received}, expected ${expected}`, expected, received);
}

function reportAt(r: Reporter, key: string, message: string, expected: string, received: string) {
  r.path.push(key);
  addIssue(r, message, expected, received);
  r.path.pop();
}

function reportExhausted(r: Reporter): void {
  const expected = `at most ${MAX_VALUES} values`;
  addIssue(
    r,
    `Unexpected more than ${MAX_VALUES} values to check (shared or cyclic references?), expected ${expected}`,
    expected,
    'more values',
  );
  r.stopped = true;
}

/** Enter a value of a recursive type in a report: false (reported) when too deep or over budget. */
function enterReport(r: Reporter, expected: string): boolean {
  if (r.scan.depth >= MAX_DEPTH) {
    addIssue(
      r,
      `Unexpected nesting deeper than ${MAX_DEPTH} levels (a cyclic or too deeply nested value), expected ${expected} nested at most ${MAX_DEPTH} levels deep`,
      `${expected} nested at most ${MAX_DEPTH} levels deep`,
      'deeper nesting',
    );
    return false;
  }
  r.scan.depth++;
  if (--r.scan.budget < 0) {
    reportExhausted(r);
    return false;
  }
  return true;
}

/** Report the issues of `x`, read at `key` below `r.path`, as a value of `shape`. */
function walk(r: Reporter, key: string | number, shape: Shape, x: unknown): void {
  r.key = undefined;
  r.path.push(key);
  shape.report(x, r, shape.expected);
  r.path.pop();
}

/**
 * Report the issues of `x`, read at `r.key` below `r.path`: none when it passes its type's fast
 * check (the report's depth is kept), else walked into. A deep type's value is walked into at
 * once (see {@link Shape.deep}), so that each value is read a bounded number of times.
 */
function reportIn(r: Reporter, key: string | number, shape: Shape, x: unknown): void {
  if (shape.leaf || (r.checks && !shape.deep)) {
    const depth = r.scan.depth;
    const ok = shape.check(x, r.scan);
    r.scan.depth = depth;
    if (ok) {
      r.key = undefined;
      return;
    }
  }
  walk(r, key, shape, x);
}

/**
 * The shape of a type without structure: a primitive or an enum.
 *
 * @param check
 *   Its check.
 * @param expected
 *   What it expects: `a string`, `an integer from 0 to 255 (byte)`.
 */
export function leafShape(check: (v: unknown) => boolean, expected: string): Shape {
  return makeShape(check, expected, true, false, (v, r, as) => check(v) || reportValue(r, as, v));
}

/** Values listed in an expectation before it says `…`. */
const LISTED_VALUES = 12;

/**
 * The shape of an enum or of a field's Allowable Values: a closed set of values.
 *
 * @param values
 *   Its values (the first ones are listed in issues).
 * @param label
 *   The enum's name: `AudioCodecTypes ("PCMU" | "GSM" | …)`; none for Allowable Values:
 *   `one of "A" | "B"`.
 */
export function enumShape(values: readonly unknown[], label?: string): Shape {
  const shown = values.slice(0, LISTED_VALUES).map((value) => JSON.stringify(value));
  if (values.length > LISTED_VALUES) shown.push('…');
  const list = shown.length === 0 ? 'no value' : shown.join(' | ');
  return leafShape(
    (v) => values.includes(v),
    label === undefined ? `one of ${list}` : `${label} (${list})`,
  );
}

/**
 * The shape of `T | null`.
 *
 * @param shape
 *   The shape of `T`.
 */
export function nullableOf(shape: Shape): Shape {
  const expected = shape.leaf ? `${shape.expected} or null` : `${shape.expected} | null`;
  return makeShape(
    (v, c) => v === null || shape.check(v, c),
    expected,
    shape.leaf,
    shape.deep,
    (v, r) => v === null || shape.report(v, r, expected),
  );
}

/**
 * Where the fast check of the running `validateX` failed first in `v`, if it noted it for this
 * walk (see {@link notes}): the field of an object of the type whose wire names are `owner`, the
 * item of a list or the entry of a dictionary (`owner` undefined). -1: no hint.
 */
function hintFor(r: Reporter, v: object, owner?: readonly string[]): number {
  if (!r.checks || !notes) return -1;
  // Note: the latest note of `v` first.
  for (let n = 1; n <= NOTES; n++) {
    const slot = ((noted - n + NOTES * 2) % NOTES) * 3;
    if (notes[slot] === v) return notes[slot + 1] === owner ? (notes[slot + 2] as number) : -1;
  }
  return -1;
}

/**
 * The shape of a list.
 *
 * @param item
 *   The shape of its items.
 * @param expected
 *   Its name: `int[]` (default: the name of an item of a named type, `Tag[]`).
 */
export function listOf(
  item: Shape,
  expected: string = item.expected.includes(' ') ? `(${item.expected})[]` : `${item.expected}[]`,
): Shape {
  return makeShape(
    (v, c) => checkList(v, c, item.check),
    expected,
    false,
    item.deep,
    (v, r, as) => {
      if (!Array.isArray(v)) return reportValue(r, as, v);
      const n = v.length;
      if ((r.scan.budget -= n + 1) < 0) return reportExhausted(r);
      // Note: the items before the one where the check failed are valid.
      const first = hintFor(r, v);
      for (let i = Math.max(first, 0); i < n && !r.stopped; i++) {
        r.key = i;
        const x: unknown = v[i];
        if (i === first) walk(r, i, item, x);
        else reportIn(r, i, item, x);
      }
    },
  );
}

/** What the keys of a dictionary must be (the key type is not `string`). */
export interface KeyRule {
  readonly check: (key: string) => boolean;
  /** `an integer`, `AudioCodecTypes ("PCMU" | …)`. */
  readonly expected: string;
}

/**
 * A rule for the keys of dictionaries.
 *
 * @param check
 *   The check of a key.
 * @param expected
 *   What a key must be.
 */
export function keyRule(check: (key: string) => boolean, expected: string): KeyRule {
  return { check, expected };
}

/** What a dictionary holds: the shape of its values, and the rule of its keys if any. */
export type Entries = readonly [value: Shape, key?: KeyRule];

/** Report the entries of a dictionary. */
function reportEntries(r: Reporter, o: JsonRecord, [value, key]: Entries): void {
  // Note: the entries before the one where the check failed are valid.
  const first = hintFor(r, o);
  let step = -1;
  for (const k in o) {
    if (r.stopped) return;
    if (!has.call(o, k)) continue;
    if (--r.scan.budget < 0) return reportExhausted(r);
    if (++step < first) continue;
    if (key !== undefined && !key.check(k)) {
      const message = `Unexpected key ${JSON.stringify(k)}, expected a key that is ${key.expected}`;
      reportAt(r, k, message, `a key that is ${key.expected}`, `the key ${JSON.stringify(k)}`);
    }
    r.key = k;
    const x = o[k];
    if (step === first) walk(r, k, value, x);
    else reportIn(r, k, value, x);
  }
}

/**
 * The shape of a dictionary type expression (a field's `Dictionary<string, int>`).
 *
 * @param value
 *   The shape of its values.
 * @param expected
 *   Its name: `Record<string, int>`.
 * @param key
 *   What its keys must be (default: any string).
 */
export function recordOf(value: Shape, expected: string, key?: KeyRule): Shape {
  const entries: Entries = key === undefined ? [value] : [value, key];
  return makeShape(
    (v, c) => checkRecord(v, c, value.check, key?.check),
    expected,
    false,
    value.deep,
    (v, r, as) => {
      if (!isRecord(v)) return reportValue(r, as, v);
      reportEntries(r, v, entries);
    },
  );
}

/** The shape of a named dictionary type (see {@link recordShape}). */
function namedRecord(
  expected: string,
  check: Check,
  entries: () => Entries,
  recursive: boolean,
): Shape {
  let known: Entries | undefined;
  return makeShape(check, expected, false, recursive, (v, r, as) => {
    if (!isRecord(v)) return reportValue(r, as, v);
    if (recursive && !enterReport(r, expected)) return;
    reportEntries(r, v, (known ??= entries()));
    if (recursive) r.scan.depth--;
  });
}

/**
 * The shape of a named dictionary type (`Struct`).
 *
 * @param expected
 *   Its name.
 * @param check
 *   Its generated fast check.
 * @param entries
 *   What it holds (a function: shapes may refer to each other in cycles, and are only needed
 *   once a report runs).
 */
export function recordShape(expected: string, check: Check, entries: () => Entries): Shape {
  return namedRecord(expected, check, entries, false);
}

/** {@link recordShape} of a dictionary type that can contain itself: depth and budget count. */
export function recursiveRecordShape(
  expected: string,
  check: Check,
  entries: () => Entries,
): Shape {
  return namedRecord(expected, check, entries, true);
}

/** How a field is checked (see {@link FieldTable.kinds}). */
const STRING = 0;
const BOOLEAN = 1;
const LEAF = 2;
const BOUNDED = 3;
const DEEP = 4;

/** An object type's fields as the walks take them: by position and by wire name. */
export interface FieldTable {
  keys: readonly string[];
  shapes: readonly Shape[];
  /**
   * How each field is checked, by position: {@link STRING} and {@link BOOLEAN} with `typeof` (no
   * call); {@link LEAF}, {@link BOUNDED} and {@link DEEP} by their shape (a leaf is checked before
   * a report, always; a bounded value when the checks may vouch for values; a deep one is walked).
   */
  kinds: number[];
  /** True for the required fields, by position. */
  isRequired: boolean[];
  index: Map<string, number>;
  /** The positions of the required fields. */
  required: readonly number[];
}

/**
 * The fields of an object type.
 *
 * @param keys
 *   Their wire names, in declaration order.
 * @param shapes
 *   Their shapes, by position.
 * @param required
 *   The wire names of the required fields.
 */
function tableOf(
  keys: readonly string[],
  shapes: readonly Shape[],
  required: readonly string[] = [],
): FieldTable {
  const index = new Map<string, number>();
  keys.forEach((key, i) => index.set(key, i));
  return {
    keys,
    shapes,
    kinds: shapes.map(({ check, leaf, deep }) =>
      check === isString
        ? STRING
        : check === isBoolean
          ? BOOLEAN
          : leaf
            ? LEAF
            : deep
              ? DEEP
              : BOUNDED,
    ),
    isRequired: keys.map((key) => required.includes(key)),
    index,
    required: required.map((key) => index.get(key)!),
  };
}

/** The shape of an object type, whose fields the fast check may walk ({@link walkFields}). */
export interface ObjectShape extends Shape {
  readonly table: () => FieldTable;
}

/**
 * How many enumerable keys a record has (own or inherited): a hint for wide object types, whose
 * fast check reads the fields by name when (nearly) all of them are there, else walks the keys.
 *
 * @param o
 *   The record.
 */
export function keyCount(o: JsonRecord): number {
  let n = 0;
  for (const _ in o) n++;
  return n;
}

/**
 * The fast check of an object type by walking the keys a record has, not the fields its type
 * declares: for a value with fields left out (servers omit nulls), where reading every declared
 * name costs more than the keys present (each value comes in a hidden class of its own).
 *
 * @param o
 *   The record.
 * @param c
 *   The check.
 * @param shape
 *   The type's shape (its fields).
 */
export function walkFields(o: JsonRecord, c: Scan, shape: ObjectShape): boolean {
  const table = shape.table();
  const { keys, index, kinds, shapes, isRequired } = table;
  let required = 0;
  // Note: servers send the fields in declaration order: the next one is tried first.
  let next = 0;
  for (const key in o) {
    const i = next < keys.length && keys[next] === key ? next : index.get(key);
    if (i === undefined) {
      if (c.strict && has.call(o, key)) return false;
      continue;
    }
    next = i + 1;
    const x = o[key];
    const kind = kinds[i]!;
    // Note: `typeof` against a literal: a type test, no string compared.
    const ok =
      x !== undefined &&
      (kind === STRING
        ? typeof x === 'string'
        : kind === BOOLEAN
          ? typeof x === 'boolean'
          : shapes[i]!.check(x, c));
    // Note: a required field counts only as an own property with a valid value; an optional
    // field fails only with a value of its own.
    if (ok) {
      if (isRequired[i] && has.call(o, key)) required++;
    } else if ((x !== undefined || isRequired[i]) && has.call(o, key)) {
      return false;
    }
  }
  return required === table.required.length;
}

/** A required field that is not there (see {@link reportObject}). */
const MISSING = Symbol('missing');

/**
 * Report the fields of a record. Its own keys are walked first (values are read in the order the
 * record holds them, as its hidden class lays them out) to find the fields that fail; then their
 * issues are reported in declaration order, missing fields included, and undeclared keys
 * (strict) come last.
 */
function reportObject(r: Reporter, o: JsonRecord, table: FieldTable, type: string): void {
  const { keys, index, shapes, kinds } = table;
  const scan = r.scan;
  const depth = scan.depth;
  // Note: a check may vouch for a leaf always, for a bounded value when the checks are trusted.
  const vouched = r.checks ? BOUNDED : LEAF;
  // Note: the fields before the one where the fast check failed (it reads them in declaration
  // order) are valid; that one is walked into without its check again.
  const known = hintFor(r, o, keys);
  // Note: [field, value] of each field to walk into (rarely any), in declaration order unless
  // the record holds its keys in another.
  let failed: [number, unknown][] | undefined;
  let sorted = true;
  let unknown: string[] | undefined;
  // Note: the key being read, for the path of an exception (a getter, a Proxy trap).
  let key: string | undefined;
  try {
    // Note: servers send the fields in declaration order: the next one is tried first.
    let next = 0;
    for (key in o) {
      const i = next < keys.length && keys[next] === key ? next : index.get(key);
      if (i === undefined) {
        if (scan.strict && has.call(o, key)) (unknown ??= []).push(key);
        continue;
      }
      next = i + 1;
      if (i < known) continue;
      const x = o[key];
      // Note: an inherited value that fails is no issue: own-ness is asked only then. A required
      // field that is absent is reported below. A failed check leaves its depth behind. A deep
      // value is walked into without its check first (Shape.deep).
      if (x === undefined) continue;
      const kind = kinds[i]!;
      if (
        i !== known &&
        (kind === STRING
          ? typeof x === 'string'
          : kind === BOOLEAN
            ? typeof x === 'boolean'
            : kind <= vouched && shapes[i]!.check(x, scan))
      ) {
        continue;
      }
      scan.depth = depth;
      if (!has.call(o, key)) continue;
      if (failed === undefined) failed = [];
      else if (i < failed[failed.length - 1]![0]) sorted = false;
      failed.push([i, x]);
    }
    for (const i of table.required) {
      key = keys[i]!;
      const x = o[key];
      if (x !== undefined && has.call(o, key)) continue;
      if (failed === undefined) failed = [];
      else if (i < failed[failed.length - 1]![0]) sorted = false;
      failed.push([i, MISSING]);
    }
  } catch (error) {
    r.key = key;
    throw error;
  }
  if (failed !== undefined) {
    if (!sorted) failed.sort((a, b) => a[0] - b[0]);
    for (const [i, x] of failed) {
      if (r.stopped) return;
      const key = keys[i]!;
      const shape = shapes[i]!;
      if (x !== MISSING) walk(r, key, shape, x);
      else {
        const message = `Unexpected missing property ${JSON.stringify(key)}, expected ${shape.expected}`;
        reportAt(r, key, message, shape.expected, 'nothing');
      }
    }
  }
  if (unknown !== undefined) {
    const expected = `only the properties of ${type}`;
    for (const key of unknown) {
      const message = `Unexpected property ${JSON.stringify(key)}, expected ${expected}`;
      reportAt(r, key, message, expected, 'an unknown property');
    }
  }
}

/** The shape of an object type (see {@link objectShape}). */
function namedObject(
  expected: string,
  check: Check,
  fields: () => FieldTable,
  recursive: boolean,
  deep: boolean,
): ObjectShape {
  let known: FieldTable | undefined;
  const table = (): FieldTable => (known ??= fields());
  const report: Shape['report'] = (v, r, as) => {
    if (!isRecord(v)) return reportValue(r, as, v);
    if (recursive && !enterReport(r, expected)) return;
    reportObject(r, v, table(), expected);
    if (recursive) r.scan.depth--;
  };
  return makeShape(check, expected, false, deep, report, table) as ObjectShape;
}

/**
 * The shape of a key/value pair `{ key, value }`.
 *
 * @param key
 *   The shape of `key`.
 * @param value
 *   The shape of `value`.
 * @param expected
 *   Its name: `KeyValuePair<string, int>`.
 */
export function pairOf(key: Shape, value: Shape, expected: string): Shape {
  return namedObject(
    expected,
    (v, c) => checkPair(v, c, key.check, value.check),
    () => tableOf(PAIR_KEY_LIST, [key, value], PAIR_KEY_LIST),
    false,
    key.deep || value.deep,
  );
}

/**
 * The shape of an object type.
 *
 * @param expected
 *   Its name: `EndpointInfo`, `QueryResponse<Tag>`.
 * @param check
 *   Its generated fast check.
 * @param keys
 *   The wire names of its fields, base fields included, in declaration order.
 * @param fields
 *   The shapes of its fields, by position (a function: shapes may refer to each other in
 *   cycles, and are only needed once a report runs).
 * @param required
 *   The wire names of its required fields.
 */
export function objectShape(
  expected: string,
  check: Check,
  keys: readonly string[],
  fields: () => readonly Shape[],
  required?: readonly string[],
): ObjectShape {
  return namedObject(expected, check, () => tableOf(keys, fields(), required), false, false);
}

/** {@link objectShape} of a type that can contain itself: depth and budget count. */
export function recursiveObjectShape(
  expected: string,
  check: Check,
  keys: readonly string[],
  fields: () => readonly Shape[],
  required?: readonly string[],
): ObjectShape {
  return namedObject(expected, check, () => tableOf(keys, fields(), required), true, true);
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
 * Report every issue of a value that failed its fast check.
 *
 * @param value
 *   The value.
 * @param shape
 *   Its type's shape.
 * @param strict
 *   Whether undeclared properties are issues.
 * @param checks
 *   Whether the fast checks may vouch for values (false: the report alone decides, and no issue
 *   means valid).
 */
export function reportIssues(
  value: unknown,
  shape: Shape,
  strict: boolean,
  checks = true,
): ValidationIssue[] {
  const r: Reporter = {
    path: [],
    issues: [],
    scan: newScan(strict),
    stopped: false,
    key: undefined,
    checks,
  };
  try {
    shape.report(value, r, shape.expected);
  } catch (error) {
    // Note: a getter or Proxy trap threw, or the stack overflowed; the path is where it happened.
    if (r.key !== undefined) r.path.push(r.key);
    const received = `an exception (${errorText(error)})`;
    addIssue(
      r,
      `Unexpected ${received}, expected a value that can be read`,
      'a value that can be read',
      received,
    );
  }
  if (r.issues.length === 0 && checks) {
    // Note: the fast check said no, but the value read differently this time (getters, Proxies).
    addIssue(
      r,
      'Unexpected value that changed while it was checked, expected a plain, stable value',
      'a plain, stable value',
      'a changing value',
    );
  }
  return r.issues;
}

/**
 * The `validateX` guards: the fast check, then the report when it fails. A strict call of a lax
 * package (whose checks know no property lists) is decided by the report alone.
 *
 * @param value
 *   The value.
 * @param shape
 *   Its type's shape.
 * @param strict
 *   Whether undeclared properties are issues.
 * @param checks
 *   Whether the fast checks know strictness (a strict package's do).
 */
export function validate<T>(
  value: unknown,
  shape: Shape,
  strict: boolean,
  checks: boolean = strict,
): ValidationResult<T> {
  const trusted = checks || !strict;
  const outer = notes;
  const outerNoted = noted;
  notes = trusted ? null : undefined;
  try {
    if (trusted && runScan(value, shape.check, newScan(strict))) {
      return { success: true, value: value as T };
    }
    const issues = reportIssues(value, shape, strict, trusted);
    return issues.length === 0 ? { success: true, value: value as T } : { success: false, issues };
  } finally {
    notes = outer;
    noted = outerNoted;
  }
}

/** An `isX` guard: true when `value` is a valid `T` (never throws). */
export type Guard<T> = (value: unknown) => value is T;

/** A `validateX` guard: the value, or every issue found. */
export type Validator<T> = (value: unknown, options?: ValidateOptions) => ValidationResult<T>;

/** An `assertX` guard: throws a {@link ValidationError} unless `value` is a valid `T`. */
export type Assertion<T> = (value: unknown, options?: ValidateOptions) => asserts value is T;

/**
 * The `isX` guard of a type: its fast check from the start.
 *
 * @param check
 *   The type's fast check.
 * @param strict
 *   The package's default strictness (default: lax).
 */
export function guard<T>(check: Check, strict = false): Guard<T> {
  return function isValid(value: unknown): value is T {
    return runCheck(value, check, strict);
  };
}

/**
 * The `validateX` guard of a type.
 *
 * @param shape
 *   The type's shape.
 * @param strict
 *   The package's default strictness, lax by default (`options.strict` overrides it). The checks
 *   of a strict package look up each type's properties; those of a lax package know none.
 */
export function validator<T>(shape: Shape, strict = false): Validator<T> {
  const validateValue: Validator<T> = (value, options) =>
    validate<T>(value, shape, options?.strict ?? strict, strict);
  NAMES.set(validateValue, shape.expected);
  return validateValue;
}

/** The type names of the `validateX` guards (for the messages of `assertX`). */
const NAMES = new WeakMap<object, string>();

/**
 * The `assertX` guard of a type.
 *
 * @param validate
 *   The type's `validateX`.
 */
export function assertion<T>(validate: Validator<T>): Assertion<T> {
  const typeName = NAMES.get(validate) ?? 'value';
  return function assertValid(value, options) {
    const result = validate(value, options);
    if (!result.success) throw new ValidationError(typeName, result.issues);
  };
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
    if (has.call(defs, id) || !has.call(doc.$defs, id)) continue;
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
  // Note: an array's entries are its items.
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/$defs/')) {
      into.push(value.slice('#/$defs/'.length));
    } else {
      collectRefs(value, into);
    }
  }
}
