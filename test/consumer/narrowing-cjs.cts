// The same package through its `require` condition (CommonJS types). vitest is ESM-only, so the
// checks here are plain type equalities.
import dtos = require('evo-voice-dtos');

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectEqual = <A, B>(proof: Equal<A, B>): Equal<A, B> => proof;

declare const body: unknown;
if (dtos.isEndpointInfo(body)) expectEqual<typeof body, dtos.EndpointInfo>(true);
expectEqual<typeof dtos.AudioCodecTypesValues.PCMU, 0>(true);
// @ts-expect-error: the values map is exact.
expectEqual<typeof dtos.AudioCodecTypesValues.PCMU, 1>(true);
