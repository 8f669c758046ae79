// Turning API errors into something a person can act on: field errors under the right input,
// everything else as one message for the form or a notification.
import { notifications } from '@mantine/notifications';
import { ApiError } from '../api/client.ts';

export const GENERIC_ERROR =
  'Something went wrong. Try again, and if it keeps happening tell whoever runs Warmpath.';

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429 && error.retryAfter) {
      return `${error.message} (try again in ${error.retryAfter} s)`;
    }
    return error.message || GENERIC_ERROR;
  }
  return GENERIC_ERROR;
}

/** `body.email` -> `email`; the server prefixes paths with the part of the request they came from. */
export function fieldFromPath(path: string): string {
  return path.replace(/^(body|query|params|querystring)\./, '');
}

export type SplitErrors = {
  fieldErrors: Record<string, string>;
  /** A message for the form as a whole, or null when every problem sits under a field. */
  formError: string | null;
};

export function splitServerErrors(error: unknown, fields: readonly string[]): SplitErrors {
  const fieldErrors: Record<string, string> = {};
  let unmatched = false;
  if (error instanceof ApiError && error.details.length > 0) {
    for (const detail of error.details) {
      const field = fieldFromPath(detail.path);
      if (fields.includes(field)) {
        fieldErrors[field] ??= detail.message;
      } else {
        unmatched = true;
      }
    }
  }
  const hasFieldErrors = Object.keys(fieldErrors).length > 0;
  return { fieldErrors, formError: hasFieldErrors && !unmatched ? null : errorMessage(error) };
}

type FormLike = { setErrors: (errors: Record<string, string>) => void };

/** Puts server errors on the form; returns the form-level message to show, if any. */
export function applyServerErrors(form: FormLike, error: unknown, fields: readonly string[]): string | null {
  const { fieldErrors, formError } = splitServerErrors(error, fields);
  form.setErrors(fieldErrors);
  return formError;
}

export function notifyError(error: unknown, title = 'That did not work') {
  notifications.show({ color: 'red', title, message: errorMessage(error), autoClose: 8000 });
}

export function notifySuccess(message: string, title?: string) {
  notifications.show({ color: 'teal', title, message });
}
