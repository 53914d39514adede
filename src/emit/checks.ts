/**
 * What a value of each model type must look like on the wire, decided once for the two emitters
 * that check values: the runtime guards (`guards.ts`) and the JSON Schema (`json-schema.ts`).
 * Keeping the decisions here is what keeps the two equivalent.
 *
 * - Object types are flattened: a type's fields are its own plus its bases' (a subclass field
 *   hides a base field of the same wire name), generic bases with their arguments substituted.
 * - Generic DTOs are specialised per instantiation: each distinct `QueryResponse<Poco>` is an
 *   {@link Instance} of its own; the plain `QueryResponse` is `QueryResponse<unknown>`.
 * - Enums are reduced to their wire form (names, string values or a flags mask).
 * - A field's Allowable Values (`literals`) are a closed set of strings, open under
 *   `"enums": "open"` as enums are ({@link isOpenLiterals}).
 */
import type { EnumPolicy, OptionalPolicy } from '../config/config.js';
import type {
  EnumType,
  Field,
  Model,
  ModelType,
  ObjectType,
  PrimitiveName,
  TypeRef,
} from '../model/model.js';
import { baseChain } from '../model/bases.js';
import { enumWireKind, enumWireValues } from '../model/enums.js';
import { toIdentifier, type NamePlan } from './names.js';

/** The options both emitters take (from `DtoforgeConfig`). */
export interface GuardOptions {
  /** Reject properties a type does not declare. */
  strict: boolean;
  /** `optional-or-null`: Required No fields also admit `null`. */
  optional: OptionalPolicy;
  /** `open`: an enum also admits any other string (flags enums any 32-bit integer). */
  enums?: EnumPolicy | undefined;
}

/** `object` is .NET's "anything": it stands for `unknown` (and for missing type arguments). */
export const UNKNOWN: TypeRef = { kind: 'primitive', name: 'object' };

/** How deep a type argument may nest before specialisation gives up (it becomes `unknown`). */
const MAX_ARGUMENT_DEPTH = 4;
/** How many specialised generic instances one emit may create. */
const MAX_INSTANCES = 256;

/** A model type with its type arguments: the unit both emitters write one checker for. */
export interface Instance {
  /** `name` for a plain type, `name<args…>` (canonical JSON) for a specialisation. */
  key: string;
  /** The identifier of its checker / `$defs` entry: the plan's name, suffixed for specialisations. */
  id: string;
  type: ModelType;
  /** The type arguments (empty for non-generic types and plain instances). */
  args: TypeRef[];
  /** A readable name for messages: `EndpointInfo`, `QueryResponse<EndpointInfo>`. */
  label: string;
}

/** A field of an object instance, base fields included, type arguments substituted. */
export interface ResolvedField {
  /** The model's field (its page name, Parameter column, description). */
  field: Field;
  wireName: string;
  /** The field's type, with `| null` added for optional fields under `optional-or-null`. */
  type: TypeRef;
  required: boolean;
}

/** How an enum travels: strings from a fixed set, or a number whose bits are within a mask. */
export type EnumWire =
  | {
      kind: 'strings';
      values: string[];
      /** An open enum (`"enums": "open"`): any other string is admitted too. */
      open?: boolean;
    }
  | {
      kind: 'flags';
      /** The OR of the members' values. */
      mask: number;
      /** True when a member is negative (e.g. `All = -1`): any 32-bit integer is admitted. */
      signed: boolean;
    };

/** What a primitive admits. */
export type PrimitiveRule =
  | { kind: 'string' }
  | { kind: 'boolean' }
  | { kind: 'number' }
  | { kind: 'any' }
  | { kind: 'integer'; min?: number; max?: number };

/** What a dictionary key admits. */
export type KeyRule =
  | { kind: 'any' }
  | { kind: 'strings'; values: string[]; label: string; name: string }
  | { kind: 'integer' }
  | { kind: 'number' }
  | { kind: 'flags'; wire: EnumWire & { kind: 'flags' }; label: string; name: string };

/** Integer strings (dictionary keys of integer types). */
export const INTEGER_KEY_PATTERN = '^-?(?:0|[1-9][0-9]*)$';
/** Number strings (dictionary keys of float types). */
export const NUMBER_KEY_PATTERN = '^-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$';

/** The state of one emit: the model's types by name, and the instances found so far. */
export interface CheckContext {
  plan: NamePlan;
  options: GuardOptions;
  byName: Map<string, ModelType>;
  /** Every instance, in the order found (model order first). */
  instances: Instance[];
  byKey: Map<string, Instance>;
  /** Identifiers taken by instances (and the plan). */
  ids: Set<string>;
  /** Instance key → whether a value of it can contain another value of it. */
  recursive: Map<string, boolean>;
}

/**
 * Start an emit: one plain instance per model type, in model order.
 *
 * @param model
 *   The model.
 * @param plan
 *   The names of its types.
 * @param options
 *   Strictness and the optional policy.
 */
export function createCheckContext(
  model: Model,
  plan: NamePlan,
  options: GuardOptions,
): CheckContext {
  const ctx: CheckContext = {
    plan,
    options,
    byName: new Map(),
    instances: [],
    byKey: new Map(),
    ids: new Set(plan.types.values()),
    recursive: new Map(),
  };
  for (const type of model.types) if (!ctx.byName.has(type.name)) ctx.byName.set(type.name, type);
  for (const type of ctx.byName.values()) {
    const id = plan.types.get(type.name) ?? toIdentifier(type.name);
    const instance: Instance = { key: type.name, id, type, args: [], label: id };
    ctx.instances.push(instance);
    ctx.byKey.set(type.name, instance);
    ctx.ids.add(id);
  }
  return ctx;
}

/** The type parameters of a model type (none but for generic object types). */
function typeParametersOf(type: ModelType): string[] {
  return type.kind === 'object' ? type.typeParameters : [];
}

/** Replace type parameters by their arguments (missing ones by {@link UNKNOWN}). */
export function substitute(ref: TypeRef, env: ReadonlyMap<string, TypeRef>): TypeRef {
  switch (ref.kind) {
    case 'primitive':
    case 'literals':
      return ref;
    case 'typeParameter':
      return env.get(ref.name) ?? UNKNOWN;
    case 'nullable':
      return { kind: 'nullable', type: substitute(ref.type, env) };
    case 'list':
      return { kind: 'list', items: substitute(ref.items, env) };
    case 'dictionary':
      return {
        kind: 'dictionary',
        key: substitute(ref.key, env),
        value: substitute(ref.value, env),
      };
    case 'keyValuePair':
      return {
        kind: 'keyValuePair',
        key: substitute(ref.key, env),
        value: substitute(ref.value, env),
      };
    case 'ref':
      return { kind: 'ref', name: ref.name, args: ref.args.map((arg) => substitute(arg, env)) };
  }
}

/** How deeply a type expression nests. */
function depthOf(ref: TypeRef): number {
  switch (ref.kind) {
    case 'primitive':
    case 'typeParameter':
    case 'literals':
      return 1;
    case 'nullable':
      return 1 + depthOf(ref.type);
    case 'list':
      return 1 + depthOf(ref.items);
    case 'dictionary':
    case 'keyValuePair':
      return 1 + Math.max(depthOf(ref.key), depthOf(ref.value));
    case 'ref':
      return 1 + Math.max(0, ...ref.args.map(depthOf));
  }
}

/** True for `object` (unknown), the default of every type argument. */
function isUnknown(ref: TypeRef): boolean {
  return ref.kind === 'primitive' && ref.name === 'object';
}

/**
 * The instance a (substituted) `ref` names, created on first use; `undefined` when the model
 * has no such type (the emitters then admit any value, as `types.ts` prints `unknown`).
 *
 * @param ctx
 *   The emit's state.
 * @param ref
 *   A `ref` type expression without type parameters left in it.
 */
export function instanceOf(
  ctx: CheckContext,
  ref: TypeRef & { kind: 'ref' },
): Instance | undefined {
  const type = ctx.byName.get(ref.name);
  if (type === undefined) return undefined;
  const arity = typeParametersOf(type).length;
  let args = ref.args
    .slice(0, arity)
    .map((arg) => (depthOf(arg) > MAX_ARGUMENT_DEPTH ? UNKNOWN : arg));
  while (args.length < arity) args.push(UNKNOWN);
  if (args.every(isUnknown)) args = [];
  if (args.length === 0) return ctx.byKey.get(type.name);
  const key = `${type.name}<${args.map((arg) => JSON.stringify(arg)).join(',')}>`;
  const found = ctx.byKey.get(key);
  if (found !== undefined) return found;
  // Note: a generic type that instantiates itself with ever larger arguments stops here.
  if (ctx.instances.length >= ctx.byName.size + MAX_INSTANCES) return ctx.byKey.get(type.name);
  const base = ctx.plan.types.get(type.name) ?? toIdentifier(type.name);
  const label = `${base}<${args.map((arg) => labelOf(ctx, arg)).join(', ')}>`;
  let id = toIdentifier(`${base}_${args.map((arg) => labelOf(ctx, arg)).join('_')}`);
  for (let n = 2; ctx.ids.has(id); n++) id = `${toIdentifier(label)}_${n}`;
  ctx.ids.add(id);
  const instance: Instance = { key, id, type, args, label };
  ctx.instances.push(instance);
  ctx.byKey.set(key, instance);
  return instance;
}

/** The environment of an instance: type parameter → argument. */
function environmentOf(instance: Instance): Map<string, TypeRef> {
  const env = new Map<string, TypeRef>();
  typeParametersOf(instance.type).forEach((name, index) => {
    env.set(name, instance.args[index] ?? UNKNOWN);
  });
  return env;
}

/**
 * The fields of an object instance: its own, then its bases' (walking the `base` chain, with
 * generic bases' arguments substituted). A chain that loops or reaches a non-object type adds
 * no base fields, as `types.ts` then drops the `extends` clause.
 *
 * @param ctx
 *   The emit's state.
 * @param instance
 *   An instance of an object type.
 */
export function fieldsOf(ctx: CheckContext, instance: Instance): ResolvedField[] {
  const type = instance.type as ObjectType;
  const levels: { type: ObjectType; env: Map<string, TypeRef> }[] = [
    { type, env: environmentOf(instance) },
  ];
  const chain = baseChain(type, (name) => ctx.byName.get(name));
  let env = levels[0]!.env;
  for (const { type: base, ref } of chain.bases) {
    const args = ref.args.map((arg) => substitute(arg, env));
    const baseEnv = new Map<string, TypeRef>();
    base.typeParameters.forEach((name, index) => baseEnv.set(name, args[index] ?? UNKNOWN));
    levels.push({ type: base, env: baseEnv });
    env = baseEnv;
  }
  const fields: ResolvedField[] = [];
  const names = new Set<string>();
  for (const level of chain.complete ? levels : levels.slice(0, 1)) {
    for (const field of level.type.fields) {
      if (names.has(field.wireName)) continue;
      names.add(field.wireName);
      let ref = substitute(field.type, level.env);
      if (
        !field.required &&
        ctx.options.optional === 'optional-or-null' &&
        ref.kind !== 'nullable'
      ) {
        ref = { kind: 'nullable', type: ref };
      }
      fields.push({ field, wireName: field.wireName, type: ref, required: field.required });
    }
  }
  return fields;
}

/** The instances a type expression mentions (creating specialisations as needed). */
function instancesIn(ctx: CheckContext, ref: TypeRef, into: Instance[]): void {
  switch (ref.kind) {
    case 'nullable':
      instancesIn(ctx, ref.type, into);
      return;
    case 'list':
      instancesIn(ctx, ref.items, into);
      return;
    case 'dictionary':
    case 'keyValuePair':
      instancesIn(ctx, ref.key, into);
      instancesIn(ctx, ref.value, into);
      return;
    case 'ref': {
      const instance = instanceOf(ctx, ref);
      if (instance !== undefined) into.push(instance);
      return;
    }
    default:
      return;
  }
}

/** The instances the values of an instance contain directly. */
function childrenOf(ctx: CheckContext, instance: Instance): Instance[] {
  const children: Instance[] = [];
  if (instance.type.kind === 'object') {
    for (const field of fieldsOf(ctx, instance)) instancesIn(ctx, field.type, children);
  } else if (instance.type.kind === 'dictionary') {
    instancesIn(ctx, instance.type.value, children);
  }
  return children;
}

/**
 * True when a value of the instance can contain a value of the same instance (`Struct` →
 * `Value` → `Struct`): only such checkers need the depth limit and count the values they visit.
 *
 * @param ctx
 *   The emit's state.
 * @param instance
 *   The instance.
 */
export function isRecursive(ctx: CheckContext, instance: Instance): boolean {
  const known = ctx.recursive.get(instance.key);
  if (known !== undefined) return known;
  // Note: Tarjan's strongly connected components over what the instance reaches, iteratively; an
  // instance is recursive when its component has another instance in it or it refers to itself.
  // Every instance reached gets its answer here, so the whole package costs one walk of the type
  // graph (a walk per instance grew with the square of a large package).
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: Instance[] = [];
  const frames: { node: Instance; children: Instance[]; next: number; self: boolean }[] = [];
  const open = (node: Instance): void => {
    order.set(node.key, order.size);
    low.set(node.key, order.size - 1);
    stack.push(node);
    frames.push({ node, children: childrenOf(ctx, node), next: 0, self: false });
  };
  open(instance);
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    const key = frame.node.key;
    if (frame.next < frame.children.length) {
      const child = frame.children[frame.next++]!;
      if (child.key === key) frame.self = true;
      // Note: a finished component (of this walk or an earlier one) has its answer; an instance
      // seen and unanswered is still on the stack.
      if (ctx.recursive.has(child.key)) continue;
      if (!order.has(child.key)) open(child);
      else low.set(key, Math.min(low.get(key)!, order.get(child.key)!));
      continue;
    }
    frames.pop();
    const parent = frames[frames.length - 1];
    if (parent) low.set(parent.node.key, Math.min(low.get(parent.node.key)!, low.get(key)!));
    if (low.get(key) !== order.get(key)) continue;
    const component: string[] = [];
    let member: Instance;
    do {
      member = stack.pop()!;
      component.push(member.key);
    } while (member.key !== key);
    const cyclic = component.length > 1 || frame.self;
    for (const name of component) ctx.recursive.set(name, cyclic);
  }
  return ctx.recursive.get(instance.key)!;
}

/** The two arguments of a dictionary instance's type (named dictionaries are not generic). */
export function dictionaryOf(instance: Instance): { key: TypeRef; value: TypeRef } {
  const type = instance.type;
  if (type.kind !== 'dictionary') throw new TypeError(`${type.name} is not a dictionary type`);
  return { key: type.key, value: type.value };
}

/**
 * The wire form of an enum, as its guards and schema check it: flags enums are numbers within
 * the OR of the members' values; every other enum is the set of its members' wire values
 * ({@link enumWireValue}). Duplicate values are listed once.
 *
 * @param type
 *   The enum.
 * @param policy
 *   `open`: any other string is admitted too (flags: any 32-bit integer).
 */
export function enumWire(type: EnumType, policy: EnumPolicy = 'closed'): EnumWire {
  const values = enumWireValues(type);
  if (enumWireKind(type) === 'number') {
    // Note: an open flags enum admits any 32-bit integer (new bits included).
    if (policy === 'open') return { kind: 'flags', mask: 0, signed: true };
    let mask = 0;
    let signed = false;
    for (const value of values) {
      if (typeof value !== 'number') continue;
      if (value < 0) signed = true;
      // Note: `|` is 32-bit; values above 2^31 are added arithmetically, bit by bit.
      else mask = orBits(mask, value);
    }
    return { kind: 'flags', mask, signed };
  }
  const strings = [...new Set(values.map(String))];
  return policy === 'open'
    ? { kind: 'strings', values: strings, open: true }
    : { kind: 'strings', values: strings };
}

/** The OR of two non-negative integers, beyond 32 bits too. */
function orBits(a: number, b: number): number {
  let result = 0;
  let bit = 1;
  while (a > 0 || b > 0) {
    if (a % 2 === 1 || b % 2 === 1) result += bit;
    a = Math.floor(a / 2);
    b = Math.floor(b / 2);
    bit *= 2;
  }
  return result;
}

/** The number of bits set in a non-negative integer. */
export function bitCount(value: number): number {
  let count = 0;
  for (let rest = value; rest > 0; rest = Math.floor(rest / 2)) count += rest % 2;
  return count;
}

/** True when `mask` is `2^n - 1`: the flags values are exactly the integers 0…mask. */
export function isContiguousMask(mask: number): boolean {
  return Number.isSafeInteger(mask + 1) && bitCount(mask + 1) === 1;
}

/** Every value a flags mask admits, ascending (only for masks of few bits). */
export function flagValues(mask: number): number[] {
  const bits: number[] = [];
  for (let rest = mask, bit = 1; rest > 0; rest = Math.floor(rest / 2), bit *= 2) {
    if (rest % 2 === 1) bits.push(bit);
  }
  let values = [0];
  for (const bit of bits) values = values.concat(values.map((value) => value + bit));
  return values.sort((a, b) => a - b);
}

/** The widest mask the guards check bit by bit (32-bit bitwise operators). */
export const MAX_BITWISE_MASK = 0xffffffff;

/** What a primitive admits: integers with their .NET range, finite numbers (README, "The generated package"). */
export function primitiveRule(name: PrimitiveName): PrimitiveRule {
  switch (name) {
    case 'bool':
      return { kind: 'boolean' };
    case 'byte':
      return { kind: 'integer', min: 0, max: 255 };
    case 'sbyte':
      return { kind: 'integer', min: -128, max: 127 };
    case 'short':
      return { kind: 'integer', min: -32768, max: 32767 };
    case 'ushort':
      return { kind: 'integer', min: 0, max: 65535 };
    case 'int':
      return { kind: 'integer', min: -2147483648, max: 2147483647 };
    case 'uint':
      return { kind: 'integer', min: 0, max: 4294967295 };
    case 'long':
      return { kind: 'integer' };
    case 'ulong':
      return { kind: 'integer', min: 0 };
    case 'float':
    case 'double':
    case 'decimal':
      return { kind: 'number' };
    case 'object':
      return { kind: 'any' };
    default:
      return { kind: 'string' };
  }
}

/**
 * What the keys of a dictionary admit: an enum's wire values, integer or number strings, or any
 * string.
 *
 * @param ctx
 *   The emit's state.
 * @param key
 *   The dictionary's key type.
 */
export function keyRule(ctx: CheckContext, key: TypeRef): KeyRule {
  const ref = key.kind === 'nullable' ? key.type : key;
  if (ref.kind === 'primitive') {
    const rule = primitiveRule(ref.name);
    if (rule.kind === 'integer') return { kind: 'integer' };
    if (rule.kind === 'number') return { kind: 'number' };
    return { kind: 'any' };
  }
  if (ref.kind === 'ref') {
    const type = ctx.byName.get(ref.name);
    if (type?.kind === 'enum') {
      const wire = enumWire(type, ctx.options.enums);
      const label = ctx.plan.types.get(type.name) ?? type.name;
      if (wire.kind === 'strings' && wire.open === true) return { kind: 'any' };
      return wire.kind === 'flags'
        ? { kind: 'flags', wire, label, name: type.name }
        : { kind: 'strings', values: wire.values, label, name: type.name };
    }
  }
  return { kind: 'any' };
}

/**
 * True when a field's Allowable Values admit any other string too: under `"enums": "open"`, as
 * enums do (both are the server's list of today's values); closed otherwise.
 */
export function isOpenLiterals(ctx: Pick<CheckContext, 'options'>): boolean {
  return ctx.options.enums === 'open';
}

/** How the expectation of a field's closed Allowable Values starts (the self-check knows it). */
export const ALLOWABLE_VALUES_EXPECTATION = 'one of ';

/** Values listed in an expectation before it says `…`. */
const LISTED_VALUES = 12;

/** `"A" | "B" | …` for an expectation. */
export function listValues(values: readonly (string | number)[]): string {
  const shown = values.slice(0, LISTED_VALUES).map((value) => JSON.stringify(value));
  if (values.length > LISTED_VALUES) shown.push('…');
  return shown.length === 0 ? 'no value' : shown.join(' | ');
}

/**
 * A short TypeScript-like name of a type expression, for issues: `string`, `int`, `Value[]`,
 * `Record<string, IntegrationData>`, `QueryResponse<EndpointInfo> | null`.
 *
 * @param ctx
 *   The emit's state.
 * @param ref
 *   The type expression (substituted).
 */
export function labelOf(ctx: CheckContext, ref: TypeRef): string {
  switch (ref.kind) {
    case 'primitive':
      return ref.name === 'object' ? 'unknown' : ref.name;
    case 'typeParameter':
      return 'unknown';
    case 'literals':
      return isOpenLiterals(ctx) ? 'string' : listValues(ref.values);
    case 'nullable':
      return `${labelOf(ctx, ref.type)} | null`;
    case 'list': {
      const item = labelOf(ctx, ref.items);
      return item.includes(' ') ? `(${item})[]` : `${item}[]`;
    }
    case 'dictionary':
      return `Record<${labelOf(ctx, ref.key)}, ${labelOf(ctx, ref.value)}>`;
    case 'keyValuePair':
      return `KeyValuePair<${labelOf(ctx, ref.key)}, ${labelOf(ctx, ref.value)}>`;
    case 'ref': {
      const id = ctx.plan.types.get(ref.name);
      if (id === undefined) return 'unknown';
      const args = ref.args.map((arg) => labelOf(ctx, arg));
      return args.length > 0 ? `${id}<${args.join(', ')}>` : id;
    }
  }
}

/**
 * What a leaf value must be, for an issue's `expected`: `string`, `integer from 0 to 255 (byte)`,
 * `AudioCodecTypes ("PCMU" | "GSM" | …)`.
 *
 * @param ctx
 *   The emit's state.
 * @param ref
 *   A primitive, a field's Allowable Values, or a `ref` to an enum.
 */
export function expectationOf(ctx: CheckContext, ref: TypeRef): string {
  if (ref.kind === 'nullable') return `${expectationOf(ctx, ref.type)} or null`;
  if (ref.kind === 'literals') {
    return isOpenLiterals(ctx)
      ? `a string (${listValues(ref.values)}, or another string)`
      : `${ALLOWABLE_VALUES_EXPECTATION}${listValues(ref.values)}`;
  }
  if (ref.kind === 'primitive') {
    const rule = primitiveRule(ref.name);
    switch (rule.kind) {
      case 'string':
        return ref.name === 'string' ? 'a string' : `a string (${ref.name})`;
      case 'boolean':
        return 'a boolean';
      case 'number':
        return `a finite number (${ref.name})`;
      case 'any':
        return 'any value';
      case 'integer':
        if (rule.min !== undefined && rule.max !== undefined) {
          return `an integer from ${rule.min} to ${rule.max} (${ref.name})`;
        }
        return rule.min !== undefined
          ? `an integer ≥ ${rule.min} (${ref.name})`
          : `an integer (${ref.name})`;
    }
  }
  if (ref.kind === 'ref') {
    const type = ctx.byName.get(ref.name);
    const label = labelOf(ctx, ref);
    if (type?.kind === 'enum') {
      const wire = enumWire(type, ctx.options.enums);
      if (wire.kind === 'strings' && wire.open === true) {
        return `${label} (${listValues(wire.values)}, or another string)`;
      }
      if (wire.kind === 'strings') return `${label} (${listValues(wire.values)})`;
      return wire.signed
        ? `${label} (a 32-bit integer)`
        : `${label} (an integer combining the bits of ${wire.mask})`;
    }
    return type === undefined ? 'any value' : label;
  }
  return labelOf(ctx, ref);
}
