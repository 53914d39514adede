/**
 * Markdown printed as prettier's markdown printer leaves it (the README's tables), without
 * prettier.
 *
 * Prettier aligns a GFM table: every column as wide as its widest cell (at least 3), cells
 * padded with spaces after their text, the delimiter row all dashes. Widths are prettier's
 * `getStringWidth` (East Asian wide and fullwidth characters and most emoji count 2, combining
 * marks 0), which prettier does not export: {@link stringWidth} asks prettier's own doc printer
 * (`prettier/doc`), which measures with it, whether a text fits in a given width.
 */
import { builders, printer } from 'prettier/doc';

/** Widths already measured (cell texts repeat: names, dashes). */
const widths = new Map<string, number>();

/**
 * Whether prettier's doc printer fits `text` in `width` columns: `[text, softline]` in a group
 * stays flat exactly when the text's width is at most `width`.
 */
function fitsIn(text: string, width: number): boolean {
  const { formatted } = printer.printDocToString(builders.group([text, builders.softline]), {
    printWidth: width,
    tabWidth: 2,
    useTabs: false,
  });
  return !formatted.endsWith('\n');
}

/**
 * The width of one line of text as prettier measures it (`getStringWidth`): its length for
 * printable ASCII, else found by bisection with prettier's doc printer.
 *
 * @param text
 *   One line of text.
 */
export function stringWidth(text: string): number {
  if (/^[\x20-\x7f]*$/.test(text)) return text.length;
  let known = widths.get(text);
  if (known !== undefined) return known;
  // Note: no character is wider than 2 columns.
  let low = 0;
  let high = 2 * text.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (fitsIn(text, middle)) high = middle;
    else low = middle + 1;
  }
  known = low;
  widths.set(text, known);
  return known;
}

/**
 * A GFM table (no column alignment) as prettier prints it. The cells must be printed already
 * as prettier prints inline Markdown (escaped text, code spans).
 *
 * @param head
 *   The header cells.
 * @param rows
 *   The body rows, as many cells as the header.
 */
export function markdownTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const all = [head, ...rows];
  const columns = head.map((_, column) =>
    Math.max(3, ...all.map((row) => stringWidth(row[column] ?? ''))),
  );
  const line = (cells: readonly string[]): string =>
    `| ${columns
      .map((width, column) => {
        const cell = cells[column] ?? '';
        return cell + ' '.repeat(width - stringWidth(cell));
      })
      .join(' | ')} |`;
  const delimiter = `| ${columns.map((width) => '-'.repeat(width)).join(' | ')} |`;
  return [line(head), delimiter, ...rows.map(line)].join('\n');
}
