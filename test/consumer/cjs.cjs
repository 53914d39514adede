// Uses the installed package from CommonJS: `node cjs.cjs` prints `ok`.
const assert = require('node:assert/strict');
const dtos = require('evo-voice-dtos');
const schemasJson = require('evo-voice-dtos/schemas.json');

const sample = { id: 'String', audioCodecs: ['PCMU', 'NONE'], permissions: 3 };
assert.equal(dtos.isEndpointInfo(sample), true);
assert.equal(dtos.isEndpointInfo({ id: 'x', audioCodecs: ['PCMX'] }), false);
assert.equal(dtos.validateEndpointInfo(sample).success, true);
assert.throws(() => dtos.assertEndpointInfo({}));
assert.equal(dtos.AudioCodecTypes.OPUS, 'OPUS');
assert.equal(dtos.AudioCodecTypesValues.OPUS, 105);
assert.equal(dtos.EndpointPermissions.Write, 2);
assert.equal(dtos.TagColors.Red, 'red-ish');
assert.deepEqual(schemasJson.$defs, dtos.schemas.$defs);
console.log('ok');
