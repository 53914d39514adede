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
 * This module lays out what prettier's doc printer makes of those docs (see
 * `prettier.__debug.printToDoc` on a JSON text) directly, in one pass that measures each group
 * only as far as its line reaches (building the docs and printing them with `prettier/doc` cost
 * 0.6 s of a 1,000-page run), with the house options of `format.ts` and prettier's own width of
 * a text (`stringWidth`). The text it reads is the compact `JSON.stringify` text with the banner
 * that `addBanner` writes, so what it prints is what prettier prints for that text; a test
 * formats every printed file with prettier and expects no change.
 */
import { addBanner } from './format.js';
import { stringWidth } from './print-markdown.js';
import { PRINT_WIDTH } from './printer.js';

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

/** The text of a number or string: a line of its own width. */
function leafText(value: null | boolean | number | string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return numberText(value);
    default:
      return JSON.stringify(value);
  }
}

/**
 * The width of a value printed on one line, when that is at most `limit` columns and no array in
 * it must break; otherwise any number above `limit`. The walk stops as soon as the limit is
 * passed, so measuring a big value for a short line costs what the line holds.
 */
function flatWidth(value: Json, limit: number): number {
  if (value === null || typeof value !== 'object') return stringWidth(leafText(value));
  if (Array.isArray(value)) {
    if (value.length === 0) return 2;
    if (alwaysBreaks(value)) return limit + 1;
    // `[a, b]`: brackets, and ", " between items.
    let width = 2 + 2 * (value.length - 1);
    for (const item of value) {
      if (width > limit) return limit + 1;
      width += flatWidth(item, limit - width);
    }
    return width > limit ? limit + 1 : width;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return 2;
  // `{ "a": 1, "b": 2 }`: "{ " and " }", ": " after each key, ", " between entries.
  let width = 4 + 2 * keys.length + 2 * (keys.length - 1);
  for (const key of keys) {
    if (width > limit) return limit + 1;
    width += stringWidth(JSON.stringify(key));
    if (width > limit) return limit + 1;
    width += flatWidth(value[key]!, limit - width);
  }
  return width > limit ? limit + 1 : width;
}

/** A value on one line (what {@link flatWidth} measured). */
function flatText(value: Json): string {
  if (value === null || typeof value !== 'object') return leafText(value);
  if (Array.isArray(value)) return `[${value.map(flatText).join(', ')}]`;
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  return `{ ${keys.map((key) => `${JSON.stringify(key)}: ${flatText(value[key]!)}`).join(', ')} }`;
}

/**
 * Lays a value out as prettier's doc printer does with the docs of prettier's estree printer for
 * the `json` parser (objects and arrays are groups: `{` line entries line `}`, `[` softline items
 * softline `]`, number arrays filled; see `printer.printDocToString`): a group stays on one line
 * when its flat text and what follows it up to the next possible break (`trailing`: the comma
 * after an entry) fit from column `column`; a group with an always-breaking array inside breaks
 * (prettier propagates the break to every enclosing group). Appends to `out`.
 */
function layoutValue(
  value: Json,
  indentation: string,
  column: number,
  trailing: number,
  out: string[],
): void {
  if (value === null || typeof value !== 'object') {
    out.push(leafText(value));
    return;
  }
  const room = PRINT_WIDTH - column - trailing;
  if (flatWidth(value, room) <= room) {
    out.push(flatText(value));
    return;
  }
  const inner = `${indentation}  `;
  if (Array.isArray(value)) {
    const last = value.length - 1;
    out.push('[\n', inner);
    if (isNumberArray(value)) {
      // fill: an item joins the line when it fits after a space, with its comma.
      let at = inner.length;
      value.forEach((item, index) => {
        const text = index < last ? `${numberText(item)},` : numberText(item);
        if (index > 0) {
          if (at + 1 + text.length <= PRINT_WIDTH) {
            out.push(' ');
            at += 1;
          } else {
            out.push('\n', inner);
            at = inner.length;
          }
        }
        out.push(text);
        at += text.length;
      });
    } else {
      value.forEach((item, index) => {
        if (index > 0) out.push(',\n', inner);
        layoutValue(item, inner, inner.length, index < last ? 1 : 0, out);
      });
    }
    out.push('\n', indentation, ']');
    return;
  }
  const keys = Object.keys(value);
  const last = keys.length - 1;
  out.push('{\n', inner);
  keys.forEach((key, index) => {
    if (index > 0) out.push(',\n', inner);
    const name = JSON.stringify(key);
    out.push(name, ': ');
    // The entry's group ([key, ": ", value]) fits exactly when the value's does from after ": ".
    layoutValue(
      value[key]!,
      inner,
      inner.length + stringWidth(name) + 2,
      index < last ? 1 : 0,
      out,
    );
  });
  out.push('\n', indentation, '}');
}

/**
 * A JSON value as prettier prints it with the `json` parser and the house options (100 columns,
 * two spaces), final newline included.
 *
 * @param value
 *   Parsed JSON (what `JSON.parse` returns).
 */
export function printJson(value: unknown): string {
  const out: string[] = [];
  layoutValue(value as Json, '', 0, 0, out);
  out.push('\n');
  return out.join('');
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
