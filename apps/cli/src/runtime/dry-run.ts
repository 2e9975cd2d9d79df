import type {
  Billable,
  CostEstimate,
  PreparedRequest,
  RequestPreview,
  WanAdapter,
  Warning,
} from '@wankit/core';
import type { Target } from '../config/resolve-config.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import type { Io } from '../output/io.js';
import type { CommandContext } from '../run-action.js';
import type { Connection } from './connect.js';
import { costBasisText } from './price-text.js';
import { timeScaleOf } from './session.js';

/** What a dry run shows of one request: the exact HTTP request (key redacted) and its estimated cost. */
export interface RequestDryRun {
  readonly request: RequestPreview;
  readonly billable: Billable;
  /** `null` when the provider has no price list, or the list no price for this model and tier. */
  readonly estimatedCost: (CostEstimate & { basis: string }) | null;
}

/** The price list a provider's cost is estimated from, with its source; `null` when it has none. */
export async function priceListInfo(
  adapter: WanAdapter,
): Promise<{ id: string; provider: string; currency: string; source: string } | null> {
  const { priceLists } = await import('@wankit/core');
  const list = adapter.capabilities.priceList ? priceLists[adapter.capabilities.priceList] : undefined;
  return list ? { id: list.id, provider: list.provider, currency: list.currency, source: list.source } : null;
}

/** Previews one prepared request on a connection: builds, prices, sends nothing. */
export async function dryRunRequest(
  connection: Connection,
  prepared: PreparedRequest,
): Promise<RequestDryRun> {
  const { billableOf, estimateCost, priceLists } = await import('@wankit/core');
  const billable = billableOf(prepared.input.request);
  const listId = connection.adapter.capabilities.priceList;
  const estimate = estimateCost(listId, billable);
  const list = listId ? priceLists[listId] : undefined;
  const basis = list ? costBasisText(list, billable) : undefined;
  return {
    request: connection.client.preview(prepared),
    billable,
    estimatedCost: estimate && basis ? { ...estimate, basis } : null,
  };
}

// A local image sent inline is megabytes of base64: the terminal gets its type and size (--json has it all).
const inlineData = /^data:([^;,]+)(;[^,]*)?,(.{120,})$/s;
function forTerminal(value: unknown): unknown {
  if (typeof value === 'string') {
    const match = inlineData.exec(value);
    return match ? `data:${match[1]}${match[2] ?? ''},…(${match[3]?.length} chars)` : value;
  }
  if (Array.isArray(value)) return value.map(forTerminal);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, forTerminal(inner)]));
  }
  return value;
}

export const costText = (cost: RequestDryRun['estimatedCost'], providerHasList: boolean): string =>
  cost
    ? `${cost.amount} ${cost.currency} (${cost.basis}; price list ${cost.priceList})`
    : providerHasList
      ? 'unknown (the price list has no price for this model and tier)'
      : 'unknown (no published price list for this provider in wankit; its cost is what it reports after the task)';

/** The request as it would go on the wire, for a terminal: method and URL, headers, indented JSON body. */
export function printRequest(io: Io, preview: RequestPreview, indent = ''): void {
  io.out(`${indent}${preview.method} ${preview.url}`);
  for (const [name, value] of Object.entries(preview.headers)) io.out(`${indent}${name}: ${value}`);
  if (preview.body !== undefined) {
    io.out('');
    for (const line of JSON.stringify(forTerminal(preview.body), null, 2).split('\n'))
      io.out(`${indent}${line}`);
  }
}

/** `video --dry-run` / `image --dry-run`: connect (no request), preview, price, print; exit 0. */
export async function dryRunSingle(
  context: CommandContext,
  target: Target,
  prepared: PreparedRequest,
  warnings: readonly Warning[],
): Promise<ExitCodeValue> {
  const { io } = context;
  const { connect } = await import('./connect.js');
  const connection = await connect(target, io, { timeScale: timeScaleOf(context) });
  try {
    const preview = await dryRunRequest(connection, prepared);
    const priceList = await priceListInfo(connection.adapter);
    if (io.json) {
      io.printJson({
        ok: true,
        exitCode: ExitCode.ok,
        dryRun: true,
        sent: false,
        provider: connection.provider,
        embedded: connection.embedded,
        ...preview,
        priceList,
        warnings,
      });
      return ExitCode.ok;
    }
    io.note('dry run: this is what would be sent; nothing was sent');
    printRequest(io, preview.request);
    io.out('');
    io.out(`estimated cost: ${costText(preview.estimatedCost, priceList !== null)}`);
    if (priceList) io.out(`price list: ${priceList.id} (${priceList.provider}; ${priceList.source})`);
    return ExitCode.ok;
  } finally {
    await connection.close();
  }
}
