import { type ErrorHint, problemText, type WankitError } from '@wankit/core';

/**
 * Core's neutral remedies in the CLI's own words: the flags, variables and config keys of `wankit`, never
 * the library's option names (core puts those in `message`).
 */
export function cliHintText(hint: ErrorHint): string {
  switch (hint.option) {
    case 'apiKey':
      return 'give the key through WANKIT_API_KEY, --api-key-env NAME, or "apiKeyEnv" in the config file';
    case 'baseUrl':
      return hint.value
        ? `pass --base-url ${hint.value}`
        : 'pass --base-url URL (or set WANKIT_BASE_URL, or "baseUrl" in the config file)';
    case 'allowInsecureHttp':
      return 'use https: or a loopback address, or pass --allow-insecure-http';
    case 'overwrite':
      return 'pass --overwrite to replace it';
    case 'acceptRefsFromOtherBaseUrls':
      return `pass --base-url ${hint.value ?? 'URL'} (with the key for it) to poll it there`;
    case 'waitForLock':
      return 'wait for it to finish, or re-run with --wait';
    case 'repairJournal':
      return 're-run with --repair to keep every readable record (the original is kept beside it; tasks named in damaged lines are marked uncertain)';
    case 'downloadDir':
      return 'pass --out DIR';
  }
}

/** An error's message as the CLI says it: the problem, then the remedy in flag names. */
export function cliMessage(error: WankitError): string {
  if (!error.hint) return error.message;
  return `${problemText(error)}; ${cliHintText(error.hint)}`;
}
