/**
 * Infer one page's operation and types, as a pipeline a reader can follow:
 *
 * 1. facts (src/model/facts.ts): what the page and the config say, computed once;
 * 2. hypotheses (src/model/hypotheses.ts): every reading ServiceStack's page order allows,
 *    searched with a beam;
 * 3. evidence (src/model/evidence.ts): each reading's terms and score;
 * 4. choose (here): the best reading; a close runner-up that reads the page differently is an
 *    `ambiguous-binding` warning naming both readings and the config entry that settles it;
 * 5. build (src/model/build.ts): the types and the operation from the chosen reading.
 */
import type { VFile } from 'vfile';
import type { DtoforgeConfig } from '../config/config.js';
import { report } from '../diagnostics.js';
import type { PageBlocks } from '../parse/blocks.js';
import { buildPage, type Finding, type PageModel } from './build.js';
import { lead } from './evidence.js';
import { readFacts, type InferContext, type PageFacts } from './facts.js';
import {
  isTaken,
  quickReading,
  searchHypotheses,
  takenTables,
  toArray,
  type Decision,
  type State,
} from './hypotheses.js';

export type { PageModel } from './build.js';

/**
 * A runner-up within this many points of the best reading, and reading a table differently,
 * makes the binding ambiguous (a warning).
 */
export const AMBIGUITY_MARGIN = 3;

/** How many readings `inspect --explain` shows per page. */
const EXPLAINED = 3;

export interface InferOptions {
  /** Keep a text explanation of the best readings (`dtoforge inspect --explain`). */
  explain?: boolean;
  /** What the pages of one run share (parsed Data Types). */
  context?: InferContext;
}

/**
 * What a reading says each table is: `index:name` for every table (names after renames), plus
 * the types read as collection subclasses.
 */
export function signature(state: State): string {
  const renames = new Map<string, string>();
  for (const binding of state.bound.values())
    if (binding.kind === 'same') renames.set(binding.as, binding.name);
  const parts: string[] = [];
  for (const [index, owner] of takenTables(state)) {
    parts.push(`${index}:${renames.get(owner) ?? owner}`);
  }
  for (const binding of state.bound.values())
    if (binding.kind === 'alias') parts.push(`${binding.name}=alias`);
  return parts.join(' ');
}

/** The first decision of `best` that `other` made differently. */
function firstDifference(
  best: State,
  other: State,
): { mine: Decision; theirs?: Decision } | undefined {
  const theirs = toArray(other.decisions)
    .reverse()
    .map((d) => d());
  const byPoint = new Map(theirs.map((d) => [d.point, d]));
  for (const decision of toArray(best.decisions)
    .reverse()
    .map((d) => d())) {
    const alternative = byPoint.get(decision.point);
    if (!alternative) return { mine: decision };
    if (alternative.choice !== decision.choice) return { mine: decision, theirs: alternative };
  }
  return undefined;
}

/**
 * The best reading and the best one that binds the tables differently (the runner-up, whatever
 * its score), for tests and `--explain`.
 */
export function rank(states: readonly State[]): { best?: State; runnerUp?: State } {
  const best = states[0];
  if (!best) return {};
  if (states.length === 1) return { best };
  const mine = signature(best);
  const runnerUp = states.find((state) => state !== best && signature(state) !== mine);
  return runnerUp ? { best, runnerUp } : { best };
}

/** The best reading and, when one reads the page differently within the margin, the runner-up. */
function choose(states: readonly State[]): { best?: State; runnerUp?: State } {
  const { best, runnerUp } = rank(states);
  if (!best) return {};
  return runnerUp && lead(best.score, runnerUp.score) < AMBIGUITY_MARGIN
    ? { best, runnerUp }
    : { best };
}

function formatScore(score: number): string {
  return score.toFixed(2).replace(/\.?0+$/, '');
}

/** A text account of the best readings: decisions, then the terms by weight. */
export function explain(facts: PageFacts, states: readonly State[]): string {
  const lines: string[] = [
    `${facts.page.file}: ${states.length} reading${states.length === 1 ? '' : 's'} finished`,
  ];
  states.slice(0, EXPLAINED).forEach((state, rank) => {
    lines.push('', `#${rank + 1}  score ${formatScore(state.score)}`);
    for (const [index, owner] of takenTables(state)) {
      const table = facts.tables[index];
      if (table) lines.push(`  line ${table.position.start.line}: ${owner} (${table.kind})`);
    }
    for (const index of facts.tables.keys()) {
      if (!isTaken(state, index))
        lines.push(`  line ${facts.tables[index]?.position.start.line ?? '?'}: unbound`);
    }
    lines.push('  decisions:');
    for (const decision of toArray(state.decisions)
      .reverse()
      .map((d) => d()))
      lines.push(`    ${decision.point}: ${decision.choice}`);
    lines.push('  terms:');
    const terms = toArray(state.terms).sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
    for (const t of terms)
      lines.push(
        `    ${t.weight >= 0 ? '+' : ''}${formatScore(t.weight)}  ${t.rule}: ${t.reason()}`,
      );
  });
  return lines.join('\n');
}

/**
 * Infer one page's operation and types.
 *
 * @param file
 *   The page's vfile (diagnostics go there).
 * @param page
 *   The page's blocks from the parse stage.
 * @param config
 *   The resolved config (names the page cannot carry).
 * @param options
 *   `explain`: also return a text account of the best readings.
 */
export function inferPage(
  file: VFile,
  page: PageBlocks,
  config: DtoforgeConfig,
  options: InferOptions = {},
): PageModel & { explanation?: string } {
  const facts = readFacts(file, page, config, options.context);
  if (
    page.blocks.length === 0 &&
    !page.samples.request &&
    !page.samples.response &&
    page.header.routes.length === 0
  ) {
    report(
      file,
      'empty-page',
      'Unexpected page with no table, enum or sample, expected a ServiceStack metadata page',
    );
    return { types: [] };
  }
  if (facts.names.guessedRequest) {
    report(
      file,
      'guessed-name',
      `Unexpected page with no request name (no config entry, no \`/json/reply/X\` sample path, file name not a type name), named it \`${facts.names.request}\` from its route; expected a config entry \`"operations": { "${stemOf(page.file)}": { "request": "…" } }\``,
      page.header.routes[0]?.position ?? page.blocks[0]?.position,
    );
  }
  // A page the quick reading is sure of needs no search (never with --explain, which shows
  // the readings compared).
  const quick = options.explain ? undefined : quickReading(facts);
  const states = quick ? [quick] : searchHypotheses(facts, { keepTerms: options.explain === true });
  const { best, runnerUp } = choose(states);
  if (!best) return { types: [] };
  const built = buildPage(facts, best);
  const findings: Finding[] = [...built.findings];
  const operation = built.operation;
  const request = operation && built.types.find((type) => type.name === operation.request);
  if (operation && request && request.kind !== 'object') {
    // ServiceStack's requests are DTO classes: a request read as an enum or a dictionary is a
    // misread page, and no client can send it.
    findings.push({
      rule: 'request-not-object',
      reason: `Unexpected request \`${operation.request}\` read as ${request.kind === 'enum' ? 'an enum' : `a ${request.kind}`}, expected a request DTO (its table, or none); the clients and openapi.json leave the operation out`,
      place: request.source?.position ?? operation.source.position,
    });
  }
  if (runnerUp) {
    const difference = firstDifference(best, runnerUp);
    if (difference) {
      const { mine, theirs } = difference;
      findings.push({
        rule: 'ambiguous-binding',
        reason: `Unexpected close readings of ${mine.point}: ${mine.choice} (score ${formatScore(best.score)})${theirs ? ` or ${theirs.choice}` : ' or another reading'} (score ${formatScore(runnerUp.score)}); took the first, expected a config entry such as ${theirs?.settle ?? mine.settle} to settle it`,
        place: mine.place,
      });
    }
  }
  // In page order, as a reader goes through the page.
  findings.sort(
    (a, b) =>
      (a.place?.start.line ?? 0) - (b.place?.start.line ?? 0) ||
      (a.place?.start.column ?? 0) - (b.place?.start.column ?? 0),
  );
  for (const finding of findings) report(file, finding.rule, finding.reason, finding.place);
  const model: PageModel = built.operation
    ? { operation: built.operation, types: built.types }
    : { types: built.types };
  return options.explain ? { ...model, explanation: explain(facts, states) } : model;
}

function stemOf(path: string): string {
  return (path.split(/[\\/]/).pop() ?? path).replace(/\.[^.]*$/, '');
}
