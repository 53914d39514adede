// openapi-typescript, resolved from this folder (where TypeScript 5 is installed for it).
export { default as openapiTS, astToString } from 'openapi-typescript';
