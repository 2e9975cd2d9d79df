import type { TaskRef } from '@wankit/core';
import type { ProviderId } from '../config/provider-ids.js';
import { isLoopbackUrl, type ResolvedConfig } from '../config/resolve-config.js';
import type { CommandContext } from '../run-action.js';
import { providers } from './providers.js';
import { connectionFlags, loadSettings } from './session.js';

export interface RefTarget {
  readonly settings: ResolvedConfig;
  /** The user named the base URL with --base-url: poll there, whatever the ref says. */
  readonly explicit: boolean;
}

/**
 * Where to poll a task named by a ref or a journal, with which key. The key goes only to the base URL it is
 * configured for (flag, environment, config file, else the adapter's default): a ref that names another base
 * URL is refused unless --base-url says where to send it. With no key configured, a local server gets the
 * placeholder key, which is no secret.
 */
export async function refTarget(
  context: CommandContext,
  ref: TaskRef & { adapter: ProviderId },
): Promise<RefTarget> {
  const flags = connectionFlags(context.options);
  const overrides = { provider: ref.adapter, sim: false } as const;
  if (flags.baseUrl !== undefined) {
    return {
      settings: await loadSettings(context, { ...overrides, baseUrl: flags.baseUrl }),
      explicit: true,
    };
  }
  const configured = await loadSettings(context, overrides);
  if (ref.baseUrl === undefined || configured.target.mode !== 'remote')
    return { settings: configured, explicit: false };
  const { sameBaseUrl, WankitError } = await import('@wankit/core');
  const adapter = await providers[ref.adapter].load(configured.target.settings ?? {});
  const home = configured.target.baseUrl ?? adapter.defaultBaseUrl;
  if (configured.target.apiKey === undefined || (home !== undefined && sameBaseUrl(home, ref.baseUrl))) {
    // No key configured (a local server gets the placeholder), or the ref lives where the key belongs.
    return { settings: await loadSettings(context, { ...overrides, baseUrl: ref.baseUrl }), explicit: false };
  }
  throw new WankitError({
    kind: 'invalid_request',
    message:
      `task ${ref.taskId} was created at ${ref.baseUrl}, but the ${ref.adapter} API key (${configured.target.apiKeySource}) ` +
      `is configured for ${home ?? 'no base URL'}, and it is only sent there; nothing was sent. To send it to ` +
      `${ref.baseUrl}, say so: --base-url ${ref.baseUrl}${isLoopbackUrl(ref.baseUrl) ? ' (a local server)' : ''}`,
    field: 'baseUrl',
    value: ref.baseUrl,
    allowed: home ? [home] : [],
    taskRef: ref,
  });
}
