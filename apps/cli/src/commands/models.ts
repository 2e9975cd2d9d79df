import type { DurationRule, ModelSpec } from '@wankit/core';
import type { ProviderId } from '../config/provider-ids.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { modelPriceLines, priceListFooter, priceListsFor } from '../model-prices.js';
import { loadModelsData } from '../models-data.js';
import type { CommandContext } from '../run-action.js';

const durationText = (rule: DurationRule | undefined): string | undefined => {
  if (!rule) return undefined;
  if (rule.type === 'fixed') return `${rule.value} s (fixed)`;
  if (rule.type === 'options') return `${rule.values.join(' | ')} s (default ${rule.default})`;
  return `${rule.min}-${rule.max} s (default ${rule.default})`;
};

const sizesText = (model: ModelSpec): string[] => {
  const lines: string[] = [];
  for (const [tier, sizes] of Object.entries(model.sizes ?? {})) {
    const list = Object.entries(sizes ?? {}).map(([aspect, size]) => `${size} (${aspect})`);
    lines.push(`${tier}: ${list.join(', ')}`);
  }
  if (!model.sizes && model.resolutions) lines.push(`tiers: ${model.resolutions.join(', ')}`);
  if (model.pixelArea) {
    const side = (area: number) => Math.round(Math.sqrt(area));
    lines.push(
      `any size with ${side(model.pixelArea.min)}²-${side(model.pixelArea.max)}² pixels` +
        (model.aspectRange ? `, aspect ${model.aspectRange.min}-${model.aspectRange.max}` : ''),
    );
  }
  return lines;
};

export async function run(context: CommandContext): Promise<ExitCodeValue> {
  const { io, options } = context;
  const only = options.provider as ProviderId | undefined;
  const data = await loadModelsData();
  const rows = data.models
    .map(({ providers: servedBy, ...model }) => ({ model: model as ModelSpec, servedBy }))
    .filter((row) => !only || row.servedBy.some((s) => s.provider === only));

  const lists = priceListsFor(data.priceLists, only);
  if (io.json) {
    io.printJson({
      models: rows.map((row) => ({ ...row.model, providers: row.servedBy })),
      providers: only ? { [only]: data.providers[only] } : data.providers,
      priceLists: Object.fromEntries(lists.map((list) => [list.id, list])),
    });
    return ExitCode.ok;
  }
  const { colors } = io;
  for (const { model, servedBy } of rows) {
    io.out(`${colors.bold(model.id)}  ${model.kind}`);
    io.out(`  ${model.description}`);
    for (const line of sizesText(model)) io.out(`  ${line}`);
    if (model.defaultSize) io.out(`  default size: ${model.defaultSize}`);
    if (model.defaultResolution) io.out(`  default tier: ${model.defaultResolution}`);
    const duration = durationText(model.duration);
    if (duration) io.out(`  duration: ${duration}`);
    io.out(`  prompt: ≤${model.prompt.maxChars} chars; negative prompt: ≤${model.negativePromptMaxChars}`);
    if (model.count) {
      io.out(
        `  count: ${model.count.min}-${model.count.max} (wankit default ${model.count.default}, provider ${model.count.providerDefault})`,
      );
    }
    const extras = Object.entries(model.supports)
      .filter(([name, on]) => on && !['promptExtend', 'watermark', 'seed'].includes(name))
      .map(([name]) => name);
    if (extras.length > 0) io.out(`  also: ${extras.join(', ')}`);
    const typical = Object.entries(model.typicalSeconds).map(([tier, [lo, hi]]) => `${tier} ${lo}-${hi} s`);
    if (typical.length > 0) io.out(`  typical time: ${typical.join(', ')}`);
    io.out(
      `  providers: ${servedBy.length > 0 ? servedBy.map((s) => `${s.provider} (${s.providerModel})`).join(', ') : 'none'}`,
    );
    for (const line of modelPriceLines(lists, model.id)) io.out(`  ${line}`);
    io.out('');
  }
  for (const line of priceListFooter(lists)) io.out(line);
  if (only && lists.length === 0)
    io.out(
      `${only}: no published price list in wankit; a task's cost is what the provider reports, when it does.`,
    );
  return ExitCode.ok;
}
