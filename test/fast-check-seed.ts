/**
 * Vitest setup (every test file): fast-check properties run with the fixed seed of
 * test/fuzz/scale.ts (`DTOFORGE_FUZZ_SEED` picks another), so `npm test` tries the same inputs
 * every time and a failure replays. A property may still set its own seed.
 */
import fc from 'fast-check';
import { FUZZ_SEED } from './fuzz/scale.js';

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: FUZZ_SEED });
