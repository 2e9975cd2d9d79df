export { abortedError, type Clock, systemClock } from './clock.js';
export { createFakeClock, type FakeClock, type FakeClockOptions } from './fake-clock.js';
