/**
 * An HTML page (a browser's "Save page as" of ServiceStack's metadata page) → mdast, with
 * rehype-parse and rehype-remark (hast-util-to-mdast).
 *
 * ServiceStack writes each DTO as `<table class='params'><caption><b>X</b> Parameters:</caption>`
 * with a `<thead>` row `Name | Parameter | Data Type | Required | Description`, each enum as
 * `<table class='enum'><caption><b>X</b> Enum:</caption>` (a `Name | Value |` head only when the
 * members have values), the routes as `<table class='routes'>` rows of `<th>` verb and path,
 * the roles in `<table class='authentication'>`, the `Allowable Values` of a field as an `<h4>`
 * and a `<ul>` in its Description cell, and the samples in `<div class="request"><pre>` and
 * `<div class="response"><pre>` (HTML-encoded). hast-util-to-mdast drops captions; here a
 * table's caption becomes a `heading` node right before the table, so the headings name the
 * tables as in a markdown page.
 */
import { createRequire } from 'node:module';
import type { Element, Root as HastRoot } from 'hast';
import type { State } from 'hast-util-to-mdast';
import type { Heading, PhrasingContent, Root, RootContent } from 'mdast';
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import type { Processor } from 'unified';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { createToPoint } from './sample-body.js';
import type { SampleSource } from './samples.js';

// Note: rehype and hast-util-to-mdast (~130 modules) load on the first HTML page, not with every
// run (require of ES modules: Node 20.19+).
const require = createRequire(import.meta.url);

/** A table, preceded by its caption as a heading. */
function tableWithCaption(state: State, node: Element): RootContent | RootContent[] {
  const { defaultHandlers } = require('hast-util-to-mdast') as typeof import('hast-util-to-mdast');
  const table = defaultHandlers.table(state, node) as RootContent;
  const caption = node.children.find(
    (child): child is Element => child.type === 'element' && child.tagName === 'caption',
  );
  if (!caption) return table;
  const heading: Heading = {
    type: 'heading',
    depth: 4,
    children: state.all(caption) as PhrasingContent[],
  };
  state.patch(caption, heading);
  return [heading, table];
}

/** rehype-parse then rehype-remark: HTML text → hast → mdast. */
type HtmlProcessor = Processor<HastRoot, HastRoot, Root>;

let processor: HtmlProcessor | undefined;

/** The HTML → mdast processor, built on first use. */
function htmlProcessor(): HtmlProcessor {
  processor ??= unified()
    .use((require('rehype-parse') as typeof import('rehype-parse')).default)
    .use((require('rehype-remark') as typeof import('rehype-remark')).default, {
      handlers: { table: tableWithCaption },
    })
    .freeze() as unknown as HtmlProcessor;
  return processor;
}

/**
 * Read an HTML page into mdast (positions in the HTML file).
 *
 * @param file
 *   The page.
 */
export function readHtmlPage(file: VFile): Root {
  const html = htmlProcessor();
  return html.runSync(html.parse(file), file);
}

/** `&amp;`, `&#39;`, `&#x27;`: a character reference at the start of `text`. */
const REFERENCE = /&(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/y;

function decodeReference(name: string): string | undefined {
  if (name.startsWith('#')) {
    const code =
      name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  const decoded = decodeNamedCharacterReference(name);
  return decoded === false ? undefined : decoded;
}

/**
 * Where each character of a block's decoded text comes from in the file, as anchors
 * `[text offset, file offset]` where the mapping shifts: the text is the file's content with
 * tags dropped, references decoded and some whitespace removed.
 */
function alignText(value: string, source: string, start: number, end: number): number[] {
  const anchors: number[] = [];
  let shift = Number.NaN;
  let index = 0;
  let offset = start;
  while (index < value.length && offset < end) {
    const char = source[offset];
    if (char === '<') {
      const close = source.indexOf('>', offset);
      offset = close === -1 ? end : close + 1;
      continue;
    }
    if (char === '&') {
      REFERENCE.lastIndex = offset;
      const match = REFERENCE.exec(source);
      const decoded = match ? decodeReference(match[1]!) : undefined;
      if (match && decoded !== undefined && value.startsWith(decoded, index)) {
        anchors.push(index, offset);
        shift = Number.NaN;
        index += decoded.length;
        offset += match[0].length;
        continue;
      }
    }
    if (char === value[index]) {
      if (offset - index !== shift) {
        shift = offset - index;
        anchors.push(index, offset);
      }
      index++;
    }
    offset++;
  }
  return anchors;
}

/**
 * The text of an HTML page's sample blocks (`<pre>`: the request, then the response), joined by
 * line breaks, with a `toPoint` that maps each offset back into the HTML file.
 *
 * @param file
 *   The page.
 * @param blocks
 *   The `code` nodes of the sample section, in order.
 */
export function htmlSampleSource(file: VFile, blocks: readonly RootContent[]): SampleSource {
  const source = String(file.value ?? '');
  const toFilePoint = createToPoint(file);
  const parts: { from: number; anchors: number[]; fallback: number }[] = [];
  let text = '';
  for (const block of blocks) {
    if (block.type !== 'code' || !block.position) continue;
    const start = block.position.start.offset ?? 0;
    const end = block.position.end.offset ?? start;
    if (text !== '') text += '\n';
    parts.push({
      from: text.length,
      anchors: alignText(block.value, source, start, end),
      fallback: start,
    });
    text += block.value;
  }
  const toPoint = (offset: number) => {
    let part = parts[0];
    for (const each of parts) if (each.from <= offset) part = each;
    if (!part) return toFilePoint(0);
    const local = offset - part.from;
    // The last anchor at or before `local`.
    let low = 0;
    let high = part.anchors.length / 2 - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (part.anchors[middle * 2]! <= local) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    if (found === -1) return toFilePoint(part.fallback);
    const anchor = part.anchors[found * 2]!;
    return toFilePoint(part.anchors[found * 2 + 1]! + local - anchor);
  };
  return { text, toPoint };
}
