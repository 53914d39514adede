/**
 * Generic DTOs: how the type parameters of a generic type are named when the page only shows
 * it used with arguments (`QueryResponse<Customer>` gives `QueryResponse<T>`).
 */

/**
 * The names of a generic type's parameters: `T` for one, `T1`, `T2`, … for more (as .NET
 * names them), none for zero.
 *
 * @param arity
 *   How many type arguments the type takes.
 */
export function typeParameterNames(arity: number): string[] {
  if (arity === 1) return ['T'];
  return Array.from({ length: Math.max(0, arity) }, (_, i) => `T${i + 1}`);
}
