import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallbackSender } from './callbacks/callback-sender.js';
import { FaultInjector } from './faults/fault-injector.js';
import { FILES_PATH, FileStore } from './files/file-store.js';
import { serveFile } from './files/serve-file.js';
import { createDashScopeFormat, OSS_UPLOAD_PATH } from './formats/dashscope.js';
import type { FormatContext, WireFormatHandler } from './formats/format.js';
import { generateTaskFormat, generateTaskStatusBody } from './formats/generate-task.js';
import { nativeFormat } from './formats/native.js';
import { v2Format } from './formats/v2.js';
import { handleApiRequest, type PipelineDeps, withRetryAfter } from './http/api-pipeline.js';
import { writeJson } from './http/reply.js';
import { TIME_SCALE_HEADER } from './http/time-scale-header.js';
import { type FailureReason, phaseOf, type SimTask, statusOf, type TaskStatus } from './lifecycle/task.js';
import { TaskStore } from './lifecycle/task-store.js';
import { RateLimiter } from './limits/rate-limiter.js';
import {
  type FaultOptions,
  type ResolvedOptions,
  resolveSimulatorOptions,
  type SimulatorOptions,
  type WireFormat,
} from './options.js';
import { type SimulatorStats, StatsRecorder } from './stats/stats.js';

/** The stateless formats; DashScope's handler is made per simulator (`createDashScopeFormat`). */
const FORMATS: readonly WireFormatHandler[] = [nativeFormat, v2Format, generateTaskFormat];

/** A task as the simulator sees it, for tests and benchmarks. */
export interface SimulatorTaskView {
  readonly id: string;
  readonly format: WireFormat;
  readonly model: string;
  readonly state: TaskStatus;
  readonly progress: number;
  readonly createdAt: number;
  readonly startAt: number;
  readonly endAt: number;
  readonly failure: FailureReason | undefined;
  readonly resultUrls: readonly string[];
  readonly callbackUrl: string | undefined;
}

export interface Simulator {
  /** `http://127.0.0.1:<port>`: every wire format's paths hang off it. */
  readonly baseUrl: string;
  readonly port: number;
  readonly options: ResolvedOptions;
  /** `baseUrl` + path. */
  url(path: string): string;
  stats(): SimulatorStats;
  /** Forgets tasks, files, counters, rate windows and pending callbacks; restarts the seeded streams. */
  reset(): void;
  /** Resolves once no callback POST is in flight. */
  idle(): Promise<void>;
  /** Replaces the fault settings of the running simulator. */
  setFaults(faults: FaultOptions): void;
  readonly tasks: {
    list(): SimulatorTaskView[];
    get(format: WireFormat, id: string): SimulatorTaskView | undefined;
  };
  close(): Promise<void>;
}

function view(task: SimTask, now: number): SimulatorTaskView {
  const state = statusOf(task, now);
  return {
    id: task.id,
    format: task.format,
    model: task.model,
    state,
    progress: state === 'canceled' ? 0 : phaseOf(task, now).progress,
    createdAt: task.createdAt,
    startAt: task.startAt,
    endAt: task.endAt,
    failure: task.failure,
    resultUrls: task.files.map((file) => file.url),
    callbackUrl: task.callbackUrl,
  };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function baseUrlOf(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

/** Starts the simulator on `host:port` (default 127.0.0.1, any free port). */
export async function startSimulator(input: SimulatorOptions = {}): Promise<Simulator> {
  const options = resolveSimulatorOptions(input);
  const { clock } = options;
  const stats = new StatsRecorder();
  const files = new FileStore(options);
  const store = new TaskStore(options, files);
  const limiter = new RateLimiter();
  const faults = new FaultInjector(options.faults, options.seed);
  const callbacks = new CallbackSender(options, stats, (task) => generateTaskStatusBody(task, clock.now()));
  const timers = new Set<unknown>();
  const dashscope = createDashScopeFormat(options, stats);
  const formats: readonly WireFormatHandler[] = [...FORMATS, dashscope.handler];

  const formatByName = new Map(formats.map((handler) => [handler.format, handler]));
  const ctx: FormatContext = {
    options,
    store,
    callbacks,
    stats,
    admit(format) {
      const limit = options.limits[format].concurrentTasks;
      if (limit === undefined) return undefined;
      const { count, nextEndAt } = store.running(format);
      if (count < limit) return undefined;
      const reply = formatByName.get(format)!.errors.rateLimited('concurrency');
      return withRetryAfter(reply, (nextEndAt ?? clock.now()) - clock.now());
    },
  };
  const deps: PipelineDeps = {
    options,
    stats,
    limiter,
    faults,
    ctx,
    delay(ms, fn) {
      const timer = clock.setTimeout(() => {
        timers.delete(timer);
        fn();
      }, ms);
      timers.add(timer);
    },
  };
  const snapshot = () => stats.snapshot(options.seed, clock.now(), store.countByState());
  const reset = () => {
    callbacks.close();
    store.reset();
    files.reset();
    stats.reset();
    limiter.reset();
    faults.reset();
    dashscope.reset();
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    for (const handler of formats) {
      for (const candidate of handler.routes) {
        const match = candidate.pattern.exec(path);
        if (!match) continue;
        if (candidate.method !== method) continue;
        const params = match.slice(1).map(safeDecode);
        return handleApiRequest(req, res, url, handler, candidate, params, deps);
      }
    }
    if (path.startsWith(FILES_PATH) && (method === 'GET' || method === 'HEAD')) {
      return serveFile(req, res, url, { files, clock, stats });
    }
    if (method === 'POST' && (path === OSS_UPLOAD_PATH || path === `${OSS_UPLOAD_PATH}/`)) {
      return dashscope.receiveUpload(req, res);
    }
    req.resume();
    if (method === 'GET' && path === '/__sim/health')
      return writeJson(res, 200, JSON.stringify({ ok: true }));
    if (method === 'GET' && path === '/__sim/stats') return writeJson(res, 200, JSON.stringify(snapshot()));
    if (method === 'POST' && path === '/__sim/reset') {
      reset();
      return writeJson(res, 200, JSON.stringify({ ok: true }));
    }
    const known = formats.some((h) => h.routes.some((r) => r.pattern.test(path)));
    if (known) return writeJson(res, 405, JSON.stringify({ error: 'method not allowed', method, path }));
    writeJson(res, 404, JSON.stringify({ error: 'not found', path }));
  }

  const server = createServer((req, res) => {
    res.setHeader(TIME_SCALE_HEADER, String(options.timeScale));
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      writeJson(res, 500, JSON.stringify({ error: 'simulator error', message: String(error) }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = baseUrlOf(options.host, port);
  files.setBaseUrl(baseUrl);
  dashscope.setBaseUrl(baseUrl);

  return {
    baseUrl,
    port,
    options,
    url: (path) => `${baseUrl}${path.startsWith('/') ? '' : '/'}${path}`,
    stats: snapshot,
    reset,
    idle: () => callbacks.idle(),
    setFaults: (next) => faults.configure(next),
    tasks: {
      list: () => store.list().map((task) => view(task, clock.now())),
      get: (format, id) => {
        const task = store.get(format, id);
        return task && view(task, clock.now());
      },
    },
    async close() {
      callbacks.close();
      for (const timer of timers) clock.clearTimeout(timer);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
