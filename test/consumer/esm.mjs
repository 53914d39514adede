// Uses the installed package from an ES module: `node esm.mjs` prints `ok`.
import assert from 'node:assert/strict';
import {
  AudioCodecTypes,
  AudioCodecTypesByValue,
  AudioCodecTypesValues,
  EndpointInfoSchema,
  isEndpointInfo,
  jsonSchemaFor,
  schemas,
  validateEndpointInfo,
} from 'evo-voice-dtos';
import schemasJson from 'evo-voice-dtos/schemas.json' with { type: 'json' };
// Note: ajv is not installed here; it resolves from dtoforge's own node_modules above.
import { Ajv2020 } from 'ajv/dist/2020.js';

const sample = { id: 'String', audioCodecs: ['PCMU', 'NONE'], permissions: 3 };
assert.equal(isEndpointInfo(sample), true);
assert.equal(isEndpointInfo({ id: 1 }), false);
assert.equal(isEndpointInfo({ id: 'x', audioCodecs: [0] }), false);

const result = validateEndpointInfo({ id: 1 });
assert.equal(result.success, false);
assert.deepEqual(
  result.issues.map((issue) => issue.path),
  [['id']],
);

const standard = await EndpointInfoSchema['~standard'].validate(sample);
assert.equal(standard.issues, undefined);
assert.equal(EndpointInfoSchema['~standard'].version, 1);

assert.equal(AudioCodecTypes.PCMU, 'PCMU');
assert.equal(AudioCodecTypesValues.NONE, -1);
assert.equal(AudioCodecTypesByValue[-1], AudioCodecTypes.NONE);
assert.equal(AudioCodecTypesByValue[121], 'G7221');
assert.ok(schemas.$defs.EndpointInfo);
assert.deepEqual(schemasJson.$defs, schemas.$defs);

// The README's recipe: the JSON Schema gives the guards' verdict.
const validate = new Ajv2020().compile(jsonSchemaFor(schemas, 'EndpointInfo'));
for (const value of [
  sample,
  { id: 1 },
  { id: 'x', audioCodecs: [0] },
  { id: 'x', permissions: 8 },
]) {
  assert.equal(validate(value), isEndpointInfo(value), JSON.stringify(value));
}
console.log('ok');
