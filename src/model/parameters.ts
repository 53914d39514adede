/**
 * The Parameter column: where a field travels in the request. One list, used to read the column
 * (src/model), to describe the rule (src/diagnostics.ts) and to type the model.
 */

/** Every value the Parameter column may hold, as ServiceStack writes them. */
export const PARAMETER_KINDS = ['body', 'form', 'query', 'path', 'header'] as const;

/** Where a parameter travels in the request (a value of {@link PARAMETER_KINDS}). */
export type ParameterKind = (typeof PARAMETER_KINDS)[number];

/**
 * True when a (trimmed, lower-case) Parameter cell names a known kind.
 *
 * @param text
 *   The cell's text.
 */
export function isParameterKind(text: string): text is ParameterKind {
  return (PARAMETER_KINDS as readonly string[]).includes(text);
}

/** The kinds as a reader lists them: `body, form, query, path or header`. */
export const PARAMETER_KINDS_TEXT = `${PARAMETER_KINDS.slice(0, -1).join(', ')} or ${PARAMETER_KINDS.at(-1)}`;
