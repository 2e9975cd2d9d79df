import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { downloadFile } from '@wankit/core/node';
import { runRole, serveRole } from '../process/child-role.js';
import { measurePeakRss } from '../process/memory.js';
import { startSimService } from '../sim/sim-service.js';
import { median, ratio, round, type Spread, spread } from '../stats/summary.js';

const MB = 1024 * 1024;
const SIZE = 256 * MB;
const ROUNDS = 5;
const NAIVE_ROUNDS = 2;

export interface DownloadResult {
  /** wankit's throughput ÷ `curl -o` then fsync of the file, median of paired rounds (target ≥ 1). */
  readonly throughput_ratio_vs_curl_fsync: number | null;
  readonly throughput_ratio_vs_curl_fsync_spread: Spread;
  /** Context: ÷ plain `curl -o` (no fsync); `null` when curl is unavailable. */
  readonly throughput_ratio_vs_curl: number | null;
  readonly rss_growth_mb: number;
  readonly naive_rss_growth_mb: number;
  readonly bytes: number;
  readonly rounds: number;
  readonly median_mb_per_s: {
    readonly wankit: number;
    readonly curl: number | null;
    /** `curl -o` (time_total) plus `sync FILE`: wankit fsyncs before renaming into place, plain curl does not. */
    readonly curl_then_fsync: number | null;
    readonly naive: number;
  };
  readonly curl: string | null;
  readonly note?: string;
}

interface ChildInput {
  readonly url: string;
  readonly destination: string;
  readonly mode: 'wankit' | 'naive';
}

interface ChildOutput {
  readonly seconds: number;
  readonly bytes: number;
  readonly growthMb: number;
  readonly baselineMb: number;
  readonly peakMb: number;
}

/** Child side: one download, its wall time and how far RSS rose above the idle process. */
async function downloadChild(input: ChildInput): Promise<ChildOutput> {
  const memory = measurePeakRss();
  const started = performance.now();
  let bytes: number;
  if (input.mode === 'wankit') {
    bytes = (await downloadFile({ url: input.url, destination: input.destination })).bytes;
  } else {
    // The naive way the issue names: the whole body in memory, then written out.
    const body = await (await fetch(input.url)).arrayBuffer();
    await writeFile(input.destination, new Uint8Array(body));
    bytes = body.byteLength;
  }
  const seconds = (performance.now() - started) / 1000;
  const { growthMb, baselineMb, peakMb } = memory.end();
  return { seconds, bytes, growthMb, baselineMb, peakMb };
}

export const DOWNLOAD_ROLE = 'download';
export const serveDownload = () => serveRole((input) => downloadChild(input as ChildInput));

/** `curl -sS -o FILE URL`, timed by curl itself (`time_total`, no process start-up); `null` without curl. */
function curlDownload(url: string, destination: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn('curl', ['-sS', '--fail', '-o', destination, '-w', '%{time_total}', url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' ? resolve(null) : reject(error),
    );
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`curl exited with ${code}: ${err.trim()}`));
      resolve(Number(out.trim()));
    });
  });
}

function curlVersion(): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn('curl', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', () => resolve(null));
    child.on('exit', (code) => resolve(code === 0 ? (out.split('\n')[0] ?? null) : null));
  });
}

/** Runs a command to completion; rejects on a non-zero exit. */
function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`)),
    );
  });
}

/**
 * Writes back every dirty page before each measured download: this VM's page cache throttles a writer
 * that starts while the previous 256 MB are still dirty, which would penalise whoever runs second.
 */
const flushPageCache = () => run('sync', []);

/** A 256 MB result URL: one instantly finished native task whose video the simulator pads to 256 MB. */
async function resultUrl(simulatorUrl: string): Promise<string> {
  const headers = { authorization: 'Bearer bench-key', 'content-type': 'application/json' };
  const created = await fetch(`${simulatorUrl}/model/v1/generation`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ model: 'wan22_t2v_plus', input: { prompt: 'a kitten running in the moonlight' } }),
  });
  if (!created.ok) throw new Error(`simulator create answered ${created.status}: ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  const status = await fetch(`${simulatorUrl}/model/v1/generation/task/${id}`, { headers });
  const task = (await status.json()) as { output?: { content?: { url?: string }[] }[] };
  const url = task.output?.[0]?.content?.[0]?.url;
  if (!url) throw new Error(`simulator task has no result URL: ${JSON.stringify(task)}`);
  return url;
}

export async function runDownload(): Promise<DownloadResult> {
  const sim = await startSimService({
    options: { instantCompletion: true, seed: 1, resultBytes: { video: SIZE } },
  });
  const dir = mkdtempSync(join(tmpdir(), 'wankit-bench-download-'));
  try {
    const url = await resultUrl(sim.value.baseUrl);
    const curl = await curlVersion();
    const wankit: ChildOutput[] = [];
    const naive: ChildOutput[] = [];
    const curlSeconds: number[] = [];
    const curlFsyncSeconds: number[] = [];
    const child = (mode: ChildInput['mode'], name: string) =>
      runRole<ChildOutput>(DOWNLOAD_ROLE, { url, destination: join(dir, name), mode } satisfies ChildInput, {
        timeoutMs: 300_000,
        execArgv: ['--expose-gc'],
      });
    const check = (path: string, who: string) => {
      const size = statSync(path).size;
      if (size !== SIZE) throw new Error(`${who} wrote ${size} bytes, expected ${SIZE}`);
      rmSync(path);
    };
    for (let r = 0; r < ROUNDS; r++) {
      // Alternate who goes first, so drift on the shared machine hits both sides alike.
      const order = r % 2 === 0 ? (['wankit', 'curl'] as const) : (['curl', 'wankit'] as const);
      for (const who of order) {
        const path = join(dir, `${who}-${r}.mp4`);
        await flushPageCache();
        if (who === 'wankit') {
          wankit.push(await child('wankit', `${who}-${r}.mp4`));
          check(path, who);
        } else if (curl) {
          // curl -o, then the file made durable like wankit's (wankit fsyncs before its rename): curl's
          // own time_total plus the time `sync FILE` takes.
          const seconds = await curlDownload(url, path);
          const started = performance.now();
          await run('sync', [path]);
          const syncSeconds = (performance.now() - started) / 1000;
          if (seconds !== null) {
            curlSeconds.push(seconds);
            curlFsyncSeconds.push(seconds + syncSeconds);
          }
          check(path, who);
        }
      }
    }
    for (let r = 0; r < NAIVE_ROUNDS; r++) {
      await flushPageCache();
      naive.push(await child('naive', `naive-${r}.mp4`));
      check(join(dir, `naive-${r}.mp4`), 'naive');
    }
    const throughput = (seconds: number) => SIZE / MB / seconds;
    const paired = (baseline: number[]) =>
      baseline.length === ROUNDS
        ? spread(wankit.map((w, i) => ratio(throughput(w.seconds), throughput(baseline[i]!)) ?? Number.NaN))
        : spread([]);
    const vsFsync = paired(curlFsyncSeconds);
    const vsCurl = paired(curlSeconds);
    return {
      throughput_ratio_vs_curl_fsync: vsFsync.median,
      throughput_ratio_vs_curl_fsync_spread: vsFsync,
      throughput_ratio_vs_curl: vsCurl.median,
      rss_growth_mb: round(Math.max(...wankit.map((w) => w.growthMb)), 1)!,
      naive_rss_growth_mb: round(Math.max(...naive.map((n) => n.growthMb)), 1)!,
      bytes: SIZE,
      rounds: ROUNDS,
      median_mb_per_s: {
        wankit: round(median(wankit.map((w) => throughput(w.seconds))), 1)!,
        curl: curlSeconds.length > 0 ? round(median(curlSeconds.map(throughput)), 1) : null,
        curl_then_fsync:
          curlFsyncSeconds.length > 0 ? round(median(curlFsyncSeconds.map(throughput)), 1) : null,
        naive: round(median(naive.map((n) => throughput(n.seconds))), 1)!,
      },
      curl,
      ...(curl ? {} : { note: 'curl is not installed: the ratio is not measured (apt-get install -y curl)' }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sim.stop();
  }
}
