/**
 * Check that the names the config gives are used: a `types`, `bases` or `operations` entry that
 * matches nothing on the pages is most likely a typo, and silently does nothing.
 */
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import type { JsonDocument } from '../json-document.js';
import type { Model } from '../model/model.js';
import type { DtoforgeConfig } from './config.js';

/**
 * Report a `config-name-unused` warning on the config file for every name it gives that the
 * model does not have.
 *
 * @param model
 *   The merged model.
 * @param config
 *   The resolved config.
 * @param file
 *   The config file's vfile (messages go there).
 * @param document
 *   The config document with positions (optional).
 */
export function checkConfigNames(
  model: Model,
  config: DtoforgeConfig,
  file: VFile,
  document?: JsonDocument,
): void {
  const types = new Set(model.types.map((type) => type.name));
  const operations = new Set(model.operations.map((operation) => operation.name));
  const pages = new Set(
    model.operations.map((operation) =>
      operation.source.file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, ''),
    ),
  );
  const unused = (path: string[], what: string): void =>
    report(
      file,
      'config-name-unused',
      `Unexpected ${what}, expected a name the pages use`,
      document?.place(path, { key: true }),
    );
  for (const name of Object.keys(config.types)) {
    if (!types.has(name)) unused(['types', name], `type alias "${name}" that no page references`);
  }
  for (const name of Object.keys(config.bases)) {
    if (!types.has(name))
      unused(['bases', name], `base class entry for "${name}", a type no page has`);
  }
  for (const key of Object.keys(config.operations)) {
    if (!operations.has(key) && !pages.has(key)) {
      unused(['operations', key], `operation "${key}" that matches no page and no operation`);
    }
  }
}
