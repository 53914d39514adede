/**
 * Generic DTOs: how the type parameters of a generic type are named when the page only shows
 * it used with arguments (`QueryResponse<Customer>` gives `QueryResponse<T>`).
 */
import type { ObjectType, TypeRef } from './model.js';
import { visitTypeRef } from './type-expression.js';

/**
 * The names of a generic type's parameters: `T` for one, `T1`, `T2`, … for more (as .NET
 * names them), none for zero.
 *
 * @param arity
 *   How many type arguments the type takes.
 */
export function typeParameterNames(arity: number): string[] {
  if (arity <= 0) return [];
  if (arity === 1) return ['T'];
  return Array.from({ length: Math.max(0, arity) }, (_, i) => `T${i + 1}`);
}

/**
 * The name a type parameter is declared with: its own when the type uses it (in a field or its
 * base's arguments), else with a leading `_`, as TypeScript's noUnusedParameters allows (an
 * AutoQuery `QueryDb<T>` has no field of its own that uses `T`, yet `QueryDb<Customer>` must
 * still take its argument).
 *
 * @param type
 *   The generic type.
 * @param name
 *   One of its type parameters.
 */
export function declaredTypeParameter(type: ObjectType, name: string): string {
  const refs = [...type.fields.map((field) => field.type), ...(type.base ? [type.base] : [])];
  return refs.some((ref) => usesTypeParameter(ref, name)) ? name : `_${name}`;
}

function usesTypeParameter(ref: TypeRef, name: string): boolean {
  let used = false;
  visitTypeRef(ref, (node) => {
    if (node.kind === 'typeParameter' && node.name === name) used = true;
  });
  return used;
}
