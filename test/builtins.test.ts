import { describe, expect, it } from 'vitest';
import {
  BUILTIN_TYPE_NAMES,
  builtinType,
  SERVICESTACK_TYPE_NAMES,
  toCamelCase,
  withServiceStackTypes,
} from '../src/model/builtins.js';
import type { Model, ModelType } from '../src/model/model.js';
import { formatTypeRef, parseTypeExpression } from '../src/model/type-expression.js';

describe('toCamelCase (ServiceStack.Text ToCamelCase)', () => {
  const cases: [string, string][] = [
    ['DTMFMethod', 'dtmfMethod'],
    ['LocalIP', 'localIP'],
    ['ID', 'id'],
    ['URL', 'url'],
    ['Id', 'id'],
    ['AccountId', 'accountId'],
    ['UseExternal10DlcCampaign', 'useExternal10DlcCampaign'],
    ['IsEnrolledIn10DlcService', 'isEnrolledIn10DlcService'],
    ['SipUserName', 'sipUserName'],
    ['A', 'a'],
    ['', ''],
    ['already', 'already'],
    ['X10Foo', 'x10Foo'],
    ['HTTPMethod', 'httpMethod'],
    ['IOError', 'ioError'],
    ['_Private', '_Private'],
  ];
  it.each(cases)('%j → %j', (name, want) => {
    expect(toCamelCase(name)).toBe(want);
  });
});

describe('builtinType', () => {
  it('knows DayOfWeek, ResponseStatus, ResponseError and ErrorResponse', () => {
    expect(BUILTIN_TYPE_NAMES).toEqual([
      'DayOfWeek',
      'ResponseStatus',
      'ResponseError',
      'ErrorResponse',
    ]);
    for (const name of BUILTIN_TYPE_NAMES) {
      const type = builtinType(name);
      expect(type?.name).toBe(name);
      expect(type?.nameSource).toBe('builtin');
      expect(type && 'source' in type).toBe(false);
    }
  });

  it('returns nothing for other names, inherited keys included', () => {
    expect(builtinType('Struct')).toBeUndefined();
    expect(builtinType('toString')).toBeUndefined();
    expect(builtinType('__proto__')).toBeUndefined();
  });

  it('reads DayOfWeek as a plain enum of the seven days from Sunday', () => {
    const type = builtinType('DayOfWeek');
    expect(type?.kind).toBe('enum');
    if (type?.kind !== 'enum') return;
    expect(type.valueKind).toBe('none');
    expect(type.flags).toBe(false);
    expect(type.members.map((member) => member.name)).toEqual([
      'Sunday',
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
    ]);
  });

  function fieldsOf(type: ModelType | undefined) {
    if (type?.kind !== 'object') throw new Error('Expected an object type');
    return type.fields.map((field) => ({
      name: field.name,
      wireName: field.wireName,
      type: formatTypeRef(field.type),
      required: field.required,
      in: field.in,
    }));
  }

  it('gives ResponseStatus its five optional body fields', () => {
    expect(fieldsOf(builtinType('ResponseStatus'))).toEqual([
      { name: 'ErrorCode', wireName: 'errorCode', type: 'string', required: false, in: 'body' },
      { name: 'Message', wireName: 'message', type: 'string', required: false, in: 'body' },
      { name: 'StackTrace', wireName: 'stackTrace', type: 'string', required: false, in: 'body' },
      {
        name: 'Errors',
        wireName: 'errors',
        type: 'List<ResponseError>',
        required: false,
        in: 'body',
      },
      {
        name: 'Meta',
        wireName: 'meta',
        type: 'Dictionary<string, string>',
        required: false,
        in: 'body',
      },
    ]);
  });

  it('gives ResponseError its four optional body fields', () => {
    expect(fieldsOf(builtinType('ResponseError')).map((field) => field.wireName)).toEqual([
      'errorCode',
      'fieldName',
      'message',
      'meta',
    ]);
  });

  it('gives ErrorResponse its optional responseStatus, as ServiceStack sends errors', () => {
    expect(fieldsOf(builtinType('ErrorResponse'))).toEqual([
      {
        name: 'ResponseStatus',
        wireName: 'responseStatus',
        type: 'ResponseStatus',
        required: false,
        in: 'body',
      },
    ]);
  });

  it('writes typeText that parses to the field type, with descriptions and a source', () => {
    for (const name of ['ResponseStatus', 'ResponseError', 'ErrorResponse']) {
      const type = builtinType(name);
      if (type?.kind !== 'object') throw new Error('Expected an object type');
      for (const field of type.fields) {
        expect(parseTypeExpression(field.typeText)).toEqual({ ok: true, type: field.type });
        expect(field.description).not.toBe('');
        expect(field.source.file).toBe('<builtin>');
      }
    }
  });

  it('returns a fresh copy each time', () => {
    const first = builtinType('ResponseStatus');
    if (first?.kind !== 'object') throw new Error('Expected an object type');
    first.fields.pop();
    const second = builtinType('ResponseStatus');
    expect(second?.kind === 'object' && second.fields.length).toBe(5);
  });

  it('is plain JSON', () => {
    for (const name of BUILTIN_TYPE_NAMES) {
      const type = builtinType(name);
      expect(JSON.parse(JSON.stringify(type))).toEqual(type);
    }
  });
});

describe('withServiceStackTypes', () => {
  const empty: Model = { operations: [], types: [] };

  it('appends ResponseStatus, ResponseError and ErrorResponse after the model’s own types', () => {
    const own = builtinType('DayOfWeek')!;
    const model = withServiceStackTypes({ operations: [], types: [own] });
    expect(model.types.map((type) => type.name)).toEqual(['DayOfWeek', ...SERVICESTACK_TYPE_NAMES]);
    expect(model.types.slice(1).every((type) => type.nameSource === 'builtin')).toBe(true);
  });

  it('keeps a type of the model that has one of the names (a page’s own table wins)', () => {
    const own: ModelType = {
      kind: 'object',
      name: 'ResponseStatus',
      nameSource: 'heading',
      typeParameters: [],
      fields: [],
    };
    const model = withServiceStackTypes({ operations: [], types: [own] });
    expect(model.types.map((type) => type.name)).toEqual([
      'ResponseStatus',
      'ResponseError',
      'ErrorResponse',
    ]);
    expect(model.types[0]).toBe(own);
  });

  it('returns the model itself when nothing is missing, and never changes its argument', () => {
    const full = withServiceStackTypes(empty);
    expect(empty.types).toEqual([]);
    expect(withServiceStackTypes(full)).toBe(full);
  });
});
