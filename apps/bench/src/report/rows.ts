import { formatSpread, type Spread } from '../stats/summary.js';
import type { Results } from './results.js';
import { atLeast, atMost, type Row } from './table.js';

const withSpread = (value: Spread | undefined) => formatSpread(value);

/** The table: every target with its verdict, then the context figures. */
export function resultRows(results: Results): Row[] {
  const rows: Row[] = [];
  const { status, lifecycle, polling, scale_1000: scale, download, cli_startup: cli, fleet } = results;
  if (status) {
    const { vs_fetch: fetchWorst, vs_ky: kyWorst } = status.worst;
    rows.push(
      {
        benchmark: 'status',
        metric: `client.status() ÷ bare fetch loop, worst (${fetchWorst.at})`,
        value: withSpread(fetchWorst.spread),
        target: '≤ 1.3',
        met: atMost(fetchWorst.value, 1.3),
      },
      {
        benchmark: 'status',
        metric: `client.status() ÷ ky on the same transport, worst (${kyWorst.at})`,
        value: withSpread(kyWorst.spread),
        target: '≤ 1.15',
        met: atMost(kyWorst.value, 1.15),
      },
    );
    for (const [id, byMode] of Object.entries(status.per_adapter)) {
      for (const [mode, f] of Object.entries(byMode)) {
        rows.push({
          benchmark: 'status',
          metric: `${id} ${mode}: wall / cpu ÷ fetch; wall / cpu ÷ ky; µs cpu fetch/ky/wankit`,
          value: `${f.wall_vs_fetch.median} / ${f.cpu_vs_fetch.median}; ${f.wall_vs_ky.median} / ${f.cpu_vs_ky.median}; ${f.us_per_call.fetch.cpu}/${f.us_per_call.ky.cpu}/${f.us_per_call.wankit.cpu}`,
        });
      }
    }
  }
  if (lifecycle) {
    rows.push(
      {
        benchmark: 'lifecycle',
        metric: `create+wait wall ÷ hand-written loop (worst: ${lifecycle.worst_adapter.wall})`,
        value: withSpread(lifecycle.per_adapter[lifecycle.worst_adapter.wall].wall_spread),
        target: '≤ 1.3',
        met: atMost(lifecycle.wall_ratio, 1.3),
      },
      {
        benchmark: 'lifecycle',
        metric: `create+wait cpu ÷ hand-written loop (worst: ${lifecycle.worst_adapter.cpu})`,
        value: withSpread(lifecycle.per_adapter[lifecycle.worst_adapter.cpu].cpu_spread),
        target: '≤ 1.3',
        met: atMost(lifecycle.cpu_ratio, 1.3),
      },
    );
    for (const [id, figures] of Object.entries(lifecycle.per_adapter)) {
      rows.push({
        benchmark: 'lifecycle',
        metric: `${id}: wall / cpu ratio, wankit s vs raw s, requests/task`,
        value: `${figures.wall_ratio} / ${figures.cpu_ratio}, ${figures.wankit_wall_s} vs ${figures.raw_wall_s}, ${figures.wankit_requests_per_task} vs ${figures.raw_requests_per_task}`,
      });
    }
  }
  if (polling) {
    for (const [label, c] of [
      ['with progress', polling.with_progress],
      ['without progress', polling.without_progress],
    ] as const) {
      rows.push(
        {
          benchmark: 'polling',
          metric: `${c.adapter} (${label}): reads/task ÷ tier-aware 5 s grid (${c.wankit.polls_per_task} vs ${c.grid.polls_per_task})`,
          value: c.reads_ratio,
          target: '≤ 0.8',
          met: atMost(c.reads_ratio, 0.8),
        },
        {
          benchmark: 'polling',
          metric: `${c.adapter} (${label}): notice delay p95 s (grid's)`,
          value: `${c.wankit.latency_p95_s} (${c.grid.latency_p95_s})`,
          target: '≤ grid',
          met: atMost(c.wankit.latency_p95_s, c.grid.latency_p95_s),
        },
      );
    }
    const line = (name: string, f: (typeof polling.context)['callback']) => ({
      benchmark: 'polling',
      metric: `${name}: reads/task, notice mean / p95 s`,
      value: `${f.polls_per_task}, ${f.latency_mean_s} / ${f.latency_p95_s}`,
    });
    rows.push(
      line('wankit native on the old linear curve', polling.context.wankit_native_linear),
      line('wankit v2', polling.context.wankit_v2),
      line('seed schedule (50 s, then every 5 s)', polling.context.seed_schedule),
      line('naive_5s', polling.context.naive_5s),
      line('dashscope_sdk', polling.context.dashscope_sdk),
      line('callback (generate-task)', polling.context.callback),
    );
  }
  if (scale) {
    rows.push(
      {
        benchmark: 'scale_1000',
        metric: 'rate_limited_responses (wankit)',
        value: scale.rate_limited_responses,
        target: '0',
        met: scale.rate_limited_responses === 0,
      },
      {
        benchmark: 'scale_1000',
        metric: `peak RSS ÷ raw fetch client, same cap/pacing/polling (${scale.peak_rss_mb} vs ${scale.raw.peak_rss_mb} MB)`,
        value: withSpread(scale.rss_ratio_spread),
        target: '≤ 1.1',
        met: atMost(scale.rss_ratio, 1.1),
      },
      {
        benchmark: 'scale_1000',
        metric: 'cpu s while waiting: wankit / raw (whole run)',
        value: `${scale.cpu_s} / ${scale.raw.cpu_s}`,
      },
      {
        benchmark: 'scale_1000',
        metric: 'idle RSS MB wankit / raw; requests wankit / raw; raw 429s',
        value: `${scale.idle_rss_mb} / ${scale.raw.idle_rss_mb}; ${scale.requests} / ${scale.raw.requests}; ${scale.raw.rate_limited}`,
      },
      {
        benchmark: 'scale_1000',
        metric: 'succeeded wankit / raw',
        value: `${scale.succeeded} / ${scale.raw.succeeded}`,
      },
    );
  }
  if (download) {
    rows.push(
      {
        benchmark: 'download',
        metric: '256 MB with sha256 + fsync: throughput ÷ curl -o then fsync',
        value: withSpread(download.throughput_ratio_vs_curl_fsync_spread),
        target: '≥ 1.0',
        met: atLeast(download.throughput_ratio_vs_curl_fsync, 1),
      },
      {
        benchmark: 'download',
        metric: 'rss_growth_mb (worst round)',
        value: download.rss_growth_mb,
        target: '≤ 48',
        met: atMost(download.rss_growth_mb, 48),
      },
      {
        benchmark: 'download',
        metric: 'throughput ÷ plain curl -o (no fsync); naive arrayBuffer RSS growth MB',
        value: `${download.throughput_ratio_vs_curl}; ${download.naive_rss_growth_mb}`,
      },
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
        metric: '`wankit --help` wall ÷ `node -e 0` (ratio of medians; per-run range)',
        value: `${cli.help_ratio_vs_node} (${cli.help_spread?.min ?? 'n/a'}–${cli.help_spread?.max ?? 'n/a'})`,
        target: '≤ 1.5',
        met: atMost(cli.help_ratio_vs_node, 1.5),
      },
      {
        benchmark: 'cli_startup',
        metric: '`wankit models --json` wall ÷ `node -e 0`',
        value: `${cli.models_ratio_vs_node} (${cli.models_spread?.min ?? 'n/a'}–${cli.models_spread?.max ?? 'n/a'})`,
        target: '≤ 1.5',
        met: atMost(cli.models_ratio_vs_node, 1.5),
      },
      {
        benchmark: 'cli_startup',
        metric: 'median ms node / help / models',
        value: `${cli.median_ms.node_e_0} / ${cli.median_ms.help} / ${cli.median_ms.models_json}`,
      },
    );
  }
  if (fleet) {
    for (const run of fleet.runs) {
      rows.push({
        benchmark: 'fleet',
        metric: `${run.workers} worker(s): tasks/min (limit allows) · 429s · db round trips/task`,
        value: `${run.tasks_per_min} (${run.limit_tasks_per_min}) · ${run.rate_limited} · ${run.db_round_trips_per_task}`,
      });
    }
    const rateLimited = fleet.runs.reduce((sum, run) => sum + run.rate_limited, 0);
    rows.push({
      benchmark: 'fleet',
      metric: `rate_limited_responses (${fleet.rpm_limit} rpm account, ${fleet.lines} tasks a run)`,
      value: rateLimited,
      target: '0',
      met: rateLimited === 0,
    });
  }
  for (const [name, message] of Object.entries(results.errors ?? {})) {
    rows.push({ benchmark: name, metric: 'error', value: message.slice(0, 100), met: null });
  }
  return rows;
}
