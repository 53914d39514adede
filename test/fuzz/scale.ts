/**
 * How hard the fuzz tests try, and with which seed.
 *
 * - `DTOFORGE_FUZZ_SCALE` (default 1) multiplies every run count.
 * - `DTOFORGE_FUZZ_SEED` (default {@link DEFAULT_SEED}) is fast-check's seed: `npm test` always
 *   tries the same inputs, so a failure replays; another seed tries other inputs. A failure
 *   prints its seed and shrunk counterexample (fast-check's report).
 */

/** The seed `npm test` uses unless `DTOFORGE_FUZZ_SEED` says otherwise. */
export const DEFAULT_SEED = 20_261_130;

/** The scale factor (≥ 1 in practice; fractions are allowed for quick local runs). */
export const SCALE = ((): number => {
  const raw = Number(process.env.DTOFORGE_FUZZ_SCALE ?? '1');
  return Number.isFinite(raw) && raw > 0 ? raw : 1;
})();

/** fast-check's seed for every fuzz property. */
export const FUZZ_SEED = ((): number => {
  const raw = process.env.DTOFORGE_FUZZ_SEED;
  return raw !== undefined && raw !== '' && Number.isInteger(Number(raw))
    ? Number(raw)
    : DEFAULT_SEED;
})();

/** The seed as fast-check's parameters take it. */
export const SEED: { seed: number } = { seed: FUZZ_SEED };

/**
 * A run count scaled by {@link SCALE}.
 *
 * @param base
 *   The count at scale 1.
 */
export function runs(base: number): number {
  return Math.max(1, Math.round(base * SCALE));
}

/** Time budget multiplier for tests that scale (ms). */
export function budget(baseMs: number): number {
  return Math.round(baseMs * Math.max(1, SCALE));
}
