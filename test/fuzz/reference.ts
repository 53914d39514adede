/**
 * A reference checker: the wire semantics README.md documents ("The generated package"),
 * interpreted directly over the model, written independently of src/emit/checks.ts and of
 * src/model/enums.ts. It is the fourth opinion in the differential tests (beside `isX`,
 * `validateX` and ajv) and decides whether an issue path points at a value that really is wrong.
 *
 * Adopted from the generator's documented decisions: .NET integer ranges (byte 0–255, int
 * 32-bit …), a flags enum with a negative member admits any 32-bit integer, refs to types the
 * model lacks admit anything, generic type parameters left open admit anything.
 */
import type { EnumType, Model, ModelType, PrimitiveName, TypeRef } from '../../src/model/model.js';

export interface ReferenceOptions {
  strict: boolean;
  optional: 'optional' | 'optional-or-null';
}

/** A field as the wire sees it (base fields flattened, type parameters substituted). */
export interface WireField {
  wireName: string;
  type: TypeRef;
  required: boolean;
}

/** Notes a check leaves for the comparison with ajv. */
export interface CheckNotes {
  /** A flags value or key failed on its bits only: the JSON Schema documents it cannot see that. */
  schemaInexact: boolean;
}

const INTEGER_RANGES: Partial<Record<PrimitiveName, [number, number]>> = {
  byte: [0, 255],
  sbyte: [-128, 127],
  short: [-32768, 32767],
  ushort: [0, 65535],
  int: [-2147483648, 2147483647],
  uint: [0, 4294967295],
  long: [-Infinity, Infinity],
  ulong: [0, Infinity],
};

const STRINGS = new Set<PrimitiveName>([
  'string',
  'char',
  'DateTime',
  'DateTimeOffset',
  'DateOnly',
  'TimeOnly',
  'TimeSpan',
  'Guid',
  'Uri',
  'byte[]',
  'char[]',
]);

const has = (value: object, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(value, key);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Substitute type parameters. */
function substitute(ref: TypeRef, env: ReadonlyMap<string, TypeRef>): TypeRef {
  switch (ref.kind) {
    case 'typeParameter':
      return env.get(ref.name) ?? { kind: 'primitive', name: 'object' };
    case 'nullable':
      return { kind: 'nullable', type: substitute(ref.type, env) };
    case 'list':
      return { kind: 'list', items: substitute(ref.items, env) };
    case 'dictionary':
    case 'keyValuePair':
      return { kind: ref.kind, key: substitute(ref.key, env), value: substitute(ref.value, env) };
    case 'ref':
      return { kind: 'ref', name: ref.name, args: ref.args.map((arg) => substitute(arg, env)) };
    default:
      return ref;
  }
}

/** The reference checker of one model. */
export class Reference {
  readonly byName = new Map<string, ModelType>();

  constructor(
    model: Model,
    readonly options: ReferenceOptions,
  ) {
    for (const type of model.types)
      if (!this.byName.has(type.name)) this.byName.set(type.name, type);
  }

  /** Wire values of an enum that is not flags. */
  enumStrings(type: EnumType): string[] {
    return type.members.map((member) =>
      type.valueKind === 'string' && typeof member.value === 'string' ? member.value : member.name,
    );
  }

  /** Flags mask (sum of distinct non-negative bits) and whether a member is negative. */
  flagsOf(type: EnumType): { mask: bigint; signed: boolean } {
    let mask = 0n;
    let signed = false;
    for (const member of type.members) {
      if (typeof member.value !== 'number') continue;
      if (member.value < 0) signed = true;
      else mask |= BigInt(member.value);
    }
    return { mask, signed };
  }

  /** The wire fields of an object type with type arguments. */
  fieldsOf(name: string, args: readonly TypeRef[]): WireField[] | undefined {
    const type = this.byName.get(name);
    if (type?.kind !== 'object') return undefined;
    const levels: { fields: typeof type.fields; env: Map<string, TypeRef> }[] = [];
    const envOf = (
      parameters: readonly string[],
      values: readonly TypeRef[],
    ): Map<string, TypeRef> =>
      new Map(parameters.map((p, i) => [p, values[i] ?? { kind: 'primitive', name: 'object' }]));
    let current: ModelType | undefined = type;
    let env = envOf(type.typeParameters, args);
    const seen = new Set<string>();
    let chainOk = true;
    while (current?.kind === 'object') {
      seen.add(current.name);
      levels.push({ fields: current.fields, env });
      const base: TypeRef | undefined = current.base;
      if (!base) break;
      if (
        base.kind !== 'ref' ||
        seen.has(base.name) ||
        this.byName.get(base.name)?.kind !== 'object'
      ) {
        chainOk = false;
        break;
      }
      const next = this.byName.get(base.name) as Extract<ModelType, { kind: 'object' }>;
      env = envOf(
        next.typeParameters,
        base.args.map((arg) => substitute(arg, env)),
      );
      current = next;
    }
    const result: WireField[] = [];
    const names = new Set<string>();
    for (const level of chainOk ? levels : levels.slice(0, 1)) {
      for (const field of level.fields) {
        if (names.has(field.wireName)) continue;
        names.add(field.wireName);
        let ref = substitute(field.type, level.env);
        if (
          !field.required &&
          this.options.optional === 'optional-or-null' &&
          ref.kind !== 'nullable'
        )
          ref = { kind: 'nullable', type: ref };
        result.push({ wireName: field.wireName, type: ref, required: field.required });
      }
    }
    return result;
  }

  /** Whether a dictionary key is admitted by the key type. */
  keyOk(key: string, keyType: TypeRef, notes?: CheckNotes): boolean {
    const ref = keyType.kind === 'nullable' ? keyType.type : keyType;
    if (ref.kind === 'primitive') {
      if (INTEGER_RANGES[ref.name]) return /^-?(?:0|[1-9][0-9]*)$/.test(key);
      if (ref.name === 'float' || ref.name === 'double' || ref.name === 'decimal')
        return /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/.test(key);
      return true;
    }
    if (ref.kind === 'ref') {
      const type = this.byName.get(ref.name);
      if (type?.kind === 'enum') {
        if (!type.flags) return this.enumStrings(type).includes(key);
        if (!/^-?(?:0|[1-9][0-9]*)$/.test(key)) return false;
        const ok = this.flagsOk(Number(key), type);
        if (!ok && notes) notes.schemaInexact = true;
        return ok;
      }
    }
    return true;
  }

  flagsOk(value: number, type: EnumType, notes?: CheckNotes): boolean {
    if (!Number.isInteger(value)) return false;
    const { mask, signed } = this.flagsOf(type);
    if (signed) return value >= -2147483648 && value <= 2147483647;
    if (value < 0 || value > Number(mask)) return false;
    const ok = (BigInt(value) & ~mask) === 0n;
    if (!ok && notes) {
      // The JSON Schema enumerates flags combinations only up to 12 bits (else: range only).
      const bits = mask.toString(2).replace(/0/g, '').length;
      const contiguous = ((mask + 1n) & mask) === 0n;
      if (!contiguous && bits > 12) notes.schemaInexact = true;
    }
    return ok;
  }

  /**
   * True when `value` is a valid `ref`.
   *
   * @param ref
   *   The type expression (no open type parameters).
   * @param value
   *   Any JS value (plain JSON in the differential tests).
   */
  check(ref: TypeRef, value: unknown, notes?: CheckNotes, depth = 0): boolean {
    if (depth > 200) return false;
    switch (ref.kind) {
      case 'typeParameter':
        return true;
      case 'literals':
        return typeof value === 'string' && ref.values.includes(value);
      case 'primitive': {
        if (ref.name === 'object') return true;
        if (ref.name === 'bool') return typeof value === 'boolean';
        if (STRINGS.has(ref.name)) return typeof value === 'string';
        const range = INTEGER_RANGES[ref.name];
        if (range)
          return (
            typeof value === 'number' &&
            Number.isInteger(value) &&
            value >= range[0] &&
            value <= range[1]
          );
        return typeof value === 'number' && Number.isFinite(value);
      }
      case 'nullable':
        return value === null || this.check(ref.type, value, notes, depth + 1);
      case 'list':
        if (!Array.isArray(value)) return false;
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) return false;
          if (!this.check(ref.items, value[i], notes, depth + 1)) return false;
        }
        return true;
      case 'dictionary':
        return this.checkDictionary(ref.key, ref.value, value, notes, depth);
      case 'keyValuePair':
        return (
          isRecord(value) &&
          has(value, 'key') &&
          has(value, 'value') &&
          this.check(ref.key, value['key'], notes, depth + 1) &&
          this.check(ref.value, value['value'], notes, depth + 1) &&
          (!this.options.strict || Object.keys(value).every((k) => k === 'key' || k === 'value'))
        );
      case 'ref': {
        const type = this.byName.get(ref.name);
        if (!type) return true;
        if (type.kind === 'enum') {
          if (type.flags) return typeof value === 'number' && this.flagsOk(value, type, notes);
          return typeof value === 'string' && this.enumStrings(type).includes(value);
        }
        if (type.kind === 'dictionary')
          return this.checkDictionary(type.key, type.value, value, notes, depth);
        const fields = this.fieldsOf(type.name, ref.args) ?? [];
        if (!isRecord(value)) return false;
        const known = new Set<string>();
        for (const field of fields) {
          known.add(field.wireName);
          const present = has(value, field.wireName);
          if (!present) {
            if (field.required) return false;
            continue;
          }
          if (!this.check(field.type, value[field.wireName], notes, depth + 1)) return false;
        }
        return !this.options.strict || Object.keys(value).every((key) => known.has(key));
      }
    }
  }

  private checkDictionary(
    key: TypeRef,
    item: TypeRef,
    value: unknown,
    notes: CheckNotes | undefined,
    depth: number,
  ): boolean {
    if (!isRecord(value)) return false;
    for (const k of Object.keys(value)) {
      if (!this.keyOk(k, key, notes)) return false;
      if (!this.check(item, value[k], notes, depth + 1)) return false;
    }
    return true;
  }

  /**
   * Whether an issue path of `validateX` points at something that really is wrong: walk the value
   * and its type along the path; the sub-value there must fail its type, or be a missing required
   * field, an undeclared property (strict), a bad dictionary key, or a hole in an array.
   *
   * @param root
   *   The checked type.
   * @param value
   *   The checked value.
   * @param path
   *   The path.
   */
  wrongAt(root: TypeRef, value: unknown, path: readonly (string | number)[]): boolean {
    let ref: TypeRef = root;
    let current: unknown = value;
    for (const segment of path) {
      // A path can only go on through a value of the right container kind.
      if (ref.kind === 'nullable') {
        if (current === null) return false;
        ref = ref.type;
      }
      const resolved = this.resolveContainer(ref);
      if (resolved.kind === 'any') return false;
      if (resolved.kind === 'list') {
        if (!Array.isArray(current) || typeof segment !== 'number') return false;
        if (!(segment in current)) return segment < current.length; // a hole is wrong
        ref = resolved.items;
        current = current[segment];
        continue;
      }
      if (!isRecord(current) || typeof segment !== 'string') return false;
      if (resolved.kind === 'dictionary') {
        if (!has(current, segment)) return false;
        if (!this.keyOk(segment, resolved.key)) return true;
        ref = resolved.value;
        current = current[segment];
        continue;
      }
      const field = resolved.fields.find((f) => f.wireName === segment);
      if (!field) return this.options.strict && has(current, segment);
      if (!has(current, segment)) return field.required;
      ref = field.type;
      current = current[segment];
    }
    return !this.check(ref, current);
  }

  private resolveContainer(
    ref: TypeRef,
  ):
    | { kind: 'any' }
    | { kind: 'list'; items: TypeRef }
    | { kind: 'dictionary'; key: TypeRef; value: TypeRef }
    | { kind: 'object'; fields: WireField[] } {
    switch (ref.kind) {
      case 'list':
        return { kind: 'list', items: ref.items };
      case 'dictionary':
        return { kind: 'dictionary', key: ref.key, value: ref.value };
      case 'keyValuePair':
        return {
          kind: 'object',
          fields: [
            { wireName: 'key', type: ref.key, required: true },
            { wireName: 'value', type: ref.value, required: true },
          ],
        };
      case 'ref': {
        const type = this.byName.get(ref.name);
        if (type?.kind === 'dictionary')
          return { kind: 'dictionary', key: type.key, value: type.value };
        if (type?.kind === 'object')
          return { kind: 'object', fields: this.fieldsOf(type.name, ref.args) ?? [] };
        return { kind: 'any' };
      }
      default:
        return { kind: 'any' };
    }
  }
}
