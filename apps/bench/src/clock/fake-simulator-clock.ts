import type { FakeClock } from '@wankit/core/testing';
import type { SimulatorClock } from '@wankit/simulator';

/**
 * The simulator's clock driven by core's fake clock, so client and simulator share one simulated
 * time in the polling benchmark: simulator timers are fake sleeps, cancelled through an abort.
 */
export function simulatorClockOn(clock: FakeClock): SimulatorClock {
  return {
    now: () => clock.now(),
    setTimeout(callback, ms) {
      const controller = new AbortController();
      clock.sleep(ms, controller.signal).then(callback, () => {});
      return controller;
    },
    clearTimeout(handle) {
      (handle as AbortController).abort();
    },
  };
}
