/**
 * The sample section of a metadata page: one HTTP request and one HTTP response, read into
 * {@link PageSamples} with positions in the original file.
 *
 * ServiceStack prints them as raw HTTP messages. Scraped pages keep them one header per line,
 * or squeeze a whole message onto one line (the blank lines and line breaks got lost):
 *
 * ```text
 * POST /endpoints/phone-numbers HTTP/1.1
 * Host: team.evovoice.io
 * Content-Type: application/json
 * {"accountId":"String"}
 * HTTP/1.1 200 OK Content-Type: application/json Content-Length: length {"accountId":"String"}
 * ```
 *
 * So a header value ends at the line end, or where the next `Name:` header, the body (`{` or
 * `[`) or the response's status line begins on the same line. A body ends at its matching
 * bracket (so a response may follow it on the same line), else at the next status line.
 * The body is JSON or JSV as the Content-Type (or the `/json/` / `/jsv/` path) says, else
 * whichever reads.
 */
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import type { Position } from '../model/model.js';
import type { HttpSample, HttpSampleBody, PageSamples } from './blocks.js';
import {
  createToPoint,
  parseJsonSample,
  parseJsvSample,
  reportBodyError,
  type BodyResult,
  type ToPoint,
} from './sample-body.js';

/** The sentence that opens the sample section. */
export const SAMPLE_MARKER = 'The following are sample HTTP requests and responses';

type BodyFormat = 'json' | 'jsv';

/** The sentence after the marker, when it has a line of its own. */
const PLACEHOLDERS_LINE =
  /^\s*The placeholders shown need to be replaced with actual values\.?\s*$/i;

/** `POST /path HTTP/1.1`. */
const REQUEST_LINE = /([A-Z]+)[ \t]+(\S+)[ \t]+HTTP\/\d+(?:\.\d+)?(?=\s|$)/y;
/** `HTTP/1.1 200` (the reason phrase is read separately: it ends where a header begins). */
const STATUS_LINE = /HTTP\/\d+(?:\.\d+)?[ \t]+(\d{3})(?=\s|$)/y;
/** A header name at the start of a header (`Content-Type:`). */
const HEADER_START = /([A-Za-z][A-Za-z0-9-]*)[ \t]*:/y;
/** A header name inside a line, where it ends the previous value (`… Content-Length: x`). */
const HEADER_BOUNDARY = /[A-Za-z][A-Za-z0-9-]*:(?=[ \t\r\n]|$)/y;
/** A Markdown code fence line around the samples (```` ``` ```` or ```` ```http ````). */
const FENCE_LINE = /[ \t]*(?:`{3,}|~{3,})[^\n\r`]*(?:\r?\n|\r|$)/y;

/** Whether `pattern` (sticky) matches `text` at `index`. */
function matchAt(pattern: RegExp, text: string, index: number): RegExpExecArray | null {
  pattern.lastIndex = index;
  return pattern.exec(text);
}

function isNewline(char: string | undefined): boolean {
  return char === '\n' || char === '\r';
}

function isBlank(char: string | undefined): boolean {
  return char === ' ' || char === '\t';
}

/** The offset of the end of the line holding `index` (before its line ending). */
function lineEnd(text: string, index: number): number {
  let end = index;
  while (end < text.length && !isNewline(text[end])) end++;
  return end;
}

/** The offset of the start of the next line after `index`'s line (or the text's end). */
function nextLineStart(text: string, index: number): number {
  let next = lineEnd(text, index);
  if (text[next] === '\r') next++;
  if (text[next] === '\n') next++;
  return next;
}

/** Skip spaces, tabs, line endings and code-fence lines. */
function skipBlankLines(text: string, index: number): number {
  let current = index;
  while (current < text.length) {
    const char = text[current];
    if (isBlank(char) || isNewline(char)) {
      current++;
    } else if (
      (current === 0 || isNewline(text[current - 1])) &&
      matchAt(FENCE_LINE, text, current)
    ) {
      current = FENCE_LINE.lastIndex;
    } else {
      break;
    }
  }
  return current;
}

/** Skip spaces and tabs. */
function skipBlanks(text: string, index: number): number {
  let current = index;
  while (isBlank(text[current])) current++;
  return current;
}

/** True when something at `index` ends a header value written on the same line. */
function isBoundary(text: string, index: number): boolean {
  const char = text[index];
  return (
    char === '{' ||
    char === '[' ||
    matchAt(HEADER_BOUNDARY, text, index) !== null ||
    matchAt(STATUS_LINE, text, index) !== null
  );
}

/**
 * The end of a run of text on one line (a header value, a reason phrase): the line end, or the
 * blanks before a {@link isBoundary boundary}; trailing blanks excluded.
 */
function runEnd(text: string, from: number): number {
  let index = from;
  while (index < text.length && !isNewline(text[index])) {
    if (isBlank(text[index])) {
      const next = skipBlanks(text, index);
      if (next > from && isBoundary(text, next)) return index;
      index = next;
    } else {
      index++;
    }
  }
  let end = index;
  while (end > from && isBlank(text[end - 1])) end--;
  return end;
}

/**
 * The offset just after the bracket that closes the one at `start`, or `undefined` when it is
 * not closed before `limit`. JSON strings escape with `\`; JSV strings double their quotes,
 * which reads the same as two strings here.
 */
function findClosingBracket(
  text: string,
  start: number,
  limit: number,
  format: BodyFormat,
): number | undefined {
  let depth = 0;
  let index = start;
  while (index < limit) {
    const char = text[index];
    if (char === '"') {
      index++;
      while (index < limit && text[index] !== '"') {
        index += format === 'json' && text[index] === '\\' ? 2 : 1;
      }
      if (index >= limit) return undefined;
    } else if (char === '{' || char === '[') {
      depth++;
    } else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return index + 1;
    }
    index++;
  }
  return undefined;
}

/** The format a Content-Type, Accept or path names, if any. */
function formatOf(value: string | undefined): BodyFormat | undefined {
  if (value === undefined) return undefined;
  if (/\bjsv\b/i.test(value)) return 'jsv';
  if (/\bjson\b/i.test(value)) return 'json';
  return undefined;
}

function headerValue(sample: HttpSample, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return sample.headers.find((header) => header.name.toLowerCase() === wanted)?.value;
}

/** What a page's samples are read with. */
interface Context {
  file: VFile;
  text: string;
  toPoint: ToPoint;
}

/**
 * The text the samples are read from, when it is not the page's own: an HTML page's `<pre>`
 * blocks, decoded, each offset mapped back into the file by `toPoint`.
 */
export interface SampleSource {
  text: string;
  toPoint: ToPoint;
}

function span(context: Context, start: number, end: number): Position {
  return { start: context.toPoint(start), end: context.toPoint(end) };
}

/**
 * Read a body starting at `start` (not blank), which may run up to `limit`.
 *
 * @returns
 *   The body (`undefined` when it could not be read: reported) and the offset after it.
 */
function readBody(
  context: Context,
  start: number,
  limit: number,
  format: BodyFormat | undefined,
): { body?: HttpSampleBody; end: number } {
  const { text, toPoint } = context;
  const bracketed = text[start] === '{' || text[start] === '[';
  let fallbackEnd = limit;
  while (fallbackEnd > start && /\s/.test(text[fallbackEnd - 1] ?? '')) fallbackEnd--;

  const attempt = (kind: BodyFormat) => {
    const end = (bracketed && findClosingBracket(text, start, limit, kind)) || fallbackEnd;
    const bodyText = text.slice(start, end);
    const result: BodyResult =
      kind === 'json'
        ? parseJsonSample(bodyText, start, toPoint)
        : parseJsvSample(bodyText, start, toPoint);
    return { kind, end, bodyText, result };
  };

  const attempts = format ? [attempt(format)] : [attempt('json')];
  if (!format && !attempts[0]!.result.ok) attempts.push(attempt('jsv'));
  const success = attempts.find((item) => item.result.ok);
  if (success?.result.ok) {
    return {
      body: {
        format: success.kind,
        text: success.bodyText,
        tree: success.result.node,
        position: span(context, start, success.end),
      },
      end: success.end,
    };
  }
  // Report the error of the reading that got furthest.
  let best = attempts[0]!;
  for (const item of attempts) {
    if (!item.result.ok && !best.result.ok && item.result.error.start > best.result.error.start) {
      best = item;
    }
  }
  if (!best.result.ok) reportBodyError(context.file, best.result.error, toPoint);
  return { end: best.end };
}

/**
 * Read one HTTP message (request or response) whose start line is at `start`.
 *
 * @param defaultFormat
 *   The body format to assume when the message names none (the request's, for a response).
 */
function readMessage(
  context: Context,
  start: number,
  kind: 'request' | 'response',
  defaultFormat: BodyFormat | undefined,
): { sample: HttpSample; end: number } {
  const { text } = context;
  const sample: HttpSample = {
    startLine: { text: '', position: span(context, start, start) },
    headers: [],
    position: span(context, start, start),
  };

  let startLineEnd: number;
  if (kind === 'request') {
    const match = matchAt(REQUEST_LINE, text, start)!;
    sample.method = match[1]!;
    sample.path = match[2]!;
    startLineEnd = REQUEST_LINE.lastIndex;
  } else {
    const match = matchAt(STATUS_LINE, text, start)!;
    sample.status = Number(match[1]);
    // The reason phrase (`OK`, `Not Found`) runs up to the first header or the body.
    startLineEnd = runEnd(text, STATUS_LINE.lastIndex);
  }
  sample.startLine = {
    text: text.slice(start, startLineEnd),
    position: span(context, start, startLineEnd),
  };

  let end = startLineEnd;
  let index = startLineEnd;
  while (true) {
    index = skipBlanks(text, index);
    if (index >= text.length || isNewline(text[index])) index = skipBlankLines(text, index);
    if (index >= text.length) break;
    if (matchAt(STATUS_LINE, text, index) || matchAt(REQUEST_LINE, text, index)) break;
    const header = matchAt(HEADER_START, text, index);
    if (header) {
      const valueStart = skipBlanks(text, HEADER_START.lastIndex);
      const valueEnd = runEnd(text, valueStart);
      sample.headers.push({ name: header[1]!, value: text.slice(valueStart, valueEnd) });
      end = Math.max(valueEnd, HEADER_START.lastIndex);
      index = end;
      continue;
    }
    const format =
      formatOf(headerValue(sample, 'Content-Type')) ?? formatOf(sample.path) ?? defaultFormat;
    const limit =
      kind === 'request' ? findBodyLimit(text, index, true) : findBodyLimit(text, index);
    const body = readBody(context, index, limit, format);
    if (body.body) sample.body = body.body;
    end = body.end;
    break;
  }
  sample.position = span(context, start, end);
  return { sample, end };
}

/**
 * Where a body that is not bracket-balanced stops: at the first later line that starts a
 * response (for a request body) or is a code fence, else at the end of the text.
 */
function findBodyLimit(text: string, start: number, stopAtStatus = false): number {
  let index = nextLineStart(text, start);
  while (index < text.length) {
    const first = skipBlanks(text, index);
    if (matchAt(FENCE_LINE, text, index)) return index;
    if (stopAtStatus && matchAt(STATUS_LINE, text, first)) return index;
    index = nextLineStart(text, index);
  }
  return text.length;
}

/**
 * Read the sample request and response of a page.
 *
 * @param file
 *   The page (`String(file.value)` is its text); problems are reported on it (`bad-sample`,
 *   `unexpected-line`), never thrown.
 * @param startOffset
 *   Where the samples start: the offset just after the {@link SAMPLE_MARKER} line (a line
 *   holding the marker there is skipped).
 * @param source
 *   The text to read instead of the page's (default: the page).
 */
export function readSamples(
  file: VFile,
  startOffset: number,
  source: SampleSource = { text: String(file.value), toPoint: createToPoint(file) },
): PageSamples {
  const text = source.text;
  const context: Context = { file, text, toPoint: source.toPoint };
  const samples: PageSamples = {};

  let index = skipBlankLines(text, Math.max(0, Math.min(startOffset, text.length)));
  if (text.slice(index, lineEnd(text, index)).includes(SAMPLE_MARKER)) {
    index = skipBlankLines(text, nextLineStart(text, index));
  }

  // Some pages put the second sentence of the marker on a line of its own.
  if (PLACEHOLDERS_LINE.test(text.slice(index, lineEnd(text, index)))) {
    index = skipBlankLines(text, nextLineStart(text, index));
  }

  let junkStart: number | undefined;
  let junkEnd = index;
  const flushJunk = () => {
    if (junkStart === undefined) return;
    const expected = samples.response
      ? 'end of samples'
      : samples.request
        ? 'a response status line (`HTTP/1.1 200 OK`)'
        : 'a request line (`POST /path HTTP/1.1`)';
    const firstLine = text.slice(junkStart, lineEnd(text, junkStart));
    const shown = firstLine.length > 40 ? firstLine.slice(0, 40) + '…' : firstLine;
    report(
      file,
      'unexpected-line',
      `Unexpected \`${shown}\`, expected ${expected}`,
      span(context, junkStart, junkEnd),
    );
    junkStart = undefined;
  };

  while (index < text.length) {
    const isRequest = !samples.request && !samples.response && matchAt(REQUEST_LINE, text, index);
    const isResponse = !samples.response && matchAt(STATUS_LINE, text, index);
    if (isRequest || isResponse) {
      flushJunk();
      if (isRequest) {
        const { sample, end } = readMessage(context, index, 'request', undefined);
        samples.request = sample;
        index = end;
      } else {
        const request = samples.request;
        const requestFormat = request
          ? (formatOf(headerValue(request, 'Accept')) ??
            formatOf(headerValue(request, 'Content-Type')) ??
            formatOf(request.path))
          : undefined;
        const { sample, end } = readMessage(context, index, 'response', requestFormat);
        samples.response = sample;
        index = end;
      }
    } else {
      // Not a message: skip the rest of this line, reporting runs of such lines once.
      junkStart ??= index;
      junkEnd = lineEnd(text, index);
      index = nextLineStart(text, index);
    }
    index = skipBlanks(text, index);
    if (isNewline(text[index]) || index >= text.length) index = skipBlankLines(text, index);
  }
  flushJunk();

  if (!samples.request && !samples.response) {
    report(
      file,
      'bad-sample',
      'Unexpected end of page, expected a sample request (`POST /path HTTP/1.1`)',
      context.toPoint(text.length),
    );
  }
  return samples;
}
