/**
 * Every simulator response names the simulator's time scale, so that a client it shares a machine with (the
 * `wankit` CLI) can poll at the pace the tasks really run instead of the documented one. Not a wire fact of
 * any provider: no real provider sends it, and the library's defaults never read it.
 */
export const TIME_SCALE_HEADER = 'x-wankit-sim-time-scale';
