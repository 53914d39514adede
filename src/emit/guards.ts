/**
 * Emit `guards.ts` of the generated package: for every model type `isX` (a fast boolean check),
 * `validateX` (every issue, with wire paths), `assertX` (throws a `ValidationError`) and `XSchema`
 * (a Standard Schema v1 object).
 *
 * Two passes, as typia separates its programmers, over one set of decisions (`checks.ts`, shared
 * with the JSON Schema emitter):
 *
 * - the **fast check**: one generated function per type, `checkX(v, c)`, that reads each declared
 *   property once and returns `false` at the first problem. Leaves are checked inline (`typeof`)
 *   or by the runtime's named checks (`isInt32`…) and the enum guards (`isTagColors`, over the
 *   enum's `TagColorsValues`), printed once each; lists and dictionaries go through the runtime's
 *   `checkList` / `checkRecord` with the check of their items. Only a value that fails is asked
 *   whether it is an own property (`isOwnValue(v, TagKeys, 2, x)`, `TagKeys` being the type's
 *   wire names). `isX` is `guard(checkX)` (`runCheck` with the package's strictness). The checks
 *   of a strict package look the keys up (`onlyKeys(v, TagKeySet)`); a lax package's checks know
 *   no property lists: a per-call strict `validateX` is decided by the report alone.
 * - the **report**, only when the fast check failed: the runtime walks the value with the type's
 *   *shape* (generated data: `objectShape('Tag', checkTag, TagKeys, TagFields)`, the shapes of
 *   the fields by position, and the required ones) and reports every issue; each value is
 *   checked with its fast check first and walked into only when it fails, but for values of
 *   recursive types, which are walked into at once (so that the report reads each value a
 *   bounded number of times). This is the "small shared runtime" of issue #11 over data that the
 *   package generates per type (measured against a runtime over the shipped JSON Schema in
 *   bench/results.md: the schema cannot say what the guards check — own properties, flags bits,
 *   the .NET type of an integer — and does not tree-shake per type).
 *
 * Every top-level call is marked `/* @__PURE__ *\/`, so a bundler keeps only the guards a program
 * imports (and `isX` never pulls a shape in). The state of a check (strictness, depth, value
 * budget) lives in an object each call creates; the only module-wide state is the runtime's
 * hints of a running `validateX` for its report (where its checks failed: runtime.ts `notes`),
 * which save the report from checking a rejected value again and never decide a verdict.
 *
 * Generic DTOs are specialised: every instantiation the model uses (`QueryResponse<Poco>`) gets
 * its own check and shape; the exported `isQueryResponse` checks `QueryResponse<unknown>`.
 *
 * Semantics: a property counts only when it is an own property; an optional property holding
 * `undefined` counts as absent (as `JSON.stringify` and JSON Schema see it), a required one as
 * missing. Recursive types (`Struct` ↔ `Value`) count their depth and the values they visit; lists
 * and dictionaries count their items (runtime.ts: `MAX_DEPTH`, `MAX_VALUES`).
 *
 * Printing: the module is written with ts-morph's `CodeBlockWriter`, each statement laid out as
 * prettier would (printer.ts), so that no prettier pass is needed.
 */
import type { Model, TypeRef } from '../model/model.js';
import {
  createCheckContext,
  dictionaryOf,
  enumWire,
  expectationOf,
  fieldsOf,
  instanceOf,
  isRecursive,
  keyRule,
  labelOf,
  isOpenLiterals,
  listValues,
  primitiveRule,
  type CheckContext,
  type GuardOptions,
  type Instance,
  type KeyRule,
} from './checks.js';
import type { NamePlan } from './names.js';
import {
  and,
  array,
  binary,
  call,
  id,
  index,
  member,
  ModuleWriter,
  newPure,
  not,
  num,
  or,
  pure,
  str,
  type Expr,
  type Stmt,
  type TypeExpr,
  typeDoc,
  typeOf as typeOfExpr,
} from './printer.js';

export type { GuardOptions } from './checks.js';

/**
 * Object types with at least this many fields are checked by walking the keys a value has
 * (runtime.ts `walkFields`) when more than one in {@link FULL_ABSENCES} of their fields is left
 * out: such values come in many hidden classes, where V8's reads by name go megamorphic (measured
 * on 1,000 varied EndpointInfo values: walk ~1.7x ajv, names ~1.1x), while a full value (one
 * hidden class, as the page's own sample) is read fastest by name.
 */
const WIDE_FIELDS = 20;

/** See {@link WIDE_FIELDS}. */
const FULL_ABSENCES = 32;

/** Enums with at most this many values are checked with `===` chains, larger ones with a Set. */
const INLINE_ENUM_VALUES = 16;

/** The runtime's functions and types the guards may call, by their name in runtime.ts. */
type RuntimeName =
  | 'assertion'
  | 'guard'
  | 'validator'
  | 'walkFields'
  | 'checkList'
  | 'checkPair'
  | 'checkRecord'
  | 'enter'
  | 'enumShape'
  | 'isBoolean'
  | 'isDefined'
  | 'isFlags'
  | 'isInt16'
  | 'isInt32'
  | 'isInt8'
  | 'isInteger'
  | 'isIntegerKey'
  | 'isNumber'
  | 'isNumberKey'
  | 'isOneOf'
  | 'isOwnValid'
  | 'isOwnValue'
  | 'isRecord'
  | 'isString'
  | 'isUint16'
  | 'isUint32'
  | 'isUint8'
  | 'isUnsignedInteger'
  | 'keyCount'
  | 'keyRule'
  | 'leafShape'
  | 'leave'
  | 'listOf'
  | 'nullableOf'
  | 'objectShape'
  | 'onlyKeys'
  | 'pairOf'
  | 'recordOf'
  | 'recordShape'
  | 'recursiveObjectShape'
  | 'recursiveRecordShape'
  | 'standardSchema';

/** The runtime's types the guards name. */
const RUNTIME_TYPES = [
  'Assertion',
  'Entries',
  'Guard',
  'Scan',
  'Shape',
  'StandardSchemaV1',
  'Validator',
] as const;
type RuntimeType = (typeof RUNTIME_TYPES)[number];

/** Module-level names, unique in the module (exports, imports, locals of the functions). */
class Scope {
  private readonly taken: Set<string>;

  constructor(reserved: Iterable<string>) {
    this.taken = new Set(reserved);
  }

  /** `preferred` when free, else `preferred_`, `preferred_2`… */
  take(preferred: string): string {
    let name = preferred;
    for (let n = 2; this.taken.has(name); n++)
      name = n === 2 ? `${preferred}_` : `${preferred}_${n - 1}`;
    this.taken.add(name);
    return name;
  }
}

/** The names of one instance's declarations. */
interface InstanceNames {
  /** The fast check: `checkTag(v, c)`, or the enum guard `isTagColors(value)`. */
  check: string;
  /** The shape, for reports. */
  shape: string;
  /** Object types: the wire names of the fields, in declaration order. */
  keys: string;
  /** Object types of a strict package: the Set of their wire names. */
  keySet: string;
  /** Object types: the fields function; dictionaries: the entries function. */
  fields: string;
  /** Closed string enums: their wire values. */
  values: string;
  /** Big closed string enums: the Set of their wire values. */
  valueSet: string;
  /** Flags enums used as dictionary keys: the key check. */
  key: string;
}

/** A named check function of a structural type expression (`List<List<bool>>` as an item). */
interface Helper {
  name: string;
  ref: TypeRef;
}

/** The state of one guards emit. */
interface GuardContext {
  check: CheckContext;
  scope: Scope;
  /** Instance key → its names (created when the instance is first printed or referenced). */
  names: Map<string, InstanceNames>;
  /** Runtime name → its local name (imported when used). */
  runtime: Map<RuntimeName | RuntimeType, string>;
  /** Structural type expressions (canonical JSON) → their check helper. */
  helpers: Map<string, Helper>;
  helperList: Helper[];
  /** Leaf shapes (primitives, `any`) by the name of what they expect → their constant. */
  leaves: Map<string, { name: string; check: Expr; expected: string; values?: string | undefined }>;
  /** Key rules by label → their constant. */
  keyRules: Map<string, { name: string; check: Expr; expected: string }>;
  /** Flags enums whose key check is needed. */
  flagKeys: Set<Instance>;
  /** The checks of fields' Allowable Values, by their values (canonical JSON). */
  literals: Map<string, LiteralsCheck>;
}

/** The local name of a runtime function or type (imported on first use). */
function rt(ctx: GuardContext, name: RuntimeName | RuntimeType): string {
  let local = ctx.runtime.get(name);
  if (local === undefined) {
    local = ctx.scope.take(name);
    ctx.runtime.set(name, local);
  }
  return local;
}

/** The names of an instance's declarations. */
function namesOf(ctx: GuardContext, instance: Instance): InstanceNames {
  let names = ctx.names.get(instance.key);
  if (names === undefined) {
    const plan = ctx.check.plan.names.get(instance.type.name);
    const own = instance.args.length === 0 && plan !== undefined;
    const base = instance.id;
    const isEnum = instance.type.kind === 'enum';
    names = {
      check: isEnum && own ? plan.is : ctx.scope.take(isEnum ? `is${base}` : `check${base}`),
      shape: ctx.scope.take(`${base}Shape`),
      keys: instance.type.kind === 'object' ? ctx.scope.take(`${base}Keys`) : '',
      // Note: only a strict package's checks know the property lists (see objectCheck).
      keySet:
        instance.type.kind === 'object' && ctx.check.options.strict
          ? ctx.scope.take(`${base}KeySet`)
          : '',
      fields:
        instance.type.kind === 'object'
          ? ctx.scope.take(`${base}Fields`)
          : instance.type.kind === 'dictionary'
            ? ctx.scope.take(`${base}Entries`)
            : '',
      values: '',
      valueSet: '',
      key: '',
    };
    ctx.names.set(instance.key, names);
  }
  return names;
}

/** A readable name of a type expression, for the names of its helpers (`StringList`). */
function nameOf(ctx: GuardContext, ref: TypeRef): string {
  switch (ref.kind) {
    case 'primitive': {
      if (ref.name === 'object') return 'Unknown';
      const name = ref.name.replace('[]', 'Array');
      return name.charAt(0).toUpperCase() + name.slice(1);
    }
    case 'typeParameter':
      return 'Unknown';
    case 'literals':
      return isOpenLiterals(ctx.check) ? 'String' : literalsCheck(ctx, ref.values).slice(2);
    case 'nullable':
      return `Nullable${nameOf(ctx, ref.type)}`;
    case 'list':
      return `${nameOf(ctx, ref.items)}List`;
    case 'dictionary':
      return keyRule(ctx.check, ref.key).kind === 'any'
        ? `${nameOf(ctx, ref.value)}Record`
        : `${nameOf(ctx, ref.value)}By${nameOf(ctx, ref.key)}`;
    case 'keyValuePair':
      return `${nameOf(ctx, ref.key)}${nameOf(ctx, ref.value)}Pair`;
    case 'ref': {
      const instance = instanceOf(ctx.check, ref);
      return instance === undefined ? 'Unknown' : instance.id;
    }
  }
}

const FALSE = id('false');
const UNDEFINED = id('undefined');
const NULL = id('null');
const V = id('v');
const C = id('c');
const X = id('x');

/** The runtime check of a primitive (`undefined`: any value). */
function primitiveCheck(name: TypeRef & { kind: 'primitive' }): RuntimeName | undefined {
  const rule = primitiveRule(name.name);
  switch (rule.kind) {
    case 'string':
      return 'isString';
    case 'boolean':
      return 'isBoolean';
    case 'number':
      return 'isNumber';
    case 'any':
      return undefined;
    case 'integer':
      switch (`${rule.min ?? ''}..${rule.max ?? ''}`) {
        case '-2147483648..2147483647':
          return 'isInt32';
        case '0..4294967295':
          return 'isUint32';
        case '-32768..32767':
          return 'isInt16';
        case '0..65535':
          return 'isUint16';
        case '-128..127':
          return 'isInt8';
        case '0..255':
          return 'isUint8';
        case '0..':
          return 'isUnsignedInteger';
        default:
          return 'isInteger';
      }
  }
}

/** What a type expression is, for the fast check: its check needs `c`, or takes the value only. */
type Test =
  /** Any value: `x !== undefined`. */
  | { kind: 'any' }
  /** A function of the value only: `isInt32(x)`, `isTagColors(x)`. */
  | { kind: 'leaf'; fn: string }
  /** `typeof x === 'string'` (`fn`: the same check as a function, for lists and shapes). */
  | { kind: 'typeof'; type: 'string' | 'boolean'; fn: string }
  /** A function of the value and the check: `checkTag(x, c)`. */
  | { kind: 'check'; fn: string }
  /** `x === null || …`. */
  | { kind: 'nullable'; inner: Test }
  /** `checkList(x, c, …)`, `checkRecord(x, c, …)`, `checkPair(x, c, …)`. */
  | { kind: 'call'; fn: string; args: Expr[] };

/** How the fast check tests a value of `ref`. */
function testOf(ctx: GuardContext, ref: TypeRef): Test {
  switch (ref.kind) {
    case 'primitive': {
      const fn = primitiveCheck(ref);
      if (fn === undefined) return { kind: 'any' };
      // Note: the most common leaves are checked inline (no call for V8 to inline or not).
      if (fn === 'isString') return { kind: 'typeof', type: 'string', fn };
      if (fn === 'isBoolean') return { kind: 'typeof', type: 'boolean', fn };
      return { kind: 'leaf', fn: rt(ctx, fn) };
    }
    case 'typeParameter':
      // Note: specialisation substitutes every parameter; a stray one admits any value.
      return { kind: 'any' };
    case 'literals':
      if (isOpenLiterals(ctx.check)) return { kind: 'typeof', type: 'string', fn: 'isString' };
      return { kind: 'leaf', fn: literalsCheck(ctx, ref.values) };
    case 'nullable':
      return { kind: 'nullable', inner: testOf(ctx, ref.type) };
    case 'list':
      return { kind: 'call', fn: rt(ctx, 'checkList'), args: [functionOf(ctx, ref.items)] };
    case 'dictionary': {
      const key = keyCheckOf(ctx, keyRule(ctx.check, ref.key));
      const args = [functionOf(ctx, ref.value), ...(key === undefined ? [] : [key])];
      return { kind: 'call', fn: rt(ctx, 'checkRecord'), args };
    }
    case 'keyValuePair':
      return {
        kind: 'call',
        fn: rt(ctx, 'checkPair'),
        args: [functionOf(ctx, ref.key), functionOf(ctx, ref.value)],
      };
    case 'ref': {
      const instance = instanceOf(ctx.check, ref);
      if (instance === undefined) return { kind: 'any' };
      const fn = namesOf(ctx, instance).check;
      return instance.type.kind === 'enum' ? { kind: 'leaf', fn } : { kind: 'check', fn };
    }
  }
}

/** A function that checks values of `ref` (for lists, dictionaries and pairs). */
function functionOf(ctx: GuardContext, ref: TypeRef): Expr {
  const test = testOf(ctx, ref);
  switch (test.kind) {
    case 'any':
      return id(rt(ctx, 'isDefined'));
    case 'leaf':
    case 'check':
      return id(test.fn);
    case 'typeof':
      return id(rt(ctx, test.fn === 'isString' ? 'isString' : 'isBoolean'));
    default: {
      const key = JSON.stringify(ref);
      let helper = ctx.helpers.get(key);
      if (helper === undefined) {
        helper = { name: ctx.scope.take(`check${nameOf(ctx, ref)}`), ref };
        ctx.helpers.set(key, helper);
        ctx.helperList.push(helper);
      }
      return id(helper.name);
    }
  }
}

/** The key check of a dictionary (`undefined`: any key). */
function keyCheckOf(ctx: GuardContext, rule: KeyRule): Expr | undefined {
  switch (rule.kind) {
    case 'any':
      return undefined;
    case 'integer':
      return id(rt(ctx, 'isIntegerKey'));
    case 'number':
      return id(rt(ctx, 'isNumberKey'));
    case 'strings':
    case 'flags': {
      const instance = ctx.check.byKey.get(rule.name);
      if (instance === undefined) return undefined;
      const names = namesOf(ctx, instance);
      if (rule.kind === 'strings') return id(names.check);
      if (names.key === '') names.key = ctx.scope.take(`is${instance.id}Key`);
      ctx.flagKeys.add(instance);
      return id(names.key);
    }
  }
}

/** `x` passes the test. */
function passes(ctx: GuardContext, test: Test, x: Expr): Expr {
  switch (test.kind) {
    case 'any':
      return binary('!==', x, UNDEFINED);
    case 'leaf':
      return call(test.fn, x);
    case 'typeof':
      return binary('===', typeOfExpr(x), str(test.type));
    case 'check':
      return call(test.fn, x, C);
    case 'nullable':
      return or(binary('===', x, NULL), passes(ctx, test.inner, x));
    case 'call':
      return call(test.fn, x, C, ...test.args);
  }
}

/** `x` fails the test, as the operands of an `&&` chain. */
function fails(ctx: GuardContext, test: Test, x: Expr): Expr[] {
  switch (test.kind) {
    case 'any':
      return [binary('===', x, UNDEFINED)];
    case 'nullable':
      return [binary('!==', x, NULL), ...fails(ctx, test.inner, x)];
    case 'typeof':
      return [binary('!==', typeOfExpr(x), str(test.type))];
    default:
      return [not(passes(ctx, test, x))];
  }
}

/** `() => body`. */
function arrow(body: Expr): Expr {
  return { kind: 'arrow', parameters: [], body };
}

/** `if (…) return false;` */
function returnFalseIf(test: Expr): Stmt {
  return { kind: 'if', test, then: { kind: 'return', expr: FALSE } };
}

/** The body of an object type's fast check. */
function objectCheck(ctx: GuardContext, instance: Instance, names: InstanceNames): Stmt[] {
  const recursive = isRecursive(ctx.check, instance);
  const record = call(rt(ctx, 'isRecord'), V);
  const body: Stmt[] = [
    returnFalseIf(recursive ? or(not(record), not(call(rt(ctx, 'enter'), C))) : not(record)),
  ];
  const fields = fieldsOf(ctx.check, instance);
  if (fields.length >= WIDE_FIELDS) {
    const full = fields.length - Math.max(1, Math.floor(fields.length / FULL_ABSENCES));
    const walk = call(rt(ctx, 'walkFields'), V, C, id(names.shape));
    body.push({
      kind: 'if',
      test: binary('<', call(rt(ctx, 'keyCount'), V), num(full)),
      then: { kind: 'return', expr: recursive ? and(walk, call(rt(ctx, 'leave'), C)) : walk },
    });
  }
  let read = false;
  fields.forEach((field, position) => {
    const test = testOf(ctx, field.type);
    // Note: an optional field of any type admits every value: nothing to read.
    if (!field.required && test.kind === 'any') return;
    const value = index(V, str(field.wireName));
    body.push(
      read ? { kind: 'assign', name: 'x', value } : { kind: 'let', name: 'x', init: value },
    );
    read = true;
    // Note: own-ness is asked only of a value that fails (an inherited one does not count, nor
    // an optional field holding `undefined`); a required field must be an own, defined value.
    const at = [V, id(names.keys), num(position), X];
    if (!field.required) {
      body.push(returnFalseIf(and(...fails(ctx, test, X), call(rt(ctx, 'isOwnValue'), ...at))));
    } else {
      const valid = test.kind === 'any' ? id('true') : passes(ctx, test, X);
      body.push(returnFalseIf(not(call(rt(ctx, 'isOwnValid'), ...at, valid))));
    }
  });
  // Note: a lax package's checks know no property lists (strictness is the exception there, asked
  // of validateX per call, which then leaves it to the report walk: the runtime's `validate`). A
  // strict package's checks look the keys up.
  const known = ctx.check.options.strict;
  const onlyKeys = (): Expr => call(rt(ctx, 'onlyKeys'), V, id(names.keySet));
  if (recursive) {
    if (known) body.push(returnFalseIf(and(member(C, 'strict'), not(onlyKeys()))));
    body.push({ kind: 'return', expr: call(rt(ctx, 'leave'), C) });
  } else {
    const end = known ? or(not(member(C, 'strict')), onlyKeys()) : id('true');
    body.push({ kind: 'return', expr: end });
  }
  return body;
}

/** The shape of a type expression, as built inside a fields or entries function. */
function shapeOf(ctx: GuardContext, ref: TypeRef): Expr {
  switch (ref.kind) {
    case 'primitive':
    case 'typeParameter':
    case 'literals':
      return leafShape(ctx, ref);
    case 'nullable':
      return call(rt(ctx, 'nullableOf'), shapeOf(ctx, ref.type));
    case 'list': {
      // Note: a list of a named object or dictionary type is named after it by the runtime.
      const label = labelOf(ctx.check, ref);
      const items = ref.items.kind === 'ref' ? instanceOf(ctx.check, ref.items) : undefined;
      const named =
        items !== undefined && items.type.kind !== 'enum' && label === listLabel(items.label);
      return call(rt(ctx, 'listOf'), shapeOf(ctx, ref.items), ...(named ? [] : [str(label)]));
    }
    case 'dictionary': {
      const key = keyRuleOf(ctx, keyRule(ctx.check, ref.key));
      return call(
        rt(ctx, 'recordOf'),
        shapeOf(ctx, ref.value),
        str(labelOf(ctx.check, ref)),
        ...(key === undefined ? [] : [key]),
      );
    }
    case 'keyValuePair':
      return call(
        rt(ctx, 'pairOf'),
        shapeOf(ctx, ref.key),
        shapeOf(ctx, ref.value),
        str(labelOf(ctx.check, ref)),
      );
    case 'ref': {
      const instance = instanceOf(ctx.check, ref);
      return instance === undefined ? leafShape(ctx, ref) : id(namesOf(ctx, instance).shape);
    }
  }
}

/** The name of a list of `item` (runtime.ts `listOf`, labelOf). */
function listLabel(item: string): string {
  return item.includes(' ') ? `(${item})[]` : `${item}[]`;
}

/** The constant of a primitive's (or any value's) leaf shape. */
function leafShape(ctx: GuardContext, ref: TypeRef): Expr {
  const expected = expectationOf(ctx.check, ref);
  // Note: an expectation lists at most 12 values; Allowable Values are told apart by all of them.
  const key = ref.kind === 'literals' ? `${expected}\u0000${JSON.stringify(ref.values)}` : expected;
  let leaf = ctx.leaves.get(key);
  if (leaf === undefined) {
    const test = testOf(ctx, ref);
    const check = functionOf(ctx, ref);
    const base = test.kind === 'any' ? 'Any' : nameOf(ctx, ref);
    // Note: closed Allowable Values say what they expect from their values (enumShape).
    const values =
      ref.kind === 'literals' && !isOpenLiterals(ctx.check)
        ? literalsOf(ctx, ref.values).array
        : undefined;
    leaf = { name: ctx.scope.take(`${base}Shape`), check, expected, values };
    ctx.leaves.set(key, leaf);
  }
  return id(leaf.name);
}

/** The key rule constant of a dictionary's keys (`undefined`: any key). */
function keyRuleOf(ctx: GuardContext, rule: KeyRule): Expr | undefined {
  const check = keyCheckOf(ctx, rule);
  if (check === undefined) return undefined;
  const expected = keyExpectation(rule);
  let found = ctx.keyRules.get(expected);
  if (found === undefined) {
    const base =
      rule.kind === 'integer'
        ? 'Integer'
        : rule.kind === 'number'
          ? 'Number'
          : rule.kind === 'any'
            ? 'Any'
            : rule.label;
    found = { name: ctx.scope.take(`${base}Key`), check, expected };
    ctx.keyRules.set(expected, found);
  }
  return id(found.name);
}

/** What a dictionary key must be, for issues. */
function keyExpectation(rule: KeyRule): string {
  switch (rule.kind) {
    case 'any':
      return 'any string';
    case 'integer':
      return 'an integer';
    case 'number':
      return 'a number';
    case 'strings':
      return `${rule.label} (${listValues(rule.values)})`;
    case 'flags':
      return `${rule.label} (an integer made of its flags)`;
  }
}

/** The TypeScript type an instance's guards narrow to (`Foo`, `Foo<unknown>`). */
function typeOf(ctx: GuardContext, instance: Instance): TypeExpr {
  const type = instance.type;
  const name = ctx.check.plan.types.get(type.name) ?? instance.id;
  if (type.kind !== 'object' || type.typeParameters.length === 0) return name;
  return { name, args: type.typeParameters.map(() => 'unknown') };
}

/** `value is T` / `asserts value is T`. */
function predicate(prefix: string, type: TypeExpr): TypeExpr {
  return { text: [prefix, typeDoc(type)] };
}

/** The strictness argument of `guard` / `validator`: none in a lax package (their default). */
function strictArgument(strict: string | undefined): Expr[] {
  return strict === undefined ? [] : [id(strict)];
}

/**
 * Write the exported `isX` (unless an enum's: its check), `validateX`, `assertX` and `XSchema` of
 * a plain instance (after its shape: they are built from it).
 */
function writeExports(
  ctx: GuardContext,
  out: ModuleWriter,
  instance: Instance,
  names: InstanceNames,
  strict: string | undefined,
): void {
  const plan = ctx.check.plan.names.get(instance.type.name);
  if (plan === undefined) return;
  const type = typeOf(ctx, instance);
  const link = `{@link ${plan.type}}`;
  if (instance.type.kind !== 'enum') {
    out.constant({
      name: plan.is,
      exported: true,
      docs: `Whether \`value\` is a ${link}.`,
      type: { name: rt(ctx, 'Guard'), args: [type] },
      init: pure(rt(ctx, 'guard'), id(names.check), ...strictArgument(strict)),
    });
  }
  out.constant({
    name: plan.validate,
    exported: true,
    attached: instance.type.kind !== 'enum',
    type: { name: rt(ctx, 'Validator'), args: [type] },
    init: pure(rt(ctx, 'validator'), id(names.shape), ...strictArgument(strict)),
  });
  out.constant({
    name: plan.assert,
    exported: true,
    attached: true,
    type: { name: rt(ctx, 'Assertion'), args: [type] },
    init: pure(rt(ctx, 'assertion'), id(plan.validate)),
  });
  out.constant({
    name: plan.schema,
    exported: true,
    attached: true,
    type: { name: rt(ctx, 'StandardSchemaV1'), args: [type] },
    init: pure(rt(ctx, 'standardSchema'), id(plan.validate)),
  });
}

/** The test of an enum's values on `value`. */
function enumTest(ctx: GuardContext, instance: Instance, names: InstanceNames, value: Expr): Expr {
  if (instance.type.kind !== 'enum') throw new TypeError(`${instance.label} is not an enum`);
  const wire = enumWire(instance.type, ctx.check.options.enums);
  if (wire.kind === 'flags') {
    return wire.signed
      ? call(rt(ctx, 'isInt32'), value)
      : call(rt(ctx, 'isFlags'), value, num(wire.mask));
  }
  // Note: an open enum (`"enums": "open"`) admits any string; its members only document it.
  if (wire.open === true) return binary('===', typeOfExpr(value), str('string'));
  if (names.values === '') names.values = ctx.scope.take(`${instance.id}Values`);
  if (wire.values.length > INLINE_ENUM_VALUES && names.valueSet === '') {
    names.valueSet = ctx.scope.take(`${instance.id}ValueSet`);
  }
  return oneOf(ctx, value, names.values, names.valueSet);
}

/** `value` is one of the values of the array `values` (or of the Set `valueSet`, when named). */
function oneOf(ctx: GuardContext, value: Expr, values: string, valueSet: string): Expr {
  return valueSet === ''
    ? call(rt(ctx, 'isOneOf'), value, id(values))
    : call(`${valueSet}.has`, value);
}

/** Write the constants of a closed set of values: the array, and a Set when it is long. */
function writeValues(out: ModuleWriter, values: readonly string[], name: string, set: string) {
  out.constant({ name, init: array(values.map(str)) });
  if (set !== '') {
    out.constant({
      name: set,
      type: { name: 'ReadonlySet', args: ['unknown'] },
      init: newPure('Set', id(name)),
    });
  }
}

/** The check of a field's Allowable Values (written once per set of values). */
interface LiteralsCheck {
  name: string;
  values: string[];
  /** The array of the values. */
  array: string;
  /** The Set of the values, for long lists. */
  set: string;
}

/** The check of a field's Allowable Values (written once per set of values). */
function literalsOf(ctx: GuardContext, values: string[]): LiteralsCheck {
  const key = JSON.stringify(values);
  let found = ctx.literals.get(key);
  if (found === undefined) {
    const n = ctx.literals.size + 1;
    found = {
      name: ctx.scope.take(`isOneOf${n}`),
      values,
      array: ctx.scope.take(`OneOf${n}Values`),
      set: values.length > INLINE_ENUM_VALUES ? ctx.scope.take(`OneOf${n}ValueSet`) : '',
    };
    ctx.literals.set(key, found);
  }
  return found;
}

/** The name of the check of a field's Allowable Values. */
function literalsCheck(ctx: GuardContext, values: string[]): string {
  return literalsOf(ctx, values).name;
}

/** Write the checks of fields' Allowable Values (and their values). */
function writeLiterals(ctx: GuardContext, out: ModuleWriter): void {
  for (const check of ctx.literals.values()) {
    writeValues(out, check.values, check.array, check.set);
    out.function({
      name: check.name,
      docs: "Whether `value` is one of a field's Allowable Values.",
      parameters: [{ name: 'value', type: 'unknown' }],
      returnType: 'boolean',
      body: [{ kind: 'return', expr: oneOf(ctx, id('value'), check.array, check.set) }],
    });
  }
}

/** Write the declarations of one instance (its exports when it is a model type's plain one). */
function writeInstance(
  ctx: GuardContext,
  out: ModuleWriter,
  instance: Instance,
  strict: string | undefined,
): void {
  const names = namesOf(ctx, instance);
  const plain = instance.args.length === 0;
  const typeName = ctx.check.plan.types.get(instance.type.name) ?? instance.id;
  const link = plain ? `{@link ${typeName}}` : `\`${instance.label}\``;
  const type = instance.type;
  const checkParameters = (): { name: string; type: string }[] => [
    { name: 'v', type: 'unknown' },
    { name: 'c', type: rt(ctx, 'Scan') },
  ];
  switch (type.kind) {
    case 'enum': {
      const value = id('value');
      const typeExpr = typeOf(ctx, instance);
      const test = enumTest(ctx, instance, names, value);
      const wire = enumWire(type, ctx.check.options.enums);
      if (names.values !== '' && wire.kind === 'strings') {
        writeValues(out, wire.values, names.values, names.valueSet);
      }
      out.function({
        name: names.check,
        exported: plain,
        docs: `Whether \`value\` is a ${link}.`,
        parameters: [{ name: 'value', type: 'unknown' }],
        returnType: plain ? predicate('value is ', typeExpr) : 'boolean',
        body: [{ kind: 'return', expr: test }],
      });
      const ref: TypeRef = { kind: 'ref', name: type.name, args: [] };
      out.constant({
        name: names.shape,
        init:
          names.values === ''
            ? pure(rt(ctx, 'leafShape'), id(names.check), str(expectationOf(ctx.check, ref)))
            : pure(rt(ctx, 'enumShape'), id(names.values), str(labelOf(ctx.check, ref))),
      });
      break;
    }
    case 'object': {
      const fields = fieldsOf(ctx.check, instance);
      out.constant({
        name: names.keys,
        init: array(fields.map((field) => str(field.wireName))),
        // Note: an empty array literal alone is an implicit `any[]` (TS7034) under strict.
        ...(fields.length === 0 ? { type: 'readonly string[]' } : {}),
      });
      if (names.keySet !== '') {
        out.constant({ name: names.keySet, init: newPure('Set', id(names.keys)) });
      }
      const body = objectCheck(ctx, instance, names);
      const usesC =
        isRecursive(ctx.check, instance) ||
        ctx.check.options.strict ||
        fields.length >= WIDE_FIELDS ||
        fields.some((field) => usesCheck(testOf(ctx, field.type)));
      out.function({
        name: names.check,
        parameters: [
          { name: 'v', type: 'unknown' },
          { name: usesC ? 'c' : '_c', type: rt(ctx, 'Scan') },
        ],
        returnType: 'boolean',
        body,
      });
      out.constant({
        name: names.fields,
        type: { text: ['() => readonly ', rt(ctx, 'Shape'), '[]'] },
        init: arrow(array(fields.map((field) => shapeOf(ctx, field.type)))),
      });
      const required = fields.filter((field) => field.required).map((field) => str(field.wireName));
      const constructor = isRecursive(ctx.check, instance) ? 'recursiveObjectShape' : 'objectShape';
      out.constant({
        name: names.shape,
        init: pure(
          rt(ctx, constructor),
          str(instance.label),
          id(names.check),
          id(names.keys),
          id(names.fields),
          ...(required.length > 0 ? [array(required)] : []),
        ),
      });
      break;
    }
    case 'dictionary': {
      const { key, value } = dictionaryOf(instance);
      const recursive = isRecursive(ctx.check, instance);
      const keyCheck = keyCheckOf(ctx, keyRule(ctx.check, key));
      const entries = call(
        rt(ctx, 'checkRecord'),
        V,
        C,
        functionOf(ctx, value),
        ...(keyCheck === undefined ? [] : [keyCheck]),
      );
      out.function({
        name: names.check,
        parameters: checkParameters(),
        returnType: 'boolean',
        body: [
          {
            kind: 'return',
            expr: recursive
              ? // Note: not a record (an absent field's undefined): false before the depth counts.
                and(
                  call(rt(ctx, 'isRecord'), V),
                  call(rt(ctx, 'enter'), C),
                  entries,
                  call(rt(ctx, 'leave'), C),
                )
              : entries,
          },
        ],
      });
      const rule = keyRuleOf(ctx, keyRule(ctx.check, key));
      out.constant({
        name: names.fields,
        type: { text: ['() => ', rt(ctx, 'Entries')] },
        init: arrow(array([shapeOf(ctx, value), ...(rule === undefined ? [] : [rule])])),
      });
      out.constant({
        name: names.shape,
        init: pure(
          rt(ctx, recursive ? 'recursiveRecordShape' : 'recordShape'),
          str(instance.label),
          id(names.check),
          id(names.fields),
        ),
      });
      break;
    }
  }
  if (plain) writeExports(ctx, out, instance, names, strict);
}

/** Write a structural type expression's check helper. */
function writeHelper(ctx: GuardContext, out: ModuleWriter, helper: Helper): void {
  const test = testOf(ctx, helper.ref);
  const usesC = test.kind !== 'nullable' || usesCheck(test.inner);
  out.function({
    name: helper.name,
    parameters: [
      { name: 'v', type: 'unknown' },
      { name: usesC ? 'c' : '_c', type: rt(ctx, 'Scan') },
    ],
    returnType: 'boolean',
    body: [{ kind: 'return', expr: passes(ctx, test, V) }],
  });
}

/** True when a test passes the check state on. */
function usesCheck(test: Test): boolean {
  switch (test.kind) {
    case 'any':
    case 'leaf':
    case 'typeof':
      return false;
    case 'nullable':
      return usesCheck(test.inner);
    default:
      return true;
  }
}

/** The emitted module and whether prettier must still format it. */
export interface EmittedGuards {
  /** The module's text (no banner). */
  text: string;
  /**
   * True when a statement could not be laid out with certainty as prettier would (a name wider
   * than the page): the caller formats the file with prettier.
   */
  unsure: boolean;
}

/**
 * Emit the TypeScript source of the generated package's `guards.ts`.
 *
 * @param model
 *   The model.
 * @param plan
 *   The names of its types (`isX`, `validateX`, … come from `plan.names`).
 * @param options
 *   `strict`: reject undeclared properties by default; `optional`: the optional policy.
 * @returns
 *   The module's text (it imports `./types.js` and `./runtime.js`), formatted as prettier would
 *   unless `unsure`.
 */
export function emitGuardsModule(
  model: Model,
  plan: NamePlan,
  options: GuardOptions,
): EmittedGuards {
  const check = createCheckContext(model, plan, options);
  const plainInstances = check.instances.filter((instance) => instance.args.length === 0);
  if (plainInstances.length === 0) return { text: 'export {};\n', unsure: false };
  // Note: every exported name, every type name, and the functions' own locals are taken first.
  const reserved = ['v', 'c', 'x', 'value', 'options', 'key'];
  for (const [, id] of plan.types) reserved.push(id);
  for (const [, names] of plan.names) {
    reserved.push(names.is, names.validate, names.assert, names.schema);
  }
  const ctx: GuardContext = {
    check,
    scope: new Scope(reserved),
    names: new Map(),
    runtime: new Map(),
    helpers: new Map(),
    helperList: [],
    leaves: new Map(),
    keyRules: new Map(),
    flagKeys: new Set(),
    literals: new Map(),
  };
  // Note: a strict package passes its strictness to the guards (lax is their default).
  const strict = options.strict ? ctx.scope.take('STRICT') : undefined;
  for (const instance of plainInstances) namesOf(ctx, instance);

  // Print the declarations first (they find the instances, helpers and runtime names in use),
  // then the header above them.
  const body = new ModuleWriter();
  const instances = ctx.check.instances;
  for (let i = 0, h = 0; i < instances.length || h < ctx.helperList.length;) {
    if (i < instances.length) writeInstance(ctx, body, instances[i++]!, strict);
    else writeHelper(ctx, body, ctx.helperList[h++]!);
  }
  for (const instance of ctx.flagKeys) {
    const names = namesOf(ctx, instance);
    const key = id('key');
    body.function({
      name: names.key,
      docs: `True when \`key\` is a dictionary key of ${instance.label} (its flags as an integer).`,
      parameters: [{ name: 'key', type: 'string' }],
      returnType: 'boolean',
      body: [
        {
          kind: 'return',
          expr: and(call(rt(ctx, 'isIntegerKey'), key), call(names.check, call('Number', key))),
        },
      ],
    });
  }
  writeLiterals(ctx, body);
  for (const leaf of ctx.leaves.values()) {
    body.constant({
      name: leaf.name,
      init:
        leaf.values === undefined
          ? pure(rt(ctx, 'leafShape'), leaf.check, str(leaf.expected))
          : pure(rt(ctx, 'enumShape'), id(leaf.values)),
    });
  }
  for (const rule of ctx.keyRules.values()) {
    body.constant({
      name: rule.name,
      init: pure(rt(ctx, 'keyRule'), rule.check, str(rule.expected)),
    });
  }

  const head = new ModuleWriter();
  head.comment([
    'Runtime guards of every type X: `isX(value)`, `validateX(value, options?)`, `assertX(value,',
    'options?)` and `XSchema` (Standard Schema v1). For each type: `checkX` is its fast check',
    '(false at the first problem: `isX`, and `validateX` first); `XKeys` (its wire names),',
    '`XFields` (the shapes of its fields, by position) and `XShape` describe it to the runtime,',
    'which reports every issue of a value that failed `checkX` (`validateX`) and walks the keys',
    'of wide objects with fields left out.',
    ...(options.strict
      ? ['`XKeySet` are its properties (strict checks).']
      : ['Strict calls (`{ strict: true }`) are decided by the runtime walk alone.']),
    'Limits (runtime.ts): recursive types nest at most `MAX_DEPTH` deep, one check visits at most',
    '`MAX_VALUES` values, `validateX` reports at most `MAX_ISSUES` issues.',
  ]);
  // Note: the functions, then the types, each alphabetically.
  const typeNames = new Set<string>(RUNTIME_TYPES);
  const rank = (name: string): string => `${typeNames.has(name) ? 1 : 0}${name}`;
  const runtime = [...ctx.runtime].sort(([a], [b]) => (rank(a) < rank(b) ? -1 : 1));
  const specifiers = runtime.map(([name, local]) => {
    const alias = local === name ? name : `${name} as ${local}`;
    return typeNames.has(name) ? `type ${alias}` : alias;
  });
  const typeImports = [
    ...new Set(plainInstances.map((instance) => plan.types.get(instance.type.name))),
  ].filter((name): name is string => name !== undefined);
  head.imports([
    { from: './runtime.js', names: specifiers },
    ...(typeImports.length > 0 ? [{ from: './types.js', typeOnly: true, names: typeImports }] : []),
  ]);
  if (strict !== undefined) {
    head.constant({
      name: strict,
      docs: 'Reject the properties a type does not declare (the `strict` option of the config).',
      init: id('true'),
    });
  }
  return { text: `${head.toString()}\n${body.toString()}`, unsure: head.unsure || body.unsure };
}

/**
 * Emit the TypeScript source of `guards.ts` (see {@link emitGuardsModule}).
 *
 * @param model
 *   The model.
 * @param plan
 *   The names of its types.
 * @param options
 *   Strictness and the optional policy.
 */
export function emitGuards(model: Model, plan: NamePlan, options: GuardOptions): string {
  return emitGuardsModule(model, plan, options).text;
}
