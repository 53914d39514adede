// The part of openapi-typescript's API the tests use (its own declarations pull in TypeScript 5's).
export function openapiTS(schema: object, options?: Record<string, unknown>): Promise<unknown>;
export function astToString(ast: unknown): string;
