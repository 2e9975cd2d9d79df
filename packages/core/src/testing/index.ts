// @wankit/core/testing: doubles for tests of code built on wankit (and of wankit itself).
export { createFakeClock, type FakeClock, type FakeClockOptions } from '../clock/fake-clock.js';
export {
  type CoreHttpTransport,
  createHttpTransport,
  type HttpTransportOptions,
} from '../http/create-transport.js';
export { createMemoryJournal, type MemoryJournal } from '../journal/memory-journal.js';
export { createFakeAdapter, type FakeAdapterOptions } from './fake-adapter.js';
export {
  createFakeTransport,
  type FakeAnswer,
  type FakeExchange,
  type FakeTransport,
  wireResponse,
} from './fake-transport.js';
