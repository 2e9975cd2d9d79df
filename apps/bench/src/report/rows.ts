import type { Results } from './results.js';
import { atLeast, atMost, type Row } from './table.js';

/** The table: every target with its verdict, then the context figures. */
export function resultRows(results: Results): Row[] {
  const rows: Row[] = [];
  const { overhead, polling, scale_1000: scale, download, cli_startup: cli } = results;
  if (overhead) {
    rows.push(
      {
        benchmark: 'overhead',
        metric: `wall_ratio (worst: ${overhead.worst_adapter.wall})`,
        value: overhead.wall_ratio,
        target: '≤ 1.15',
        met: atMost(overhead.wall_ratio, 1.15),
      },
      {
        benchmark: 'overhead',
        metric: `cpu_ratio (worst: ${overhead.worst_adapter.cpu})`,
        value: overhead.cpu_ratio,
        target: '≤ 1.15',
        met: atMost(overhead.cpu_ratio, 1.15),
      },
    );
    for (const [id, figures] of Object.entries(overhead.per_adapter)) {
      rows.push({
        benchmark: 'overhead',
        metric: `${id}: wall / cpu ratio, wankit s vs raw s`,
        value: `${figures.wall_ratio} / ${figures.cpu_ratio}, ${figures.wankit_wall_s} vs ${figures.raw_wall_s}`,
      });
    }
  }
  if (polling) {
    const seed = polling.seed_schedule;
    rows.push(
      {
        benchmark: 'polling',
        metric: 'wankit polls/task ÷ seed schedule',
        value: polling.polls_ratio_vs_seed,
        target: '≤ 0.6',
        met: atMost(polling.polls_ratio_vs_seed, 0.6),
      },
      {
        benchmark: 'polling',
        metric: 'wankit latency p95 s (seed schedule)',
        value: `${polling.wankit.latency_p95_s} (${seed.latency_p95_s})`,
        target: '≤ seed',
        met: atMost(polling.wankit.latency_p95_s, seed.latency_p95_s),
      },
    );
    const line = (name: string, f: typeof seed) => ({
      benchmark: 'polling',
      metric: `${name}: polls/task, latency mean / p95 s`,
      value: `${f.polls_per_task}, ${f.latency_mean_s} / ${f.latency_p95_s}`,
    });
    for (const [id, figures] of Object.entries(polling.wankit_per_adapter))
      rows.push(line(`wankit ${id}`, figures));
    rows.push(
      line('seed_schedule', seed),
      line('naive_5s', polling.naive_5s),
      line('dashscope_sdk', polling.dashscope_sdk),
      line('callback (generate-task)', polling.callback),
    );
  }
  if (scale) {
    rows.push(
      {
        benchmark: 'scale_1000',
        metric: 'rate_limited_responses',
        value: scale.rate_limited_responses,
        target: '0',
        met: scale.rate_limited_responses === 0,
      },
      {
        benchmark: 'scale_1000',
        metric: 'peak_rss_mb',
        value: scale.peak_rss_mb,
        target: '≤ 150',
        met: atMost(scale.peak_rss_mb, 150),
      },
      { benchmark: 'scale_1000', metric: 'cpu_s while waiting', value: scale.cpu_s },
      {
        benchmark: 'scale_1000',
        metric: 'peak RSS MB: idle wankit / bare fetch burst',
        value: `${scale.idle_rss_mb} / ${scale.raw_burst_peak_rss_mb}`,
      },
      {
        benchmark: 'scale_1000',
        metric: 'succeeded / requests',
        value: `${scale.succeeded} / ${scale.requests}`,
      },
    );
  }
  if (download) {
    rows.push(
      {
        benchmark: 'download',
        metric: 'throughput_ratio_vs_curl',
        value: download.throughput_ratio_vs_curl,
        target: '≥ 0.9',
        met: atLeast(download.throughput_ratio_vs_curl, 0.9),
      },
      {
        benchmark: 'download',
        metric: 'rss_growth_mb',
        value: download.rss_growth_mb,
        target: '≤ 64',
        met: atMost(download.rss_growth_mb, 64),
      },
      { benchmark: 'download', metric: 'naive_rss_growth_mb', value: download.naive_rss_growth_mb },
      {
        benchmark: 'download',
        metric: 'MB/s wankit / curl / curl+fsync / naive',
        value: `${download.median_mb_per_s.wankit} / ${download.median_mb_per_s.curl ?? 'n/a'} / ${download.median_mb_per_s.curl_then_fsync ?? 'n/a'} / ${download.median_mb_per_s.naive}`,
      },
    );
  }
  if (cli) {
    rows.push(
      {
        benchmark: 'cli_startup',
        metric: 'help_ratio_vs_node',
        value: cli.help_ratio_vs_node,
        target: '≤ 3',
        met: atMost(cli.help_ratio_vs_node, 3),
      },
      {
        benchmark: 'cli_startup',
        metric: 'models_ratio_vs_node',
        value: cli.models_ratio_vs_node,
        target: '≤ 3',
        met: atMost(cli.models_ratio_vs_node, 3),
      },
      {
        benchmark: 'cli_startup',
        metric: 'median ms node / help / models',
        value: `${cli.median_ms.node_e_0} / ${cli.median_ms.help} / ${cli.median_ms.models_json}`,
      },
    );
  }
  for (const [name, message] of Object.entries(results.errors ?? {})) {
    rows.push({ benchmark: name, metric: 'error', value: message.slice(0, 100), met: null });
  }
  return rows;
}
