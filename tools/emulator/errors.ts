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

  toBody(): { error: { code: number; message: string; status: RpcStatus; details?: ErrorInfo[] } } {
    const error = { code: this.code, message: this.message, status: this.status };
    return { error: this.details.length > 0 ? { ...error, details: this.details } : error };
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
