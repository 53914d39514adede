/**
 * Stage 2: infer the named, typed {@link Model} from the pages' blocks.
 */
import type { VFile } from 'vfile';
import type { DtoforgeConfig } from '../config/config.js';
import type { PageBlocks } from '../parse/blocks.js';
import { createContext } from './facts.js';
import { inferPage } from './infer.js';
import { createMerge } from './merge.js';
import type { Model } from './model.js';

export type * from './model.js';
export { isFlags } from './enums.js';
export { baseChain, type BaseChain, type BaseLink } from './bases.js';
export { typeParameterNames } from './generics.js';
export {
  isParameterKind,
  PARAMETER_KINDS,
  PARAMETER_KINDS_TEXT,
  type ParameterKind,
} from './parameters.js';
export { enumWireKind, enumWireValue, enumWireValues, type EnumWireKind } from './enums.js';

/** One page read by the parse stage, with the vfile its diagnostics go to. */
export interface ReadPage {
  page: PageBlocks;
  file: VFile;
}

/** Options of a model build. */
export interface BuildOptions {
  /** Collect a text account of each page's best readings in `explanations`. */
  explain?: boolean;
  explanations?: string[];
}

/**
 * A model built one page at a time: each page is inferred as it is added, so that its blocks
 * can go before the next page is read (a run never holds every page's blocks at once).
 */
export interface ModelBuilder {
  /** Infer one page and merge it (pages in input order). */
  add(page: ReadPage): void;
  /** The model of the pages added. */
  finish(): Model;
}

/**
 * Start a model build.
 *
 * @param config
 *   The resolved config (names the pages cannot carry).
 * @param options
 *   `explain`: collect a text account of each page's best readings in `explanations`.
 */
export function createModelBuilder(
  config: DtoforgeConfig,
  options: BuildOptions = {},
): ModelBuilder {
  const context = createContext();
  const merge = createMerge();
  return {
    add({ page, file }) {
      const { explanation, ...model } = inferPage(file, page, config, {
        explain: options.explain === true,
        context,
      });
      if (explanation !== undefined) options.explanations?.push(explanation);
      merge.add(file, model);
    },
    finish: () => merge.result(),
  };
}

/**
 * Build one model from several pages: name every block, parse every type, merge the pages.
 * Problems are reported on the pages' vfiles; this never throws for bad input.
 *
 * @param pages
 *   The pages in input order.
 * @param config
 *   The resolved config (names the pages cannot carry).
 * @param options
 *   `explain`: collect a text account of each page's best readings in `explanations`.
 */
export function buildModel(
  pages: readonly ReadPage[],
  config: DtoforgeConfig,
  options: BuildOptions = {},
): Model {
  const builder = createModelBuilder(config, options);
  for (const page of pages) builder.add(page);
  return builder.finish();
}
