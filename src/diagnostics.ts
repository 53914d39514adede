/**
 * Every diagnostic dtoforge can report, in one catalogue (as quicktype's `Messages.ts`).
 *
 * Diagnostics are vfile messages: `file.message(reason, { place, ruleId, source })`, printed with
 * vfile-reporter. Reasons read "Unexpected X, expected Y" where that fits. Stages never `throw`
 * for a user's bad input: they call {@link report} and go on.
 */
import type { VFile } from 'vfile';
import type { Point, Position } from './model/model.js';
import { PARAMETER_KINDS_TEXT } from './model/parameters.js';

/** The `source` of every message (vfile-reporter prints it after the rule id). */
export const SOURCE = 'dtoforge';

export type Severity = 'error' | 'warning' | 'info';

interface RuleInfo {
  severity: Severity;
  /** What the rule checks, for documentation (README lists these). */
  summary: string;
}

/** The catalogue: rule id → severity and summary. Add new rules here, nowhere else. */
export const RULES = {
  // Reading pages (src/parse).
  'unreadable-file': { severity: 'error', summary: 'A page could not be read from disk.' },
  'page-too-large': {
    severity: 'error',
    summary: 'A page is larger than `maxPageBytes` (default 4 MiB); it is not read.',
  },
  'bad-encoding': {
    severity: 'error',
    summary:
      'A page is not text (NUL bytes: a binary file, or UTF-16 without a byte-order mark); it is not read.',
  },
  'page-encoding': {
    severity: 'warning',
    summary:
      'A page is UTF-16 (byte-order mark) or has bytes that are not UTF-8; it is read as such.',
  },
  'empty-page': { severity: 'error', summary: 'A page holds no table, enum or sample.' },
  'malformed-row': {
    severity: 'error',
    summary: 'A table row has the wrong number of cells or an unknown cell value.',
  },
  'unexpected-line': {
    severity: 'warning',
    summary: 'A line that belongs to no known page layout was skipped.',
  },
  'empty-table': { severity: 'error', summary: 'A table header is followed by no rows.' },
  'bad-parameter': {
    severity: 'error',
    summary: `The Parameter cell is not ${PARAMETER_KINDS_TEXT}.`,
  },
  'bad-required': { severity: 'error', summary: 'The Required cell is not Yes or No.' },
  'bad-enum-value': {
    severity: 'error',
    summary: 'An enum Value cell is empty or mixes integers and strings.',
  },
  'duplicate-field': { severity: 'error', summary: 'A DTO table names the same field twice.' },
  'duplicate-member': { severity: 'error', summary: 'An enum names the same member twice.' },
  'bad-identifier': {
    severity: 'error',
    summary: 'A type, field or member name is not an identifier.',
  },
  'truncated-page': {
    severity: 'error',
    summary: 'The page ends in the middle of a table, row or sample.',
  },
  'bad-sample': { severity: 'warning', summary: 'A sample request or response could not be read.' },
  // Type expressions (src/model/type-expression.ts).
  'malformed-type': {
    severity: 'error',
    summary: 'A Data Type cell is not a valid type expression (unbalanced <>, stray comma …).',
  },
  'unknown-type': {
    severity: 'warning',
    summary:
      'A Data Type names a type with no table, config entry or built-in: typed from its samples, or as unknown.',
  },
  // Naming and binding (src/model/infer.ts and its steps).
  'guessed-name': {
    severity: 'warning',
    summary: 'A table had to be given a derived name; configure it to silence this.',
  },
  'ambiguous-binding': {
    severity: 'warning',
    summary:
      'Two readings of the page are close; the message names both and the config entry that settles it.',
  },
  'request-not-object': {
    severity: 'warning',
    summary:
      'The request is read as an enum or a dictionary, not a DTO: the clients and openapi.json leave the operation out.',
  },
  'unbound-block': {
    severity: 'error',
    summary: 'A table or enum list is referenced by no type on the page.',
  },
  'missing-block': {
    severity: 'error',
    summary: 'A type referenced on the page has no table where one was expected.',
  },
  'sample-mismatch': {
    severity: 'warning',
    summary: 'A sample body disagrees with the table bound to it.',
  },
  'name-conflict': {
    severity: 'error',
    summary: 'Two pages define the same type name differently.',
  },
  'renamed-identifier': {
    severity: 'warning',
    summary: 'A name that is not safe in TypeScript was renamed in the output.',
  },
  // Config (src/config).
  'bad-config': {
    severity: 'error',
    summary:
      'The config file is not valid JSON or breaks config.schema.json (unknown key, wrong type).',
  },
  'missing-input': {
    severity: 'error',
    summary: 'An input file, folder or glob (config or command line) matches no page.',
  },
  'config-name-unused': {
    severity: 'warning',
    summary: 'A name in the config matched nothing on the pages.',
  },
  // Emit (src/emit).
  'sample-invalid': {
    severity: 'error',
    summary: 'A sample body on the page does not validate against the generated type.',
  },
  // Validate (dtoforge validate).
  'invalid-document': {
    severity: 'error',
    summary: 'A JSON document given to `dtoforge validate` is not JSON or does not match the type.',
  },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

/** A place for a message: a point or a span (unist). */
export type Place = Point | Position;

/**
 * Report a diagnostic on a page.
 *
 * @param file
 *   The page's vfile.
 * @param ruleId
 *   A rule from {@link RULES}; its severity decides `fatal` (error: `true`, warning: `false`,
 *   info: `undefined`).
 * @param reason
 *   The message, phrased "Unexpected X, expected Y" where that fits.
 * @param place
 *   Where (optional for whole-file problems).
 */
export function report(file: VFile, ruleId: RuleId, reason: string, place?: Place): void {
  const message = file.message(reason, {
    ruleId,
    source: SOURCE,
    ...(place ? { place } : {}),
  });
  const severity: Severity = RULES[ruleId].severity;
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined;
}

/** True when any message on any file is an error. */
export function hasErrors(files: readonly VFile[]): boolean {
  return files.some((file) => file.messages.some((message) => message.fatal === true));
}

/** Counts of messages by severity across files. */
export function countMessages(files: readonly VFile[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    for (const message of file.messages) {
      if (message.fatal === true) errors++;
      else if (message.fatal === false) warnings++;
    }
  }
  return { errors, warnings };
}
