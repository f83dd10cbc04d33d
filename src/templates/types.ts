/**
 * The public shapes of the template loader: what {@link loadStateMachines} takes and returns.
 */
import type { Diagnostic } from '../definition/diagnostic.js';

/** Values of CloudFormation's pseudo parameters (`AWS::Region`…); each defaults to the runtime's execution context. */
export interface PseudoParameters {
  /** `AWS::Partition`; default the runtime's (`aws`). */
  partition?: string;
  /** `AWS::Region`; default the runtime's (`us-east-1`). */
  region?: string;
  /** `AWS::AccountId`; default the runtime's (`123456789012`). */
  accountId?: string;
  /** `AWS::StackName`; default `asl-runtime-stack`. */
  stackName?: string;
  /** `AWS::URLSuffix`; default `amazonaws.com` (`amazonaws.com.cn` in the `aws-cn` partition). */
  urlSuffix?: string;
}

/** Options of {@link loadStateMachines}. */
export interface LoadOptions {
  /**
   * Values for `${X}` placeholders: DefinitionSubstitutions keys, Fn::Sub variables, Terraform
   * `${var}`s, Serverless `${opt:stage}`-style variables (keyed by their text, `opt:stage`). They
   * win over what the template itself would give.
   */
  substitutions?: Readonly<Record<string, string>>;
  /** CloudFormation Parameters; they override the template's `Default`s. */
  parameters?: Readonly<Record<string, string>>;
  /** Pseudo parameter values. */
  pseudo?: Readonly<PseudoParameters>;
  /** Folder that local definition files (`DefinitionUri`, `DefinitionS3Location`) are relative to when the source is text or an object. Default: the current directory. */
  baseDir?: string;
}

/** A position in a template or definition file; line and column are 1-based (0 when unknown, as for an object source). */
export interface SourcePosition {
  readonly file?: string;
  readonly line: number;
  readonly column: number;
}

/** One state machine found in a template, with its definition resolved to plain JSON data. */
export interface LoadedStateMachine {
  /** The CloudFormation logical ID, or the key under Serverless `stepFunctions.stateMachines`. */
  readonly id: string;
  /** `StateMachineName` (CloudFormation), `Name` (SAM) or `name` (Serverless), when given. */
  readonly name?: string;
  /** `StateMachineType` / `Type` / `type`; STANDARD when not given. */
  readonly type: 'STANDARD' | 'EXPRESS';
  /** The ASL definition with every intrinsic and placeholder the loader could fill filled in. */
  readonly definition: object;
  /** Where the state machine is declared. */
  readonly source: SourcePosition;
  /**
   * What the loader could not resolve (placeholders left as `${X}`, S3 locations, unreadable
   * definition files). Same shape as `validate()`'s; `path` points into `definition`, and
   * `line`/`column` are given when that place is in the template file itself.
   */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Maps a path inside `definition` (a diagnostic's `path`) to where it is written: in the
   * template for an inline `Definition`, in the definition file for `DefinitionUri`, and the
   * property itself for a `DefinitionString`.
   */
  locate(path: readonly (string | number)[]): SourcePosition;
}
