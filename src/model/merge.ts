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
import type { Field, Model, ModelType, Operation, Source, TypeRef } from './model.js';
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

/** A type merged, and its shape once a type of the same name needed it. */
interface Known {
  type: ModelType;
  shape?: string;
}

function shapeOf(known: Known): string {
  known.shape ??= shape(known.type);
  return known.shape;
}

/**
 * Whether two types have equal definitions property by property: then their shapes are equal
 * too. (Most pages repeat the types they share, so this spares building their shapes; types
 * that differ here are compared by shape.)
 */
function sameType(a: ModelType, b: ModelType): boolean {
  if (a.kind === 'object' && b.kind === 'object') {
    return (
      a.name === b.name &&
      sameList(a.typeParameters, b.typeParameters) &&
      (a.base === undefined
        ? b.base === undefined
        : b.base !== undefined && sameRef(a.base, b.base)) &&
      a.fields.length === b.fields.length &&
      a.fields.every((field, index) => sameField(field, b.fields[index]!))
    );
  }
  if (a.kind === 'enum' && b.kind === 'enum') {
    return (
      a.name === b.name &&
      a.valueKind === b.valueKind &&
      a.flags === b.flags &&
      a.members.length === b.members.length &&
      a.members.every((member, index) => {
        const other = b.members[index]!;
        return (
          member.name === other.name &&
          member.value === other.value &&
          member.label === other.label &&
          member.description === other.description
        );
      })
    );
  }
  if (a.kind === 'dictionary' && b.kind === 'dictionary') {
    return a.name === b.name && sameRef(a.key, b.key) && sameRef(a.value, b.value);
  }
  return false;
}

function sameField(a: Field, b: Field): boolean {
  return (
    a.name === b.name &&
    a.wireName === b.wireName &&
    a.typeText === b.typeText &&
    a.required === b.required &&
    a.in === b.in &&
    a.description === b.description &&
    (a.allowableValues === undefined
      ? b.allowableValues === undefined
      : b.allowableValues !== undefined && sameList(a.allowableValues, b.allowableValues)) &&
    sameRef(a.type, b.type)
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/** Whether two type expressions are the same tree. */
function sameRef(a: TypeRef, b: TypeRef): boolean {
  if (a === b) return true;
  switch (a.kind) {
    case 'primitive':
    case 'typeParameter':
      return b.kind === a.kind && b.name === a.name;
    case 'literals':
      return b.kind === 'literals' && sameList(a.values, b.values);
    case 'nullable':
      return b.kind === 'nullable' && sameRef(a.type, b.type);
    case 'list':
      return b.kind === 'list' && sameRef(a.items, b.items);
    case 'dictionary':
    case 'keyValuePair':
      return b.kind === a.kind && sameRef(a.key, b.key) && sameRef(a.value, b.value);
    case 'ref':
      return (
        b.kind === 'ref' &&
        b.name === a.name &&
        b.args.length === a.args.length &&
        a.args.every((arg, index) => sameRef(arg, b.args[index]!))
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
  const byName = new Map<string, Known>();
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
        if (!known) {
          byName.set(type.name, { type });
          types.push(type);
        } else if (!sameType(known.type, type) && shapeOf(known) !== shape(type)) {
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
