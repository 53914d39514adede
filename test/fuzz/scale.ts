/**
 * How hard the fuzz tests try: `DTOFORGE_FUZZ_SCALE` (default 1) multiplies every run count.
 * `DTOFORGE_FUZZ_SEED` fixes fast-check's seed to replay a run.
 */

/** The scale factor (≥ 1 in practice; fractions are allowed for quick local runs). */
export const SCALE = ((): number => {
  const raw = Number(process.env.DTOFORGE_FUZZ_SCALE ?? '1');
  return Number.isFinite(raw) && raw > 0 ? raw : 1;
})();

/** A fixed fast-check seed when `DTOFORGE_FUZZ_SEED` is set. */
export const SEED: { seed?: number } = ((): { seed?: number } => {
  const raw = process.env.DTOFORGE_FUZZ_SEED;
  return raw !== undefined && Number.isInteger(Number(raw)) ? { seed: Number(raw) } : {};
})();

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
