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

/** What a schema type means to a person: `int` is "a whole number", not a type name. */
const typeWords: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a JSON object',
  record: 'an object of names and values',
  array: 'a list',
};
const typeWord = (type: string): string => typeWords[type] ?? type;

/** A value as the user wrote it: text quoted, anything else as JSON, long values cut. */
function shown(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  return preview(value);
}

/** "text (\"10\")", "null", "a list": what was given instead, for type mismatches. */
function given(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `text (${shown(value)})`;
  if (typeof value === 'number') return Number.isInteger(value) ? `the number ${value}` : `${value}`;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') return 'an object';
  return typeof value;
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
      return issue.origin === 'string' && Number(issue.minimum) === 1
        ? ['non-empty text']
        : [`${issue.inclusive === false ? '>' : '>='} ${String(issue.minimum)}`];
    case 'invalid_type':
      return [typeWord(issue.expected)];
    case 'invalid_format':
      return issue.format === 'regex' ? ['WIDTH*HEIGHT, e.g. 1280*720'] : [issue.format];
    default:
      return undefined;
  }
}

// zod's own phrases ("Invalid input: expected …", "Too small: …") are for developers; a custom message given
// in a schema (e.g. the size format) is already written for people.
const zodPhrase = /^(Invalid|Too (small|big)|Expected|Unrecognized)/;

/** One sentence a person can act on: the field, what was given, what is wanted. Never `(got )`. */
function describeIssue(issue: z.core.$ZodIssue, field: string, value: unknown): string {
  const missing = value === undefined;
  const empty = value === '';
  switch (issue.code) {
    case 'invalid_value':
    case 'invalid_union': {
      const choices = (allowedFor(issue) ?? []).map(String).join(', ');
      if (missing) return `${field} is required; choose ${choices}`;
      if (empty) return `${field} is empty; choose ${choices}`;
      return `${field} ${shown(value)} is not one of ${choices}`;
    }
    case 'invalid_type':
      if (missing) return `${field} is required`;
      return `${field} must be ${typeWord(issue.expected)}, not ${given(value)}`;
    case 'too_small': {
      if (issue.origin === 'string') {
        return empty || Number(issue.minimum) <= 1
          ? `${field} is empty`
          : `${field} must have at least ${String(issue.minimum)} characters`;
      }
      const bound = `${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}`;
      return `${field} must be ${bound}, not ${shown(value)}`;
    }
    case 'too_big': {
      const bound = `${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}`;
      return issue.origin === 'string'
        ? `${field} must have ${bound} characters`
        : `${field} must be ${bound}, not ${shown(value)}`;
    }
    case 'invalid_format': {
      const form = issue.format === 'regex' ? 'WIDTH*HEIGHT, e.g. 1280*720' : issue.format;
      if (empty) return `${field} is empty; write it as ${form}`;
      return `${field} ${shown(value)} is not written as ${form}`;
    }
    default:
      break;
  }
  const text = zodPhrase.test(issue.message) ? `${field} is not valid` : issue.message;
  if (missing) return `${field} is required; ${text}`;
  if (empty) return `${field} is empty; ${text}`;
  return `${text} (${field} is ${shown(value)})`;
}

/** Turns the first zod issue of a request into a typed error. */
export function errorFromZodIssue(issue: z.core.$ZodIssue, input: unknown): WankitError {
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'request';
  const value = valueAt(input, issue.path);
  const allowed = allowedFor(issue);
  const message =
    field === 'request' && issue.code === 'invalid_type'
      ? `a request must be a JSON object with kind, model and prompt, not ${given(value)}`
      : describeIssue(issue, field, value);
  return invalidRequest(field, value, allowed, message);
}
