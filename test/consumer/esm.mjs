// Uses the installed package from an ES module: `node esm.mjs` prints `ok`.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
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
// Note: ajv and @servicestack/client are not installed here; they resolve from dtoforge's own
// node_modules above.
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
// Calling the API: the fetch client and @servicestack/client against a loopback server.
const { ApiError, createClient, ResponseValidationError } = await import('evo-voice-dtos/client');
const { BuyPhoneNumber } = await import('evo-voice-dtos/servicestack');
const { JsonServiceClient } = await import('@servicestack/client');
const openapi = (await import('evo-voice-dtos/openapi.json', { with: { type: 'json' } })).default;
assert.equal(openapi.openapi, '3.1.0');
assert.equal(openapi.paths['/endpoints/phone-numbers'].post.operationId, 'BuyPhoneNumber');

const calls = [];
let reply = { status: 200, body: sample };
const server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    calls.push(`${request.method} ${request.url} ${body}`);
    response.writeHead(reply.status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(reply.body));
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${server.address().port}`;
try {
  const api = createClient({ baseUrl });
  assert.deepEqual(await api.BuyPhoneNumber({ number: '+1555' }), sample);
  reply = { status: 200, body: { id: 1 } };
  await assert.rejects(api.BuyPhoneNumber({}), ResponseValidationError);
  const error = { responseStatus: { errorCode: 'NotEmpty', message: 'No', errors: [] } };
  reply = { status: 400, body: error };
  await assert.rejects(
    api.BuyPhoneNumber({}),
    (e) => e instanceof ApiError && e.errorCode === 'NotEmpty',
  );
  reply = { status: 200, body: sample };
  const result = await new JsonServiceClient(baseUrl).api(new BuyPhoneNumber({ number: '+1555' }));
  assert.deepEqual(result.response, sample);
  assert.deepEqual(calls, [
    'POST /endpoints/phone-numbers {"number":"+1555"}',
    'POST /endpoints/phone-numbers {}',
    'POST /endpoints/phone-numbers {}',
    'POST /api/BuyPhoneNumber {"number":"+1555"}',
  ]);
} finally {
  server.close();
}
console.log('ok');
