// Type-checked with `tsc -p` in the consumer folder (NodeNext, ESM, strict): the three ways to
// call the API are typed end to end, with no hand-written adapter.
import { JsonServiceClient, type ApiResult } from '@servicestack/client';
import { expectTypeOf } from 'vitest';
import {
  operations,
  type BuyPhoneNumber as WireBuyPhoneNumber,
  type EndpointInfo,
  type ErrorResponse,
  type OperationName,
  type OperationTypes,
  type ResponseError,
  type ResponseStatus,
  type ValidationIssue,
} from 'evo-voice-dtos';
import {
  ApiError,
  createClient,
  httpRequestOf,
  ResponseValidationError,
  type HttpRequest,
} from 'evo-voice-dtos/client';
import { BuyPhoneNumber } from 'evo-voice-dtos/servicestack';

// @servicestack/client takes the request classes as they are, and types the response.
const client = new JsonServiceClient('https://api.example.com');
const request = new BuyPhoneNumber({ number: '+15551234567' });
expectTypeOf(client.api(request)).toEqualTypeOf<Promise<ApiResult<EndpointInfo>>>();
expectTypeOf(client.send(request)).toEqualTypeOf<Promise<EndpointInfo>>();
expectTypeOf(client.post(request)).toEqualTypeOf<Promise<EndpointInfo>>();
expectTypeOf(request.getTypeName()).toEqualTypeOf<'BuyPhoneNumber'>();
expectTypeOf(request.getMethod()).toEqualTypeOf<'POST'>();
expectTypeOf(request).toExtend<WireBuyPhoneNumber>();
expectTypeOf(request.number).toEqualTypeOf<string | undefined>();
// @ts-expect-error: a field keeps its wire type.
void new BuyPhoneNumber({ number: 15551234567 });
// @ts-expect-error: a plain object is no request class (no getTypeName()).
void client.api({ number: '+15551234567' } satisfies WireBuyPhoneNumber);

// The fetch client: one typed method per operation.
const api = createClient({ baseUrl: 'https://api.example.com', fetch: globalThis.fetch });
expectTypeOf(api.BuyPhoneNumber).parameter(0).toEqualTypeOf<WireBuyPhoneNumber | undefined>();
expectTypeOf(api.BuyPhoneNumber({ number: '+15551234567' })).toEqualTypeOf<Promise<EndpointInfo>>();
// @ts-expect-error: a field the request does not have.
void api.BuyPhoneNumber({ numbr: '+15551234567' });
declare const failure: unknown;
if (failure instanceof ApiError) {
  expectTypeOf(failure.responseStatus).toEqualTypeOf<ResponseStatus>();
  expectTypeOf(failure.errors).toEqualTypeOf<ResponseError[]>();
  expectTypeOf(failure.status).toEqualTypeOf<number>();
}
if (failure instanceof ResponseValidationError) {
  expectTypeOf(failure.issues).toEqualTypeOf<ValidationIssue[]>();
}
expectTypeOf(httpRequestOf(operations.BuyPhoneNumber, request)).toEqualTypeOf<HttpRequest>();

// The operations, as the page gives them.
expectTypeOf(operations.BuyPhoneNumber.method).toEqualTypeOf<'POST'>();
expectTypeOf(operations.BuyPhoneNumber.routes[0].path).toEqualTypeOf<'/endpoints/phone-numbers'>();
expectTypeOf<OperationName>().toEqualTypeOf<'BuyPhoneNumber'>();
expectTypeOf<OperationTypes['BuyPhoneNumber']>().toEqualTypeOf<{
  request: WireBuyPhoneNumber;
  response: EndpointInfo;
}>();
expectTypeOf<ErrorResponse['responseStatus']>().toEqualTypeOf<ResponseStatus | undefined>();
