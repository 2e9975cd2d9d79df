import { readFileSync, writeFileSync } from 'node:fs';

const MB = 1024 * 1024;

function statusField(name: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const match = readFileSync('/proc/self/status', 'utf8').match(new RegExp(`${name}:\\s+(\\d+) kB`));
    return match ? (Number(match[1]) * 1024) / MB : undefined;
  } catch {
    return undefined;
  }
}

/** Peak resident set size of this process in MB (Linux `VmHWM`), or `undefined` off Linux. */
export const peakRssMb = (): number | undefined => statusField('VmHWM');

export const currentRssMb = (): number => process.memoryUsage.rss() / MB;

/**
 * Resets the kernel's peak-RSS mark to the current RSS (Linux ≥ 4.0: write 5 to clear_refs), so a
 * later `peakRssMb()` covers only what follows. Returns false when the kernel refuses.
 */
export function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * Samples `rss` on a timer as a second witness of the peak: VmHWM cannot be reset on every kernel,
 * and a sampler misses short spikes, so reports take the larger of the two.
 */
export function startRssSampler(intervalMs = 5): { stop(): number } {
  let peak = currentRssMb();
  const timer = setInterval(() => {
    const rss = currentRssMb();
    if (rss > peak) peak = rss;
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, currentRssMb());
    },
  };
}

/** Peak RSS of what runs between `begin()` and `end()`, combining VmHWM (if resettable) and sampling. */
export function measurePeakRss(): { end(): { baselineMb: number; peakMb: number; growthMb: number } } {
  global.gc?.();
  const baselineMb = currentRssMb();
  const hwmReset = resetPeakRss();
  const sampler = startRssSampler();
  return {
    end() {
      const sampled = sampler.stop();
      const hwm = hwmReset ? peakRssMb() : undefined;
      const peakMb = Math.max(sampled, hwm ?? 0);
      return { baselineMb, peakMb, growthMb: Math.max(0, peakMb - baselineMb) };
    },
  };
}
