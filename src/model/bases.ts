/**
 * Base classes: one walk up an object type's `base` chain, used by every stage that needs a
 * type's inherited fields (the `extends` clause of the types, the flattened fields of the guards
 * and the JSON Schema, the fields a sample may show).
 */
import type { ModelType, ObjectType, TypeRef } from './model.js';

/** One step up a base chain: the base type and the reference that names it (with its args). */
export interface BaseLink {
  type: ObjectType;
  ref: TypeRef & { kind: 'ref' };
}

/** The bases of an object type, nearest first. */
export interface BaseChain {
  /** The base, the base's base, … as far as they are object types of the model. */
  bases: BaseLink[];
  /**
   * False when the chain stops before its end: a base that is not a named type, names no
   * object type of the model, or closes a loop (`A : B`, `B : A`). `bases` then holds the
   * links before that point.
   */
  complete: boolean;
}

/**
 * Walk up the base chain of an object type.
 *
 * @param type
 *   The object type.
 * @param lookup
 *   The model's type of a name (`undefined` when the model has none).
 */
export function baseChain(
  type: ObjectType,
  lookup: (name: string) => ModelType | undefined,
): BaseChain {
  const bases: BaseLink[] = [];
  const seen = new Set([type.name]);
  let ref = type.base;
  while (ref !== undefined) {
    if (ref.kind !== 'ref' || seen.has(ref.name)) return { bases, complete: false };
    const base = lookup(ref.name);
    if (base?.kind !== 'object') return { bases, complete: false };
    seen.add(base.name);
    bases.push({ type: base, ref });
    ref = base.base;
  }
  return { bases, complete: true };
}
