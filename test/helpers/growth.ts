/**
 * Linear-time checks without wall-clock thresholds: how many times longer an operation takes on an input
 * GROWTH times larger. Linear work gives about GROWTH, quadratic work GROWTH². Timings are CPU time, which
 * leaves out the time other processes on a shared machine hold the cores.
 */

export const GROWTH = 16;
/**
 * The most a linear operation may grow by: 16 when linear, 256 when quadratic. Even linear work costs more per
 * byte on a large input, whose output outlives more garbage collections (up to about 3× here), so the bound sits
 * midway between the two on a log scale.
 */
export const LINEAR_GROWTH = 64;

/** CPU milliseconds of `reps` runs. */
function cpuMs(run: () => void, reps: number): number {
  const before = process.cpuUsage();
  for (let i = 0; i < reps; i++) run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** CPU milliseconds per run, the fastest of three batches (the least disturbed by garbage collection). */
function perRun(run: () => void, reps: number): number {
  return Math.min(cpuMs(run, reps), cpuMs(run, reps), cpuMs(run, reps)) / reps;
}

/**
 * How many times longer `run` takes on `large` than on `small` (GROWTH times larger). The small input is repeated
 * until a batch takes 10 ms, so short runs are measured as reliably as long ones. A busy machine can spoil one
 * measurement, so up to three are taken and the best counts: quadratic work never gets below LINEAR_GROWTH
 * (and runs into the test's timeout first).
 */
export function growth<T>(small: T, large: T, run: (input: T) => void): number {
  run(large); // warm-up: compile before timing
  let reps = 1;
  while (cpuMs(() => run(small), reps) < 10 && reps < 1 << 20) reps *= 2;
  let best = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 3 && best >= LINEAR_GROWTH; attempt++) {
    best = Math.min(best, perRun(() => run(large), Math.max(1, reps / GROWTH)) / perRun(() => run(small), reps));
  }
  return best;
}
