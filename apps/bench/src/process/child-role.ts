import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Benchmarks whose subject allocates run in their own process so RSS and CPU figures hold only what
 * they measure. The bench's single built entry doubles as the child: `index.js --role <name>`, input
 * and output travel over the IPC channel as JSON.
 */
const entry = fileURLToPath(new URL('./index.js', import.meta.url));

export type RoleMessage<T> =
  | { type: 'result'; value: T }
  | { type: 'error'; message: string; stack?: string };

export interface RoleOptions {
  readonly timeoutMs: number;
  /** Extra node flags, e.g. `--expose-gc`. */
  readonly execArgv?: readonly string[];
}

export function runRole<TOutput>(role: string, input: unknown, options: RoleOptions): Promise<TOutput> {
  const child = fork(entry, ['--role', role], {
    execArgv: [...(options.execArgv ?? [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'json',
  });
  return new Promise<TOutput>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, value?: TOutput) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
      if (error) reject(error);
      else resolve(value as TOutput);
    };
    const timer = setTimeout(
      () => finish(new Error(`role ${role} did not finish within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    child.on('message', (message: RoleMessage<TOutput>) => {
      if (message.type === 'result') finish(undefined, message.value);
      else
        finish(Object.assign(new Error(`role ${role} failed: ${message.message}`), { stack: message.stack }));
    });
    child.on('error', (error) => finish(error));
    child.on('exit', (code, signal) =>
      finish(new Error(`role ${role} exited (code ${code}, signal ${signal}) before reporting`)),
    );
    child.send({ type: 'input', value: input });
  });
}

/** A long-lived child (the simulator server): it reports once, then serves until stopped. */
export interface ServiceHandle<T> {
  readonly value: T;
  stop(): Promise<void>;
}

export function startService<T>(
  role: string,
  input: unknown,
  options: RoleOptions,
): Promise<ServiceHandle<T>> {
  const child: ChildProcess = fork(entry, ['--role', role], {
    execArgv: [...(options.execArgv ?? [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'json',
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`service ${role} did not start within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    child.once('message', (message: RoleMessage<T>) => {
      clearTimeout(timer);
      if (message.type === 'result') resolve({ value: message.value, stop });
      else reject(new Error(`service ${role} failed: ${message.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`service ${role} exited with code ${code} before starting`));
    });
    child.send({ type: 'input', value: input });
  });
}

/** Child side: waits for the input, runs the role, reports. Services keep running after reporting. */
export function serveRole(handler: (input: unknown) => Promise<unknown>, keepAlive = false): void {
  process.once('message', (message: { type: 'input'; value: unknown }) => {
    handler(message.value).then(
      (value) => {
        process.send?.({ type: 'result', value } satisfies RoleMessage<unknown>, () => {
          if (!keepAlive) process.exit(0);
        });
      },
      (error: unknown) => {
        const err = error instanceof Error ? error : new Error(String(error));
        process.send?.(
          { type: 'error', message: err.message, stack: err.stack } satisfies RoleMessage<unknown>,
          () => process.exit(1),
        );
      },
    );
  });
}
