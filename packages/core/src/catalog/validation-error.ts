import type { z } from 'zod';
import { WankitError } from '../errors/wankit-error.js';
import { requestKinds } from '../spec/request.js';

/** Keeps huge values (base64 images, long prompts) out of error messages. */
export function preview(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function boundedValue(value: unknown): unknown {
  return typeof value === 'string' && value.length > 200 ? `${value.slice(0, 200)}...` : value;
}

/** An `invalid_request` error naming the field, the value and what is allowed. */
export function invalidRequest(
  field: string,
  value: unknown,
  allowed: readonly unknown[] | undefined,
  message: string,
): WankitError {
  return new WankitError({ kind: 'invalid_request', message, field, value: boundedValue(value), allowed });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function allowedFor(issue: z.core.$ZodIssue): readonly unknown[] | undefined {
  switch (issue.code) {
    case 'invalid_value':
      return issue.values;
    case 'invalid_union':
      return requestKinds;
    case 'too_big':
      return [`${issue.inclusive === false ? '<' : '<='} ${String(issue.maximum)}`];
    case 'too_small':
      return [`${issue.inclusive === false ? '>' : '>='} ${String(issue.minimum)}`];
    case 'invalid_type':
      return [issue.expected];
    case 'invalid_format':
      return issue.format === 'regex' ? ['WIDTH*HEIGHT, e.g. 1280*720'] : [issue.format];
    default:
      return undefined;
  }
}

/** Turns the first zod issue of a request into a typed error. */
export function errorFromZodIssue(issue: z.core.$ZodIssue, input: unknown): WankitError {
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'request';
  const value = valueAt(input, issue.path);
  const allowed = allowedFor(issue);
  const allowedText = allowed ? `; allowed: ${allowed.map(String).join(', ')}` : '';
  const got = value === undefined ? 'missing' : `got ${preview(value)}`;
  return invalidRequest(field, value, allowed, `${field}: ${issue.message} (${got})${allowedText}`);
}
