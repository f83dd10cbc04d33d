/**
 * The AWS JSON 1.0 protocol as Step Functions speaks it: `POST /` with
 * `X-Amz-Target: AWSStepFunctions.<Action>`, JSON bodies of type `application/x-amz-json-1.0`,
 * timestamps as epoch seconds, and errors as HTTP 400 with `{ "__type", "message" }`.
 */

/** The content type of every request and response body. */
export const CONTENT_TYPE = 'application/x-amz-json-1.0';
/** The target prefix of Step Functions actions (`AWSStepFunctions.StartExecution`). */
export const TARGET_PREFIX = 'AWSStepFunctions.';

/**
 * An error the API returns, named as Step Functions names it (`StateMachineDoesNotExist`,
 * `ExecutionDoesNotExist`, `InvalidToken`, `ValidationException`, …).
 */
export class ApiError extends Error {
  constructor(
    /** AWS's exception name; the SDKs expose it as `error.name`. */
    override readonly name: string,
    message: string,
    /** HTTP status: 400 for client errors (all of Step Functions' modelled errors), 500 otherwise. */
    readonly status = 400,
  ) {
    super(message);
  }
}

/** A request member failed AWS's constraints (the SDKs' `ValidationException`). */
export function validationError(message: string): ApiError {
  return new ApiError('ValidationException', message);
}

/** The JSON body of an error, as botocore and the AWS SDK for JavaScript parse it. */
export function errorBody(e: ApiError): string {
  return JSON.stringify({ __type: `com.amazonaws.states#${e.name}`, message: e.message });
}

/** A time in the protocol's timestamp format: epoch seconds, milliseconds as the fraction. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}
