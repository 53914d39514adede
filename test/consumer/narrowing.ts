// Type-checked with `tsc -p` in a consumer folder where the packed package is installed
// (NodeNext, ESM): the guards narrow, the enums carry the wire values.
import { expectTypeOf } from 'vitest';
import {
  AudioCodecTypes,
  AudioCodecTypesByValue,
  AudioCodecTypesValues,
  assertEntityInfo,
  isEndpointInfo,
  validateEndpointInfo,
  type EndpointInfo,
  type EntityInfo,
  type QueryResponse,
  type Struct,
  type Value,
} from 'evo-voice-dtos';

declare const body: unknown;

if (isEndpointInfo(body)) {
  expectTypeOf(body).toEqualTypeOf<EndpointInfo>();
  expectTypeOf(body.id).toEqualTypeOf<string>();
  expectTypeOf(body.audioCodecs).toEqualTypeOf<AudioCodecTypes[] | undefined>();
  expectTypeOf(body).toExtend<EntityInfo>();
} else {
  expectTypeOf(body).toEqualTypeOf<unknown>();
}

const result = validateEndpointInfo(body);
if (result.success) expectTypeOf(result.value).toEqualTypeOf<EndpointInfo>();

const other: unknown = {};
assertEntityInfo(other);
expectTypeOf(other).toEqualTypeOf<EntityInfo>();

expectTypeOf(AudioCodecTypesValues.NONE).toEqualTypeOf<-1>();
expectTypeOf(AudioCodecTypesByValue[0]).toEqualTypeOf<AudioCodecTypes | undefined>();
expectTypeOf<`${AudioCodecTypes.PCMU}`>().toEqualTypeOf<'PCMU'>();

expectTypeOf<Value['numberValue']>().toEqualTypeOf<number | null | undefined>();
expectTypeOf<Struct[string]>().toEqualTypeOf<Value>();
expectTypeOf<QueryResponse<EndpointInfo>['results']>().toEqualTypeOf<EndpointInfo[] | undefined>();

// @ts-expect-error: `id` is required on EntityInfo.
const missing: EntityInfo = {};
// @ts-expect-error: Required No is optional, not nullable (exactOptionalPropertyTypes).
const nulled: EntityInfo = { id: 'x', dateCreated: null };
void missing;
void nulled;
