/** AIP-193 errors, shaped exactly like the bodies Google's front end returns. */

export type RpcStatus =
  | 'INVALID_ARGUMENT'
  | 'FAILED_PRECONDITION'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'ABORTED'
  | 'RESOURCE_EXHAUSTED'
  | 'INTERNAL'
  | 'UNAVAILABLE';

const HTTP_CODE: Record<RpcStatus, number> = {
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  ABORTED: 409,
  RESOURCE_EXHAUSTED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

export interface ErrorInfo {
  '@type': 'type.googleapis.com/google.rpc.ErrorInfo';
  reason: string;
  domain: string;
  metadata?: Record<string, string>;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: number;
  constructor(
    readonly status: RpcStatus,
    message: string,
    readonly details: ErrorInfo[] = [],
  ) {
    super(message);
    this.code = HTTP_CODE[status];
  }

  /** The response body. Subclasses answer in their API's own error shape (OAuth, Admin SDK). */
  toBody(): { error: unknown } {
    const error = { code: this.code, message: this.message, status: this.status };
    return { error: this.details.length > 0 ? { ...error, details: this.details } : error };
  }
}

/**
 * An error of the OAuth token endpoint (RFC 6749 §5.2): `{"error": "invalid_grant", "error_description": "..."}`,
 * which is what oauth2.googleapis.com/token answers instead of an AIP-193 body.
 */
export class OAuthError extends ApiError {
  constructor(
    httpCode: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(statusForHttpCode(httpCode), description);
  }

  override toBody(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.description };
  }
}

/** One entry of the legacy `errors` array of Admin SDK (and other discovery-era) APIs. */
export interface LegacyErrorItem {
  message: string;
  domain: string;
  reason: string;
  location?: string;
  locationType?: string;
}

/**
 * An Admin SDK Directory error: `{"error": {"code", "message", "errors": [{message, domain, reason}]}}`. Errors
 * raised by Google's front end (credentials, scopes, quota) also carry `status` and, where Google sends them, details.
 */
export class DirectoryError extends ApiError {
  constructor(
    status: RpcStatus,
    message: string,
    readonly items: LegacyErrorItem[],
    readonly frontEnd = false,
    details: ErrorInfo[] = [],
  ) {
    super(status, message, details);
  }

  override toBody(): { error: Record<string, unknown> } {
    const error: Record<string, unknown> = { code: this.code, message: this.message, errors: this.items };
    if (this.frontEnd) error.status = this.status;
    if (this.details.length > 0) error.details = this.details;
    return { error };
  }
}

export function errorInfo(reason: string, metadata?: Record<string, string>): ErrorInfo {
  const info: ErrorInfo = { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: 'googleapis.com' };
  if (metadata) info.metadata = metadata;
  return info;
}

export function statusForHttpCode(code: number): RpcStatus {
  const found = (Object.keys(HTTP_CODE) as RpcStatus[]).find((status) => HTTP_CODE[status] === code);
  if (!found) throw new Error(`No RPC status for HTTP ${code}`);
  return found;
}

export const invalidArgument = (message: string) => new ApiError('INVALID_ARGUMENT', message);
export const notFound = (message: string) => new ApiError('NOT_FOUND', message);
export const permissionDenied = (message = 'The caller does not have permission') =>
  new ApiError('PERMISSION_DENIED', message);
