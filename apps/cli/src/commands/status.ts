import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { formatCost, progressText } from '../output/format.js';
import type { CommandContext } from '../run-action.js';
import { attach } from '../runtime/attach.js';

/** `wankit status <task>`: one status read, printed. Exit 0 whatever the task's state (it is data). */
export async function run(context: CommandContext): Promise<ExitCodeValue> {
  const { io } = context;
  const { ref, connection } = await attach(context);
  try {
    const snapshot = await connection.client.status(ref);
    if (io.json) {
      const { raw: _raw, ...rest } = snapshot;
      io.printJson({ ok: true, exitCode: 0, ...rest });
      return ExitCode.ok;
    }
    const started = Date.parse(ref.submittedAt);
    const elapsed = Number.isNaN(started) ? 0 : (Date.now() - started) / 1000;
    io.out(`${ref.taskId}  ${progressText(snapshot, elapsed, undefined)}`);
    io.out(`  provider: ${ref.adapter}  model: ${ref.model} (${ref.providerModel})`);
    for (const output of snapshot.outputs) {
      io.out(`  ${output.kind}: ${output.url}${output.expiresAt ? ` (expires ${output.expiresAt})` : ''}`);
    }
    const cost = formatCost(snapshot);
    if (cost) io.out(`  cost: ${cost}`);
    if (snapshot.error) io.out(`  error: [${snapshot.error.kind}] ${snapshot.error.message}`);
    return ExitCode.ok;
  } finally {
    await connection.close();
  }
}
