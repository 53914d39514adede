/**
 * Merge the pages' models into one: operations in page order, each type once.
 *
 * The same DTO appears on every page that references it (`EndpointInfo` on every endpoint
 * operation). Identical definitions — equal once positions are set aside — are kept once (the
 * first page's); different definitions under one name give one `name-conflict` error naming
 * both places.
 */
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import type { PageModel } from './build.js';
import type { Model, ModelType, Operation, Source } from './model.js';
import { formatTypeRef } from './type-expression.js';

/**
 * A type's definition without positions or name provenance, for comparison: every property
 * that reaches the generated code, as one string.
 */
function shape(type: ModelType): string {
  switch (type.kind) {
    case 'object':
      return [
        'object',
        type.name,
        type.typeParameters.join(','),
        type.base ? formatTypeRef(type.base) : '',
        ...type.fields.map((field) =>
          [
            field.name,
            field.wireName,
            field.typeText,
            formatTypeRef(field.type),
            field.required,
            field.in,
            field.description,
            field.allowableValues?.join('\u0001') ?? '',
          ].join('\u0002'),
        ),
      ].join('\u0003');
    case 'enum':
      return [
        'enum',
        type.name,
        type.valueKind,
        type.flags,
        ...type.members.map((member) =>
          [member.name, member.value ?? '', member.label ?? '', member.description ?? ''].join(
            '\u0002',
          ),
        ),
      ].join('\u0003');
    case 'dictionary':
      return ['dictionary', type.name, formatTypeRef(type.key), formatTypeRef(type.value)].join(
        '\u0003',
      );
  }
}

function where(source: Source | undefined): string {
  return source
    ? `${source.file}:${source.position.start.line}:${source.position.start.column}`
    : 'the config';
}

/** Page models merged one at a time, in input order. */
export interface Merge {
  /** Merge the next page's model; problems are reported on `file`. */
  add(file: VFile, model: PageModel): void;
  /** The model of the pages added so far. */
  result(): Model;
}

/** A new merge, empty. */
export function createMerge(): Merge {
  const operations: Operation[] = [];
  const types: ModelType[] = [];
  const byName = new Map<string, { type: ModelType; shape: string }>();
  const operationNames = new Map<string, Operation>();
  return {
    add(file, model) {
      if (model.operation) {
        const previous = operationNames.get(model.operation.name);
        if (previous) {
          report(
            file,
            'name-conflict',
            `Unexpected second operation \`${model.operation.name}\`, expected each operation once (first at ${where(previous.source)})`,
            model.operation.source.position,
          );
        } else {
          operationNames.set(model.operation.name, model.operation);
          operations.push(model.operation);
        }
      }
      for (const type of model.types) {
        const known = byName.get(type.name);
        const typeShape = shape(type);
        if (!known) {
          byName.set(type.name, { type, shape: typeShape });
          types.push(type);
        } else if (known.shape !== typeShape) {
          const here = 'source' in type ? type.source : undefined;
          const there = 'source' in known.type ? known.type.source : undefined;
          report(
            file,
            'name-conflict',
            `Unexpected second definition of \`${type.name}\` that differs from the first (${where(there)}), expected identical definitions`,
            here?.position,
          );
        }
      }
    },
    result: () => ({ operations, types }),
  };
}
