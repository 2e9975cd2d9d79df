// Shared by this package's tests: the simulator on loopback with a small time scale, and a download function for
// the AI SDK (its default refuses loopback URLs as private addresses, which the simulator's results are).
import { type Simulator, type SimulatorOptions, startSimulator } from '@wankit/simulator';

// 0.002: a 60 s video takes 120 ms on the simulator; the client's schedule is scaled the same way.
export const timeScale = 0.002;

export const startTestSimulator = (options: Omit<SimulatorOptions, 'seed'> = {}): Promise<Simulator> =>
  startSimulator({ timeScale, ...options, seed: 7 });

export async function loopbackDownload({ url, abortSignal }: { url: URL; abortSignal?: AbortSignal }) {
  const response = await fetch(url, abortSignal ? { signal: abortSignal } : {});
  if (!response.ok) throw new Error(`download answered ${response.status}`);
  return {
    data: new Uint8Array(await response.arrayBuffer()),
    mediaType: response.headers.get('content-type') ?? undefined,
  };
}

/** A real 1×1 PNG: core checks inline images by their bytes. */
export const pngBase64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

export const isMp4 = (data: Uint8Array) => Buffer.from(data.subarray(4, 8)).toString('latin1') === 'ftyp';
export const isPng = (data: Uint8Array) => Buffer.from(data.subarray(1, 4)).toString('latin1') === 'PNG';
