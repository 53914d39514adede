/**
 * Paths into JSON values (a validation issue's `path`), written the one way every message of
 * dtoforge shows them.
 */

/**
 * A path as a reader writes it: `thirdPartyPhoneSystemSettings.sipSettings.accounts[0]`, keys
 * that are not identifiers quoted (`tags["a-b"]`), and `$` (JSONPath's root) for the value
 * itself.
 *
 * @param path
 *   Object keys and array indexes, outermost first.
 */
export function formatPath(path: readonly (string | number)[]): string {
  let text = '';
  for (const step of path) {
    if (typeof step === 'number') text += `[${step}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(step)) text += text === '' ? step : `.${step}`;
    else text += `[${JSON.stringify(step)}]`;
  }
  return text === '' ? '$' : text;
}
