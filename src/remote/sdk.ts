/**
 * The AWS SDK for JavaScript v3 Step Functions client, loaded on first use: it is an optional
 * peer dependency that only `asl-runtime/remote` needs.
 */
import { AslUsageError } from '../errors.js';

/** What RemoteStateMachine needs of an `SFNClient` (any object with its `send`). */
export interface SfnClientLike {
  send(command: any): Promise<any>;
}

type Sdk = typeof import('@aws-sdk/client-sfn');
let loading: Promise<Sdk> | undefined;
/** A variable, not a literal, so bundlers leave the SDK out of dist and Node resolves the user's copy. */
const SDK_MODULE = '@aws-sdk/client-sfn';

/** The `@aws-sdk/client-sfn` module. @throws AslUsageError when it is not installed. */
export function sdk(): Promise<Sdk> {
  loading ??= (import(SDK_MODULE) as Promise<Sdk>).catch((e: unknown) => {
    loading = undefined;
    throw new AslUsageError(
      `asl-runtime/remote needs @aws-sdk/client-sfn (npm install --save-dev @aws-sdk/client-sfn): ${e instanceof Error ? e.message : String(e)}`,
    );
  });
  return loading;
}
