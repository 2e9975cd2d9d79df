import type { TaskStatus } from '@wankit/core';
import type { components } from './generated/generate-task-wire.js';

type TaskState = components['schemas']['TaskState'];

/** The provider's state words → neutral statuses (wire-formats §3.6). There is no canceled state. */
export const generateTaskStatusTable: Readonly<Record<TaskState, TaskStatus>> = {
  pending: 'queued',
  processing: 'running',
  success: 'succeeded',
  failed: 'failed',
};

/** Case- and whitespace-tolerant; a word outside the table is `unknown`, never an exception. */
export function toNeutralStatus(state: string): TaskStatus {
  const key = state.trim().toLowerCase();
  return Object.hasOwn(generateTaskStatusTable, key) ? generateTaskStatusTable[key as TaskState] : 'unknown';
}
