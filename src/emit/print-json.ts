/**
 * Print the package's JSON files already formatted as prettier leaves them, without prettier.
 *
 * Prettier formats a `.json` file with its `json` parser and the estree printer: an object or an
 * array is a group that stays on one line when it fits in the page and breaks one entry per line
 * otherwise; an array of numbers is filled (as many per line as fit); an array of two or more
 * objects (or arrays) of more than one entry each always breaks; strings and keys keep their
 * text as written. A `package.json` goes through the `json-stringify` parser instead, whose
 * printer breaks every non-empty object and array, as `JSON.stringify(value, null, 2)` does.
 *
 * This module builds the same docs (see `prettier.__debug.printToDoc` on a JSON text) and lays
 * them out with prettier's own doc printer (`prettier/doc`: no parser is loaded), with the house
 * options of `format.ts`. The text it reads is the compact `JSON.stringify` text with the banner
 * that `addBanner` writes, so what it prints is what prettier prints for that text; a test
 * formats every printed file with prettier and expects no change.
 */
import { builders, printer } from 'prettier/doc';
import { addBanner } from './format.js';
import { PRINT_WIDTH } from './printer.js';

type Doc = builders.Doc;

const { group, indent, line, softline, fill, join } = builders;

/** A value of parsed JSON. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A number as prettier prints a JSON number literal: `JSON.stringify`'s text without the `+` of
 * an exponent (`1e+21` → `1e21`); the other rules of prettier's number printing (lower case, no
 * trailing zeros or dot, a digit before the dot) never apply to `JSON.stringify`'s output.
 */
function numberText(value: number): string {
  return JSON.stringify(value).replace('e+', 'e');
}

/** An array whose items are all numbers: prettier fills it (as many items per line as fit). */
function isNumberArray(items: readonly Json[]): items is number[] {
  return items.every((item) => typeof item === 'number');
}

/** Whether an item is an object or array with more than one entry (for the break rule). */
function entryCount(item: Json): number {
  if (Array.isArray(item)) return item.length;
  return item !== null && typeof item === 'object' ? Object.keys(item).length : 0;
}

/**
 * Prettier breaks an array of two or more items that are all objects, or all arrays, each with
 * more than one entry (`print/array.js`: `shouldBreak`).
 */
function alwaysBreaks(items: readonly Json[]): boolean {
  if (items.length < 2) return false;
  const first = items[0]!;
  const kind = Array.isArray(first) ? 'array' : typeof first;
  return items.every(
    (item) =>
      item !== null &&
      typeof item === 'object' &&
      (Array.isArray(item) ? 'array' : 'object') === kind &&
      entryCount(item) > 1,
  );
}

/** The doc of a JSON value, as prettier's estree printer builds it for the `json` parser. */
function valueDoc(value: Json): Doc {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return numberText(value);
    case 'string':
      return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const last = value.length - 1;
    if (isNumberArray(value)) {
      const parts: Doc[] = [];
      value.forEach((item, index) => {
        if (index > 0) parts.push(line);
        parts.push(index < last ? [numberText(item), ','] : numberText(item));
      });
      return group(['[', indent([softline, fill(parts)]), softline, ']']);
    }
    return group(
      [
        '[',
        indent([
          softline,
          join(
            [',', line],
            value.map((item) => group(valueDoc(item))),
          ),
        ]),
        softline,
        ']',
      ],
      { shouldBreak: alwaysBreaks(value) },
    );
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  return group([
    '{',
    indent([
      line,
      join(
        [',', line],
        keys.map((key) => group([JSON.stringify(key), ': ', valueDoc(value[key]!)])),
      ),
    ]),
    line,
    '}',
  ]);
}

/**
 * A JSON value as prettier prints it with the `json` parser and the house options (100 columns,
 * two spaces), final newline included.
 *
 * @param value
 *   Parsed JSON (what `JSON.parse` returns).
 */
export function printJson(value: unknown): string {
  const doc = [valueDoc(value as Json), builders.hardline];
  return printer.printDocToString(doc, { printWidth: PRINT_WIDTH, tabWidth: 2, useTabs: false })
    .formatted;
}

/**
 * A JSON value as prettier prints it with the `json-stringify` parser (`package.json` files):
 * every non-empty object and array broken, one entry per line; strings and numbers as
 * `JSON.stringify` writes them.
 *
 * @param value
 *   Parsed JSON.
 */
export function printJsonStringify(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * The text of a package's JSON file as `emitPackage` writes it: the value with the banner that
 * `addBanner` gives it, printed as prettier formats that text (`json-stringify` for
 * `package.json` files, `json` for the others).
 *
 * @param path
 *   The file's path (decides the banner key and the printer).
 * @param value
 *   The file's value, before the banner (anything `JSON.stringify` takes).
 * @param banner
 *   The banner sentence (`bannerText`).
 */
export function printJsonFile(path: string, value: unknown, banner: string): string {
  // Note: the value goes through the same text as the prettier path would (addBanner parses and
  // stringifies), so keys, escapes and dropped `undefined`s are the same.
  const parsed: unknown = JSON.parse(addBanner(path, JSON.stringify(value), banner));
  return path.endsWith('package.json') ? printJsonStringify(parsed) : printJson(parsed);
}
