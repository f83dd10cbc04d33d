// Types of schema-validators.generated.js (written by scripts/generate-schema-validators.mjs).
/**
 * One error of a generated validator, in ajv's shape (declared here so that ajv, which only the
 * build script uses, is not needed for types either). `parentSchema` is there: the code is
 * generated with ajv's `verbose` option (the script leaves out the `schema` and `data` that
 * option also adds, as nothing reads them).
 */
export interface SchemaError {
  readonly keyword: string;
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
  readonly parentSchema?: Record<string, unknown>;
  /** The offending name, for errors under `propertyNames`. */
  readonly propertyName?: string;
}

/** A generated validator: true when valid, else its errors (all of them) in `.errors`. */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

type StateType = 'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';
type QueryLanguage = 'JSONPath' | 'JSONata';

/** The validator of one state type in one query language, e.g. `Task_JSONata`. */
type Validators = { readonly [K in `${StateType}_${QueryLanguage}`]: SchemaValidator };
export declare const Pass_JSONPath: Validators['Pass_JSONPath'];
export declare const Pass_JSONata: Validators['Pass_JSONata'];
export declare const Task_JSONPath: Validators['Task_JSONPath'];
export declare const Task_JSONata: Validators['Task_JSONata'];
export declare const Choice_JSONPath: Validators['Choice_JSONPath'];
export declare const Choice_JSONata: Validators['Choice_JSONata'];
export declare const Wait_JSONPath: Validators['Wait_JSONPath'];
export declare const Wait_JSONata: Validators['Wait_JSONata'];
export declare const Succeed_JSONPath: Validators['Succeed_JSONPath'];
export declare const Succeed_JSONata: Validators['Succeed_JSONata'];
export declare const Fail_JSONPath: Validators['Fail_JSONPath'];
export declare const Fail_JSONata: Validators['Fail_JSONata'];
export declare const Parallel_JSONPath: Validators['Parallel_JSONPath'];
export declare const Parallel_JSONata: Validators['Parallel_JSONata'];
export declare const Map_JSONPath: Validators['Map_JSONPath'];
export declare const Map_JSONata: Validators['Map_JSONata'];

/** Field names the schemas allow, by place. */
export declare const FIELDS: {
  readonly topLevel: readonly string[];
  readonly states: { readonly [T in StateType]: { readonly [L in QueryLanguage]: readonly string[] } };
  readonly jsonpathRule: readonly string[];
  readonly jsonataRule: readonly string[];
  readonly nestedRule: readonly string[];
};
