/**
 * Literals and property keys as prettier prints them (house options: single quotes, `quoteProps:
 * "as-needed"`, the `babel-ts` parser), from the text an emitter writes for them, and the mark of
 * a doc the printers cannot promise to lay out as prettier would.
 *
 * ```ts
 * printString('"it\'s"'); // "it's" stays in double quotes: it holds a single quote
 * printKey('"a-b"'); // 'a-b'
 * printKey('"ab"'); // ab: prettier unquotes a key that is an identifier
 * ```
 */
import { builders, printer, utils } from 'prettier/doc';

type Doc = builders.Doc;

/**
 * A string literal as prettier prints it (`makeString` of its printer): in single quotes unless
 * the text holds more single than double quotes; the escapes of the literal are kept, except
 * that a quote needs one exactly when it is the enclosing quote.
 *
 * @param raw
 *   The literal as written, in either quotes (`JSON.stringify(value)`).
 */
export function printString(raw: string): string {
  const content = raw.slice(1, -1);
  // Note: most literals hold no quote and no backslash: only their quotes change.
  if (!/["'\\]/.test(content)) return `'${content}'`;
  let singles = 0;
  let doubles = 0;
  for (let i = 0; i < content.length; i++) {
    const code = content.charCodeAt(i);
    if (code === 0x27) singles++;
    else if (code === 0x22) doubles++;
  }
  const enclosing = singles > doubles ? '"' : "'";
  if (raw[0] === enclosing) return raw;
  const other = enclosing === '"' ? "'" : '"';
  const body = content.replace(/\\(["'\\])|(["'])/g, (match, escaped?: string, bare?: string) =>
    escaped !== undefined
      ? escaped === other
        ? other
        : match
      : bare === enclosing
        ? `\\${bare}`
        : bare!,
  );
  return `${enclosing}${body}${enclosing}`;
}

/**
 * A number as prettier prints it (`printNumber`): lower case, no `+` or leading zeros in the
 * exponent, no trailing zeros of a fraction, no trailing dot.
 *
 * @param text
 *   The number as written (`String(value)`).
 */
export function printNumber(text: string): string {
  if (text.length === 1) return text;
  return text
    .toLowerCase()
    .replace(/^([+-]?[\d.]+e)(?:\+|(-))?0*(?=\d)/, '$1$2')
    .replace(/^([+-]?[\d.]+)e[+-]?0+$/, '$1')
    .replace(/^([+-])?\./, '$10.')
    .replace(/(\.\d+?)0+(?=e|$)/, '$1')
    .replace(/\.(?=e|$)/, '');
}

/** The label of a doc that prettier may lay out otherwise (see {@link unsure}). */
const UNSURE = 'dtoforge:unsure';

/**
 * Mark a doc the printers cannot promise to print as prettier would: the module that holds it
 * is formatted with prettier after all.
 *
 * @param doc
 *   The best doc the printer has (valid TypeScript).
 */
export function unsure(doc: Doc): Doc {
  return builders.label(UNSURE, doc);
}

/** True when a doc holds a part marked {@link unsure}. */
export function isUnsure(doc: Doc): boolean {
  return (
    utils.findInDoc<boolean | undefined>(
      doc,
      (part) =>
        typeof part === 'object' &&
        !Array.isArray(part) &&
        part.type === 'label' &&
        part.label === UNSURE
          ? true
          : undefined,
      false,
    ) === true
  );
}

/** An identifier, bare or in double quotes. */
const QUOTED_IDENTIFIER = /^(?:([A-Za-z_$][\w$]*)|"([A-Za-z_$][\w$]*)")$/;

/** An ES5 identifier of ASCII characters (prettier unquotes such keys). */
const ASCII_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** What no identifier holds: an ASCII character other than `$`, `_`, letters and digits, or a
 * leading digit. */
const NOT_IDENTIFIER = /^[0-9]|[\x00-\x23\x25-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]/;

/** A property key as printed, and whether prettier finds it short (see {@link printKey}). */
export interface PrintedKey {
  doc: Doc;
  /** Prettier's `isObjectPropertyWithShortKey`: narrower than 5 columns (`tabWidth + 3`). */
  short: boolean;
}

/**
 * A property key as prettier prints it with `quoteProps: "as-needed"`: a quoted key that is an
 * identifier loses its quotes (a number-like one keeps them: TypeScript tells the two apart),
 * others keep them in prettier's quotes; computed keys (`["__proto__"]`, `[-1]`) keep their
 * brackets. Prettier's identifier test knows the Unicode letters of ES5: a quoted key with other
 * than ASCII characters that may be one is {@link unsure}.
 *
 * @param raw
 *   The key as written: an identifier, a number, a string literal or `[literal]`.
 * @param method
 *   The key of a method signature: `'new'` keeps its quotes there (else it would be a construct
 *   signature).
 */
export function printKey(raw: string, method = false): PrintedKey {
  // Note: most keys are identifiers, bare or in double quotes (JSON.stringify's).
  const match = QUOTED_IDENTIFIER.exec(raw);
  const identifier = match?.[1] ?? match?.[2];
  if (identifier !== undefined && !(method && identifier === 'new')) {
    return { doc: identifier, short: identifier.length < 5 };
  }
  let text: string;
  let doc: Doc;
  if (raw.startsWith('[')) {
    const inner = raw.slice(1, -1);
    text = `[${inner.startsWith('"') || inner.startsWith("'") ? printString(inner) : printNumber(inner)}]`;
    doc = text;
  } else if (raw.startsWith('"') || raw.startsWith("'")) {
    const value = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    const printed = printString(raw);
    if (
      !(method && value === 'new') &&
      ASCII_IDENTIFIER.test(value) &&
      printed.slice(1, -1) === value
    ) {
      text = value;
      doc = value;
    } else {
      text = printed;
      // Note: a key with other characters than ASCII and no ASCII character an identifier
      // cannot hold may be an ES5 identifier, which prettier would unquote.
      doc = /[^\x00-\x7f]/.test(value) && !NOT_IDENTIFIER.test(value) ? unsure(printed) : printed;
    }
  } else {
    text = /^[\d.]/.test(raw) ? printNumber(raw) : raw;
    doc = text;
  }
  return { doc, short: isNarrower(text, 5) };
}

/**
 * True when a text is narrower than `width` columns as prettier measures it (wide East Asian
 * characters count two, combining marks none): prettier's doc printer measures it.
 */
function isNarrower(text: string, width: number): boolean {
  if (/^[\x20-\x7e]*$/.test(text)) return text.length < width;
  const { formatted } = printer.printDocToString(builders.group([text, builders.softline]), {
    printWidth: width - 1,
    tabWidth: 2,
    useTabs: false,
  });
  return !formatted.includes('\n');
}
